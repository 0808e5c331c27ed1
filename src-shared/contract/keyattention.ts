import { z } from 'zod';
import { decisionInputSchema, isSubstantialNote, safetyNoteSchema } from './actions';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { APPROVAL_REQUEST_STATUSES } from './approvals';
import { accountRefSchema, studentWithClassSchema, timestamps } from './refs';

/** People responsible for a key-attention student: an account for the counselor, names for the others. */
export const keyAttentionResponsibleSchema = z
  .object({
    counselorId: z.string().max(TEXT_MAX.id).nullable(),
    departmentCounselor: z.string().trim().max(TEXT_MAX.personName).nullable(),
    dormWatcher: z.string().trim().max(TEXT_MAX.personName).nullable(),
    peerCounselor: z.string().trim().max(TEXT_MAX.personName).nullable(),
    /** The same people picked from the work network (工作网络); the names above keep the words. */
    departmentCounselorPersonId: z.string().max(TEXT_MAX.id).nullable().optional(),
    dormWatcherPersonId: z.string().max(TEXT_MAX.id).nullable().optional(),
    peerCounselorPersonId: z.string().max(TEXT_MAX.id).nullable().optional(),
  })
  .strict();
export type KeyAttentionResponsible = z.infer<typeof keyAttentionResponsibleSchema>;

export const KEY_ATTENTION_SOURCES = ['manual', 'census', 'crisis'] as const;
export const KEY_ATTENTION_STATUSES = ['active', 'removed'] as const;
export const KEY_ATTENTION_HISTORY_KINDS = ['added', 'level_changed', 'reviewed', 'removed', 'restored'] as const;

/**
 * Why a student comes off the list: 评估风险已解除, 已毕业离校, 转出本校, 其他. A note always goes
 * with it (and must say something).
 */
export const KEY_ATTENTION_REMOVAL_REASONS = ['riskResolved', 'graduated', 'transferred', 'other'] as const;
export type KeyAttentionRemovalReason = (typeof KEY_ATTENTION_REMOVAL_REASONS)[number];

/** A removal waiting for the director (asked by the responsible counselor), or decided. */
export const keyAttentionRemovalRequestSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  reasonCode: z.enum(KEY_ATTENTION_REMOVAL_REASONS),
  note: z.string(),
  status: z.enum(APPROVAL_REQUEST_STATUSES),
  requestedBy: accountRefSchema.nullable(),
  requestedAt: z.string(),
  decidedBy: accountRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
const levelKeySchema = z.string().trim().min(1).max(TEXT_MAX.levelKey);
const reasonSchema = z.string().trim().min(1).max(TEXT_MAX.reason);

/**
 * An entry of the list. `reason` is clinical: the core leaves it out for department liaisons
 * (who see the level, the responsible people and the next review only).
 */
export const keyAttentionEntrySchema = z.object({
  id: z.string(),
  student: studentWithClassSchema,
  level: z.string(),
  reason: z.string().optional(),
  responsible: keyAttentionResponsibleSchema,
  counselor: accountRefSchema.nullable(),
  cadenceDays: z.number().int(),
  nextReviewOn: z.string(),
  lastReviewedAt: z.string().nullable(),
  status: z.enum(KEY_ATTENTION_STATUSES),
  source: z.enum(KEY_ATTENTION_SOURCES),
  /** The next review date has passed (by the core's clock). */
  overdue: z.boolean(),
  ...timestamps,
  /** A removal the responsible counselor asked for, waiting for the director (clinical projection only). */
  pendingRemoval: keyAttentionRemovalRequestSchema.nullable().optional(),
});
export type KeyAttentionEntry = z.infer<typeof keyAttentionEntrySchema>;

export const keyAttentionHistorySchema = z.object({
  id: z.string(),
  kind: z.enum(KEY_ATTENTION_HISTORY_KINDS),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  reason: z.string(),
  /** A removal's reason from the short list (its note is `reason`). */
  reasonCode: z.enum(KEY_ATTENTION_REMOVAL_REASONS).nullable().optional(),
  changedBy: accountRefSchema.nullable(),
  changedAt: z.string(),
});

/** A write that may put the student at the top level: the UI then offers to open a crisis event. */
const changeOutput = z.object({ entry: keyAttentionEntrySchema, proposeCrisis: z.boolean() });
const listOutput = z.object({
  now: z.string(),
  today: z.string(),
  rows: z.array(keyAttentionEntrySchema),
  /** With `limit` on the removed entries: how many removed entries match in all. */
  total: z.number().int().optional(),
});

/**
 * `{ entryId, reason, note }`: `reason` from KEY_ATTENTION_REMOVAL_REASONS and a note that says
 * something. The older `{ entryId, reason }` with free text still works, as 其他 with that text as
 * the note (so it must say something too).
 */
