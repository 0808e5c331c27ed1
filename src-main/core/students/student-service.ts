import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Student, StudentFields, StudentListItem } from '../../../src-shared/contract/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import { pinyinKeys } from './pinyin';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { students } from './schema';

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

export function createStudent(tx: WriteContext, fields: StudentFields, source: 'roster' | 'manual', at: string): StudentRow {
  const columns = studentColumns(fields);
  if (tx.db.select({ id: students.id }).from(students).where(eq(students.studentNo, columns.studentNo)).get()) {
    throw new AppError('CONFLICT', { reason: 'studentNoTaken' });
  }
  return tx.insert(students, { id: randomUUID(), ...columns, source, createdAt: at, updatedAt: at });
}

export function updateStudent(tx: WriteContext, row: StudentRow, patch: Partial<StudentFields>, at: string): StudentRow {
  const merged = studentColumns({ ...toFields(row), ...patch });
  if (merged.studentNo !== row.studentNo && tx.db.select({ id: students.id }).from(students).where(eq(students.studentNo, merged.studentNo)).get()) {
    throw new AppError('CONFLICT', { reason: 'studentNoTaken' });
  }
  return tx.update(students, row.id, { ...merged, updatedAt: at });
}

export function toFields(row: StudentRow): StudentFields {
  const { id: _id, source: _s, createdAt: _c, updatedAt: _u, namePinyin: _p, nameInitials: _i, ...fields } = row;
  return fields;
}

export interface SearchInput {
  query: string;
  department?: string;
  grade?: string;
  className?: string;
  status?: StudentRow['status'];
  offset: number;
  limit: number;
}

const LIST_COLUMNS = {
  id: students.id,
  studentNo: students.studentNo,
  name: students.name,
  gender: students.gender,
  department: students.department,
  grade: students.grade,
  className: students.className,
  status: students.status,
};

/** Index-friendly prefix match: `col >= q AND col < q || U+FFFF`. */
function prefix(column: SQLiteColumn, value: string): SQL {
  return sql`(${column} >= ${value} AND ${column} < ${`${value}\uffff`})`;
}

/**
 * 学号 prefix, name (prefix or contained), pinyin full or initials prefix. Each branch uses an
 * index; only a name substring falls back to a scan, which stays fast at 100,000 rows.
 */
function queryCondition(query: string): SQL | undefined {
  const q = query.trim();
  if (!q) return undefined;
  if (/^[0-9A-Za-z-]+$/.test(q) && /\d/.test(q)) return prefix(students.studentNo, q.toUpperCase());
  if (/^[A-Za-z\s']+$/.test(q)) {
    const letters = q.toLowerCase().replace(/[^a-z]/g, '');
    return sql`(${prefix(students.nameInitials, letters)} OR ${prefix(students.namePinyin, letters)})`;
  }
  return sql`(${prefix(students.name, q)} OR instr(${students.name}, ${q}) > 0)`;
}

export function searchStudents(db: Db, input: SearchInput, scope: StudentScope): { total: number; rows: StudentListItem[] } {
  const conditions = [
    queryCondition(input.query),
    input.department ? eq(students.department, input.department) : undefined,
    input.grade ? eq(students.grade, input.grade) : undefined,
    input.className ? eq(students.className, input.className) : undefined,
    input.status ? eq(students.status, input.status) : undefined,
    scope.kind === 'department' ? (scope.department ? eq(students.department, scope.department) : sql`0`) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(students).where(where).get()?.n ?? 0;
  const rows = db.select(LIST_COLUMNS).from(students).where(where).orderBy(asc(students.studentNo)).limit(input.limit).offset(input.offset).all();
  return { total, rows };
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
