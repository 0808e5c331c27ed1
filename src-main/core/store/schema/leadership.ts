import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn, recordedByAndAt, requiredRef, timestamps } from './columns';
import { APPROVAL_SUBJECTS, LEADERSHIP_DECISION_STATUSES, WORK_REPORT_DELIVERY_WAYS } from '../../../../src-shared/contract/leadership';
import { crisisEvents } from './crisis';

/**
 * 领导小组: the escalation of a top-level crisis event (启动应急预案), at most one per event.
 * People are a register entry's id (工作网络) plus the name as it was.
 */
export const leadershipEscalations = sqliteTable(
  'leadership_escalations',
  {
    id: idColumn(),
    eventId: requiredRef('event_id', () => crisisEvents.id),
    planStartedAt: text('plan_started_at').notNull(),
    decidedByPersonId: text('decided_by_person_id'),
    decidedByName: text('decided_by_name').notNull(),
    /** The event's level when it was escalated. */
    level: text('level').notNull(),
    note: text('note'),
    ...recordedByAndAt(),
  },
  (t) => [uniqueIndex('leadership_escalations_event').on(t.eventId)],
);

/** A decision of the leadership group for an escalated event, and who carries it out, tracked to done. */
export const leadershipDecisions = sqliteTable(
  'leadership_decisions',
  {
    id: idColumn(),
    escalationId: requiredRef('escalation_id', () => leadershipEscalations.id),
    eventId: requiredRef('event_id', () => crisisEvents.id),
    text: text('text').notNull(),
    assigneePersonId: text('assignee_person_id'),
    assigneeName: text('assignee_name').notNull(),
    dueOn: text('due_on'),
    status: text('status', { enum: LEADERSHIP_DECISION_STATUSES }).notNull(),
    doneAt: text('done_at'),
    doneNote: text('done_note'),
    doneRecordedBy: accountRef('done_recorded_by'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('leadership_decisions_status').on(t.status, t.createdAt), index('leadership_decisions_event').on(t.eventId)],
);

/**
 * 审定: the leadership group's approval of a crisis template version (its id) or of a level
 * scheme (the digest of its content: the scheme is one setting, each distinct content a version).
 */
export const leadershipApprovals = sqliteTable(
  'leadership_approvals',
  {
    id: idColumn(),
    subject: text('subject', { enum: APPROVAL_SUBJECTS }).notNull(),
    subjectRef: text('subject_ref').notNull(),
    approvedOn: text('approved_on').notNull(),
    meeting: text('meeting').notNull(),
    minutesRef: text('minutes_ref'),
    ...recordedByAndAt(),
  },
  (t) => [uniqueIndex('leadership_approvals_subject').on(t.subject, t.subjectRef)],
);

/** 工作总结 (written part), one per period and department ('' = the whole school). */
export const workReportTexts = sqliteTable(
  'work_report_texts',
  {
    id: idColumn(),
    periodKey: text('period_key').notNull(),
    department: text('department').notNull(),
    progress: text('progress').notNull(),
    problems: text('problems').notNull(),
    suggestions: text('suggestions').notNull(),
    revision: integer('revision').notNull(),
    updatedBy: accountRef('updated_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('work_report_texts_period').on(t.periodKey, t.department)],
);

/** Each time the work report went to the leadership group: when, to whom, how. */
export const workReportDeliveries = sqliteTable(
  'work_report_deliveries',
  {
    id: idColumn(),
    reportId: requiredRef('report_id', () => workReportTexts.id),
    deliveredOn: text('delivered_on').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<{ personId: string | null; name: string }[]>().notNull(),
    way: text('way', { enum: WORK_REPORT_DELIVERY_WAYS }).notNull(),
    note: text('note'),
    ...recordedByAndAt(),
  },
  (t) => [index('work_report_deliveries_report').on(t.reportId)],
);
