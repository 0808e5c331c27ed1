import { desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { BreakGlassAccess } from '../../../src-shared/contract/notes';
import { cases } from '../store/schema/cases';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { breakGlassAccesses } from '../store/schema/access';
import { requireRow } from '../store/require-row';

type AccessRow = typeof breakGlassAccesses.$inferSelect;

function toAccesses(db: Db, rows: readonly AccessRow[]): BreakGlassAccess[] {
  const accountIds = [...new Set(rows.flatMap((r) => [r.accountId, r.reviewedBy]).filter((id): id is string => !!id))];
  const studentIds = [...new Set(rows.map((r) => r.studentId))];
  const caseIds = [...new Set(rows.filter((r) => r.entity === 'cases').map((r) => r.entityId))];
  const people = new Map(
    (accountIds.length
      ? db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, accountIds)).all()
      : []
    ).map((a) => [a.id, a]),
  );
  const who = new Map(
    (studentIds.length
      ? db.select({ id: students.id, studentNo: students.studentNo, name: students.name }).from(students).where(inArray(students.id, studentIds)).all()
      : []
    ).map((s) => [s.id, s]),
  );
  const caseNos = new Map(
    (caseIds.length ? db.select({ id: cases.id, caseNo: cases.caseNo }).from(cases).where(inArray(cases.id, caseIds)).all() : []).map((c) => [c.id, c.caseNo]),
  );
  const person = (id: string) => people.get(id) ?? { id, displayName: id };
  return rows.map((row) => ({
    id: row.id,
    account: person(row.accountId),
    student: who.get(row.studentId) ?? { id: row.studentId, studentNo: '', name: '' },
    caseId: row.entityId,
    caseNo: caseNos.get(row.entityId) ?? null,
    viewed: row.entity,
    reason: row.reason,
    accessedAt: row.accessedAt,
    review: row.review,
    reviewedBy: row.reviewedBy ? person(row.reviewedBy) : null,
    reviewedAt: row.reviewedAt,
    reviewNote: row.reviewNote,
  }));
}

export function breakGlassQueue(db: Db, status: 'pending' | 'all'): BreakGlassAccess[] {
  const query = db.select().from(breakGlassAccesses);
  const rows = (status === 'pending' ? query.where(eq(breakGlassAccesses.review, 'pending')) : query).orderBy(desc(breakGlassAccesses.accessedAt)).all();
  return toAccesses(db, rows);
}

/** The director's verdict on one access; given once (a second review is refused). */
export function reviewBreakGlass(tx: WriteContext, input: { id: string; review: 'justified' | 'unjustified'; note?: string }, at: string): BreakGlassAccess {
  const row = requireRow(tx.db, 'breakGlass', input.id);
  if (row.review !== 'pending') throw new AppError('CONFLICT', { reason: 'breakGlassAlreadyReviewed' });
  const updated = tx.update(
    breakGlassAccesses,
    row.id,
    { review: input.review, reviewedBy: tx.actor.accountId, reviewedAt: at, reviewNote: input.note?.trim() || null, updatedAt: at },
    { action: 'review', details: { review: input.review, accountId: row.accountId } },
  );
  return toAccesses(tx.db, [updated])[0];
}
