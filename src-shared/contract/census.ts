import { z } from 'zod';
import { cssrsOptionsSchema } from '../instruments/cssrs';
import { gad7OptionsSchema } from '../instruments/gad7';
import { k10OptionsSchema } from '../instruments/k10';
import { phqOptionsSchema } from '../instruments/phq';
import { scl90OptionsSchema } from '../instruments/scl90';
import { zungOptionsSchema } from '../instruments/zung';
import { SAFETY_ACTIONS, checkSafetyActionNote, isSubstantialNote, safetyNoteSchema } from './actions';
import { instrumentIdSchema } from './assessments';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { importFileSchema } from './roster';
import { TEXT_MAX } from './limits';
import { followupPageOf, followupPagingInput } from './census-followup-page';
import { accountRefSchema, studentWithClassSchema } from './refs';

/** A census follow-up (interview) is pending until an outcome is recorded. */
export const CENSUS_FOLLOWUP_STATUSES = ['pending', 'done'] as const;
export const CENSUS_FOLLOWUP_HISTORY_KINDS = ['outcome', 'outcome_changed', 'reopened'] as const;

export const FOLLOWUP_OUTCOMES = ['cleared', 'watch', 'key_attention', 'crisis'] as const;

/**
 * The screening rules a batch keeps per instrument: the scorer's own option schemas (strict: known
 * keys, bounded ranges), except UPI, whose batch rule is the variant only: "asks for counseling"
 * and the auxiliary answers are facts of each form, read from the file, never a batch setting.
 */
export const censusInstrumentRulesSchemas = {
  phq9: phqOptionsSchema,
  phqa: phqOptionsSchema,
  gad7: gad7OptionsSchema,
  cssrs_screen: cssrsOptionsSchema,
  scl90: scl90OptionsSchema,
  upi: z.strictObject({ variant: z.enum(['B', 'C']).default('B') }),
  k10: k10OptionsSchema,
  sds: zungOptionsSchema,
  sas: zungOptionsSchema,
} as const;

/** `{ scl90: {...}, upi: {...} }`: only known instruments, each with its strict rule schema. */
export const censusRulesSchema = z.strictObject(
  Object.fromEntries(Object.entries(censusInstrumentRulesSchemas).map(([id, schema]) => [id, schema.optional()])) as {
    [K in keyof typeof censusInstrumentRulesSchemas]: z.ZodOptional<(typeof censusInstrumentRulesSchemas)[K]>;
  },
);

export const censusBatchSchema = z.object({
  id: z.string(),
  name: z.string(),
  cohort: z.string(),
  grade: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  instruments: z.array(instrumentIdSchema),
  rules: z.record(z.string(), z.record(z.string(), z.unknown())),
  createdAt: z.string(),
});

export const censusProblemSchema = z.object({
  row: z.number().int(),
  reason: z.enum(['missingStudentNo', 'notInRoster', 'badAnswer', 'outOfRange', 'duplicateInFile', 'incomplete', 'controlCharacter', 'undecodable']),
  instrument: z.string().optional(),
  item: z.number().int().optional(),
  value: z.string().optional(),
});

/** The import summary; field names are a public interface (`counsel census import`). */
export const censusImportSummarySchema = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  warnings: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  positive: z.number().int().optional(),
  category1: z.number().int().optional(),
  category2: z.number().int().optional(),
  alerts: z.number().int(),
  /** Instruments this import added to the batch (asked with `addInstruments`), with the batch's default rules. */
  instrumentsAdded: z.array(z.string()).optional(),
});

/** A CRITICAL or URGENT (or critical-item) alert raised by the batch's forms that nobody has acknowledged yet. */
export const followupAlertSchema = z.object({ id: z.string(), code: z.string(), level: z.string(), item: z.number().int().nullable() });

