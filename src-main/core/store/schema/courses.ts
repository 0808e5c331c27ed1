import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdByAndTimestamps, idColumn } from './columns';
import { COURSE_KINDS, COURSE_TERMS } from '../../../../src-shared/contract/courses';

/** 心理健康教育课程: one course in one term (issue 17 item 4). Counts only, no student names. */
export const mentalHealthCourses = sqliteTable(
  'mental_health_courses',
  {
    id: idColumn(),
    schoolYear: integer('school_year').notNull(),
    term: text('term', { enum: COURSE_TERMS }).notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: COURSE_KINDS }).notNull(),
    teachers: text('teachers', { mode: 'json' }).$type<string[]>().notNull(),
    hours: real('hours').notNull(),
    grade: text('grade'),
    departments: text('departments', { mode: 'json' }).$type<string[]>().notNull(),
    classes: text('classes', { mode: 'json' }).$type<string[]>().notNull(),
    enrolled: integer('enrolled').notNull(),
    ...createdByAndTimestamps(),
  },
  (t) => [index('mental_health_courses_term').on(t.schoolYear, t.term)],
);
