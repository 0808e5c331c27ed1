import { z } from 'zod';
import { decisionInputSchema, isSubstantialNote } from './actions';
import { channel } from './define';
import { empty, idInput, idSchema, roleSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema, studentWithClassSchema } from './refs';

export const CASE_STATUSES = ['intake', 'active', 'on_hold', 'closed', 'archived'] as const;
export const RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export const PRESENTING_CONCERNS = [
  'academic_adjustment',
  'emotion_regulation',
  'relationships',
  'stress',
  'career',
  'romance',
  'family',
  'sleep',
  'self_growth',
  'other',
] as const;
export const DISPOSITIONS = ['individual', 'group', 'refer_out', 'crisis', 'none'] as const;
export const CLOSING_REASONS = ['goals_met', 'student_ended', 'referred', 'graduated', 'no_contact', 'other'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The case state machine: intake -> active <-> on_hold, and any open state -> closed. Shared so
 * the case page offers exactly the moves the core accepts.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  intake: ['active', 'closed'],
  active: ['on_hold', 'closed'],
  on_hold: ['active', 'closed'],
  closed: [],
  archived: [],
};
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['intake', 'active', 'on_hold'];

/** 知情同意: the limits of confidentiality were explained; who consented, when; a guardian for a minor. */
export const intakeConsentSchema = z
  .object({
    confidentialityLimitsExplained: z.literal(true),
    consentedBy: z.string().trim().min(1).max(TEXT_MAX.personName),
    consentedAt: z.iso.datetime(),
    minor: z.boolean(),
    guardianName: z.string().trim().min(1).max(TEXT_MAX.personName).nullable().optional(),
    guardianRelation: z.string().trim().min(1).max(TEXT_MAX.label).nullable().optional(),
    guardianPhone: z.string().trim().max(TEXT_MAX.phone).nullable().optional(),
    guardianConsentedAt: z.iso.datetime().nullable().optional(),
  })
  .strict()
  // A student under 18 needs a guardian's consent too: name, relation and when.
  .superRefine((consent, ctx) => {
    if (!consent.minor) return;
    for (const field of ['guardianName', 'guardianRelation', 'guardianConsentedAt'] as const) {
      if (!consent[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'guardianRequired' });
    }
  });
export type IntakeConsent = z.infer<typeof intakeConsentSchema>;

/** One C-SSRS screener answer: 1 yes, 0 no, "NA" not asked (skip logic). */
export const cssrsAnswerSchema = z.union([z.literal(0), z.literal(1), z.literal('NA'), z.null()]);

export const intakeInputSchema = z
  .object({
    studentId: idSchema,
    /** The report the intake started from, if any (it is then marked as taken to intake). */
    reportId: idSchema.nullable().optional(),
    consent: intakeConsentSchema,
    concerns: z.array(z.enum(PRESENTING_CONCERNS)).min(1, { message: 'intakeConcernsRequired' }).max(PRESENTING_CONCERNS.length),
    otherConcern: z.string().trim().max(TEXT_MAX.shortText).nullable().optional(),
    history: z.string().trim().max(TEXT_MAX.narrative).nullable().optional(),
    /** [q1, q2, q3, q4, q5, q6, q6b]: scored by the assessment engine. */
    cssrs: z.array(cssrsAnswerSchema).length(7),
    impression: z.string().trim().max(TEXT_MAX.narrative).nullable().optional(),
    disposition: z.enum(DISPOSITIONS),
    counselorId: idSchema,
  })
  .strict()
  .refine((v) => !v.concerns.includes('other') || (v.otherConcern ?? '').trim().length > 0, { message: 'intakeOtherConcernRequired', path: ['otherConcern'] });
export type IntakeInput = z.infer<typeof intakeInputSchema>;

/** A case as lists show it: metadata only, no clinical content. */
export const caseRowSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  student: studentWithClassSchema,
  counselor: accountRefSchema,
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** A close waiting for the director's approval (the student was at risk when it was asked). */
  pendingClose: z
    .object({ id: z.string(), reason: z.string(), closingReason: z.string().nullable(), requestedBy: accountRefSchema.nullable(), requestedAt: z.string() })
    .nullable()
    .optional(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const intakeSchema = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  consent: z.record(z.string(), z.unknown()),
  concerns: z.array(z.string()),
  otherConcern: z.string().nullable(),
  history: z.string().nullable(),
  riskAssessmentId: z.string().nullable(),
  impression: z.string().nullable(),
  disposition: z.enum(DISPOSITIONS),
  conductedBy: accountRefSchema,
  conductedAt: z.string(),
});

