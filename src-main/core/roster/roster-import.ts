import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import type { RosterField, RosterMapping } from '../../../src-shared/contract/roster';
import { studentNoSchema, type StudentFields } from '../../../src-shared/contract/students';
import { moveWorkWithStudent } from '../handover/department-move';
import type { CallContext } from '../handler-types';
import { runJobTransaction } from '../jobs/job-transaction';
import type { JobToken } from '../jobs/jobs';
import { leftAtFor, studentColumns, toFields, type StudentRow } from '../students/student-service';
import { students } from '../store/schema/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import type { ParsedTable } from '../util/parse-table';
import { readDate, readGender } from './row-values';
import { textProblem, type TextProblem } from '../util/text-hygiene';

export type RosterProblemReason =
  'missingStudentNo' | 'badStudentNo' | 'missingName' | 'badDate' | 'duplicateInFile' | 'unknownGender' | 'fieldTooLong' | TextProblem;

export interface RowProblem {
  row: number;
  reason: RosterProblemReason;
  field: string | null;
  value: string | null;
}

interface AcceptedRow {
  row: number;
  /** Only the fields this file provides; others keep what the store has. */
  fields: Partial<StudentFields> & { studentNo: string };
}

export interface RosterPlan {
  rows: number;
  create: AcceptedRow[];
  update: { row: AcceptedRow; existing: StudentRow }[];
  unchanged: number;
  problems: RowProblem[];
}

const MAX_LENGTH: Partial<Record<RosterField, number>> = {
  name: 64,
  department: 100,
  major: 100,
  grade: 32,
  className: 64,
  dorm: 64,
  phone: 32,
  departmentCounselor: 64,
  guardianName: 64,
  guardianPhone: 32,
};

function cellReader(headers: readonly string[], mapping: RosterMapping) {
  const index = new Map<RosterField, number>();
  for (const [field, header] of Object.entries(mapping) as [RosterField, string | null][]) {
    if (header) {
      const at = headers.indexOf(header);
      if (at < 0) throw new AppError('VALIDATION', { reason: 'mappingColumnMissing', column: header });
      index.set(field, at);
    }
  }
  if (!index.has('studentNo')) throw new AppError('VALIDATION', { reason: 'mappingNeedsStudentNo' });
  return {
    fields: [...index.keys()],
    has: (field: RosterField) => index.has(field),
    get: (cells: string[], field: RosterField) => (index.has(field) ? (cells[index.get(field)!] ?? '').trim() : ''),
  };
}

/** Read one row into fields, or the first problem that rejects it. */
function readRow(cells: string[], read: ReturnType<typeof cellReader>): { fields: AcceptedRow['fields'] } | { problem: Omit<RowProblem, 'row'> } {
  // Before anything else: a control character or a failed decoding in any imported field is never stored.
  for (const field of read.fields) {
    const reason = textProblem(read.get(cells, field));
    if (reason) return { problem: { reason, field, value: null } };
  }
  const studentNo = read.get(cells, 'studentNo').toUpperCase();
  if (!studentNo) return { problem: { reason: 'missingStudentNo', field: 'studentNo', value: null } };
  if (!studentNoSchema.safeParse(studentNo).success) return { problem: { reason: 'badStudentNo', field: 'studentNo', value: studentNo } };
  const fields: AcceptedRow['fields'] = { studentNo };
  for (const [field, max] of Object.entries(MAX_LENGTH) as [RosterField, number][]) {
    if (read.has(field) && read.get(cells, field).length > max) return { problem: { reason: 'fieldTooLong', field, value: null } };
  }
  if (read.has('name')) {
    const name = read.get(cells, 'name');
    if (!name) return { problem: { reason: 'missingName', field: 'name', value: null } };
    fields.name = name;
  }
  if (read.has('gender')) {
    const gender = readGender(read.get(cells, 'gender'));
    if (gender === undefined) return { problem: { reason: 'unknownGender', field: 'gender', value: read.get(cells, 'gender') } };
    fields.gender = gender;
  }
  if (read.has('birthDate')) {
    const date = readDate(read.get(cells, 'birthDate'));
    if (date === undefined) return { problem: { reason: 'badDate', field: 'birthDate', value: read.get(cells, 'birthDate') } };
    fields.birthDate = date;
  }
  for (const field of ['department', 'major', 'grade', 'className', 'dorm', 'phone', 'departmentCounselor'] as const) {
    if (read.has(field)) fields[field] = read.get(cells, field) || null;
  }
  if (read.has('guardianName') && read.get(cells, 'guardianName')) {
    fields.guardians = [{ name: read.get(cells, 'guardianName'), phone: read.get(cells, 'guardianPhone') || null, relation: null }];
  }
  return { fields };
}

