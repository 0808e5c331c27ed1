import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, idColumn, studentRef, timestamps } from './columns';
import type { ReportSign } from '../../../../src-shared/contract/reports';
import { REPORTER_KINDS, REPORT_STATUSES, REPORT_URGENCIES } from '../../../../src-shared/contract/reports';

/**
 * 上报: someone noticed something about a student. It waits in the triage queue until a clinician
 * takes it to intake (which opens a case) or closes it with a note.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: idColumn(),
    studentId: studentRef(),
    reporterKind: text('reporter_kind', {
      enum: REPORTER_KINDS,
    }).notNull(),
    reporterName: text('reporter_name'),
    reporterContact: text('reporter_contact'),
    /** The reporter as a person of the work network (工作网络), when they are one; reporter_name keeps the words. */
    reporterPersonId: text('reporter_person_id'),
    signs: text('signs', { mode: 'json' }).$type<ReportSign[]>().notNull(),
    /** What was observed, in the reporter's words (clinical content). */
    description: text('description'),
    urgency: text('urgency', { enum: REPORT_URGENCIES }).notNull(),
    /** new: in the triage queue; intake: taken to intake (case_id set); closed: closed at triage. */
    status: text('status', { enum: REPORT_STATUSES }).notNull(),
    triageNote: text('triage_note'),
    /** A closing's action from the structured list (actions.ts); triage_note holds its note. */
    closeAction: text('close_action'),
    /** What was done about a report that raised a CRITICAL alert: the event, intake or acknowledged alert it was closed with. */
    linkedCrisisEventId: text('linked_crisis_event_id'),
    linkedIntakeId: text('linked_intake_id'),
    linkedAlertId: text('linked_alert_id'),
    caseId: text('case_id'),
    reportedAt: text('reported_at').notNull(),
    createdBy: accountRef('created_by'),
    handledBy: accountRef('handled_by'),
    handledAt: text('handled_at'),
    ...timestamps(),
  },
  (t) => [index('reports_status').on(t.status, t.urgency), index('reports_student').on(t.studentId)],
);
