import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { SafetyPlanSections } from '../../../../src-shared/contract/referrals';
import { accounts } from './kernel';
import { students } from './students';
import { DISCLOSURE_STATUSES, DISCLOSURE_TRIGGERS, REFERRAL_STATUSES } from '../../../../src-shared/contract/referrals';

/**
 * 转介: a hospital referral. The center records what the hospital said (feedback), never a
 * diagnosis of its own (Mental Health Law).
 */
export const referrals = sqliteTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    eventId: text('event_id'),
    caseId: text('case_id'),
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
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('referrals_student').on(t.studentId), index('referrals_event').on(t.eventId)],
);

/** 安全计划 (Stanley-Brown). Versioned: a change writes a new version; old ones stay readable. */
export const safetyPlans = sqliteTable(
  'safety_plans',
  {
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    eventId: text('event_id'),
    caseId: text('case_id'),
    version: integer('version').notNull(),
    sections: text('sections', { mode: 'json' }).$type<SafetyPlanSections>().notNull(),
    createdBy: text('created_by').references(() => accounts.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('safety_plans_student').on(t.studentId, t.version)],
);

/** 保密例外记录: final only after the director approves. */
export const disclosures = sqliteTable(
  'disclosures',
  {
    id: text('id').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    eventId: text('event_id'),
    caseId: text('case_id'),
    trigger: text('trigger', { enum: DISCLOSURE_TRIGGERS }).notNull(),
    basis: text('basis').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    /** What was shared (clinical content): the minimum necessary. */
    shared: text('shared').notNull(),
    disclosedAt: text('disclosed_at').notNull(),
    disclosedBy: text('disclosed_by').references(() => accounts.id),
    status: text('status', { enum: DISCLOSURE_STATUSES }).notNull(),
    approverId: text('approver_id').references(() => accounts.id),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('disclosures_status').on(t.status), index('disclosures_student').on(t.studentId)],
);
