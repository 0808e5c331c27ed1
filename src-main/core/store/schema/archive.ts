import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './kernel';
import { students } from './students';
import { DESTRUCTION_STATUSES } from '../../../../src-shared/contract/archive';

/**
 * 法律保全: while a hold is active, nothing of the student (or of the one record it names) may be
 * destroyed, whatever the retention rules say.
 */
export const legalHolds = sqliteTable(
  'legal_holds',
  {
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    /** A single record kind and id, or null for everything of the student. */
    recordKind: text('record_kind'),
    recordId: text('record_id'),
    reason: text('reason').notNull(),
    placedBy: text('placed_by')
      .notNull()
      .references(() => accounts.id),
    placedAt: text('placed_at').notNull(),
    releasedBy: text('released_by').references(() => accounts.id),
    releasedAt: text('released_at'),
    releaseReason: text('release_reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
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
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    /** What will be destroyed: [{ kind, id }] of record kinds the retention rules name. */
    records: text('records', { mode: 'json' }).$type<{ kind: string; id: string }[]>().notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: DESTRUCTION_STATUSES }).notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => accounts.id),
    requestedAt: text('requested_at').notNull(),
    /** [{ accountId, roles, at, decision, note }] */
    approvals: text('approvals', { mode: 'json' })
      .$type<{ accountId: string; roles: string[]; at: string; decision: 'approve' | 'reject'; note: string | null }[]>()
      .notNull(),
    carriedOutBy: text('carried_out_by').references(() => accounts.id),
    carriedOutAt: text('carried_out_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('destruction_requests_status').on(t.status, t.requestedAt)],
);

/**
 * What was destroyed, when, by whom and why: kept forever, without the content (kinds, ids and
 * counts only; the student's 学号 so an inspector can match it against the registrar).
 */
export const destructionRecords = sqliteTable('destruction_records', {
  id: text('id').primaryKey(),
  requestId: text('request_id')
    .notNull()
    .references(() => destructionRequests.id),
  studentId: text('student_id').notNull(),
  studentNo: text('student_no').notNull(),
  /** { [kind]: count } and the ids, no content. */
  summary: text('summary', { mode: 'json' }).$type<{ counts: Record<string, number>; ids: string[] }>().notNull(),
  reason: text('reason').notNull(),
  approvedBy: text('approved_by', { mode: 'json' }).$type<string[]>().notNull(),
  destroyedBy: text('destroyed_by')
    .notNull()
    .references(() => accounts.id),
  destroyedAt: text('destroyed_at').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * A row exists here only inside the transaction that carries out an approved destruction: the
 * triggers that forbid deleting signed notes, addenda and alerts let that one transaction through.
 */
export const destructionGuard = sqliteTable('destruction_guard', {
  id: integer('id').primaryKey(),
  requestId: text('request_id').notNull(),
});
