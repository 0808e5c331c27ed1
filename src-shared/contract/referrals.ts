import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, optionalText, studentWithClassSchema, timestamps } from './refs';

/** Stanley-Brown safety plan: six sections, each a list of short entries. */
export const SAFETY_PLAN_SECTIONS = ['warningSigns', 'copingStrategies', 'distractions', 'helpers', 'professionals', 'safeEnvironment'] as const;
const entries = z.array(z.string().trim().min(1).max(TEXT_MAX.shortText)).max(20);
export const safetyPlanSectionsSchema = z
  .object({
    warningSigns: entries,
    copingStrategies: entries,
    distractions: entries,
    helpers: entries,
    professionals: entries,
    safeEnvironment: entries,
  })
  .strict();
export type SafetyPlanSections = z.infer<typeof safetyPlanSectionsSchema>;

export const DISCLOSURE_TRIGGERS = ['danger_to_self', 'danger_to_others', 'minor_abuse', 'legal_duty', 'other'] as const;

export const NOTIFICATION_RECIPIENTS = ['guardian', 'department', 'leadership', 'hospital', 'police_ambulance', 'other'] as const;
export const NOTIFICATION_METHODS = ['phone', 'in_person', 'message', 'letter', 'other'] as const;
export const REFERRAL_STATUSES = ['planned', 'referred', 'feedback_received'] as const;
export const DISCLOSURE_STATUSES = ['pending_approval', 'approved', 'rejected'] as const;

/** A safety plan needs at least these sections filled: what to watch for, whom to call, which professionals. */
export const SAFETY_PLAN_REQUIRED_SECTIONS = ['warningSigns', 'helpers', 'professionals'] as const;

/** Sections as saved: the three required sections must have an entry (message `safetyPlanSectionRequired`). */
export const safetyPlanContentSchema = safetyPlanSectionsSchema.superRefine((sections, ctx) => {
  for (const key of SAFETY_PLAN_REQUIRED_SECTIONS) {
    if (sections[key].length === 0) ctx.addIssue({ code: 'custom', path: [key], message: 'safetyPlanSectionRequired' });
  }
});

/** A time something happened: an ISO instant with offset (the core refuses ones in the future). */
const pastInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Where a record hangs: the student, and optionally the crisis event and/or case it belongs to. */
const links = { studentId: idSchema, eventId: idSchema.nullable().optional(), caseId: idSchema.nullable().optional() };
/** Filter of the lists: exactly one of student, event or case. */
const listFilter = z
  .object({ studentId: idSchema.optional(), eventId: idSchema.optional(), caseId: idSchema.optional() })
  .strict()
  .refine((f) => [f.studentId, f.eventId, f.caseId].filter(Boolean).length === 1, { message: 'listFilterOneOf' });

/* ---------------------------------------------------------------- notifications (通知记录) */

export const notificationFieldsSchema = z
  .object({
    recipientKind: z.enum(NOTIFICATION_RECIPIENTS),
    recipientName: text(TEXT_MAX.shortName),
    /** The recipient picked from the work network (工作网络); recipientName keeps the name as told. */
    recipientPersonId: idSchema.nullable().optional(),
    method: z.enum(NOTIFICATION_METHODS),
    notifiedAt: pastInstant,
    /** What was said (clinical content). */
    content: text(TEXT_MAX.longNote),
    /** On what basis (e.g. 生命安全例外, 监护人知情). */
    basis: text(TEXT_MAX.note),
  })
  .strict();

export const crisisNotificationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  recipientKind: z.enum(NOTIFICATION_RECIPIENTS),
  recipientName: z.string(),
  recipientPersonId: z.string().nullable().optional(),
  method: z.enum(NOTIFICATION_METHODS),
  notifiedBy: accountRefSchema.nullable(),
  notifiedAt: z.string(),
  content: z.string(),
  basis: z.string(),
  createdAt: z.string(),
});
export type CrisisNotification = z.infer<typeof crisisNotificationSchema>;

/* ---------------------------------------------------------------- referrals (转介) */

const referralBase = z.object({
  hospital: text(TEXT_MAX.remark),
  hospitalDepartment: optionalText(TEXT_MAX.shortName),
  referredOn: isoDateSchema,
  escort: optionalText(TEXT_MAX.remark),
  /** Why the student is referred, as the letter says it (clinical content). */
  letterText: optionalText(TEXT_MAX.longNote),
  consentToShare: z.boolean(),
  /** Who consented (the student, or the guardian of a minor); required when consentToShare. */
  consentBy: optionalText(TEXT_MAX.shortName),
});
export const referralFieldsSchema = referralBase.strict();

