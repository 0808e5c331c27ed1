import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, studentRef } from './columns';
import { APPROVAL_REQUEST_KINDS, APPROVAL_REQUEST_STATUSES } from '../../../../src-shared/contract/approvals';

/**
 * A step that needs someone else's approval before it happens (issue 14 items 13 and 15):
 * taking a student off the key-attention list (the responsible counselor asks, the director
 * decides), closing a case while the student is at risk (the director), closing a report that
 * raised a CRITICAL alert at a trainee's triage (the supervisor or the director). A director's own
 * step of that kind is kept here too, as approved by themselves with the reason. Rows are never
 * deleted: a decision is a change of status with who, when and why.
 */
export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: idColumn(),
    kind: text('kind', { enum: APPROVAL_REQUEST_KINDS }).notNull(),
    /** The key-attention entry, case or report the step is about. */
    subjectId: text('subject_id').notNull(),
    studentId: studentRef(),
    /** What will be done on approval (reason code, closing fields, links): checked again then. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Why, in the requester's words (clinical content). */
    reason: text('reason').notNull(),
    status: text('status', { enum: APPROVAL_REQUEST_STATUSES }).notNull(),
    requestedBy: accountRef('requested_by'),
    requestedAt: text('requested_at').notNull(),
    decidedBy: accountRef('decided_by'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    // One pending request per subject and kind: a second ask while one waits is a conflict.
    uniqueIndex('approval_requests_one_pending')
      .on(t.kind, t.subjectId)
      .where(sql`status = 'pending'`),
    index('approval_requests_status').on(t.status, t.kind),
    index('approval_requests_student').on(t.studentId),
  ],
);
