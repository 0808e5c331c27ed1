import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, createdByAndTimestamps, optionalText } from './refs';

/**
 * 培训与督导 (issue 17 item 3). Training sessions for the people of the four-level network, with
 * attendance; supervision (督导) sessions of counselors: who, when, how long, never what was said.
 */

/** 专兼职心理辅导人员, 辅导员/班主任, 心理委员, 学生干部 (the plan's 二(二) list). */
export const TRAINING_AUDIENCES = ['counseling_staff', 'counselors_and_class_teachers', 'peer_counselors', 'student_cadres'] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];

export const SUPERVISION_FORMATS = ['individual', 'group'] as const;
export type SupervisionFormat = (typeof SUPERVISION_FORMATS)[number];

/** Hours with one decimal at most (a 90-minute session is 1.5). */
export const hoursSchema = z
  .number()
  .positive({ message: 'trainingHoursPositive' })
  .max(100, { message: 'trainingHoursTooMany' })
  .refine((n) => Math.round(n * 10) === n * 10, { message: 'trainingHoursOneDecimal' });

/**
 * A person named in an attendance list: an account, an entry of the network register, or (until
 * the register holds them) a name typed in. The name is kept as written on the day.
 */
export const attendeeRefSchema = z
  .object({
    accountId: idSchema.nullable().optional(),
    registerPersonId: idSchema.nullable().optional(),
    name: z.string().trim().min(1).max(TEXT_MAX.personName),
  })
  .strict();
export type AttendeeRef = z.infer<typeof attendeeRefSchema>;

export const trainingFieldsSchema = z.object({
  title: z.string().trim().min(1).max(TEXT_MAX.title),
  date: isoDateSchema,
  audience: z.enum(TRAINING_AUDIENCES),
  trainer: z.string().trim().min(1).max(TEXT_MAX.shortName),
  hours: hoursSchema,
  location: optionalText(TEXT_MAX.remark),
  /** The 院系 the session was for; school-wide when empty. */
  department: optionalText(TEXT_MAX.department),
});
export type TrainingFields = z.infer<typeof trainingFieldsSchema>;

