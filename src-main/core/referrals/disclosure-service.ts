import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Disclosure } from '../../../src-shared/contract/referrals';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { auditedViews, checkedLinks, recordViews, type ListFilter } from './links';
import { assertNotFuture } from './notification-service';
import { disclosures } from '../store/schema/referrals';
import { requireRow } from '../store/require-row';

type DisclosureRow = typeof disclosures.$inferSelect;
type Trigger = DisclosureRow['trigger'];

function toDisclosures(db: Db, rows: DisclosureRow[]): Disclosure[] {
  const views = recordViews(db, rows, (r) => [r.disclosedBy, r.approverId]);
  return rows.map((row) => ({
    ...views.base(row),
    trigger: row.trigger,
    basis: row.basis,
    recipients: row.recipients,
    shared: row.shared,
    disclosedAt: row.disclosedAt,
    disclosedBy: views.person(row.disclosedBy),
    status: row.status,
    final: row.status === 'approved',
    approver: views.person(row.approverId),
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt,
  }));
}

function audited(store: OpenStore, session: Session, rows: DisclosureRow[]): Disclosure[] {
  return auditedViews(store, session, 'disclosures', rows, toDisclosures);
}

/**
 * 保密例外: recorded by whoever disclosed, pending until the director decides. Audit details
 * name the trigger and how many recipients, never what was shared.
 */
export function createDisclosure(
  store: OpenStore,
  session: Session,
  input: {
    studentId: string;
    eventId?: string | null;
    caseId?: string | null;
    trigger: Trigger;
    basis: string;
    recipients: string[];
    shared: string;
    disclosedAt: string;
  },
  now: Date,
): Disclosure {
  const links = checkedLinks(store.db, input);
  const disclosedAt = assertNotFuture(input.disclosedAt, now, 'disclosureInFuture');
  const recipients = [...new Set(input.recipients.map((r) => r.trim()))];
  const at = now.toISOString();
  const row = store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.insert(
      disclosures,
      {
        id: randomUUID(),
        ...links,
        trigger: input.trigger,
        basis: input.basis,
        recipients,
        shared: input.shared,
        disclosedAt,
        disclosedBy: session.accountId,
        status: 'pending_approval',
        approverId: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: at,
        updatedAt: at,
      },
      { details: { studentId: links.studentId, eventId: links.eventId, caseId: links.caseId, trigger: input.trigger, recipientCount: recipients.length } },
    ),
  );
  return toDisclosures(store.db, [row])[0];
}

/** The director's decision, once: approval makes the record final and is audited as `disclose`. */
export function decideDisclosure(
  store: OpenStore,
  session: Session,
  input: { id: string; decision: 'approve' | 'reject'; note?: string },
  now: Date,
): Disclosure {
  const row = requireRow(store.db, 'disclosure', input.id);
  if (row.status !== 'pending_approval') throw new AppError('CONFLICT', { reason: 'disclosureNotPending' });
  const at = now.toISOString();
  const approve = input.decision === 'approve';
  const updated = store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.update(
      disclosures,
      row.id,
      { status: approve ? 'approved' : 'rejected', approverId: session.accountId, decidedAt: at, decisionNote: input.note?.trim() || null, updatedAt: at },
      {
        action: approve ? 'disclose' : 'reject-disclosure',
        details: { studentId: row.studentId, trigger: row.trigger, recipientCount: row.recipients.length },
      },
    ),
  );
  return toDisclosures(store.db, [updated])[0];
}

export function listDisclosures(store: OpenStore, session: Session, filter: ListFilter): Disclosure[] {
  const where = filter.eventId
    ? eq(disclosures.eventId, filter.eventId)
    : filter.caseId
      ? eq(disclosures.caseId, filter.caseId)
      : eq(disclosures.studentId, filter.studentId!);
  return audited(store, session, store.db.select().from(disclosures).where(where).orderBy(desc(disclosures.disclosedAt), desc(disclosures.createdAt)).all());
}

export function pendingDisclosures(store: OpenStore, session: Session): Disclosure[] {
  return audited(
    store,
    session,
    store.db.select().from(disclosures).where(eq(disclosures.status, 'pending_approval')).orderBy(asc(disclosures.createdAt)).all(),
  );
}
