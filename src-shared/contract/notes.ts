import { z } from 'zod';
import { RISK_LEVELS } from './cases';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { accountRefSchema, timestamps } from './refs';

export const NOTE_MODES = ['in_person', 'phone', 'online'] as const;
export const NOTE_STATUSES = ['draft', 'awaiting_cosign', 'signed', 'unlocked'] as const;

/**
 * The plan's counseling topics (学习适应、情绪调节、人际交往、压力应对、生涯规划、情感问题) and 其他,
 * in the plan's order with 其他 last. A signed note has at least one; statistics count by them.
 * Labels: src-shared/labels/note-topic-labels.ts. Free words stay in `topics` (shown as tags).
 */
export const NOTE_TOPICS = [
  'academic_adjustment',
  'emotion_regulation',
  'interpersonal',
  'stress_coping',
  'career_planning',
  'relationships',
  'other',
] as const;
export type NoteTopic = (typeof NOTE_TOPICS)[number];

/** The risk re-check asked at every session. */
export const noteRiskCheckSchema = z
  .object({
    level: z.enum(RISK_LEVELS),
    suicidalIdeation: z.boolean(),
    selfHarm: z.boolean(),
    comment: z.string().max(TEXT_MAX.description).nullable().optional(),
  })
  .strict();
export type NoteRiskCheck = z.infer<typeof noteRiskCheckSchema>;

/** Limits of the note form, shared by the editor and the core. */
export const NOTE_LIMITS = {
  minutesMax: 600,
  topicsMax: 20,
  topicMax: TEXT_MAX.label,
  topicOtherMax: 64,
  sectionMax: TEXT_MAX.document,
  addendumMax: TEXT_MAX.document,
  reasonMin: 4,
  reasonMax: TEXT_MAX.shortReason,
} as const;
export const SIGN_DUE_HOURS = { min: 1, max: 720, default: 72 } as const;

export const noteSessionAtSchema = z.iso.datetime({ offset: true });
export const noteMinutesSchema = z.number().int().min(1).max(NOTE_LIMITS.minutesMax);
export const noteTopicsSchema = z.array(z.string().trim().min(1).max(NOTE_LIMITS.topicMax)).max(NOTE_LIMITS.topicsMax);
/** The note's topics from the plan's list (each once); empty only on a draft. */
export const noteTopicCategoriesSchema = z.array(z.enum(NOTE_TOPICS)).max(NOTE_TOPICS.length);
/** The words of 其他 (kept only when `other` is among the categories). */
export const noteTopicOtherSchema = z.string().trim().max(NOTE_LIMITS.topicOtherMax).nullable();
export const noteBodySchema = z.record(z.string().max(TEXT_MAX.label), z.string().max(NOTE_LIMITS.sectionMax));
export const addendumBodySchema = z.string().trim().min(1).max(NOTE_LIMITS.addendumMax);
export const unlockReasonSchema = z.string().trim().min(NOTE_LIMITS.reasonMin).max(NOTE_LIMITS.reasonMax);

/** One section of the note template: a stable id (the body key) and the label shown. */
export const noteSectionSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, { message: 'noteSectionIdChars' }),
    label: z.string().trim().min(1).max(TEXT_MAX.label),
  })
  .strict();
export const signDueHoursSchema = z.number().int().min(SIGN_DUE_HOURS.min).max(SIGN_DUE_HOURS.max);
export const noteTemplateSchema = z
  .object({
    sections: z
      .array(noteSectionSchema)
      .min(1)
      .max(12)
      .refine((sections) => new Set(sections.map((s) => s.id)).size === sections.length, { message: 'noteSectionIdDuplicate' }),
    signDueHours: signDueHoursSchema,
  })
  .strict();
export type NoteTemplate = z.infer<typeof noteTemplateSchema>;

const breakGlassReason = z.string().trim().max(TEXT_MAX.shortReason).optional();

export const addendumSchema = z.object({ id: z.string(), author: accountRefSchema, body: z.string(), createdAt: z.string() });