export const attendeeSchema = z.object({
  id: z.string(),
  personKey: z.string(),
  accountId: z.string().nullable(),
  registerPersonId: z.string().nullable(),
  name: z.string(),
  attended: z.boolean(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const trainingSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  audience: z.enum(TRAINING_AUDIENCES),
  trainer: z.string(),
  hours: z.number(),
  location: z.string().nullable(),
  department: z.string().nullable(),
  /** Listed people and those marked present. */
  invited: z.number().int(),
  attended: z.number().int(),
  ...createdByAndTimestamps,
});
export type TrainingSession = z.infer<typeof trainingSessionSchema>;

export const trainingDetailSchema = trainingSessionSchema.extend({ attendees: z.array(attendeeSchema) });
export type TrainingDetail = z.infer<typeof trainingDetailSchema>;

/** One person's trainings (attended only count towards hours), with hours per school year. */
export const trainingHistorySchema = z.object({
  personKey: z.string(),
  name: z.string(),
  sessions: z.array(
    z.object({ sessionId: z.string(), title: z.string(), date: z.string(), audience: z.enum(TRAINING_AUDIENCES), hours: z.number(), attended: z.boolean() }),
  ),
  /** School year named by its first calendar year (2026 = 2026–2027学年). */
  hoursByYear: z.array(z.object({ schoolYear: z.number().int(), sessions: z.number().int(), hours: z.number() })),
});
export type TrainingHistory = z.infer<typeof trainingHistorySchema>;

export const supervisionFieldsSchema = z.object({
  date: isoDateSchema,
  /** An account (the center's 督导) or, for an outside supervisor, just a name. */
  supervisorAccountId: idSchema.nullable().optional(),
  supervisorName: z.string().trim().min(1).max(TEXT_MAX.personName),
  format: z.enum(SUPERVISION_FORMATS),
  hours: hoursSchema,
  /** The counselors supervised (accounts); one for individual supervision. */
  superviseeIds: z.array(idSchema).min(1, { message: 'supervisionNeedsSupervisee' }).max(50),
});
export type SupervisionFields = z.infer<typeof supervisionFieldsSchema>;

export const supervisionSessionSchema = z.object({
  id: z.string(),
  date: z.string(),
  supervisorAccountId: z.string().nullable(),
  supervisorName: z.string(),
  format: z.enum(SUPERVISION_FORMATS),
  hours: z.number(),
  supervisees: z.array(accountRefSchema),
  ...createdByAndTimestamps,
});
export type SupervisionSession = z.infer<typeof supervisionSessionSchema>;

const termSchema = z.object({ schoolYear: z.number().int().min(2000).max(2100), term: z.enum(['autumn', 'spring']) }).strict();

export const supervisionTotalsSchema = z.object({
  start: z.string(),
  end: z.string(),
  rows: z.array(
    z.object({
      accountId: z.string(),
      displayName: z.string(),
      sessions: z.number().int(),
      individual: z.number().int(),
      group: z.number().int(),
      hours: z.number(),
    }),
  ),
});
export type SupervisionTotals = z.infer<typeof supervisionTotalsSchema>;

export const trainingChannels = {
  'training.list': channel({
    summary: 'Training sessions (培训) in a period, newest first, with how many were listed and attended.',
    permission: 'training.read',
    input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), audience: z.enum(TRAINING_AUDIENCES).optional() }).strict(),
    output: z.array(trainingSessionSchema),
  }),
  'training.get': channel({
    summary: 'One training session with its attendance list (the attendance sheet prints from it).',
    permission: 'training.read',
    input: idInput('id'),
    output: trainingDetailSchema,
  }),
  'training.create': channel({
    summary: 'Record a training session: title, date, audience kind, trainer, hours; attendance may follow.',
    permission: 'training.manage',
    input: trainingFieldsSchema
      .extend({
        attendees: z
          .array(attendeeRefSchema.extend({ attended: z.boolean() }).strict())
          .max(2000)
          .optional(),
      })
      .strict(),
    output: trainingDetailSchema,
  }),
  'training.update': channel({
    summary: "Correct a training session's fields (sessions are never deleted: they are counted).",
    permission: 'training.manage',
    input: z.object({ id: idSchema, patch: trainingFieldsSchema.partial().strict() }).strict(),
    output: trainingDetailSchema,
  }),
  'training.setAttendance': channel({
    summary: 'Set the attendance list of a session: people (register, accounts or names) and whether each attended.',
    permission: 'training.manage',
    input: z.object({ id: idSchema, attendees: z.array(attendeeRefSchema.extend({ attended: z.boolean() }).strict()).max(2000) }).strict(),
    output: trainingDetailSchema,
  }),
  'training.personHistory': channel({
    summary: "One person's trainings and hours per school year (personKey from an attendance row: account:, register: or name:).",
    permission: 'training.read',
    input: z.object({ personKey: z.string().min(1).max(TEXT_MAX.personKey) }).strict(),
    output: trainingHistorySchema,
  }),
  'training.accounts': channel({
    summary: 'Enabled accounts to pick as attendees, supervisors or supervisees (names and roles only).',
    permission: 'training.read',
    input: empty,
    output: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), department: z.string().nullable() })),
  }),
  'training.listSupervision': channel({
    summary: 'Supervision (督导) sessions in a period: supervisor, supervisees, individual or group, hours; never any content.',
    permission: 'supervision.read',
    input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), superviseeId: idSchema.optional() }).strict(),
    output: z.array(supervisionSessionSchema),
  }),
  'training.createSupervision': channel({
    summary: 'Record a supervision session (no content field: what was discussed stays in the case records).',
    permission: 'supervision.manage',
    input: supervisionFieldsSchema.strict(),
    output: supervisionSessionSchema,
  }),
  'training.updateSupervision': channel({
    summary: 'Correct a supervision session.',
    permission: 'supervision.manage',
    input: z.object({ id: idSchema, patch: supervisionFieldsSchema.partial().strict() }).strict(),
    output: supervisionSessionSchema,
  }),
  'training.supervisionTotals': channel({
    summary: 'Supervision sessions and hours per counselor in one term.',
    permission: 'supervision.read',
    input: termSchema,
    output: supervisionTotalsSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the training core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const TRAINING_ERROR_REASONS = [
  'trainingNotFound',
  'trainingPersonNotFound',
  'trainingUnknownAccount',
  'trainingDuplicateAttendee',
  'supervisionNotFound',
  'supervisionIndividualOne',
  'supervisionDuplicateSupervisee',
  'supervisionSelf',
  'courseNotFound',
] as const;
