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
import { streamTableFile, type ParsedTable, type StreamedTable } from '../util/parse-table';
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

type AcceptedFields = Partial<StudentFields> & { studentNo: string };

/**
 * An accepted row's fields (only those the file provides; others keep what the store has) packed
 * into one string until its write: see packFields.
 */
type PackedFields = string;

export interface RosterPlan {
  rows: number;
  create: PackedFields[];
  update: { fields: PackedFields; existing: StudentRow }[];
  unchanged: number;
  problems: RowProblem[];
}

/**
 * The fields a roster row may carry, in the order readRow sets them. A plan of 200,000 rows held
 * each row's fields as an object of up to 12 strings, a guardian object and its array (~600 bytes
 * a row, ~130 MB), from the validation to the row's write: packed into one string they take a
 * third of that, and the object is made again, young, at its write (issue 19 goal 3).
 */
const PACKED = ['studentNo', 'name', 'gender', 'birthDate', 'department', 'major', 'grade', 'className', 'dorm', 'phone', 'departmentCounselor'] as const;
/** Between fields; a field the file does not provide; a field left empty (null). */
const SEPARATOR = '\u0000';
const ABSENT = '\u0001';
const EMPTY = '\u0002';
/** The fields whose values repeat across a school's rows. */
const SHARED_VALUES: ReadonlySet<string> = new Set(['gender', 'department', 'major', 'grade', 'className', 'departmentCounselor']);

/**
 * One string for the fields: PACKED's values, then the guardian's name and phone. No accepted
 * value holds a C0 control character (readRow rejects them first), so none holds the markers.
 */
function packFields(fields: AcceptedFields): PackedFields {
  const values: string[] = [fields.studentNo];
  for (let i = 1; i < PACKED.length; i++) {
    const value = fields[PACKED[i]];
    values.push(value === undefined ? ABSENT : value === null ? EMPTY : value);
  }
  const guardian = fields.guardians?.[0];
  values.push(guardian ? guardian.name : ABSENT, guardian?.phone ?? EMPTY);
  // join, not +=: a flat string, where concatenation would keep a rope holding every field's own string.
  return values.join(SEPARATOR);
}

