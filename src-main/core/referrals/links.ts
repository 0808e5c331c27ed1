import { eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { cases } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { OpenStore } from '../store/open-store';
import type { Db, WriteContext } from '../store/unit-of-work';
import type { Session } from '../vault';
import { requireRow } from '../store/require-row';

/** Where a referral, safety plan or disclosure hangs: the student, and optionally an event and a case. */
export interface Links {
  studentId: string;
  eventId: string | null;
  caseId: string | null;
}

export type EventRow = typeof crisisEvents.$inferSelect;

/**
 * The student must exist, and an event or case named alongside must be that student's: a record
 * filed under someone else's event would show up on the wrong crisis page.
 */
export function checkedLinks(db: Db, input: { studentId: string; eventId?: string | null; caseId?: string | null }): Links {
  const student = db.select({ id: students.id }).from(students).where(eq(students.id, input.studentId)).get();
  if (!student) throw new AppError('NOT_FOUND', { reason: 'crisisRecordStudentNotFound' });
  let eventCaseId: string | null = null;
  if (input.eventId) {
    const event = requireRow(db, 'crisisEvent', input.eventId, 'crisisRecordEventNotFound');
    if (event.studentId !== student.id) throw new AppError('VALIDATION', { reason: 'crisisRecordStudentMismatch' });
    eventCaseId = event.caseId;
  }
  if (input.caseId) {
    const kase = db.select({ studentId: cases.studentId }).from(cases).where(eq(cases.id, input.caseId)).get();
    if (!kase) throw new AppError('NOT_FOUND', { reason: 'crisisRecordCaseNotFound' });
    if (kase.studentId !== student.id) throw new AppError('VALIDATION', { reason: 'crisisRecordStudentMismatch' });
  }
  // A record made on an event's page also belongs to the event's case, so the case page shows it.
  return { studentId: student.id, eventId: input.eventId ?? null, caseId: input.caseId ?? eventCaseId };
}

export interface Person {
  id: string;
  displayName: string;
}

/** Display names of the accounts named on some records, by id. */
export function peopleById(db: Db, ids: readonly (string | null)[]): Map<string, Person> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted)).all();
  return new Map(rows.map((row) => [row.id, row]));
}

export interface StudentRef {
  id: string;
  studentNo: string;
  name: string;
  department: string | null;
  className: string | null;
}

export function studentsById(db: Db, ids: readonly string[]): Map<string, StudentRef> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className })
    .from(students)
    .where(inArray(students.id, wanted))
    .all();
  return new Map(rows.map((row) => [row.id, row]));
}

export function personOf(people: Map<string, Person>, id: string | null): Person | null {
  return id ? (people.get(id) ?? null) : null;
}

/**
 * What every crisis record's output shares: its id, the student, the event or case it hangs off,
 * and the accounts it names (looked up once for all rows).
 */
export function recordViews<R extends { id: string; studentId: string; eventId: string | null; caseId: string | null }>(
  db: Db,
  rows: readonly R[],
  namedAccounts: (row: R) => (string | null)[],
) {
  const people = peopleById(db, rows.flatMap(namedAccounts));
  const studentRefs = studentsById(
    db,
    rows.map((r) => r.studentId),
  );
  return {
    person: (id: string | null) => personOf(people, id),
    base: (row: R) => ({ id: row.id, student: studentRefs.get(row.studentId)!, eventId: row.eventId, caseId: row.caseId }),
  };
}

/** Each record read is audited one by one, so "who read this referral" has an answer. */
export function auditViews(tx: WriteContext, entity: string, ids: readonly string[], details: Record<string, unknown> = {}): void {
  for (const id of ids) tx.record('view', entity, id, details);
}

/** Rows the caller reads: each one's view audited (one unit of work for all), then shaped for the contract. */
export function auditedViews<Row extends { id: string }, View>(
  store: OpenStore,
  session: Session,
  entity: string,
  rows: Row[],
  toViews: (db: Db, rows: Row[]) => View[],
  details: Record<string, unknown> = {},
): View[] {
  store.uow.run({ accountId: session.accountId }, (tx) =>
    auditViews(
      tx,
      entity,
      rows.map((r) => r.id),
      details,
    ),
  );
  return toViews(store.db, rows);
}

/** The lists take exactly one of student, event or case. */
export type ListFilter = { studentId?: string; eventId?: string; caseId?: string };