/** Consent to share needs the name of who gave it (message `referralConsentByRequired`). */
export function consentByProblem(fields: { consentToShare?: boolean; consentBy?: string | null }): boolean {
  return fields.consentToShare === true && !fields.consentBy?.trim();
}

export const referralSchema = z.object({
  id: z.string(),
  student: studentWithClassSchema,
  eventId: z.string().nullable(),
  caseId: z.string().nullable(),
  hospital: z.string(),
  hospitalDepartment: z.string().nullable(),
  referredOn: z.string(),
  escort: z.string().nullable(),
  letterText: z.string().nullable(),
  consentToShare: z.boolean(),
  consentBy: z.string().nullable(),
  /** What the hospital said, as recorded by the center (never the center's own diagnosis). */
  feedback: z.string().nullable(),
  feedbackOn: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  createdBy: accountRefSchema.nullable(),
  ...timestamps,
});
export type Referral = z.infer<typeof referralSchema>;

/* ---------------------------------------------------------------- safety plans (安全计划) */

export const safetyPlanSchema = z.object({
  id: z.string(),
  student: studentWithClassSchema,
  eventId: z.string().nullable(),
  caseId: z.string().nullable(),
  version: z.number().int(),
  sections: safetyPlanSectionsSchema,
  createdBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});
export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

/** One crisis line of the school's list (settings): the school's own, the hospital's, 12356... */
export const crisisLineSchema = z
  .object({
    name: text(TEXT_MAX.shortName),
    /** May stay empty in the default list until the center fills in its own number. */
    phone: z.string().trim().max(TEXT_MAX.directoryPhone),
    note: z.string().trim().max(TEXT_MAX.remark),
  })
  .strict();
export type CrisisLine = z.infer<typeof crisisLineSchema>;
export const crisisLinesSchema = z.array(crisisLineSchema).max(20);

export const DEFAULT_CRISIS_LINES: CrisisLine[] = [
  { name: '学校心理中心值班电话', phone: '', note: '' },
  { name: '全国心理援助热线', phone: '12356', note: '24小时' },
  { name: '急救', phone: '120', note: '' },
  { name: '报警', phone: '110', note: '' },
];

/* ---------------------------------------------------------------- disclosures (保密例外) */

export const disclosureFieldsSchema = z
  .object({
    trigger: z.enum(DISCLOSURE_TRIGGERS),
    basis: text(TEXT_MAX.description),
    recipients: z.array(text(TEXT_MAX.remark)).min(1, { message: 'disclosureRecipientsRequired' }).max(20),
    /** What was shared: the minimum necessary (clinical content). */
    shared: text(TEXT_MAX.longNote),
    disclosedAt: pastInstant,
  })
  .strict();

