import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { TEXT_MAX } from './limits';
import { optionalText, timestamps } from './refs';

/** 学号: letters, digits and dashes as registrars issue them. */
export const studentNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(TEXT_MAX.studentNo)
  .regex(/^[A-Za-z0-9-]+$/, { message: 'studentNoChars' });
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateFormat' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'dateInvalid',
  });
export const GENDERS = ['male', 'female', 'other'] as const;
export const STUDENT_STATUSES = ['enrolled', 'leave', 'suspended', 'graduated'] as const;

/** How a student came into the register: a roster import or by hand. */
export const STUDENT_SOURCES = ['roster', 'manual'] as const;

export const guardianSchema = z.object({
  name: z.string().trim().min(1).max(TEXT_MAX.personName),
  phone: z.string().trim().max(TEXT_MAX.phone).nullable(),
  relation: z.string().trim().max(TEXT_MAX.label).nullable(),
});

export const studentFieldsSchema = z.object({
  studentNo: studentNoSchema,
  name: z.string().trim().min(1).max(TEXT_MAX.personName),
  gender: z.enum(GENDERS).nullable().optional(),
  birthDate: isoDateSchema.nullable().optional(),
  department: optionalText(TEXT_MAX.department),
  major: optionalText(TEXT_MAX.shortName),
  grade: optionalText(TEXT_MAX.grade),
  className: optionalText(TEXT_MAX.className),
  dorm: optionalText(TEXT_MAX.dorm),
  phone: optionalText(TEXT_MAX.phone),
  departmentCounselor: optionalText(TEXT_MAX.personName),
  guardians: z.array(guardianSchema).max(4).optional(),
  status: z.enum(STUDENT_STATUSES).optional(),
});
export type StudentFields = z.infer<typeof studentFieldsSchema>;

export const studentSchema = z.object({
  id: z.string(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  birthDate: z.string().nullable(),
  department: z.string().nullable(),
  major: z.string().nullable(),
  grade: z.string().nullable(),
  className: z.string().nullable(),
  dorm: z.string().nullable(),
  phone: z.string().nullable(),
  departmentCounselor: z.string().nullable(),
  guardians: z.array(guardianSchema),
  status: z.enum(STUDENT_STATUSES),
  source: z.enum(STUDENT_SOURCES),
  ...timestamps,
});
export type Student = z.infer<typeof studentSchema>;

export const studentListItemSchema = studentSchema.pick({
  id: true,
  studentNo: true,
  name: true,
  gender: true,
  department: true,
  grade: true,
  className: true,
  status: true,
});
export type StudentListItem = z.infer<typeof studentListItemSchema>;

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  /** i18n key plus values; the renderer composes the line in the user's language. */
  titleKey: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  level: z.enum(['CRITICAL', 'URGENT', 'HIGH', 'REVIEW']).nullable(),
  ref: z.object({ type: z.string(), id: z.string() }),
  /**
   * When it was written down, where that differs from `at` (when it happened): a session noted
   * the next day, a referral entered after the visit. The timeline is ordered by `at`.
   */
  recordedAt: z.string().optional(),
  /** The record the entry leads to when it is not `ref` itself (an alert: its crisis event, assessment or report). */
  link: z.object({ type: z.string(), id: z.string() }).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const studentChannels = {
  'students.search': channel({
    summary: 'Find students by 学号 prefix, name, or pinyin (full or initials), with filters; paged.',
    permission: 'students.read',
    input: z
      .object({
        query: z.string().trim().max(TEXT_MAX.searchQuery).default(''),
        department: z.string().max(TEXT_MAX.department).optional(),
        grade: z.string().max(TEXT_MAX.grade).optional(),
        className: z.string().max(TEXT_MAX.className).optional(),
        status: z.enum(STUDENT_STATUSES).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(studentListItemSchema) }),
  }),
  'students.facets': channel({
    summary: 'Departments, grades and classes present, for the list filters.',
    permission: 'students.read',
    input: empty,
    output: z.object({ departments: z.array(z.string()), grades: z.array(z.string()), classes: z.array(z.string()) }),
  }),
  'students.get': channel({
    summary: "A student's file: basic data and guardians (the view is audited).",
    permission: 'students.read',
    input: idInput('id'),
    output: studentSchema,
  }),
  'students.create': channel({
    summary: 'Add a student by hand.',
    permission: 'students.write',
    input: studentFieldsSchema.strict(),
    output: studentSchema,
  }),
  'students.update': channel({
    summary: "Edit a student's basic data (audited).",
    permission: 'students.write',
    input: z.object({ id: idSchema, patch: studentFieldsSchema.partial().strict() }).strict(),
    output: studentSchema,
  }),
  'students.timeline': channel({
    summary: 'Everything recorded about a student, newest first (each module adds its entries).',
    permission: 'students.read',
    input: idInput('studentId'),
    output: z.array(timelineEntrySchema),
  }),
} as const;

/** The reasons (AppError details.reason) the students core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const STUDENTS_ERROR_REASONS = ['studentNotFound', 'studentNoTaken'] as const;