/** What a list of notes shows without their content (queues on the workbench). */
export const noteSummarySchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string() }),
  author: accountRefSchema,
  sessionAt: z.string(),
  mode: z.enum(NOTE_MODES),
  status: z.enum(NOTE_STATUSES),
  signDueAt: z.string(),
  /** Still unsigned (draft / unlocked) after signDueAt. */
  overdue: z.boolean(),
  cosigner: accountRefSchema.nullable(),
  signedAt: z.string().nullable(),
});
export type NoteSummary = z.infer<typeof noteSummarySchema>;

/** A note with its clinical content: only returned through the case-content gate. */
export const noteSchema = noteSummarySchema.extend({
  appointmentId: z.string().nullable(),
  minutes: z.number().int(),
  /** Free tags (the field kept its name from before the plan's topics). */
  topics: z.array(z.string()),
  /** The plan's topics (NOTE_TOPICS). */
  topicCategories: z.array(z.enum(NOTE_TOPICS)),
  /** The words of 其他, null unless `other` is among topicCategories. */
  topicOther: z.string().nullable(),
  body: z.record(z.string(), z.string()),
  riskCheck: noteRiskCheckSchema.nullable(),
  signedBy: accountRefSchema.nullable(),
  cosignedAt: z.string().nullable(),
  unlockedBy: accountRefSchema.nullable(),
  unlockedAt: z.string().nullable(),
  unlockReason: z.string().nullable(),
  ...timestamps,
  addenda: z.array(addendumSchema),
});
export type Note = z.infer<typeof noteSchema>;

const noteFields = {
  sessionAt: noteSessionAtSchema,
  mode: z.enum(NOTE_MODES),
  minutes: noteMinutesSchema,
  topics: noteTopicsSchema,
  body: noteBodySchema,
  riskCheck: noteRiskCheckSchema.nullable(),
};
/** Optional on create and update so callers written before the plan's topics keep working. */
const topicFields = { topicCategories: noteTopicCategoriesSchema.optional(), topicOther: noteTopicOtherSchema.optional() };

export const BREAK_GLASS_REVIEWS = ['pending', 'justified', 'unjustified'] as const;