export const disclosureSchema = z.object({
  id: z.string(),
  student: studentWithClassSchema,
  eventId: z.string().nullable(),
  caseId: z.string().nullable(),
  trigger: z.enum(DISCLOSURE_TRIGGERS),
  basis: z.string(),
  recipients: z.array(z.string()),
  shared: z.string(),
  disclosedAt: z.string(),
  disclosedBy: accountRefSchema.nullable(),
  status: z.enum(DISCLOSURE_STATUSES),
  /** Final only once the director approved it. */
  final: z.boolean(),
  approver: accountRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const disclosureDecisionSchema = z
  .object({
    id: idSchema,
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().max(TEXT_MAX.note).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'approve' || (d.note ?? '').length > 0, { path: ['note'], message: 'disclosureRejectNoteRequired' });

const printed = z.object({ printedAt: z.string() });

/** Channels of the referrals module: notifications made, referrals, safety plans, confidentiality exceptions. */
export const referralChannels = {
  'crisis.notifications.list': channel({
    summary: "A crisis event's notifications (who was told, how, when, what, on what basis), oldest first; the read is audited.",
    permission: 'crisis.manage',
    input: idInput('eventId'),
    output: z.array(crisisNotificationSchema),
  }),
  'crisis.notifications.add': channel({
    summary: 'Record a notification made for a crisis event. Append-only: a correction is a new record.',
    permission: 'crisis.manage',
    input: notificationFieldsSchema.extend({ eventId: idSchema }).strict(),
    output: crisisNotificationSchema,
  }),

  'referrals.list': channel({
    summary: 'Hospital referrals of a student, an event or a case (one of them), newest first; the read is audited.',
    permission: 'crisis.manage',
    input: listFilter,
    output: z.array(referralSchema),
  }),
  'referrals.get': channel({
    summary: 'One referral with its letter text (for the printable letter); the read is audited.',
    permission: 'crisis.manage',
    input: idInput('id'),
    output: referralSchema,
  }),
  'referrals.create': channel({
    summary: 'Record a hospital referral (转介): hospital, date, escort, letter text, consent to share information.',
    permission: 'crisis.manage',
    input: referralBase
      .extend({ ...links, status: z.enum(['planned', 'referred']).default('planned') })
      .strict()
      .refine((f) => !consentByProblem(f), { path: ['consentBy'], message: 'referralConsentByRequired' }),
    output: referralSchema,
  }),
  'referrals.update': channel({
    summary: 'Change a referral while it is planned or referred (not after the feedback is recorded).',
    permission: 'crisis.manage',
    input: z
      .object({
        id: idSchema,
        patch: referralBase
          .extend({ status: z.enum(['planned', 'referred']) })
          .partial()
          .strict(),
      })
      .strict(),
    output: referralSchema,
  }),
  'referrals.recordFeedback': channel({
    summary: "Record what the hospital said back (the center records the hospital's feedback, never a diagnosis of its own).",
    permission: 'crisis.manage',
    input: z.object({ id: idSchema, feedback: text(TEXT_MAX.longNote), feedbackOn: isoDateSchema }).strict(),
    output: referralSchema,
  }),
  'referrals.recordPrint': channel({
    summary: 'Audit that the referral letter was printed.',
    permission: 'crisis.manage',
    input: idInput('id'),
    output: printed,
  }),

  'safetyPlans.current': channel({
    summary: "A student's current safety plan (the latest version), or null; the read is audited.",
    permission: 'crisis.manage',
    input: idInput('studentId'),
    output: safetyPlanSchema.nullable(),
  }),
  'safetyPlans.history': channel({
    summary: "Every version of a student's safety plan, newest first; the read is audited.",
    permission: 'crisis.manage',
    input: idInput('studentId'),
    output: z.array(safetyPlanSchema),
  }),
  'safetyPlans.get': channel({
    summary: 'One version of a safety plan (for printing); the read is audited.',
    permission: 'crisis.manage',
    input: idInput('id'),
    output: safetyPlanSchema,
  }),
  'safetyPlans.save': channel({
    summary: 'Save the safety plan as a new version (n+1). `basedOnVersion` refuses a save over a newer version.',
    permission: 'crisis.manage',
    input: z.object({ ...links, sections: safetyPlanContentSchema, basedOnVersion: z.number().int().min(0).optional() }).strict(),
    output: safetyPlanSchema,
  }),
  'safetyPlans.recordPrint': channel({
    summary: 'Audit that a safety plan version was printed.',
    permission: 'crisis.manage',
    input: idInput('id'),
    output: printed,
  }),
  'crisis.lines': channel({
    summary: "The school's and local crisis lines (used in safety plans and the letter); a default list until set.",
    permission: 'session',
    input: empty,
    output: crisisLinesSchema,
  }),
  'crisis.setLines': channel({
    summary: 'Change the list of crisis lines.',
    permission: 'settings.manage',
    input: z.object({ lines: crisisLinesSchema }).strict(),
    output: crisisLinesSchema,
  }),

  'disclosures.create': channel({
    summary: 'Record a confidentiality exception (保密例外): trigger, basis, recipients, what was shared; pending until the director approves.',
    permission: 'crisis.manage',
    input: disclosureFieldsSchema.extend(links).strict(),
    output: disclosureSchema,
  }),
  'disclosures.decide': channel({
    summary: 'The director approves (final) or rejects (with a note) a pending disclosure.',
    permission: 'crisis.approve',
    input: disclosureDecisionSchema,
    output: disclosureSchema,
  }),
  'disclosures.list': channel({
    summary: 'Disclosures of a student, an event or a case (one of them), newest first; the read is audited.',
    permission: 'crisis.manage',
    input: listFilter,
    output: z.array(disclosureSchema),
  }),
  'disclosures.pending': channel({
    summary: "The director's queue: disclosures awaiting approval, oldest first; the read is audited.",
    permission: 'crisis.approve',
    input: empty,
    output: z.array(disclosureSchema),
  }),
};

/** The reasons (AppError details.reason) the referrals core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const REFERRALS_ERROR_REASONS = [
  'crisisRecordEventNotFound',
  'crisisRecordStudentNotFound',
  'crisisRecordCaseNotFound',
  'crisisRecordStudentMismatch',
  'notificationEventClosed',
  'notificationInFuture',
  'referralNotFound',
  'referralConsentByRequired',
  'referralFeedbackRecorded',
  'referralFeedbackBeforeReferral',
  'safetyPlanNotFound',
  'safetyPlanStale',
  'disclosureNotFound',
  'disclosureNotPending',
  'disclosureInFuture',
] as const;