/** A list entry as clinical roles see it: with the screening reasons. */
export const followupSchema = z.object({
  id: z.string(),
  student: studentWithClassSchema,
  urgency: z.number().int(),
  reasons: z.array(z.string()),
  assignedTo: accountRefSchema.nullable(),
  status: z.enum(CENSUS_FOLLOWUP_STATUSES),
  outcome: z.enum(FOLLOWUP_OUTCOMES).nullable(),
  note: z.string().nullable(),
  interviewedAt: z.string().nullable(),
  /** The batch's unacknowledged alerts of this student: recording the interview asks to acknowledge them. */
  openAlerts: z.array(followupAlertSchema).optional(),
  /** Pending again after a recorded interview, because a re-imported form raised the urgency. */
  reopened: z.boolean().optional(),
  /** At risk: a critical item or an unacknowledged alert, and not yet interviewed (the list shows these first). */
  atRisk: z.boolean().optional(),
});

export const followupPageSchema = followupPageOf(followupSchema);
export type FollowupPage = z.infer<typeof followupPageSchema>;

export const followupHistorySchema = z.object({
  id: z.string(),
  kind: z.enum(CENSUS_FOLLOWUP_HISTORY_KINDS),
  outcome: z.enum(FOLLOWUP_OUTCOMES).nullable(),
  previousOutcome: z.enum(FOLLOWUP_OUTCOMES).nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  urgency: z.number().int().nullable(),
  previousUrgency: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

/** What happens to the key-attention entry when an outcome moves away from 重点关注. */
export const KEY_ATTENTION_DECISIONS = ['keep', 'remove'] as const;

const recordOutcomeInput = z
  .object({
    followupId: idSchema,
    outcome: z.enum(FOLLOWUP_OUTCOMES),
    note: z.string().trim().max(TEXT_MAX.note).default(''),
    /** Why a recorded outcome is changed (required for a change; both are kept). */
    changeReason: z.string().trim().max(TEXT_MAX.reason).optional(),
    /** Acknowledge the student's open alerts from this batch with this action, in the same transaction. */
    acknowledge: z
      .object({ action: z.enum(SAFETY_ACTIONS), note: safetyNoteSchema.optional() })
      .strict()
      .superRefine((value, ctx) => checkSafetyActionNote(value, ctx))
      .optional(),
    /** Moving away from 重点关注: keep the key-attention entry, or end it. */
    keyAttention: z.enum(KEY_ATTENTION_DECISIONS).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.changeReason !== undefined && value.changeReason.length > 0 && !isSubstantialNote(value.changeReason)) {
      ctx.addIssue({ code: 'custom', path: ['changeReason'], message: 'censusChangeReasonEmpty' });
    }
  });

/**
 * Where the answers are in a platform's file, by column header: the 学号 column, optional
 * identity columns, and each instrument's FIRST item column (its items follow in order).
 * Detected automatically, correctable by the user, remembered per platform.
 */
export const censusMappingSchema = z
  .object({
    studentNo: z.string().max(TEXT_MAX.importCell),
    name: z.string().max(TEXT_MAX.importCell).nullable().optional(),
    gender: z.string().max(TEXT_MAX.importCell).nullable().optional(),
    department: z.string().max(TEXT_MAX.importCell).nullable().optional(),
    firstItem: z.partialRecord(instrumentIdSchema, z.string().max(TEXT_MAX.importCell)),
    upiAsksForCounseling: z.string().max(TEXT_MAX.importCell).nullable().optional(),
    upiAuxiliary: z.array(z.string().max(TEXT_MAX.importCell)).max(8).optional(),
  })
  .strict();
export type CensusMapping = z.infer<typeof censusMappingSchema>;

export const censusMappingErrorSchema = z.object({
  reason: z.enum(['censusNoStudentNoColumn', 'censusItemColumnsMissing', 'mappingColumnMissing']),
  instrument: z.string().optional(),
  expected: z.number().int().optional(),
  found: z.number().int().optional(),
  column: z.string().optional(),
});

const censusImportInput = importFileSchema
  .extend({
    batchId: idSchema,
    /** Which of the batch's instruments this file holds (default: all of them). */
    instruments: z.array(instrumentIdSchema).min(1).max(4).optional(),
    createMissingStudents: z.boolean().default(false),
    mapping: censusMappingSchema.optional(),
    /** The census platform the file comes from: its corrected mapping is remembered under this name. */
    platform: z.string().trim().min(1).max(TEXT_MAX.shortName).default('default'),
    jobId: z.string().max(TEXT_MAX.id).optional(),
    /** Add the file's instruments the batch lacks (with the batch's default rules for them). */
    addInstruments: z.boolean().default(false),
  })
  .strict();

const countRow = z.object({ key: z.string().nullable(), count: z.number().int() });

/** De-identified figures of one batch: counts and rates, never a student. */
export const censusStatisticsSchema = z.object({
  batchId: z.string(),
  screened: z.number().int(),
  participation: z.array(z.object({ department: z.string().nullable(), roster: z.number().int().nullable(), screened: z.number().int() })),
  positiveRates: z.array(z.object({ instrument: z.string(), screened: z.number().int(), positive: z.number().int() })),
  scl90Factors: z.array(z.object({ factor: z.string(), labelZh: z.string(), positive: z.number().int(), meanOfMeans: z.number().nullable() })),
  upiCategories: z.array(countRow),
  distributions: z.object({ scl90Total: z.array(countRow), upiTotal: z.array(countRow) }),
  followups: z.object({ listed: z.number().int(), done: z.number().int(), outcomes: z.array(countRow) }),
});

const xlsxFileSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

/** One department's part of a batch's follow-up list (the liaison's view and its export). */
const departmentListInput = z.object({ batchId: idSchema, department: z.string().max(TEXT_MAX.department) }).strict();

export const censusChannels = {
  'census.createBatch': channel({
    summary: 'Create a census batch (cohort, period, instruments, the screening rules it keeps).',
    permission: 'census.manage',
    input: z
      .object({
        name: z.string().trim().min(1).max(TEXT_MAX.shortName),
        cohort: z.string().trim().min(1).max(TEXT_MAX.shortName),
        /** The roster's 年级 for this cohort (e.g. 2026级): participation is counted against it. */
        grade: z.string().trim().max(TEXT_MAX.grade).nullable().optional(),
        periodStart: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable()
          .optional(),
        periodEnd: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable()
          .optional(),
        instruments: z.array(instrumentIdSchema).min(1).max(4).default(['scl90', 'upi']),
        rules: censusRulesSchema.optional(),
      })
      .strict(),
    output: censusBatchSchema,
  }),
  'census.addInstruments': channel({
    summary: 'Add questionnaires to a batch (their files come separately); the rules are the defaults unless given.',
    permission: 'census.manage',
    input: z.object({ batchId: idSchema, instruments: z.array(instrumentIdSchema).min(1).max(4), rules: censusRulesSchema.optional() }).strict(),
    output: censusBatchSchema.extend({ instrumentsAdded: z.array(z.string()) }),
  }),
  'census.listBatches': channel({
    summary: 'Census batches, newest first.',
    permission: 'census.read',
    input: empty,
    output: z.array(censusBatchSchema),
  }),
  'census.preview': channel({
    summary: "Read a census platform's result file and show per-row problems before importing.",
    permission: 'census.import',
    input: censusImportInput,
    output: censusImportSummarySchema.extend({
      encoding: z.string(),
      headers: z.array(z.string()),
      mapping: censusMappingSchema,
      mappingSource: z.enum(['given', 'remembered', 'detected']),
      /** Why the columns cannot be read yet (the plan is empty then): the user corrects the mapping. */
      mappingErrors: z.array(censusMappingErrorSchema),
      problems: z.array(censusProblemSchema),
    }),
  }),
  'census.import': channel({
    summary: 'Score, screen and store every form of the file in one transaction; re-importing changes nothing.',
    permission: 'census.import',
    input: censusImportInput,
    output: censusImportSummarySchema,
  }),
  'census.followups': channel({
    summary: 'The follow-up interview list (约谈名单) of a batch: at-risk students not yet interviewed first, then most urgent first; paged with offset/limit.',
    permission: 'census.clinical',
    input: z
      .object({
        batchId: idSchema,
        department: z.string().max(TEXT_MAX.department).optional(),
        status: z.enum(CENSUS_FOLLOWUP_STATUSES).optional(),
        ...followupPagingInput,
      })
      .strict(),
    /** The whole list (as before) without offset/limit; with them, one page and its totals. */
    output: z.union([z.array(followupSchema), followupPageSchema]),
  }),
  'census.assign': channel({
    summary: "Assign interviews to a counselor: a department's pending ones in one step, or chosen ones.",
    permission: 'census.manage',
    input: z
      .object({
        batchId: idSchema,
        counselorId: idSchema,
        department: z.string().max(TEXT_MAX.department).optional(),
        followupIds: z.array(idSchema).max(5000).optional(),
      })
      .strict()
      .refine((v) => v.department !== undefined || (v.followupIds?.length ?? 0) > 0, { message: 'departmentOrIds', path: ['department'] }),
    output: z.object({ assigned: z.number().int() }),
  }),
  'census.recordOutcome': channel({
    summary: 'Record an interview outcome with a short note.',
    permission: 'census.clinical',
    input: recordOutcomeInput,
    output: followupSchema,
  }),
  'census.followupForAlert': channel({
    summary: 'The interview-list entry of a census alert (null for other alerts): acknowledging it can record the interview outcome too.',
    permission: 'census.clinical',
    input: idInput('alertId'),
    output: z.object({ batch: z.object({ id: z.string(), name: z.string() }), followup: followupSchema }).nullable(),
  }),
  'census.followupHistory': channel({
    summary: 'What was recorded for one interview, oldest first: outcomes, changes with their reasons, reopenings.',
    permission: 'census.clinical',
    input: idInput('followupId'),
    output: z.array(followupHistorySchema),
  }),
  'census.progress': channel({
    summary: 'Interview completion by department and by counselor (no scores: liaisons see their department).',
    permission: 'census.read',
    input: idInput('batchId'),
    output: z.object({
      byDepartment: z.array(z.object({ department: z.string().nullable(), total: z.number().int(), done: z.number().int() })),
      byCounselor: z.array(z.object({ counselor: z.string().nullable(), total: z.number().int(), done: z.number().int() })),
    }),
  }),
  'census.statistics': channel({
    summary: 'Participation, positive rates, SCL-90 factors, UPI categories and distributions of a batch (and a previous one).',
    permission: 'census.clinical',
    input: z.object({ batchId: idSchema, compareBatchId: idSchema.optional() }).strict(),
    output: z.object({ current: censusStatisticsSchema, previous: censusStatisticsSchema.nullable() }),
  }),
  'census.exportStatistics': channel({
    summary: 'The statistics of a batch as .xlsx.',
    permission: 'census.clinical',
    input: idInput('batchId'),
    output: xlsxFileSchema,
  }),
  'census.departmentStatus': channel({
    summary: "A department's follow-up list with interview status only (no reasons, scores or notes): what a liaison may see.",
    permission: 'census.read',
    input: departmentListInput,
    output: z.array(
      z.object({
        studentNo: z.string(),
        name: z.string(),
        className: z.string().nullable(),
        status: z.enum(CENSUS_FOLLOWUP_STATUSES),
        assignedTo: z.string().nullable(),
      }),
    ),
  }),
  'census.exportDepartmentList': channel({
    summary: "A department's follow-up list as .xlsx with minimum fields: 学号, 姓名, 班级, interview status (no scores).",
    permission: 'census.read',
    input: departmentListInput,
    output: xlsxFileSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the census core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const CENSUS_ERROR_REASONS = [
  'censusInstrumentNotInBatch',
  'censusRulesInvalid',
  'censusChangeReasonRequired',
  'censusAlertsUnacknowledged',
  'censusKeyAttentionDecisionRequired',
  'censusFileHasOtherItems',
  'censusBatchNameTaken',
  'censusBatchNotFound',
  'censusItemColumnsMissing',
  'censusNoStudentNoColumn',
  'followupNotFound',
  'notACounselor',
  'notInRoster',
  'badAnswer',
  'outOfRange',
  'incomplete',
] as const;
