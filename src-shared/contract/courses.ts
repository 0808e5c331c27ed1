import { z } from 'zod';
import { channel } from './define';
import { idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { createdByAndTimestamps } from './refs';

/**
 * 心理健康教育课程 (issue 17 item 4): the courses of a term, who teaches them, whom they cover and
 * how many enrolled. Counted in the statistics as coverage of a grade (enrolled / enrolled roster
 * students of that grade).
 */

export const COURSE_KINDS = ['compulsory', 'elective'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

export const COURSE_TERMS = ['autumn', 'spring'] as const;

const shortList = (max: number) => z.array(z.string().trim().min(1).max(TEXT_MAX.shortName)).max(max);

export const courseFieldsSchema = z.object({
  /** The school year by its first calendar year (2026 = 2026–2027学年) and the term in it. */
  schoolYear: z.number().int().min(2000).max(2100),
  term: z.enum(COURSE_TERMS),
  name: z.string().trim().min(1).max(TEXT_MAX.title),
  kind: z.enum(COURSE_KINDS),
  /** Teachers' names as they are known (accounts or the register: the name is what prints). */
  teachers: shortList(20).min(1, { message: 'courseNeedsTeacher' }),
  hours: z.number().positive({ message: 'courseHoursPositive' }).max(500),
  /** The grade the course is for (as the roster writes it, e.g. 2026); the coverage's denominator. */
  grade: z.string().trim().max(TEXT_MAX.courseGrade).nullable().optional(),
  departments: shortList(100).optional(),
  classes: shortList(500).optional(),
  enrolled: z.number().int({ message: 'courseEnrolledWhole' }).min(0, { message: 'courseEnrolledNegative' }).max(100_000),
});
export type CourseFields = z.infer<typeof courseFieldsSchema>;

export const courseSchema = z.object({
  id: z.string(),
  schoolYear: z.number().int(),
  term: z.enum(COURSE_TERMS),
  name: z.string(),
  kind: z.enum(COURSE_KINDS),
  teachers: z.array(z.string()),
  hours: z.number(),
  grade: z.string().nullable(),
  departments: z.array(z.string()),
  classes: z.array(z.string()),
  enrolled: z.number().int(),
  /** Enrolled roster students of the course's grade (within its departments when it names any). */
  roster: z.number().int().nullable(),
  /** enrolled / roster in percent, one decimal; null without a grade or roster. */
  coverage: z.number().nullable(),
  ...createdByAndTimestamps,
});
export type Course = z.infer<typeof courseSchema>;

export const courseChannels = {
  'courses.list': channel({
    summary: 'The mental-health courses of a school year (and term), with enrolment and coverage of the grade.',
    permission: 'courses.read',
    input: z.object({ schoolYear: z.number().int().min(2000).max(2100).optional(), term: z.enum(COURSE_TERMS).optional() }).strict(),
    output: z.array(courseSchema),
  }),
  'courses.create': channel({
    summary: 'Record a course of a term: name, compulsory or elective, teachers, hours, grade, departments or classes, enrolment.',
    permission: 'courses.manage',
    input: courseFieldsSchema.strict(),
    output: courseSchema,
  }),
  'courses.update': channel({
    summary: "Correct a course's fields (courses are never deleted: they are counted).",
    permission: 'courses.manage',
    input: z.object({ id: idSchema, patch: courseFieldsSchema.partial().strict() }).strict(),
    output: courseSchema,
  }),
} as const;
