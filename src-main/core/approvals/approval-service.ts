import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { displayNames, person } from '../accounts/account-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { approvalRequests } from '../store/schema/approvals';

export type ApprovalRow = typeof approvalRequests.$inferSelect;
export type ApprovalKind = ApprovalRow['kind'];

/** A request as the modules show it on their records (who asked, when, why; who decided). */
export interface ApprovalView {
  id: string;
  kind: ApprovalKind;
  subjectId: string;
  studentId: string;
  status: ApprovalRow['status'];
  reason: string;
  payload: Record<string, unknown>;
  requestedBy: { id: string; displayName: string } | null;
  requestedAt: string;
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** Ask for approval; a second request while one waits for the same record is a conflict. */
export function requestApproval(
  tx: WriteContext,
  input: { kind: ApprovalKind; subjectId: string; studentId: string; payload: Record<string, unknown>; reason: string },
  at: string,
): ApprovalRow {
  const waiting = pendingApproval(tx.db, input.kind, input.subjectId);
  if (waiting) throw new AppError('CONFLICT', { reason: 'approvalAlreadyPending', requestId: waiting.id });
  return tx.insert(
    approvalRequests,
    { id: randomUUID(), ...input, status: 'pending', requestedBy: tx.actor.accountId, requestedAt: at },
    // The reason is clinical; the audit keeps what kind of step was asked for.
    { action: 'request', details: { kind: input.kind, subjectId: input.subjectId } },
  );
}

/** A step the approver takes themselves: kept as a request they approved, with their reason. */
export function recordSelfApproved(
  tx: WriteContext,
  input: { kind: ApprovalKind; subjectId: string; studentId: string; payload: Record<string, unknown>; reason: string },
  at: string,
): ApprovalRow {
  return tx.insert(
    approvalRequests,
    {
      id: randomUUID(),
      ...input,
      status: 'approved',
      requestedBy: tx.actor.accountId,
      requestedAt: at,
      decidedBy: tx.actor.accountId,
      decidedAt: at,
      decisionNote: input.reason,
    },
    { action: 'approve', details: { kind: input.kind, subjectId: input.subjectId, self: true } },
  );
}

export function pendingApproval(db: Db, kind: ApprovalKind, subjectId: string): ApprovalRow | undefined {
  return db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.kind, kind), eq(approvalRequests.subjectId, subjectId), eq(approvalRequests.status, 'pending')))
    .get();
}

export function requirePendingApproval(db: Db, id: string, kind: ApprovalKind): ApprovalRow {
  const row = db.select().from(approvalRequests).where(eq(approvalRequests.id, id)).get();
  if (!row || row.kind !== kind) throw new AppError('NOT_FOUND', { reason: 'approvalNotFound' });
  if (row.status !== 'pending') throw new AppError('CONFLICT', { reason: 'approvalAlreadyDecided', status: row.status });
  return row;
}

/**
 * Decide a pending request. Approving runs `carryOut` in the same transaction first: when the step
 * is refused now (the student's situation changed since the request), nothing is decided.
 */
export function decideApproval<T>(
  tx: WriteContext,
  row: ApprovalRow,
  decision: { approve: boolean; note?: string | null },
  at: string,
  carryOut: () => T,
): T | null {
  const result = decision.approve ? carryOut() : null;
  tx.update(
    approvalRequests,
    row.id,
    { status: decision.approve ? 'approved' : 'rejected', decidedBy: tx.actor.accountId, decidedAt: at, decisionNote: decision.note?.trim() || null },
    { action: decision.approve ? 'approve' : 'reject', details: { kind: row.kind, subjectId: row.subjectId } },
  );
  return result;
}

export function approvalViews(
  db: Db,
  filter: { kind?: ApprovalKind; subjectIds?: string[]; status?: ApprovalRow['status']; requestedBy?: string[] },
): ApprovalView[] {
  if (filter.subjectIds && filter.subjectIds.length === 0) return [];
  if (filter.requestedBy && filter.requestedBy.length === 0) return [];
  const rows = db
    .select()
    .from(approvalRequests)
    .where(
      and(
        filter.kind ? eq(approvalRequests.kind, filter.kind) : undefined,
        filter.subjectIds ? inArray(approvalRequests.subjectId, filter.subjectIds) : undefined,
        filter.status ? eq(approvalRequests.status, filter.status) : undefined,
        filter.requestedBy ? inArray(approvalRequests.requestedBy, filter.requestedBy) : undefined,
      ),
    )
    .orderBy(desc(approvalRequests.requestedAt))
    .all();
  const names = displayNames(
    db,
    rows.flatMap((r) => [r.requestedBy, r.decidedBy]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subjectId: r.subjectId,
    studentId: r.studentId,
    status: r.status,
    reason: r.reason,
    payload: r.payload,
    requestedBy: person(names, r.requestedBy),
    requestedAt: r.requestedAt,
    decidedBy: person(names, r.decidedBy),
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
  }));
}
