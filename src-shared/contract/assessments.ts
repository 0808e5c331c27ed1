import { z } from 'zod';
import { INSTRUMENT_IDS } from '../instruments';
import { SAFETY_ACTIONS, actionOrLegacyTextFields, checkActionOrLegacyText, checkSafetyActionNote, safetyNoteSchema } from './actions';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';

export const ALERT_LEVELS = ['CRITICAL', 'URGENT', 'HIGH', 'REVIEW'] as const;
/** What raised an alert: a scored assessment or a report's triage. */
export const ALERT_SOURCES = ['assessment', 'report'] as const;
export const ASSESSMENT_MODES = ['on_screen', 'paper', 'import'] as const;
export const ASSESSMENT_STATUSES = ['in_progress', 'complete'] as const;
export const instrumentIdSchema = z.enum(INSTRUMENT_IDS);
export const alertLevelSchema = z.enum(ALERT_LEVELS);
/** One answer as the scorer takes it: a number, null (missing) or "NA" (C-SSRS not asked). */
export const answerSchema = z.union([z.number().int().min(0).max(9), z.null(), z.literal('NA')]);

const flagSchema = z.object({ code: z.string(), level: alertLevelSchema, item: z.number().int().optional() });

export const assessmentSummarySchema = z.object({
  id: z.string(),
  studentId: z.string(),
  instrument: instrumentIdSchema,
  mode: z.enum(ASSESSMENT_MODES),
  status: z.enum(ASSESSMENT_STATUSES),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  screenPositive: z.union([z.boolean(), z.literal('indeterminate')]).nullable(),
  flags: z.array(flagSchema),
});

/** Clinical: item answers and the full scorer result. */
export const assessmentDetailSchema = assessmentSummarySchema.extend({
  responses: z.array(answerSchema),
  options: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  administeredBy: z.string().nullable(),
});

const optionLabelSchema = z.object({ value: z.number(), label: z.string().max(TEXT_MAX.remark) });

/** What student mode shows: the questionnaire and nothing else (no name, no scores). */
export const studentFormSchema = z.object({
  assessmentId: z.string(),
  instrument: instrumentIdSchema,
  title: z.string(),
  /** The same neutral title in English, for a student-mode window shown in English. */
  titleEn: z.string(),
  instructions: z.string(),
  hasWording: z.boolean(),
  items: z.array(z.object({ number: z.number().int(), text: z.string().nullable(), options: z.array(optionLabelSchema) })),
  responses: z.array(answerSchema),
  position: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
});

export const instrumentSettingSchema = z.object({
  id: instrumentIdSchema,
  name: z.object({ zh: z.string(), en: z.string() }),
  itemCount: z.number().int(),
  enabled: z.boolean(),
  options: z.record(z.string(), z.unknown()),
  scoringOnly: z.boolean(),
  hasWording: z.boolean(),
  wordingSource: z.enum(['shipped', 'loaded', 'none']),
});

export const alertSchema = z.object({
  id: z.string(),
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string() }),
  source: z.enum(ALERT_SOURCES),
  assessmentId: z.string().nullable(),
  reportId: z.string().nullable(),
  instrument: z.string().nullable(),
  item: z.number().int().nullable(),
  code: z.string(),
  level: alertLevelSchema,
  createdAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** What was done, as text: the note of the acknowledgement (or the free text of an older one). */
  actionTaken: z.string().nullable(),
  /** What was done, from the structured list (null while unacknowledged, and for acknowledgements made before the list). */
  action: z.enum(SAFETY_ACTIONS).nullable().optional(),
  /** The note that goes with the action (required for 其他 and 评估后无需进一步处理). */
  note: z.string().nullable().optional(),
  /** The crisis event opened from this alert, when acknowledging it meant opening one. */
  crisisEventId: z.string().nullable().optional(),
  crisisEventNo: z.string().nullable().optional(),
});

/**
 * `{ alertId, action, note? }` with an action from the structured list (actions.ts). The older
 * `{ alertId, actionTaken }` is still taken, as action 其他 with that text as its note, so it must
 * say something too ("..", "无" are refused).
 */
export const acknowledgeInputSchema = z
  .object({
    alertId: idSchema,
    ...actionOrLegacyTextFields,
    /** Deprecated: free text, taken as action 'other' with this note. */
    actionTaken: z.string().trim().min(2).max(TEXT_MAX.reason).optional(),
  })
  .strict()
  .superRefine((value, ctx) => checkActionOrLegacyText('actionTaken', value, ctx));

/** Several alerts, one action (e.g. 已安排 12 月 6 日约谈 for a batch's alerts): each is acknowledged on its own. */
export const acknowledgeManyInputSchema = z
  .object({
    alertIds: z.array(idSchema).min(1).max(500),
    action: z.enum(SAFETY_ACTIONS),
    note: safetyNoteSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (new Set(value.alertIds).size !== value.alertIds.length) ctx.addIssue({ code: 'custom', path: ['alertIds'], message: 'alertIdsRepeated' });
    checkSafetyActionNote(value, ctx);
  });

export const wordingFileSchema = z
  .object({
    title: z.string().trim().min(1).max(TEXT_MAX.title),
    instructions: z.string().max(TEXT_MAX.description).default(''),
    options: z.array(optionLabelSchema).min(2).max(7).optional(),
    items: z
      .array(z.object({ number: z.number().int().min(1), text: z.string().trim().min(1).max(TEXT_MAX.questionText) }))
      .min(1)
      .max(200),
    source: z.string().max(TEXT_MAX.shortText).default(''),
  })
  .strict();