const removeInputSchema = z
  .object({ entryId: idSchema, reason: reasonSchema, note: safetyNoteSchema.optional() })
  .strict()
  .superRefine((v, ctx) => {
    const coded = (KEY_ATTENTION_REMOVAL_REASONS as readonly string[]).includes(v.reason);
    if (v.note === undefined && !coded) {
      if (!isSubstantialNote(v.reason)) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'safetyActionNoteEmpty' });
      return;
    }
    if (!coded) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'keyAttentionRemovalReasonUnknown' });
    if (!isSubstantialNote(v.note)) ctx.addIssue({ code: 'custom', path: ['note'], message: 'keyAttentionRemovalNoteRequired' });
  });

/** Channels: filled in by the key-attention module. */
export const keyAttentionChannels = {
  'keyattention.list': channel({
    summary: 'The key-attention list (重点关注学生库) by level; liaisons see their department without reasons.',
    permission: 'keyattention.read',
    input: z
      .object({
        level: levelKeySchema.optional(),
        department: z.string().max(TEXT_MAX.department).optional(),
        overdueOnly: z.boolean().default(false),
        status: z.enum(KEY_ATTENTION_STATUSES).default('active'),
        /**
         * With status `removed`: the most recently removed first, this many (output `total` says
         * how many there are). Ignored for entries under attention: those are always all listed.
         */
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: listOutput,
  }),
  'keyattention.add': channel({
    summary: 'Put a student on the list with a level, reason and responsible people (a removed entry is restored).',
    permission: 'keyattention.manage',
    input: z
      .object({
        studentId: idSchema,
        level: levelKeySchema,
        reason: reasonSchema,
        responsible: keyAttentionResponsibleSchema,
        /** Days between reviews; default: the level's cadence. */
        cadenceDays: z.number().int().min(1).max(365).optional(),
      })
      .strict(),
    output: changeOutput,
  }),
  'keyattention.changeLevel': channel({
    summary: "Change an entry's level with a reason; the cadence and next review follow the new level.",
    permission: 'keyattention.manage',
    input: z.object({ entryId: idSchema, level: levelKeySchema, reason: reasonSchema }).strict(),
    output: changeOutput,
  }),
  'keyattention.update': channel({
    summary: "Change an entry's responsible people or review cadence.",
    permission: 'keyattention.manage',
    input: z.object({ entryId: idSchema, responsible: keyAttentionResponsibleSchema, cadenceDays: z.number().int().min(1).max(365).optional() }).strict(),
    output: keyAttentionEntrySchema,
  }),
  'keyattention.review': channel({
    summary: 'Record a review; the next review moves on by the cadence.',
    permission: 'keyattention.manage',
    input: z.object({ entryId: idSchema, note: reasonSchema }).strict(),
    output: keyAttentionEntrySchema,
  }),
  'keyattention.remove': channel({
    summary:
      'Take a student off the list with a reason from the short list and a note: the director does it, the responsible counselor asks the director (the entry stays, with pendingRemoval). Refused while the student has a crisis event under way. The entry and its history are kept.',
    permission: 'keyattention.manage',
    input: removeInputSchema,
    output: keyAttentionEntrySchema,
  }),
  'keyattention.removalRequests': channel({
    summary: "Removals asked for: the director's queue (all pending), or a counselor's own requests.",
    permission: 'keyattention.manage',
    input: z.object({ status: z.enum(['pending', 'all']).default('pending') }).strict(),
    output: z.array(keyAttentionRemovalRequestSchema.extend({ entry: keyAttentionEntrySchema })),
  }),
  'keyattention.decideRemoval': channel({
    summary: 'The director approves a removal (checked again: no crisis event under way) or turns it down with a note.',
    permission: 'keyattention.approve',
    input: decisionInputSchema,
    output: keyAttentionEntrySchema,
  }),
  'keyattention.history': channel({
    summary: "An entry's history: added, level changes, reviews, removal and restoring, with reasons.",
    permission: 'keyattention.manage',
    input: idInput('entryId'),
    output: z.array(keyAttentionHistorySchema),
  }),
  'keyattention.forStudent': channel({
    summary: "A student's active entry, or null (liaisons: own department, without the reason).",
    permission: 'keyattention.read',
    input: idInput('studentId'),
    output: keyAttentionEntrySchema.nullable(),
  }),
  'keyattention.dueReviews': channel({
    summary: "Reviews due or overdue (workbench): a counselor's own entries; the director's, all.",
    permission: 'keyattention.manage',
    input: empty,
    output: listOutput,
  }),
} as const;

/** The reasons (AppError details.reason) the keyattention core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const KEYATTENTION_ERROR_REASONS = [
  'keyAttentionUnknownLevel',
  'keyAttentionNotFound',
  'keyAttentionNotActive',
  'keyAttentionAlreadyListed',
  'keyAttentionSameLevel',
  'keyAttentionCrisisOpen',
  'keyAttentionRemoveNotResponsible',
  'approvalAlreadyPending',
  'approvalNotFound',
  'approvalAlreadyDecided',
] as const;
