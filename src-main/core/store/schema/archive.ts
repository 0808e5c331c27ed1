import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, requiredAccountRef, requiredRef, studentRef, timestamps } from './columns';
import { DESTRUCTION_STATUSES } from '../../../../src-shared/contract/archive';

/**
 * 法律保全: while a hold is active, nothing of the student (or of the one record it names) may be
 * destroyed, whatever the retention rules say.
 */
export const legalHolds = sqliteTable(
  'legal_holds',
  {
    id: idColumn(),
    studentId: studentRef(),
    /** A single record kind and id, or null for everything of the student. */
    recordKind: text('record_kind'),
    recordId: text('record_id'),
    reason: text('reason').notNull(),
    placedBy: requiredAccountRef('placed_by'),
    placedAt: text('placed_at').notNull(),
    releasedBy: accountRef('released_by'),
    releasedAt: text('released_at'),
    releaseReason: text('release_reason'),
    ...timestamps(),
  },
  (t) => [index('legal_holds_student').on(t.studentId, t.releasedAt)],
);

/**
 * A request to destroy records past retention. It needs two approvals, the director's and one
 * other person's, before it can be carried out.
 */
export const destructionRequests = sqliteTable(
  'destruction_requests',
  {
    id: idColumn(),
    studentId: studentRef(),
    /** What will be destroyed: [{ kind, id }] of record kinds the retention rules name. */
    records: text('records', { mode: 'json' }).$type<{ kind: string; id: string }[]>().notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: DESTRUCTION_STATUSES }).notNull(),
    requestedBy: requiredAccountRef('requested_by'),
    requestedAt: text('requested_at').notNull(),
    /** [{ accountId, roles, at, decision, note }] */
    approvals: text('approvals', { mode: 'json' })
      .$type<{ accountId: string; roles: string[]; at: string; decision: 'approve' | 'reject'; note: string | null }[]>()
      .notNull(),
    carriedOutBy: accountRef('carried_out_by'),
    carriedOutAt: text('carried_out_at'),
    ...timestamps(),
  },
  (t) => [index('destruction_requests_status').on(t.status, t.requestedAt)],
);

/**
 * What was destroyed, when, by whom and why: kept forever, without the content (kinds, ids and
 * counts only; the student's 学号 so an inspector can match it against the registrar).
 */
export const destructionRecords = sqliteTable('destruction_records', {
  id: idColumn(),
  requestId: requiredRef('request_id', () => destructionRequests.id),
  studentId: text('student_id').notNull(),
  studentNo: text('student_no').notNull(),
  /** { [kind]: count } and the ids, no content. */
  summary: text('summary', { mode: 'json' }).$type<{ counts: Record<string, number>; ids: string[] }>().notNull(),
  reason: text('reason').notNull(),
  approvedBy: text('approved_by', { mode: 'json' }).$type<string[]>().notNull(),
  destroyedBy: requiredAccountRef('destroyed_by'),
  destroyedAt: text('destroyed_at').notNull(),
  ...timestamps(),
});

/**
 * A row exists here only inside the transaction that carries out an approved destruction: the
 * triggers that forbid deleting signed notes, addenda and alerts let that one transaction through.
 */
export const destructionGuard = sqliteTable('destruction_guard', {
  id: integer('id').primaryKey(),
  requestId: text('request_id').notNull(),
});
