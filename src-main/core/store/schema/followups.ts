import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ReturnEvidence } from '../../../../src-shared/contract/followups';
import { accounts } from './kernel';
import { students } from './students';
import { FOLLOWUP_SOURCES, FOLLOWUP_STATUSES, LEAVE_STATUSES, RETURN_OUTCOMES } from '../../../../src-shared/contract/followups';

/** 随访任务: a contact someone must make by a date (return check-ins, postvention screening, reviews). */
export const followupTasks = sqliteTable(
  'followup_tasks',
  {
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    eventId: text('event_id'),
    source: text('source', { enum: FOLLOWUP_SOURCES }).notNull(),
    title: text('title').notNull(),
    assignedTo: text('assigned_to').references(() => accounts.id),
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: FOLLOWUP_STATUSES }).notNull(),
    doneBy: text('done_by').references(() => accounts.id),
    doneAt: text('done_at'),
    /** What came of the contact (clinical content). */
    note: text('note'),
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
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
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    eventId: text('event_id'),
    startedOn: text('started_on').notNull(),
    expectedReturnOn: text('expected_return_on'),
    reason: text('reason').notNull(),
    applicationRef: text('application_ref'),
    status: text('status', { enum: LEAVE_STATUSES }).notNull(),
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('leave_records_student').on(t.studentId)],
);

/** 复学评估: the evidence checklist and the outcome. */
export const returnAssessments = sqliteTable(
  'return_assessments',
  {
    id: text('id').primaryKey(),
    leaveId: text('leave_id')
      .notNull()
      .references(() => leaveRecords.id),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    evidence: text('evidence', { mode: 'json' }).$type<ReturnEvidence>().notNull(),
    outcome: text('outcome', { enum: RETURN_OUTCOMES }).notNull(),
    /** Clinical content. */
    note: text('note'),
    returnedOn: text('returned_on'),
    assessedBy: text('assessed_by').references(() => accounts.id),
    assessedAt: text('assessed_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('return_assessments_leave').on(t.leaveId)],
);