export const assessmentChannels = {
  'assessments.start': channel({
    summary: 'Start an instrument for a student on screen (resumable).',
    permission: 'assessments.clinical',
    input: z.object({ studentId: idSchema, instrument: instrumentIdSchema }).strict(),
    output: z.object({ assessmentId: z.string() }),
  }),
  'assessments.enterPaper': channel({
    summary: 'Type in a paper form; it is scored at once.',
    permission: 'assessments.clinical',
    input: z
      .object({
        studentId: idSchema,
        instrument: instrumentIdSchema,
        responses: z.array(answerSchema).max(200),
        options: z.record(z.string(), z.unknown()).optional(),
        administeredOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    output: assessmentDetailSchema,
  }),
  'assessments.listForStudent': channel({
    summary: "A student's assessments with scores and flags, newest first.",
    permission: 'assessments.clinical',
    input: idInput('studentId'),
    output: z.array(assessmentSummarySchema),
  }),
  'assessments.get': channel({
    summary: 'One assessment with item answers and the full result (clinical; the view is audited).',
    permission: 'assessments.clinical',
    input: idInput('id'),
    output: assessmentDetailSchema,
  }),
  'studentMode.enter': channel({
    summary: 'Hand the screen to the student: until exit, only this questionnaire can be reached.',
    permission: 'assessments.clinical',
    input: idInput('assessmentId'),
    output: studentFormSchema,
  }),
  'studentMode.form': channel({
    allowInStudentMode: true,
    summary: 'The questionnaire in student mode.',
    permission: 'session',
    input: empty,
    output: studentFormSchema,
  }),
  'studentMode.answer': channel({
    allowInStudentMode: true,
    summary: 'Save one answer in student mode (kept at once, so the form can be resumed).',
    permission: 'session',
    input: z.object({ item: z.number().int().min(1).max(200), value: answerSchema }).strict(),
    output: z.object({ position: z.number().int(), answered: z.number().int() }),
  }),
  'studentMode.finish': channel({
    allowInStudentMode: true,
    summary: 'The student hands in the form; it is scored. The student sees no result.',
    permission: 'session',
    input: empty,
    output: z.object({ status: z.enum(ASSESSMENT_STATUSES), unanswered: z.array(z.number().int()) }),
  }),
  'studentMode.exit': channel({
    allowInStudentMode: true,
    summary: "Leave student mode: needs the signed-in counselor's password.",
    permission: 'session',
    input: z.object({ password: z.string().min(1).max(TEXT_MAX.password) }).strict(),
    output: z.object({ assessmentId: z.string(), status: z.enum(ASSESSMENT_STATUSES) }),
  }),
  'instruments.list': channel({
    summary: 'Instruments with their enabled state, switches and cutoffs, and wording state.',
    permission: 'session',
    input: empty,
    output: z.array(instrumentSettingSchema),
  }),
  'instruments.configure': channel({
    summary: 'Enable or disable an instrument and set its switches and cutoffs (INSTRUMENTS.md).',
    permission: 'instruments.manage',
    input: z.object({ instrument: instrumentIdSchema, enabled: z.boolean().optional(), options: z.record(z.string(), z.unknown()).optional() }).strict(),
    output: instrumentSettingSchema,
  }),
  'instruments.loadWording': channel({
    summary: "Load a school's licensed wording for a scoring-only instrument.",
    permission: 'instruments.manage',
    input: z.object({ instrument: instrumentIdSchema, wording: wordingFileSchema }).strict(),
    output: instrumentSettingSchema,
  }),
  'alerts.list': channel({
    summary: 'Alerts raised by critical answers, unacknowledged first.',
    permission: 'alerts.read',
    input: z.object({ status: z.enum(['open', 'all']).default('open'), studentId: idSchema.optional() }).strict(),
    output: z.array(alertSchema),
  }),
  'alerts.acknowledge': channel({
    summary: 'Acknowledge an alert with the action taken (alerts are never deleted).',
    permission: 'alerts.acknowledge',
    input: acknowledgeInputSchema,
    output: alertSchema,
  }),
  'alerts.acknowledgeMany': channel({
    summary: 'Acknowledge several alerts with one action: each gets its own acknowledgement and audit event, all or none.',
    permission: 'alerts.acknowledge',
    input: acknowledgeManyInputSchema,
    output: z.array(alertSchema),
  }),
} as const;

/** The reasons (AppError details.reason) the assessments core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const ASSESSMENTS_ERROR_REASONS = [
  'notInStudentMode',
  'alertNotFound',
  'noCriticalFindings',
  'alertAlreadyAcknowledged',
  'alertNoCrisisEvent',
  'safetyActionNoteRequired',
  'assessmentNotFound',
  'assessmentComplete',
  'instrumentDisabled',
  'itemOutOfRange',
  'badInstrumentOptions',
  'wordingItemsMismatch',
  'UNKNOWN_INSTRUMENT',
  'BAD_RESPONSES',
  'BAD_OPTIONS',
  'INVALID_OPTIONS',
  'WRONG_LENGTH',
  'OUT_OF_RANGE',
  'NOT_AN_INTEGER',
  'NOT_A_NUMBER',
  'NOT_AN_ARRAY',
  'NOT_AN_ANSWER',
] as const;