export const caseDetailSchema = caseRowSchema.extend({
  closingReason: z.enum(CLOSING_REASONS).nullable(),
  closingSummary: z.string().nullable(),
  intake: intakeSchema.nullable(),
  /** Why this person may read the content (assigned, supervisor, director, break_glass...). */
  access: z.string(),
  /** Why closing now needs the director's approval (a crisis event under way, high C-SSRS or risk), or null. */
  closeRisk: z.object({ eventId: z.string().nullable(), eventNo: z.string().nullable(), cssrsHigh: z.boolean(), riskHigh: z.boolean() }).nullable().optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const breakGlassReason = z.string().trim().max(TEXT_MAX.shortReason).optional();

export const setCaseStatusSchema = z
  .object({
    id: idSchema,
    status: z.enum(CASE_STATUSES),
    closingReason: z.enum(CLOSING_REASONS).nullable().optional(),
    closingSummary: z.string().trim().max(TEXT_MAX.narrative).nullable().optional(),
    /**
     * Closing while the student is at risk (a crisis event under way, a high C-SSRS or case risk)
     * needs the director's approval with a reason: the director's own reason, or the counselor's
     * request to the director (the case then stays open until approved).
     */
    approvalReason: z.string().trim().max(TEXT_MAX.reason).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.approvalReason !== undefined && v.approvalReason.length > 0 && !isSubstantialNote(v.approvalReason)) {
      ctx.addIssue({ code: 'custom', path: ['approvalReason'], message: 'safetyActionNoteEmpty' });
    }
    if (v.status !== 'closed') return;
    if (!v.closingReason) ctx.addIssue({ code: 'custom', path: ['closingReason'], message: 'caseClosingReasonRequired' });
    if (!v.closingSummary) ctx.addIssue({ code: 'custom', path: ['closingSummary'], message: 'caseClosingSummaryRequired' });
  });

export const caseChannels = {
  'cases.intake': channel({
    summary: 'Record an intake (consent, concerns, history, C-SSRS screen, impression, disposition) and open its case, in one step.',
    permission: 'cases.clinical',
    input: intakeInputSchema,
    output: z.object({ caseId: z.string(), caseNo: z.string(), riskLevel: z.enum(RISK_LEVELS), assessmentId: z.string(), alertsRaised: z.number().int() }),
  }),
  'cases.counselors': channel({
    summary: 'Enabled clinical accounts a case may be assigned to (names only).',
    permission: 'cases.clinical',
    input: empty,
    output: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(roleSchema) })),
  }),
  'cases.list': channel({
    summary: 'Cases (metadata only): mine or all, by status; the newest first.',
    permission: 'cases.clinical',
    input: z
      .object({
        scope: z.enum(['mine', 'all']).default('mine'),
        status: z.enum([...CASE_STATUSES, 'open']).optional(),
      })
      .strict(),
    output: z.array(caseRowSchema),
  }),
  'cases.get': channel({
    summary: 'A case with its intake (clinical content: assigned counselor, supervisor, director, or break-glass with a reason).',
    permission: 'cases.clinical',
    input: z.object({ id: idSchema, breakGlassReason }).strict(),
    output: caseDetailSchema,
  }),
  'cases.setStatus': channel({
    summary:
      'Move a case: intake -> active, active <-> on hold, any open state -> closed (with a closing summary and reason). Closing a case of a student at risk needs approvalReason: the director closes, anyone else asks the director (pendingClose).',
    permission: 'cases.clinical',
    input: setCaseStatusSchema,
    output: caseRowSchema,
  }),
  'cases.decideClose': channel({
    summary: 'The director approves a close asked for while the student was at risk (the case closes as asked), or declines with a note.',
    permission: 'cases.approveClose',
    input: decisionInputSchema,
    output: caseRowSchema,
  }),
  'cases.reassign': channel({
    summary: 'Give the case to another counselor (the director or the assigned counselor; audited).',
    permission: 'cases.clinical',
    input: z.object({ id: idSchema, counselorId: idSchema }).strict(),
    output: caseRowSchema,
  }),
  'cases.forStudent': channel({
    summary: "A student's cases (metadata only), newest first.",
    permission: 'cases.clinical',
    input: idInput('studentId'),
    output: z.array(caseRowSchema),
  }),
  'cases.studentStatus': channel({
    summary: 'Whether a student has an open case, and its risk level: no content (liaisons: their own department).',
    permission: 'cases.status',
    input: idInput('studentId'),
    output: z.object({ hasOpenCase: z.boolean(), riskLevel: z.enum(RISK_LEVELS).nullable() }),
  }),
} as const;

/** The reasons (AppError details.reason) the cases core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const CASES_ERROR_REASONS = [
  'caseNotFound',
  'caseCloseNeedsApproval',
  'caseNotYours',
  'caseTransitionNotAllowed',
  'caseClosingIncomplete',
  'caseNotOpen',
  'caseSameCounselor',
  'caseCounselorNotClinical',
  'intakeReportOtherStudent',
] as const;
