import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { CLINICAL, type Role, isDirector } from '../../../src-shared/permissions';
import { accounts } from '../store/schema/kernel';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { breakGlassAccesses } from '../store/schema/access';

/** How long one stated reason opens a case for the same person (then they are asked again). */
export const BREAK_GLASS_HOURS = 8;
export const BREAK_GLASS_REASON_MIN = 4;

/** Why someone may read a case's clinical content without break-glass. */
export type CaseRelation = 'director' | 'assigned' | 'author' | 'supervisor';

export interface CaseRef {
  id: string;
  studentId: string;
  counselorId: string;
}

/**
 * Clinical content of a case (intake, notes, closing summary) is for the assigned counselor,
 * that counselor's supervisor and the director. `authorIds` lets the author of a note keep
 * reading what they wrote after the case moved to someone else.
 */
export function caseRelation(db: Db, session: Session, kase: CaseRef, authorIds: readonly string[] = []): CaseRelation | null {
  if (isDirector(session.roles)) return 'director';
  if (kase.counselorId === session.accountId) return 'assigned';
  if (authorIds.includes(session.accountId)) return 'author';
  if (session.roles.includes('supervisor')) {
    const supervised = [kase.counselorId, ...authorIds];
    for (const id of supervised) {
      const row = db.select({ supervisorId: accounts.supervisorId }).from(accounts).where(eq(accounts.id, id)).get();
      if (row?.supervisorId === session.accountId) return 'supervisor';
    }
  }
  return null;
}

function isClinical(roles: readonly Role[]): boolean {
  return roles.some((role) => (CLINICAL as readonly Role[]).includes(role));
}

/** A break-glass this person stated for this case within the last BREAK_GLASS_HOURS. */
function recentBreakGlass(db: Db, session: Session, caseId: string, now: Date) {
  const since = new Date(now.getTime() - BREAK_GLASS_HOURS * 3600_000).toISOString();
  return db
    .select({ id: breakGlassAccesses.id })
    .from(breakGlassAccesses)
    .where(
      and(
        eq(breakGlassAccesses.accountId, session.accountId),
        eq(breakGlassAccesses.entity, 'cases'),
        eq(breakGlassAccesses.entityId, caseId),
        gte(breakGlassAccesses.accessedAt, since),
      ),
    )
    .orderBy(desc(breakGlassAccesses.accessedAt))
    .get();
}

export interface CaseContentAccess {
  relation: CaseRelation | 'break_glass';
  breakGlassId: string | null;
}

/**
 * The one gate for reading a case's clinical content, and the audit of that read. Outside the
 * relations above, a clinician must state a reason (break-glass): the access is recorded for the
 * director's review and the content opens; without a reason the answer is FORBIDDEN with
 * `breakGlassRequired`, which the renderer turns into the reason dialog. Non-clinical roles
 * never get in (their channels are refused before reaching here).
 *
 * `what` names the record viewed (entity and id) for the audit event.
 */
export function openCaseContent(
  store: OpenStore,
  session: Session,
  kase: CaseRef,
  what: { entity: string; entityId: string },
  options: { breakGlassReason?: string | null; authorIds?: readonly string[]; now: Date },
): CaseContentAccess {
  const relation = caseRelation(store.db, session, kase, options.authorIds);
  const actor = { accountId: session.accountId };
  const at = options.now.toISOString();
  if (relation) {
    store.uow.run(actor, (tx) => tx.record('view', what.entity, what.entityId, { caseId: kase.id, relation }));
    return { relation, breakGlassId: null };
  }
  if (!isClinical(session.roles)) throw new AppError('FORBIDDEN', { reason: 'notAssigned' });
  const recent = recentBreakGlass(store.db, session, kase.id, options.now);
  if (recent) {
    store.uow.run(actor, (tx) => tx.record('view', what.entity, what.entityId, { caseId: kase.id, relation: 'break_glass', breakGlassId: recent.id }));
    return { relation: 'break_glass', breakGlassId: recent.id };
  }
  const reason = options.breakGlassReason?.trim() ?? '';
  if (reason.length < BREAK_GLASS_REASON_MIN) throw new AppError('FORBIDDEN', { reason: 'breakGlassRequired', caseId: kase.id });
  const id = randomUUID();
  store.uow.run(actor, (tx) => {
    tx.insert(
      breakGlassAccesses,
      {
        id,
        accountId: session.accountId,
        studentId: kase.studentId,
        entity: 'cases',
        entityId: kase.id,
        reason,
        accessedAt: at,
        review: 'pending',
        createdAt: at,
        updatedAt: at,
      },
      { action: 'break_glass', details: { caseId: kase.id, viewed: what.entity } },
    );
    tx.record('view', what.entity, what.entityId, { caseId: kase.id, relation: 'break_glass', breakGlassId: id });
  });
  return { relation: 'break_glass', breakGlassId: id };
}
