import { z } from 'zod';
import { TRAINING_AUDIENCES } from './training';

/** A figure cell as statistics.ts declares it (repeated here so this module has no import cycle). */
const cellSchema = z.union([z.number().int().nonnegative(), z.literal('<5'), z.literal('—')]);

/** 培训、课程与督导 figures of a statistics period (issue 17 items 3–4); computed in src-main/core/statistics/education-figures.ts. */
export const educationFiguresSchema = z.object({
  /** Per audience kind: sessions held, their hours, attendances (人次) and person-hours; "<5" under 5 people. */
  training: z.array(
    z.object({
      audience: z.enum(TRAINING_AUDIENCES),
      sessions: z.number().int(),
      hours: z.number(),
      attendances: cellSchema,
      people: cellSchema,
      /** Sum over attendances of the session's hours; null when the people are suppressed. */
      personHours: z.number().nullable(),
    }),
  ),
  /** Courses of the terms overlapping the period, with the coverage of their grade. */
  courses: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['compulsory', 'elective']),
      schoolYear: z.number().int(),
      term: z.enum(['autumn', 'spring']),
      grade: z.string().nullable(),
      hours: z.number(),
      enrolled: cellSchema,
      roster: cellSchema.nullable(),
      coverage: z.number().nullable(),
    }),
  ),
  /**
   * Supervision of counselors: per counselor (names only for the center's own clinical view;
   * in suppressed views and exports the rows are left out and only the totals remain).
   */
  supervision: z.object({
    counselors: z.number().int(),
    sessions: z.number().int(),
    hours: z.number(),
    perCounselor: z.array(z.object({ name: z.string(), sessions: z.number().int(), hours: z.number() })),
  }),
});
export type EducationFigures = z.infer<typeof educationFiguresSchema>;
