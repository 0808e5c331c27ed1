import { z } from 'zod';
import { channel } from './define';
import { empty } from './schemas';
import { TEXT_MAX } from './limits';

/** The roster fields a column can be mapped to. */
export const ROSTER_FIELDS = [
  'studentNo',
  'name',
  'gender',
  'birthDate',
  'department',
  'major',
  'grade',
  'className',
  'dorm',
  'phone',
  'departmentCounselor',
  'guardianName',
  'guardianPhone',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** field -> the file's column header (or null: not imported). */
export const rosterMappingSchema = z.partialRecord(z.enum(ROSTER_FIELDS), z.string().max(TEXT_MAX.importCell).nullable());
export type RosterMapping = z.infer<typeof rosterMappingSchema>;

/** Files travel as base64 over IPC; 64 MiB is far above a 100,000-row roster. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;
export const importFileSchema = z.object({
  fileName: z.string().trim().min(1).max(TEXT_MAX.fileName),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4),
});

export const ROSTER_PROBLEMS = [
  'missingStudentNo',
  'badStudentNo',
  'missingName',
  'badDate',
  'duplicateInFile',
  'unknownGender',
  'fieldTooLong',
  /** NUL or another control character (names and the other roster fields are one line). */
  'controlCharacter',
  /** U+FFFD: bytes that did not decode (a wrong encoding or a damaged file). */
  'undecodable',
] as const;

export const rowProblemSchema = z.object({
  row: z.number().int(),
  reason: z.enum(ROSTER_PROBLEMS),
  field: z.string().nullable(),
  value: z.string().nullable(),
});

export const rosterPlanSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});

export const rosterChannels = {
  'roster.preview': channel({
    summary: 'Read a roster file (.xlsx/.csv, UTF-8 or GBK), map its columns, and show per-row problems and the plan.',
    permission: 'roster.import',
    input: importFileSchema.extend({ mapping: rosterMappingSchema.optional(), jobId: z.string().max(TEXT_MAX.id).optional() }).strict(),
    output: z.object({
      encoding: z.string(),
      headers: z.array(z.string()),
      mapping: rosterMappingSchema,
      mappingSource: z.enum(['given', 'remembered', 'detected']),
      /** Why the mapping cannot be imported yet (e.g. no column for 学号); the plan is empty then. */
      mappingErrors: z.array(z.string()),
      plan: rosterPlanSchema,
      problems: z.array(rowProblemSchema),
      /** A CSV (UTF-8 with BOM, opens in Excel) of the rejected rows with a reason column. */
      rejectedCsvBase64: z.string().nullable(),
    }),
  }),
  'roster.import': channel({
    summary: 'Commit the accepted rows in one transaction (new / updated / unchanged) and remember the mapping.',
    permission: 'roster.import',
    input: importFileSchema.extend({ mapping: rosterMappingSchema, jobId: z.string().max(TEXT_MAX.id).optional() }).strict(),
    output: rosterPlanSchema,
  }),
  'jobs.cancel': channel({
    summary: 'Cancel a running import; nothing of it is written.',
    permission: 'session',
    input: z.object({ jobId: z.string().max(TEXT_MAX.id) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'roster.rememberedMapping': channel({
    summary: 'The column mapping used last time.',
    permission: 'roster.import',
    input: empty,
    output: rosterMappingSchema.nullable(),
  }),
  'roster.template': channel({
    summary: 'An empty roster .xlsx with the Chinese column headers the import recognises (学号 and 姓名 marked 必填).',
    permission: 'roster.import',
    input: empty,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  }),
} as const;

/** The reasons (AppError details.reason) the roster core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const ROSTER_ERROR_REASONS = ['controlCharacter', 'undecodable', 'fileEncodingMismatch', 'tooManyRows'] as const;
