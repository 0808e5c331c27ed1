import { z } from 'zod';
import { assessmentSummarySchema } from './assessments';
import { CASE_STATUSES, CLOSING_REASONS, intakeSchema, RISK_LEVELS } from './cases';
import { channel } from './define';
import { addendumSchema, NOTE_MODES } from './notes';
import { idSchema } from './schemas';
import { studentSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

const breakGlassReason = z.string().trim().max(TEXT_MAX.shortReason).optional();

/** A signed note as printed: its content and addenda, never drafts. */
export const printedNoteSchema = z.object({
  id: z.string(),
  sessionAt: z.string(),
  mode: z.enum(NOTE_MODES),
  minutes: z.number().int(),
  topics: z.array(z.string()),
  /** The plan's counseling topics (NOTE_TOPICS keys) and the words of 其他. */
  topicCategories: z.array(z.string()),
  topicOther: z.string().nullable(),
  body: z.record(z.string(), z.string()),
  author: accountRefSchema,
  signedBy: accountRefSchema.nullable(),
  signedAt: z.string().nullable(),
  cosigner: accountRefSchema.nullable(),
  cosignedAt: z.string().nullable(),
  addenda: z.array(addendumSchema),
});

/**
 * One case in a printout. `content`: `full` (the printer may read the whole case), `partial`
 * (only the notes they wrote or supervise), `restricted` (not theirs: listed without content; a
 * break-glass reason opens it).
 */
export const printedCaseSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  counselor: accountRefSchema,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  content: z.enum(['full', 'partial', 'restricted']),
  /** Why the printer may read it (assigned, supervisor, director, author, break_glass); null when restricted. */
  access: z.string().nullable(),
  closingReason: z.enum(CLOSING_REASONS).nullable(),
  closingSummary: z.string().nullable(),
  intake: intakeSchema.nullable(),
  notes: z.array(printedNoteSchema),
});
export type PrintedCase = z.infer<typeof printedCaseSchema>;

const printHeaderSchema = z.object({
  printedAt: z.string(),
  printedBy: accountRefSchema,
  schoolName: z.string(),
  student: studentSchema,
  /** The note template's section labels, by section id (older notes may use ids no longer in it). */
  noteSections: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const printedCrisisEventSchema = z.object({
  id: z.string(),
  eventNo: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  status: z.enum(['open', 'closing', 'closed']),
  discoveredAt: z.string(),
  closedAt: z.string().nullable(),
  owner: accountRefSchema.nullable(),
});

export const caseFilePrintSchema = printHeaderSchema.extend({
  cases: z.array(printedCaseSchema),
  assessments: z.array(assessmentSummarySchema),
  crisisEvents: z.array(printedCrisisEventSchema),
});
export type CaseFilePrint = z.infer<typeof caseFilePrintSchema>;

export const casePrintSchema = printHeaderSchema.extend({ case: printedCaseSchema });
export type CasePrint = z.infer<typeof casePrintSchema>;

/** Print: channels. Each call is the print itself: the content read and a `print` audit event. */
export const printChannels = {
  'print.caseFile': channel({
    summary:
      "A student's whole file for printing: basic data, cases (intake, signed notes, addenda) the printer may read, assessments with scores and bands, crisis events; audited as a print.",
    permission: 'cases.clinical',
    input: z.object({ studentId: idSchema, breakGlassReason }).strict(),
    output: caseFilePrintSchema,
  }),
  'print.case': channel({
    summary: 'One case for printing (intake, signed notes, addenda, closing) through the case gate (break-glass applies); audited as a print.',
    permission: 'cases.clinical',
    input: z.object({ caseId: idSchema, breakGlassReason }).strict(),
    output: casePrintSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the print core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const PRINT_ERROR_REASONS = [] as const;
