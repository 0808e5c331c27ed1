import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { Student, StudentFields, StudentListItem } from '../../../src-shared/contract/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import { pinyinKeys } from './pinyin';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { students } from '../store/schema/students';

export type StudentRow = typeof students.$inferSelect;

/** A liaison sees only their department; everyone else with students.read sees all. */
export type StudentScope = { kind: 'all' } | { kind: 'department'; department: string | null };

export function toStudent(row: StudentRow): Student {
  const { namePinyin: _p, nameInitials: _i, ...rest } = row;
  return rest;
}

export function inScope(row: Pick<StudentRow, 'department'>, scope: StudentScope): boolean {
  return scope.kind === 'all' || (scope.department !== null && row.department === scope.department);
}

export function findStudent(db: Db, id: string): StudentRow | undefined {
  return db.select().from(students).where(eq(students.id, id)).get();
}

export function requireStudent(db: Db, id: string, scope: StudentScope): StudentRow {
  const row = findStudent(db, id);
  // Out of scope looks the same as absent: a liaison learns nothing about other departments.
  if (!row || !inScope(row, scope)) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  return row;
}

/** Normalised column values for a student, with the search keys derived from the name. */
export function studentColumns(fields: StudentFields) {
  const keys = pinyinKeys(fields.name);
  return {
    studentNo: fields.studentNo.toUpperCase(),
    name: fields.name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    gender: fields.gender ?? null,
    birthDate: fields.birthDate ?? null,
    department: fields.department || null,
    major: fields.major || null,
    grade: fields.grade || null,
    className: fields.className || null,
    dorm: fields.dorm || null,
    phone: fields.phone || null,
    departmentCounselor: fields.departmentCounselor || null,
    guardians: fields.guardians ?? [],
    status: fields.status ?? 'enrolled',
  };
}

/**
 * When the student left school (status 已毕业), which retention periods count from. Kept across
 * later updates; a student back from graduation (a re-enrolment) has not left. A row that was
 * graduated before this was recorded takes its last update as the best date known.
 */
export function leftAtFor(previous: Pick<StudentRow, 'status' | 'leftAt' | 'updatedAt'> | null, status: StudentRow['status'], at: string): string | null {
  if (status !== 'graduated') return null;
  if (previous?.status === 'graduated') return previous.leftAt ?? previous.updatedAt;
  return at;
}

export function createStudent(tx: WriteContext, fields: StudentFields, source: 'roster' | 'manual', at: string): StudentRow {
  const columns = { ...studentColumns(fields), leftAt: leftAtFor(null, fields.status ?? 'enrolled', at) };
  if (tx.db.select({ id: students.id }).from(students).where(eq(students.studentNo, columns.studentNo)).get()) {
    throw new AppError('CONFLICT', { reason: 'studentNoTaken' });
  }
  return tx.insert(students, { id: randomUUID(), ...columns, source, createdAt: at, updatedAt: at });
}

/**
 * Moves the old department's liaison's open work on with the student, in the same transaction
 * (issue 14 item 11). Given by the caller (handover/, above this domain), so students needs no
 * follow-up or crisis module.
 */
export type MoveWorkWithStudent = (studentId: string, fromDepartment: string | null, toDepartment: string | null) => void;

export function updateStudent(tx: WriteContext, row: StudentRow, patch: Partial<StudentFields>, at: string, moveWork?: MoveWorkWithStudent): StudentRow {
  const merged = studentColumns({ ...toFields(row), ...patch });
  if (merged.studentNo !== row.studentNo && tx.db.select({ id: students.id }).from(students).where(eq(students.studentNo, merged.studentNo)).get()) {
    throw new AppError('CONFLICT', { reason: 'studentNoTaken' });
  }
  const updated = tx.update(students, row.id, { ...merged, leftAt: leftAtFor(row, merged.status, at), updatedAt: at });
  if ((row.department ?? null) !== (updated.department ?? null)) {
    // Work left with the old department's liaison would drop out of sight: a caller that can change
    // the department must move it (a programming error otherwise; the transaction rolls back).
    if (!moveWork) throw new Error('updateStudent: a department change needs moveWork');
    moveWork(row.id, row.department, updated.department);
  }
  return updated;
}

export function toFields(row: StudentRow): StudentFields {
  const { id: _id, source: _s, createdAt: _c, updatedAt: _u, namePinyin: _p, nameInitials: _i, leftAt: _l, ...fields } = row;
  return fields;
}

export type SearchInput = ParsedChannelInput<'students.search'>;

export const LIST_COLUMNS = {
  id: students.id,
  studentNo: students.studentNo,
  name: students.name,
  gender: students.gender,
  department: students.department,
  grade: students.grade,
  className: students.className,
  status: students.status,
};

/** The page of rows for ids found by the search index, in the index's order. */
export function listItems(db: Db, ids: string[]): StudentListItem[] {
  if (ids.length === 0) return [];
  const rows = new Map(
    db
      .select(LIST_COLUMNS)
      .from(students)
      .where(inArray(students.id, ids))
      .all()
      .map((r) => [r.id, r]),
  );
  return ids.map((id) => rows.get(id)).filter((r): r is StudentListItem => r !== undefined);
}

export function studentFacets(db: Db, scope: StudentScope) {
  const where = scope.kind === 'department' ? (scope.department ? eq(students.department, scope.department) : sql`0`) : undefined;
  const distinct = (column: SQLiteColumn) =>
    db
      .selectDistinct({ v: column })
      .from(students)
      .where(where ? and(where, sql`${column} IS NOT NULL`) : sql`${column} IS NOT NULL`)
      .orderBy(asc(column))
      .all()
      .map((r) => r.v as string);
  return { departments: distinct(students.department), grades: distinct(students.grade), classes: distinct(students.className) };
}
