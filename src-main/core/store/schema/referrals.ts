import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndAt, createdByAndTimestamps, idColumn, studentRef, timestamps } from './columns';
import type { SafetyPlanSections } from '../../../../src-shared/contract/referrals';
import { DISCLOSURE_STATUSES, DISCLOSURE_TRIGGERS, REFERRAL_STATUSES } from '../../../../src-shared/contract/referrals';

/** The crisis event and the case a referral, safety plan or disclosure belongs to, when it has one (plain ids, no foreign key). */
function eventAndCaseIds() {
  return {
    eventId: text('event_id'),
    caseId: text('case_id'),
  };
}

/**
 * 转介: a hospital referral. The center records what the hospital said (feedback), never a
 * diagnosis of its own (Mental Health Law).
 */
export const referrals = sqliteTable(
  'referrals',
  {
    id: idColumn(),
    studentId: studentRef(),
    ...eventAndCaseIds(),
    hospital: text('hospital').notNull(),
    hospitalDepartment: text('hospital_department'),
    referredOn: text('referred_on').notNull(),
    escort: text('escort'),
    /** Why the student is referred, as written in the letter (clinical content). */
    letterText: text('letter_text'),
    consentToShare: integer('consent_to_share', { mode: 'boolean' }).notNull(),
    consentBy: text('consent_by'),
    feedback: text('feedback'),
    feedbackOn: text('feedback_on'),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    ...createdByAndTimestamps(),
  },
  // Also `referrals_statistics_day` (migration 0024, hand-written: drizzle-kit cannot write an
  // expression index): statistics count referrals by substr(referred_on, 1, 10), the query's own
  // expression (STATISTICS_SQL.referrals; keep the two in step), from the index alone.
  (t) => [index('referrals_student').on(t.studentId), index('referrals_event').on(t.eventId)],
);

/** 安全计划 (Stanley-Brown). Versioned: a change writes a new version; old ones stay readable. */
export const safetyPlans = sqliteTable(
  'safety_plans',
  {
    id: idColumn(),
    studentId: studentRef(),
    ...eventAndCaseIds(),
    version: integer('version').notNull(),
    sections: text('sections', { mode: 'json' }).$type<SafetyPlanSections>().notNull(),
    ...createdByAndAt(),
  },
  (t) => [index('safety_plans_student').on(t.studentId, t.version)],
);

/** 保密例外记录: final only after the director approves. */
export const disclosures = sqliteTable(
  'disclosures',
  {
    id: idColumn(),
    studentId: studentRef(),
    ...eventAndCaseIds(),
    trigger: text('trigger', { enum: DISCLOSURE_TRIGGERS }).notNull(),
    basis: text('basis').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    /** What was shared (clinical content): the minimum necessary. */
    shared: text('shared').notNull(),
    disclosedAt: text('disclosed_at').notNull(),
    disclosedBy: accountRef('disclosed_by'),
    status: text('status', { enum: DISCLOSURE_STATUSES }).notNull(),
    approverId: accountRef('approver_id'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    ...timestamps(),
  },
  (t) => [index('disclosures_status').on(t.status), index('disclosures_student').on(t.studentId)],
);
