import { z } from 'zod';
import { SAFETY_ACTIONS, actionOrLegacyTextFields, checkActionOrLegacyText, decisionInputSchema, isSubstantialNote, safetyNoteSchema } from './actions';
import { channel } from './define';
import { idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema, studentWithClassSchema } from './refs';

export const REPORTER_KINDS = [
  'self',
  'peer_counselor',
  'department_counselor',
  'head_teacher',
  'dorm',
  'parent',
  'teacher',
  'census',
  'hospital',
  'other',
] as const;
export const REPORT_SIGNS = [
  'low_mood',
  'crying',
  'withdrawal',
  'sleep_change',
  'talk_of_death',
  'self_harm_signs',
  'giving_away_belongings',
  'conflict',
  'academic_collapse',
  'bizarre_behaviour',
  'other',
] as const;
export type ReportSign = (typeof REPORT_SIGNS)[number];
export const REPORT_URGENCIES = ['routine', 'soon', 'urgent'] as const;
/** Signs that raise an alert the moment the report is saved (as does urgency `urgent`). */
export const ALERTING_SIGNS: readonly ReportSign[] = ['talk_of_death', 'self_harm_signs'];
export const REPORT_STATUSES = ['new', 'intake', 'closed'] as const;

export const reportSignSchema = z.enum(REPORT_SIGNS);

/** The report form's fields; `other` among the signs needs the description to say what. */
export const reportFieldsSchema = z
  .object({
    studentId: idSchema,
    reporterKind: z.enum(REPORTER_KINDS),
    reporterName: z.string().trim().max(TEXT_MAX.personName).nullable().optional(),
    reporterContact: z.string().trim().max(TEXT_MAX.contact).nullable().optional(),
    /** The reporter as a person of the work network (工作网络); reporterName then defaults to their description. */
    reporterPersonId: idSchema.nullable().optional(),
    signs: z.array(reportSignSchema).min(1, { message: 'reportSignsRequired' }).max(REPORT_SIGNS.length),
    description: z.string().trim().max(TEXT_MAX.reportDescription).nullable().optional(),
    urgency: z.enum(REPORT_URGENCIES),
    /** When it was noticed or reported; defaults to now. */
    reportedAt: z.iso.datetime().optional(),
  })
  .strict()
  .refine((v) => !v.signs.includes('other') || (v.description ?? '').trim().length > 0, { message: 'reportOtherNeedsDescription', path: ['description'] });

export const reportStudentSchema = studentWithClassSchema;

/** A report as the triage sees it (signs and description are clinical: reports.triage only). */
export const reportSchema = z.object({
  id: z.string(),
  student: reportStudentSchema,
  reporterKind: z.enum(REPORTER_KINDS),
  reporterName: z.string().nullable(),
  reporterContact: z.string().nullable(),
  /** The reporter's entry in the work network, when picked from it. */
  reporterPersonId: z.string().nullable().optional(),
  signs: z.array(reportSignSchema),
  description: z.string().nullable(),
  urgency: z.enum(REPORT_URGENCIES),
  status: z.enum(REPORT_STATUSES),
  triageNote: z.string().nullable(),
  caseId: z.string().nullable(),
  reportedAt: z.string(),
  createdBy: z.string().nullable(),
  handledBy: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
  /** The alert the report raised when it was saved, if any. */
  alert: z.object({ id: z.string(), code: z.string(), level: z.string(), acknowledged: z.boolean() }).nullable(),
  /** How it was closed at triage: the action from the structured list (triageNote is its note). */
  closeAction: z.enum(SAFETY_ACTIONS).nullable().optional(),
  /** What was done about a report that raised a CRITICAL alert: the event, the intake or the acknowledged alert it was closed with. */
  links: z.object({ crisisEventId: z.string().nullable(), intakeId: z.string().nullable(), alertId: z.string().nullable() }).optional(),
  /** A trainee's closing of a CRITICAL report, waiting for the supervisor (or the director). */
  closeRequest: z
    .object({
      id: z.string(),
      action: z.enum(SAFETY_ACTIONS),
      note: z.string().nullable(),
      requestedBy: accountRefSchema.nullable(),
      requestedAt: z.string(),
    })
    .nullable()
    .optional(),
});
export type Report = z.infer<typeof reportSchema>;

/**
 * `{ id, action, note?, crisisEventId?, intakeId?, acknowledgeAlert? }`: the action from the
 * structured list (actions.ts). For a report whose alert is CRITICAL one link is needed: a crisis
 * event or an intake of the student, or the report's alert acknowledged (already, or now with this
 * action when `acknowledgeAlert`). The older `{ id, triageNote }` is still taken as action 其他
 * with that note, so it must say something ('..', '无' are refused).
 */
export const closeReportInputSchema = z
  .object({
    id: idSchema,
    ...actionOrLegacyTextFields,
    /** Deprecated: free text, taken as action 'other' with this note. */
    triageNote: z.string().trim().min(1).max(TEXT_MAX.description).optional(),
    crisisEventId: idSchema.optional(),
    intakeId: idSchema.optional(),
    /** Acknowledge the report's unacknowledged alert with this action and note, in the same transaction. */
    acknowledgeAlert: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => checkActionOrLegacyText('triageNote', value, ctx));

export const reportChannels = {
  'reports.create': channel({
    summary: 'File a report (上报) about a student; urgent ones and talk of death or self-harm raise an alert at once.',
    permission: 'reports.create',
    input: reportFieldsSchema,
    // A confirmation only: whoever filed it (a liaison, reception) may not read the triage queue.
    output: z.object({ id: z.string(), alertRaised: z.boolean(), alertLevel: z.enum(['CRITICAL', 'URGENT']).nullable() }),
  }),
  'reports.triageQueue': channel({
    summary: 'Reports waiting for triage: alerting and urgent ones first, then the oldest.',
    permission: 'reports.triage',
    input: z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(reportSchema) }),
  }),
  'reports.get': channel({
    summary: 'One report with what was observed.',
    permission: 'reports.triage',
    input: idInput('id'),
    output: reportSchema,
  }),
  'reports.close': channel({
    summary:
      "Close a report at triage with an action from the structured list and its note (no intake needed). A report that raised a CRITICAL alert closes only linked to what was done: an intake, a crisis event, or the alert acknowledged with its action; a trainee's closing of it waits for the supervisor (closeRequest).",
    permission: 'reports.triage',
    input: closeReportInputSchema,
    output: reportSchema,
  }),
  'reports.decideClose': channel({
    summary: "The trainee's supervisor (or the director) approves a trainee's closing of a CRITICAL report (it closes as asked), or declines with a note.",
    permission: 'reports.approveClose',
    input: decisionInputSchema,
    output: reportSchema,
  }),
  'reports.forStudent': channel({
    summary: "A student's reports, newest first.",
    permission: 'reports.triage',
    input: idInput('studentId'),
    output: z.array(reportSchema),
  }),
} as const;

/** The reasons (AppError details.reason) the reports core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const REPORTS_ERROR_REASONS = [
  'reportNotFound',
  'reportCriticalNeedsLink',
  'reportLinkNotFound',
  'reportCloseNotSupervisor',
  'reportAlreadyHandled',
] as const;
