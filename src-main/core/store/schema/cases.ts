import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn, requiredAccountRef, requiredRef, studentRef, timestamps } from './columns';
import type { IntakeConsent } from '../../../../src-shared/contract/cases';
import { assessments } from './assessments';
import { reports } from './reports';
import { CASE_STATUSES, CLOSING_REASONS, DISPOSITIONS, RISK_LEVELS } from '../../../../src-shared/contract/cases';

/** 个案: the unit of counseling work; notes, appointments and reports hang off it. */
export const cases = sqliteTable(
  'cases',
  {
    id: idColumn(),
    /** Human-readable number, e.g. 2026-0007 (year of opening, running count). */
    caseNo: text('case_no').notNull().unique(),
    studentId: studentRef(),
    counselorId: requiredAccountRef('counselor_id'),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    /** The C-SSRS triage vocabulary: what liaisons may see besides "has an open case". */
    riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull(),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    /** When the closed case moved to the archive (档案): read-only from then on. */
    archivedAt: text('archived_at'),
    closingReason: text('closing_reason', { enum: CLOSING_REASONS }),
    /** Clinical content. */
    closingSummary: text('closing_summary'),
    ...timestamps(),
  },
  (t) => [
    index('cases_student').on(t.studentId, t.status),
    index('cases_counselor').on(t.counselorId, t.status),
    // The archiving job reads closed cases past their period at every sign-in: a scan of every case without it.
    index('cases_closed').on(t.status, t.closedAt),
  ],
);

/** 初始访谈: consent, concerns, history, risk screen, impression, disposition. Opens a case. */
export const intakes = sqliteTable(
  'intakes',
  {
    id: idColumn(),
    studentId: studentRef(),
    caseId: requiredRef('case_id', () => cases.id),
    reportId: text('report_id').references(() => reports.id),
    consent: text('consent', { mode: 'json' }).$type<IntakeConsent>().notNull(),
    concerns: text('concerns', { mode: 'json' }).$type<string[]>().notNull(),
    otherConcern: text('other_concern'),
    history: text('history'),
    /** The C-SSRS screener given during the intake (an assessment record). */
    riskAssessmentId: text('risk_assessment_id').references(() => assessments.id),
    impression: text('impression'),
    disposition: text('disposition', { enum: DISPOSITIONS }).notNull(),
    conductedBy: requiredAccountRef('conducted_by'),
    conductedAt: text('conducted_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('intakes_case').on(t.caseId), index('intakes_student').on(t.studentId)],
);