/** The fields packFields packed: the same keys, in the same order, with the same values. */
function unpackFields(packed: PackedFields, intern: (value: string) => string = (value) => value): AcceptedFields {
  const values = packed.split(SEPARATOR);
  const fields: AcceptedFields = { studentNo: values[0] };
  for (let i = 1; i < PACKED.length; i++) {
    const value = values[i];
    // Strings many rows share (a department, a grade) are kept once while the import holds them.
    if (value !== ABSENT) (fields as Record<string, unknown>)[PACKED[i]] = value === EMPTY ? null : SHARED_VALUES.has(PACKED[i]) ? intern(value) : value;
  }
  const guardianName = values[PACKED.length];
  if (guardianName !== ABSENT) {
    const phone = values[PACKED.length + 1];
    fields.guardians = [{ name: guardianName, phone: phone === EMPTY ? null : phone, relation: null }];
  }
  return fields;
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
function readRow(cells: string[], read: ReturnType<typeof cellReader>): { fields: AcceptedFields } | { problem: Omit<RowProblem, 'row'> } {
  // Before anything else: a control character or a failed decoding in any imported field is never stored.
  for (const field of read.fields) {
    const reason = textProblem(read.get(cells, field));
    if (reason) return { problem: { reason, field, value: null } };
  }
  const studentNo = read.get(cells, 'studentNo').toUpperCase();
  if (!studentNo) return { problem: { reason: 'missingStudentNo', field: 'studentNo', value: null } };
  if (!studentNoSchema.safeParse(studentNo).success) return { problem: { reason: 'badStudentNo', field: 'studentNo', value: studentNo } };
  const fields: AcceptedFields = { studentNo };
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

/**
 * A file's rows read into a plan one at a time, in file order (`add`), then the plan against the
 * store (`finish`): planRosterImport gives it a parsed table's rows, streamRosterPlan each row as
 * the file is read. Only the accepted rows' packed fields and the problems grow with the file.
 */
class RosterPlanner {
  readonly problems: RowProblem[] = [];
  // The accepted rows as three lists (file row, 学号, packed fields) rather than an object each.
  private readonly acceptedRows: number[] = [];
  private readonly acceptedNos: string[] = [];
  private readonly acceptedFields: PackedFields[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly read: ReturnType<typeof cellReader>) {}

  add(fileRow: number, cells: string[]): void {
    const outcome = readRow(cells, this.read);
    if ('problem' in outcome) this.problems.push(Object.assign({ row: fileRow }, outcome.problem));
    else {
      const { studentNo } = outcome.fields;
      this.seen.set(studentNo, (this.seen.get(studentNo) ?? 0) + 1);
      this.acceptedRows.push(fileRow);
      this.acceptedNos.push(studentNo);
      this.acceptedFields.push(packFields(outcome.fields));
    }
  }

  /** The plan of the rows added (`rows`: the file's data rows) against the students stored now. */
  finish(db: Db, rows: number): RosterPlan {
    const { acceptedRows, acceptedNos, acceptedFields, seen, problems, read } = this;
    // Only the stored students this file names are kept (a decade's store holds 60,000 others).
    const existing = new Map<string, StudentRow>();
    for (const row of db.select().from(students).all()) if (seen.has(row.studentNo)) existing.set(row.studentNo, row);
    const plan: RosterPlan = { rows, create: [], update: [], unchanged: 0, problems };
    for (let i = 0; i < acceptedRows.length; i++) {
      const studentNo = acceptedNos[i];
      // A 学号 twice in one file is ambiguous: every copy is rejected so a person decides.
      if (seen.get(studentNo)! > 1) {
        problems.push({ row: acceptedRows[i], reason: 'duplicateInFile', field: 'studentNo', value: studentNo });
        continue;
      }
      const current = existing.get(studentNo);
      if (!current) {
        // readRow gives every row a name when the file has the column: without it, no new student.
        if (!read.has('name')) problems.push({ row: acceptedRows[i], reason: 'missingName', field: 'name', value: null });
        else plan.create.push(acceptedFields[i]);
      } else if (changes(current, unpackFields(acceptedFields[i]))) plan.update.push({ fields: acceptedFields[i], existing: current });
      else plan.unchanged += 1;
    }
    plan.problems.sort((a, b) => a.row - b.row);
    return plan;
  }
}

/** The import's preview and its commit use the same plan, so what was shown is what happens. */
export async function planRosterImport(db: Db, table: ParsedTable, mapping: RosterMapping, job: JobToken): Promise<RosterPlan> {
  const planner = new RosterPlanner(cellReader(table.headers, mapping));
  for (let i = 0; i < table.rows.length; i++) {
    const { fileRow, cells } = table.rows[i];
    planner.add(fileRow, cells);
    if (i % 1000 === 0) {
      job.report('validate', i, table.rows.length);
      await job.checkpoint();
    }
  }
  const plan = planner.finish(db, table.rows.length);
  await job.checkpoint();
  return plan;
}

/**
 * The plan planRosterImport makes of the same file (same rows, problems, summary and errors),
 * each row validated and packed as the file is read: the file's parsed rows are never held
 * together, only the plan grows (issue 19 goal 3). For an import with no preview's table to take
 * over. `chooseMapping` gets the file's header before its first row. A mapping that does not fit
 * the file is refused once the file is read whole, as planRosterImport refuses it after the parse
 * (a file's own problems, such as too many rows, come first).
 */
export async function streamRosterPlan(
  db: Db,
  fileName: string,
  bytes: Uint8Array,
  chooseMapping: (headers: readonly string[]) => RosterMapping,
  job: JobToken,
): Promise<{ plan: RosterPlan; mapping: RosterMapping; file: StreamedTable }> {
  let planner: RosterPlanner | null = null;
  let mapping: RosterMapping | null = null;
  let mappingError: unknown = null;
  const file = await streamTableFile(fileName, bytes, {
    headers: (headers) => {
      mapping = chooseMapping(headers);
      try {
        planner = new RosterPlanner(cellReader(headers, mapping));
      } catch (error) {
        mappingError = error;
      }
    },
    row: (fileRow, cells) => planner?.add(fileRow, cells),
  });
  if (mappingError !== null) throw mappingError;
  job.report('validate', file.rows, file.rows);
  await job.checkpoint();
  const plan = (planner as RosterPlanner | null)!.finish(db, file.rows);
  await job.checkpoint();
  return { plan, mapping: mapping!, file };
}

function changes(current: StudentRow, fields: AcceptedFields): boolean {
  const merged = studentColumns({ ...toFields(current), ...fields });
  return (Object.keys(merged) as (keyof typeof merged)[]).some((key) => JSON.stringify(merged[key]) !== JSON.stringify(current[key]));
}

export type RosterWrite = { kind: 'create'; fields: AcceptedFields } | { kind: 'update'; fields: AcceptedFields; existing: StudentRow };

/**
 * The plan's new and changed students (in that order) in one job transaction (see
 * runJobTransaction); `finish` adds the caller's own closing rows and events to the same
 * transaction. The plan's rows are handed over to the writes (its `create` and `update` are empty
 * afterwards: take its summary first), each unpacked at its write and let go once written, so the
 * plan shrinks while the transaction grows (issue 19 goal 3: the import's peak is in its writes).
 */
export function writeRosterPlan(ctx: CallContext, job: JobToken, plan: RosterPlan, at: string, finish: (tx: WriteContext) => void): Promise<void> {
  const create: (PackedFields | undefined)[] = plan.create;
  const update: ({ fields: PackedFields; existing: StudentRow } | undefined)[] = plan.update;
  plan.create = [];
  plan.update = [];
  const shared = new Map<string, string>();
  const intern = (value: string) => {
    const known = shared.get(value);
    if (known !== undefined) return known;
    // Bounded: a file with a distinct value in every row gains nothing from it.
    if (shared.size < 10_000) shared.set(value, value);
    return value;
  };
  return runJobTransaction(ctx, job, {
    items: Array.from({ length: create.length + update.length }, (_, index) => index),
    write: (tx, index) => {
      if (index < create.length) {
        const fields = unpackFields(create[index]!, intern);
        create[index] = undefined;
        writeRosterRow(tx, { kind: 'create', fields }, at, randomUUID);
      } else {
        const { fields, existing } = update[index - create.length]!;
        update[index - create.length] = undefined;
        writeRosterRow(tx, { kind: 'update', fields: unpackFields(fields, intern), existing }, at, randomUUID);
      }
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
    // Object.assign, not a spread then new keys: on Node 20 that gives each object a map of its own (c0bf2a0).
    tx.update(students, write.existing.id, Object.assign(columns, { leftAt: leftAtFor(write.existing, columns.status, at), updatedAt: at }), {
      action: 'import',
    });
    // Work follows the student to a new department, in the same transaction (issue 14 item 11).
    moveWorkWithStudent(tx, write.existing.id, write.existing.department, columns.department, at);
  }
}