export const breakGlassAccessSchema = z.object({
  id: z.string(),
  account: accountRefSchema,
  student: z.object({ id: z.string(), studentNo: z.string(), name: z.string() }),
  caseId: z.string(),
  caseNo: z.string().nullable(),
  viewed: z.string(),
  reason: z.string(),
  accessedAt: z.string(),
  review: z.enum(BREAK_GLASS_REVIEWS),
  reviewedBy: accountRefSchema.nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type BreakGlassAccess = z.infer<typeof breakGlassAccessSchema>;

/** 紧急查阅审核: the director's review of clinical content opened outside an assignment. */
export const breakGlassChannels = {
  'breakglass.queue': channel({
    summary: 'Break-glass accesses for the director to review (pending, or all), newest first.',
    permission: 'breakglass.review',
    input: z.object({ status: z.enum(['pending', 'all']).default('pending') }).strict(),
    output: z.array(breakGlassAccessSchema),
  }),
  'breakglass.review': channel({
    summary: 'Mark a break-glass access justified or not, with a note (audited).',
    permission: 'breakglass.review',
    input: z.object({ id: idSchema, review: z.enum(['justified', 'unjustified']), note: z.string().trim().max(TEXT_MAX.shortReason).optional() }).strict(),
    output: breakGlassAccessSchema,
  }),
};

/** Channels of 咨询记录: drafts, signing, co-signing, addenda, the director's unlock, the template. */
export const noteChannels = {
  'notes.list': channel({
    summary: "A case's session notes with content and addenda, newest session first (through the case-content gate).",
    permission: 'cases.clinical',
    input: z.object({ caseId: idSchema, breakGlassReason }).strict(),
    output: z.array(noteSchema),
  }),
  'notes.get': channel({
    summary: 'One session note with content and addenda (through the case-content gate).',
    permission: 'cases.clinical',
    input: z.object({ id: idSchema, breakGlassReason }).strict(),
    output: noteSchema,
  }),
  'notes.create': channel({
    summary: "Write a draft note on a case (the case's counselor or the director).",
    permission: 'cases.clinical',
    input: z
      .object({ caseId: idSchema, appointmentId: idSchema.nullable().optional(), ...noteFields, riskCheck: noteFields.riskCheck.optional(), ...topicFields })
      .strict(),
    output: noteSchema,
  }),
  'notes.update': channel({
    summary: 'Change a draft or unlocked note (its author only); a signed note is refused.',
    permission: 'cases.clinical',
    input: z
      .object({
        id: idSchema,
        sessionAt: noteFields.sessionAt.optional(),
        mode: noteFields.mode.optional(),
        minutes: noteFields.minutes.optional(),
        topics: noteFields.topics.optional(),
        ...topicFields,
        body: noteFields.body.optional(),
        riskCheck: noteFields.riskCheck.optional(),
      })
      .strict(),
    output: noteSchema,
  }),
  'notes.sign': channel({
    summary: "Sign and lock a note (author); a trainee's note goes to their supervisor for co-signature.",
    permission: 'cases.clinical',
    input: idInput('id'),
    output: noteSchema,
  }),
  'notes.cosign': channel({
    summary: "Co-sign a trainee's note (the named supervisor, or the director).",
    permission: 'notes.cosign',
    input: idInput('id'),
    output: noteSchema,
  }),
  'notes.addAddendum': channel({
    summary: 'Add an addendum (补充记录) to a signed note.',
    permission: 'cases.clinical',
    input: z.object({ id: idSchema, body: addendumBodySchema }).strict(),
    output: noteSchema,
  }),
  'notes.unlock': channel({
    summary: 'Unlock a signed note so its author can correct and re-sign it (director; reason audited).',
    permission: 'notes.unlock',
    input: z.object({ id: idSchema, reason: unlockReasonSchema }).strict(),
    output: noteSchema,
  }),
  'notes.cosignQueue': channel({
    summary: 'Notes awaiting the signed-in supervisor’s co-signature (all of them for the director).',
    permission: 'notes.cosign',
    input: empty,
    output: z.array(noteSummarySchema),
  }),
  'notes.mine': channel({
    summary: "The signed-in author's unsigned notes (drafts, unlocked, awaiting co-signature), overdue ones flagged.",
    permission: 'cases.clinical',
    input: empty,
    output: z.array(noteSummarySchema),
  }),
  'notes.getTemplate': channel({
    summary: 'The note template (sections) and the signing deadline in hours.',
    permission: 'session',
    input: empty,
    output: noteTemplateSchema,
  }),
  'notes.setTemplate': channel({
    summary: 'Change the note template and the signing deadline (notes already written keep their sections).',
    permission: 'settings.manage',
    input: noteTemplateSchema,
    output: noteTemplateSchema,
  }),
  ...breakGlassChannels,
};

/** The reasons (AppError details.reason) the notes core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const NOTES_ERROR_REASONS = [
  'noteNotFound',
  'noteCaseNotFound',
  'noteUnknownSection',
  'noteNotCaseCounselor',
  'noteCaseClosed',
  'noteLocked',
  'noteNotAuthor',
  'noteAlreadySigned',
  'noteAwaitingCosign',
  'noteRiskCheckRequired',
  'noteBodyEmpty',
  'noteTopicRequired',
  'noteTopicOtherRequired',
  'noteNoSupervisor',
  'noteNotAwaitingCosign',
  'noteNotCosigner',
  'noteAddendumNeedsSigned',
  'noteAddendumNotAllowed',
  'noteUnlockNotSigned',
  'breakGlassNotFound',
  'breakGlassAlreadyReviewed',
  'accountSupervisorNotTrainee',
  'accountSupervisorInvalid',
] as const;
