import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Course, CourseFields } from '../../../src-shared/contract/courses';
import type { ReadSqlite } from '../store/read-sqlite';
import type { Db, WriteContext } from '../store/unit-of-work';
import { mentalHealthCourses } from '../store/schema/courses';

export type CourseRow = typeof mentalHealthCourses.$inferSelect;

/**
 * Enrolled roster students of a grade, within the named departments when there are any: the
 * denominator of a course's coverage. Null without a grade (nothing to compare with).
 */
export function rosterOfGrade(sqlite: ReadSqlite, grade: string | null, departments: readonly string[]): number | null {
  if (!grade) return null;
  const placeholders = departments.map(() => '?').join(', ');
  const sql = `SELECT count(*) FROM students WHERE grade = ? AND status = 'enrolled'${departments.length > 0 ? ` AND department IN (${placeholders})` : ''}`;
  return sqlite
    .prepare(sql)
    .pluck()
    .get(grade, ...departments) as number;
}

/** A percentage with one decimal; null when there is no roster to divide by. */
export function coverageRate(enrolled: number, roster: number | null): number | null {
  return roster === null || roster === 0 ? null : Math.round((enrolled / roster) * 1000) / 10;
}

export function toCourse(sqlite: ReadSqlite, row: CourseRow): Course {
  const roster = rosterOfGrade(sqlite, row.grade, row.departments);
  return { ...row, roster, coverage: coverageRate(row.enrolled, roster) };
}

export function listCourses(db: Db, filter: { schoolYear?: number; term?: 'autumn' | 'spring' }): CourseRow[] {
  const conditions: SQL[] = [];
  if (filter.schoolYear !== undefined) conditions.push(eq(mentalHealthCourses.schoolYear, filter.schoolYear));
  if (filter.term) conditions.push(eq(mentalHealthCourses.term, filter.term));
  return db
    .select()
    .from(mentalHealthCourses)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(mentalHealthCourses.schoolYear), desc(mentalHealthCourses.term), asc(mentalHealthCourses.name))
    .all();
}

const trimmedList = (list: readonly string[] | undefined) => [...new Set((list ?? []).map((s) => s.trim()).filter((s) => s.length > 0))];

export function createCourse(tx: WriteContext, fields: CourseFields, at: string): CourseRow {
  return tx.insert(
    mentalHealthCourses,
    {
      id: randomUUID(),
      schoolYear: fields.schoolYear,
      term: fields.term,
      name: fields.name,
      kind: fields.kind,
      teachers: trimmedList(fields.teachers),
      hours: fields.hours,
      grade: fields.grade?.trim() ? fields.grade.trim() : null,
      departments: trimmedList(fields.departments),
      classes: trimmedList(fields.classes),
      enrolled: fields.enrolled,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { schoolYear: fields.schoolYear, term: fields.term, kind: fields.kind } },
  );
}

export function updateCourse(tx: WriteContext, row: CourseRow, patch: Partial<CourseFields>, at: string): CourseRow {
  const changes: Partial<typeof mentalHealthCourses.$inferInsert> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'teachers' || key === 'departments' || key === 'classes') (changes as Record<string, unknown>)[key] = trimmedList(value as string[]);
    else if (key === 'grade') changes.grade = typeof value === 'string' && value.trim() ? value.trim() : null;
    else (changes as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(changes).length === 0) return row;
  return tx.update(mentalHealthCourses, row.id, { ...changes, updatedAt: at });
}
