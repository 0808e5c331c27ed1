import { z } from 'zod';
import { channel } from './define';
import { empty } from './schemas';
import { educationFiguresSchema } from './education-figures';
import { familyContactFiguresSchema } from './family';
import { TEXT_MAX } from './limits';

/**
 * 统计: de-identified figures for a period and (optionally) one department. No channel here
 * returns a name, a student number or an id of a student, case or event.
 */

/** The school year is named by the calendar year it starts in: 2025 = 2025–2026学年. */
const schoolYearSchema = z.number().int().min(2000).max(2100);

export const statisticsPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), year: schoolYearSchema, month: z.number().int().min(1).max(12) }).strict(),
  z.object({ kind: z.literal('semester'), schoolYear: schoolYearSchema, term: z.enum(['autumn', 'spring']) }).strict(),
  z.object({ kind: z.literal('schoolYear'), schoolYear: schoolYearSchema }).strict(),
]);
export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>;

/** The text a cell counting fewer than 5 students shows, on screen for leadership and in every export. */
export const SMALL_CELL = '<5';
/**
 * A cell withheld although it is not small: the only other suppressed cell of a breakdown
 * whose total is shown, so the small cell cannot be recovered by subtraction.
 */
export const WITHHELD_CELL = '—';
export const SMALL_CELL_THRESHOLD = 5;

export const statisticsCellSchema = z.union([z.number().int().nonnegative(), z.literal(SMALL_CELL), z.literal(WITHHELD_CELL)]);
export type StatisticsCell = z.infer<typeof statisticsCellSchema>;

/** A rate in percent (one decimal), null when its numerator is suppressed or its denominator is 0. */
const rateSchema = z.number().nullable();

const breakdownRow = z.object({ key: z.string().nullable(), label: z.string().nullable(), sessions: statisticsCellSchema, students: statisticsCellSchema });
const countRow = z.object({ key: z.string(), label: z.string(), events: statisticsCellSchema, students: statisticsCellSchema });

export const statisticsInputSchema = z
  .object({
    period: statisticsPeriodSchema,
    /** One department (院系), or every department when absent. */
    department: z.string().trim().min(1).max(TEXT_MAX.department).nullable().optional(),
    /** The school's zone for the period's day boundaries (default: the workstation's). */
    timeZone: z.string().max(TEXT_MAX.timeZone).optional(),
  })
  .strict();

export const statisticsSchema = z.object({
  period: z.object({
    kind: z.enum(['month', 'semester', 'schoolYear']),
    /** First and last day (local dates, both included). */
    start: z.string(),
    end: z.string(),
    /** Whether the calendar's 教学周 setting moved this semester's boundaries. */
    fromTeachingTerm: z.boolean(),
  }),
  department: z.string().nullable(),
  /** True when cells under 5 students are shown as "<5" (leadership, exports). */
  suppressed: z.boolean(),
  sessions: z.object({
    total: statisticsCellSchema,
    students: statisticsCellSchema,
    /** Sum of the sessions' minutes, in hours (one decimal); null when suppressed. */
    hours: z.number().nullable(),
    byMode: z.array(breakdownRow),
    /** One row per counseling topic of the plan (NOTE_TOPICS, 其他 last), always all of them; key is the topic key. */
    byTopic: z.array(breakdownRow),
    byGrade: z.array(breakdownRow),
  }),
  cases: z.object({ opened: statisticsCellSchema, closed: statisticsCellSchema }),
  crisis: z.object({ total: statisticsCellSchema, students: statisticsCellSchema, byLevel: z.array(countRow) }),
  referrals: z.object({ total: statisticsCellSchema, students: statisticsCellSchema }),
  keyAttention: z.object({ atEnd: statisticsCellSchema, added: statisticsCellSchema, removed: statisticsCellSchema }),
  census: z.array(
    z.object({
      name: z.string(),
      /** Enrolled students of the batch's grade (null when the batch names no grade). */
      roster: statisticsCellSchema.nullable(),
      screened: statisticsCellSchema,
      participationRate: rateSchema,
      positives: z.array(z.object({ instrument: z.string(), screened: statisticsCellSchema, positive: statisticsCellSchema, rate: rateSchema })),
      listed: statisticsCellSchema,
      interviewed: statisticsCellSchema,
    }),
  ),
  /** Activities are counted by headcount, never by student: no suppression applies. */
  activities: z.object({
    byKind: z.array(z.object({ kind: z.string(), count: z.number().int(), participants: z.number().int() })),
    activities: z.object({ count: z.number().int(), participants: z.number().int() }),
    trainings: z.object({ count: z.number().int(), participants: z.number().int() }),
  }),
  /** 团体辅导: groups that met, sessions held, distinct members who attended, attendances; "<5" under 5 members. */
  /** 培训 by audience, 课程 coverage of the grade, 督导 hours per counselor (issue 17). */
  education: educationFiguresSchema,
  groups: z.object({ groups: statisticsCellSchema, sessions: statisticsCellSchema, members: statisticsCellSchema, memberSessions: statisticsCellSchema }),
  /** 家校沟通: contacts and students reached, by way (issue 17 item 6). */
  familyContacts: familyContactFiguresSchema,
});
export type Statistics = z.infer<typeof statisticsSchema>;

const fileSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

export const statisticsChannels = {
  'statistics.options': channel({
    summary: 'What the statistics pickers offer: departments, the current school year and whether a teaching term is set.',
    permission: 'statistics.read',
    input: empty,
    output: z.object({ departments: z.array(z.string()), currentSchoolYear: z.number().int(), teachingTermSet: z.boolean() }),
  }),
  'statistics.compute': channel({
    summary: 'De-identified figures for a month, semester or school year and optionally one department (cells under 5 students suppressed for leadership).',
    permission: 'statistics.read',
    input: statisticsInputSchema,
    output: statisticsSchema,
  }),
  'statistics.exportXlsx': channel({
    summary: 'The statistics of a period as .xlsx (base64); cells under 5 students are "<5" whoever exports.',
    permission: 'statistics.read',
    input: statisticsInputSchema,
    output: fileSchema,
  }),
  'statistics.workReport': channel({
    summary: 'The semester or annual work report (工作总结数据) as .xlsx (base64), small cells "<5".',
    permission: 'statistics.read',
    input: statisticsInputSchema.extend({
      period: z.discriminatedUnion('kind', [statisticsPeriodSchema.options[1], statisticsPeriodSchema.options[2]]),
    }),
    output: fileSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the statistics core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const STATISTICS_ERROR_REASONS = ['statisticsUnknownZone'] as const;
