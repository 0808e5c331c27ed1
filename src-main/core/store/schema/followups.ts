import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn, requiredRef, studentRef, timestamps } from './columns';
import type { ReturnEvidence } from '../../../../src-shared/contract/followups';
import { FOLLOWUP_SOURCES, FOLLOWUP_STATUSES, LEAVE_STATUSES, RETURN_OUTCOMES } from '../../../../src-shared/contract/followups';

/** 随访任务: a contact someone must make by a date (return check-ins, postvention screening, reviews). */
export const followupTasks = sqliteTable(
  'followup_tasks',
  {
    id: idColumn(),
    studentId: studentRef(),
    eventId: text('event_id'),
    source: text('source', { enum: FOLLOWUP_SOURCES }).notNull(),
    title: text('title').notNull(),
    assignedTo: accountRef('assigned_to'),
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: FOLLOWUP_STATUSES }).notNull(),
    doneBy: accountRef('done_by'),
    doneAt: text('done_at'),
    /** What came of the contact (clinical content). */
    note: text('note'),
    ...createdByAndTimestamps(),
  },
  (t) => [
    index('followup_tasks_open').on(t.status, t.dueAt),
    index('followup_tasks_assignee').on(t.assignedTo, t.status),
    index('followup_tasks_student').on(t.studentId),
  ],
);

/** 休学: a leave of absence, and the way back. */
export const leaveRecords = sqliteTable(
  'leave_records',
  {
    id: idColumn(),
    studentId: studentRef(),
    eventId: text('event_id'),
    startedOn: text('started_on').notNull(),
    expectedReturnOn: text('expected_return_on'),
    reason: text('reason').notNull(),
    applicationRef: text('application_ref'),
    status: text('status', { enum: LEAVE_STATUSES }).notNull(),
    ...createdByAndTimestamps(),
  },
  (t) => [index('leave_records_student').on(t.studentId)],
);

/** 复学评估: the evidence checklist and the outcome. */
export const returnAssessments = sqliteTable(
  'return_assessments',
  {
    id: idColumn(),
    leaveId: requiredRef('leave_id', () => leaveRecords.id),
    studentId: studentRef(),
    evidence: text('evidence', { mode: 'json' }).$type<ReturnEvidence>().notNull(),
    outcome: text('outcome', { enum: RETURN_OUTCOMES }).notNull(),
    /** Clinical content. */
    note: text('note'),
    returnedOn: text('returned_on'),
    assessedBy: accountRef('assessed_by'),
    assessedAt: text('assessed_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('return_assessments_leave').on(t.leaveId)],
);