/** The import's preview and its commit use the same plan, so what was shown is what happens. */
export async function planRosterImport(db: Db, table: ParsedTable, mapping: RosterMapping, job: JobToken): Promise<RosterPlan> {
  const read = cellReader(table.headers, mapping);
  const problems: RowProblem[] = [];
  const accepted: AcceptedRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < table.rows.length; i++) {
    const { fileRow, cells } = table.rows[i];
    const outcome = readRow(cells, read);
    if ('problem' in outcome) problems.push({ row: fileRow, ...outcome.problem });
    else {
      seen.set(outcome.fields.studentNo, (seen.get(outcome.fields.studentNo) ?? 0) + 1);
      accepted.push({ row: fileRow, fields: outcome.fields });
    }
    if (i % 1000 === 0) {
      job.report('validate', i, table.rows.length);
      await job.checkpoint();
    }
  }
  // A 学号 twice in one file is ambiguous: every copy is rejected so a person decides.
  const unique = accepted.filter((row) => {
    if (seen.get(row.fields.studentNo)! === 1) return true;
    problems.push({ row: row.row, reason: 'duplicateInFile', field: 'studentNo', value: row.fields.studentNo });
    return false;
  });

  const existing = new Map(
    db
      .select()
      .from(students)
      .all()
      .map((row) => [row.studentNo, row]),
  );
  const plan: RosterPlan = { rows: table.rows.length, create: [], update: [], unchanged: 0, problems: problems.sort((a, b) => a.row - b.row) };
  for (const row of unique) {
    const current = existing.get(row.fields.studentNo);
    if (!current) {
      if (!row.fields.name) plan.problems.push({ row: row.row, reason: 'missingName', field: 'name', value: null });
      else plan.create.push(row);
    } else if (changes(current, row.fields)) plan.update.push({ row, existing: current });
    else plan.unchanged += 1;
  }
  plan.problems.sort((a, b) => a.row - b.row);
  await job.checkpoint();
  return plan;
}

function changes(current: StudentRow, fields: AcceptedRow['fields']): boolean {
  const merged = studentColumns({ ...toFields(current), ...fields });
  return (Object.keys(merged) as (keyof typeof merged)[]).some((key) => JSON.stringify(merged[key]) !== JSON.stringify(current[key]));
}

export type RosterWrite = { kind: 'create'; fields: AcceptedRow['fields'] } | { kind: 'update'; fields: AcceptedRow['fields']; existing: StudentRow };

/** The plan as a list of writes, in order: new students, then changed ones. */
export function rosterWrites(plan: RosterPlan): RosterWrite[] {
  return [
    ...plan.create.map(({ fields }) => ({ kind: 'create' as const, fields })),
    ...plan.update.map(({ row, existing }) => ({ kind: 'update' as const, fields: row.fields, existing })),
  ];
}

/**
 * The plan's new and changed students in one job transaction (see runJobTransaction); `finish`
 * adds the caller's own closing rows and events to the same transaction. The plan's rows are
 * handed over to the writes (its `create` and `update` are empty afterwards: take its summary
 * first) and each is let go once written, so the plan shrinks while the transaction grows
 * (issue 19 goal 3: the import's peak is in its writes).
 */
export function writeRosterPlan(ctx: CallContext, job: JobToken, plan: RosterPlan, at: string, finish: (tx: WriteContext) => void): Promise<void> {
  const writes: (RosterWrite | undefined)[] = rosterWrites(plan);
  plan.create = [];
  plan.update = [];
  return runJobTransaction(ctx, job, {
    items: writes.map((_, index) => index),
    write: (tx, index) => {
      const write = writes[index]!;
      writes[index] = undefined;
      writeRosterRow(tx, write, at, randomUUID);
    },
    finish,
  });
}

export function writeRosterRow(tx: WriteContext, write: RosterWrite, at: string, newId: () => string): void {
  if (write.kind === 'create') {
    const columns = studentColumns(write.fields as StudentFields);
    tx.insert(
      students,
      { id: newId(), ...columns, leftAt: leftAtFor(null, columns.status, at), source: 'roster', createdAt: at, updatedAt: at },
      { action: 'import' },
    );
  } else {
    const columns = studentColumns({ ...toFields(write.existing), ...write.fields });
    tx.update(students, write.existing.id, { ...columns, leftAt: leftAtFor(write.existing, columns.status, at), updatedAt: at }, { action: 'import' });
    // Work follows the student to a new department, in the same transaction (issue 14 item 11).
    moveWorkWithStudent(tx, write.existing.id, write.existing.department, columns.department, at);
  }
}
