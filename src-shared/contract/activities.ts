import { z } from 'zod';
import { attachmentContentSchema, attachmentRefSchema, attachmentSchema, attachmentUploadSchema } from './attachments';
import { channel } from './define';
import { idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { createdByAndTimestamps, optionalText } from './refs';

export const ACTIVITY_KINDS = [
  'mental_health_month',
  'mental_health_week',
  'lecture',
  'workshop',
  'psychodrama',
  'quiz',
  'class_meeting',
  'training_peer_counselors',
  'training_department_counselors',
  'other',
  // Publicity channels of the plan's 三(一)2 (issue 17 item 5); 主题班会 is class_meeting above.
  'campus_radio',
  'website',
  'wechat_account',
  'bulletin_board',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Who organised it: the center, a 院系, or a class (the four-level network's lower levels). */
export const ORGANIZER_LEVELS = ['center', 'department', 'class'] as const;
export type OrganizerLevel = (typeof ORGANIZER_LEVELS)[number];

export const ACTIVITY_MAX_PARTICIPANTS = 100_000;

/** An activity as a form edits it. */
export const activityFieldsSchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().trim().min(1).max(TEXT_MAX.title),
  /** Calendar date in the school's zone. */
  date: isoDateSchema,
  organizer: z.string().trim().min(1).max(TEXT_MAX.shortName),
  audience: optionalText(TEXT_MAX.remark),
  department: optionalText(TEXT_MAX.department),
  participants: z.number().int({ message: 'activityParticipantsWhole' }).min(0, { message: 'activityParticipantsNegative' }).max(ACTIVITY_MAX_PARTICIPANTS),
  location: optionalText(TEXT_MAX.remark),
  description: optionalText(TEXT_MAX.longNote),
  /** Absent on create: the center (older callers send no level). */
  organizerLevel: z.enum(ORGANIZER_LEVELS).optional(),
  /** The organiser's entry in the network register, when there is one. */
  organizerPersonId: z.string().min(1).max(TEXT_MAX.id).nullable().optional(),
  /** The class of a class-level activity (as the roster writes it). */
  className: optionalText(TEXT_MAX.shortName),
});
export type ActivityFields = z.infer<typeof activityFieldsSchema>;

export const activitySchema = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  date: z.string(),
  organizer: z.string(),
  audience: z.string().nullable(),
  department: z.string().nullable(),
  participants: z.number().int(),
  location: z.string().nullable(),
  description: z.string().nullable(),
  /** Null on activities recorded before organiser levels existed. */
  organizerLevel: z.enum(ORGANIZER_LEVELS).nullable(),
  organizerPersonId: z.string().nullable(),
  className: z.string().nullable(),
  attachmentCount: z.number().int(),
  ...createdByAndTimestamps,
});
export type Activity = z.infer<typeof activitySchema>;

export const activityDetailSchema = activitySchema.extend({ attachments: z.array(attachmentSchema) });
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

/** Count of activities and participants per kind (the figures statistics reuse). */
export const activitySummarySchema = z.object({
  byKind: z.array(z.object({ kind: z.enum(ACTIVITY_KINDS), count: z.number().int(), participants: z.number().int() })),
  total: z.object({ count: z.number().int(), participants: z.number().int() }),
});
export type ActivitySummary = z.infer<typeof activitySummarySchema>;

export const activityFilterSchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    kind: z.enum(ACTIVITY_KINDS).optional(),
  })
  .strict();

/** Channels: filled in by the activities module. */
export const activityChannels = {
  'activities.list': channel({
    summary: 'Education activities and trainings in a period (by date, newest first) with a summary by kind.',
    permission: 'activities.read',
    input: activityFilterSchema,
    output: z.object({ rows: z.array(activitySchema), summary: activitySummarySchema }),
  }),
  'activities.get': channel({
    summary: 'One activity with its attachments (names and sizes, not the files).',
    permission: 'activities.read',
    input: idInput('id'),
    output: activityDetailSchema,
  }),
  'activities.create': channel({
    summary: 'Record an activity or training: kind, title, date, organizer, audience, participants.',
    permission: 'activities.manage',
    input: activityFieldsSchema.strict(),
    output: activityDetailSchema,
  }),
  'activities.update': channel({
    summary: "Correct an activity's fields (activities are never deleted: they are counted in statistics).",
    permission: 'activities.manage',
    input: z.object({ id: idSchema, patch: activityFieldsSchema.partial().strict() }).strict(),
    output: activityDetailSchema,
  }),
  'activities.addAttachment': channel({
    summary: 'Attach a file (pdf, jpg, png, docx, xlsx; at most 5 MB) to an activity.',
    permission: 'activities.manage',
    input: attachmentUploadSchema.extend({ activityId: idSchema }).strict(),
    output: attachmentSchema,
  }),
  'activities.getAttachment': channel({
    summary: "An activity's attachment with its content, to save.",
    // Sign-in sheets and photos can name students: the leadership group sees activities, not files.
    permission: 'activities.manage',
    input: attachmentRefSchema,
    output: attachmentContentSchema,
  }),
  'activities.removeAttachment': channel({
    summary: 'Take an attachment off an activity.',
    permission: 'activities.manage',
    input: attachmentRefSchema,
    output: z.object({ removed: z.literal(true) }),
  }),
} as const;

/** The reasons (AppError details.reason) the activities core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const ACTIVITIES_ERROR_REASONS = [
  'activityNoDepartment',
  'activityCenterLevel',
  'activityNotFound',
  'attachmentTooLarge',
  'attachmentTypeNotAllowed',
  'attachmentEmpty',
  'attachmentNotFound',
] as const;
