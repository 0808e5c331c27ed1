import ExcelJS from 'exceljs';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import {
  NETWORK_ROLES,
  schoolYearSchema,
  type NetworkImportPlan,
  type NetworkImportProblem,
  type NetworkPersonFields,
  type NetworkRole,
} from '../../../src-shared/contract/network';
import { neutralizeFormula } from '../util/rejected-file';
import type { ParsedTable } from '../util/parse-table';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { textProblem } from '../util/text-hygiene';
import { readSheetDate } from '../util/sheet-date';
import { changedColumns, checkedColumns, createPerson, type NetworkPersonRow } from './network-service';
import { NETWORK_ROLE_ZH } from './person-label';
import { networkPeople } from '../store/schema/network';

/** The file's columns: the template's headers, in order (English keys are accepted as headers too). */
export const NETWORK_COLUMNS = [
  ['schoolYear', '学年'],
  ['role', '角色'],
  ['name', '姓名'],
  ['studentNo', '学号'],
  ['office', '单位/职务'],
  ['phone', '电话'],
  ['department', '院系'],
  ['grade', '年级'],
  ['className', '班级'],
  ['username', '账号'],
  ['termFrom', '任期开始'],
  ['termTo', '任期结束'],
  ['note', '备注'],
] as const;
type Column = (typeof NETWORK_COLUMNS)[number][0];
const REQUIRED_COLUMNS: Column[] = ['schoolYear', 'role', 'name'];

const MAX_LENGTH: Partial<Record<Column, number>> = {
  name: 64,
  office: 100,
  phone: 40,
  department: 100,
  grade: 40,
  className: 100,
  note: 200,
  studentNo: 32,
  username: 32,
};

/** Role words a file may use: the register's own words, short forms, and the channel keys. */
const ROLE_WORDS = new Map<string, NetworkRole>([
  ...NETWORK_ROLES.map((role) => [role, role] as const),
  ...(Object.entries(NETWORK_ROLE_ZH) as [NetworkRole, string][]).map(([role, word]) => [word, role] as const),
  ['组长', 'leader'],
  ['副组长', 'deputy_leader'],
  ['成员', 'member'],
  ['专职教师', 'center_staff'],
  ['中心专职教师', 'center_staff'],
  ['心理辅导员', 'department_counselor'],
  ['校医院', 'hospital_staff'],
  ['保卫处', 'security_staff'],
  ['保卫处值班人员', 'security_staff'],
  ['院系组长', 'department_head'],
  ['分管学生工作领导', 'student_affairs_lead'],
  ['心理委员', 'peer_counselor'],
  ['班主任', 'class_teacher'],
  ['辅导员', 'counselor'],
]);

function normalize(header: string): string {
  return header.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

function columnIndex(headers: readonly string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  const normalized = headers.map(normalize);
  for (const [key, zh] of NETWORK_COLUMNS) {
    const at = normalized.findIndex((h) => h === normalize(zh) || h === key.toLowerCase());
    if (at >= 0) index.set(key, at);
  }
  return index;
}

export function missingColumns(headers: readonly string[]): string[] {
  const index = columnIndex(headers);
  return NETWORK_COLUMNS.filter(([key]) => REQUIRED_COLUMNS.includes(key) && !index.has(key)).map(([, zh]) => zh);
}

type Problem = { reason: NetworkImportProblem; field: string | null; value: string | null };

/** Reasons the service gives for an entry, as the import's row problems. */
const SERVICE_REASONS: Record<string, Problem> = {
  networkNameRequired: { reason: 'missingName', field: 'name', value: null },
  networkDepartmentRequired: { reason: 'missingDepartment', field: 'department', value: null },
  networkClassRequired: { reason: 'missingClass', field: 'className', value: null },
  networkPeerCounselorNeedsStudent: { reason: 'missingStudentNo', field: 'studentNo', value: null },
  networkTermOrder: { reason: 'badDate', field: 'termTo', value: null },
  networkStudentNotFound: { reason: 'unknownStudent', field: 'studentNo', value: null },
  networkAccountNotFound: { reason: 'unknownAccount', field: 'username', value: null },
};

type Columns = ReturnType<typeof checkedColumns>;

export interface NetworkImportWork {
  rows: number;
  create: NetworkPersonFields[];
  update: { existing: NetworkPersonRow; changes: Partial<Columns> }[];
  unchanged: number;
  rejected: NetworkImportPlan['rejected'];
}

/** One row into entry fields, or the first problem that rejects it. */
/**
 * An optional cell naming a student or an account: null when empty, else the id of the one it
 * names (`find`), or the problem `reason` when it names nobody.
 */
function reference(
  value: string,
  field: Column,
  reason: NetworkImportProblem,
  find: (value: string) => { id: string } | undefined,
): { id: string | null } | { problem: Problem } {
  if (!value) return { id: null };
  const found = find(value);
  return found ? { id: found.id } : { problem: { reason, field, value } };
}

function readRow(db: Db, cells: string[], index: Map<Column, number>): { fields: NetworkPersonFields } | { problem: Problem } {
  const get = (column: Column) => (index.has(column) ? (cells[index.get(column)!] ?? '').trim() : '');
  for (const column of index.keys()) {
    const reason = textProblem(get(column));
    if (reason) return { problem: { reason, field: column, value: null } };
  }
  for (const [column, max] of Object.entries(MAX_LENGTH) as [Column, number][]) {
    if (get(column).length > max) return { problem: { reason: 'fieldTooLong', field: column, value: null } };
  }
  const schoolYear = get('schoolYear')
    .replace(/[—–~至]/g, '-')
    .replace(/学年$/, '');
  if (!schoolYear) return { problem: { reason: 'missingSchoolYear', field: 'schoolYear', value: null } };
  if (!schoolYearSchema.safeParse(schoolYear).success) return { problem: { reason: 'badSchoolYear', field: 'schoolYear', value: get('schoolYear') } };
  const role = ROLE_WORDS.get(get('role').replace(/\s+/g, ''));
  if (!role) return { problem: { reason: 'unknownRole', field: 'role', value: get('role') || null } };
  const studentNo = get('studentNo').toUpperCase();
  const student = reference(studentNo, 'studentNo', 'unknownStudent', (no) =>
    db.select({ id: students.id }).from(students).where(eq(students.studentNo, no)).get(),
  );
  if ('problem' in student) return student;
  if (!studentNo && role === 'peer_counselor') return { problem: { reason: 'missingStudentNo', field: 'studentNo', value: null } };
  const studentId = student.id;
  if (!get('name')) return { problem: { reason: 'missingName', field: 'name', value: null } };
  const username = get('username').toLowerCase();
  const account = reference(username, 'username', 'unknownAccount', (name) =>
    db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, name)).get(),
  );
  if ('problem' in account) return account;
  const accountId = account.id;
  const termFrom = readSheetDate(get('termFrom'));
  if (termFrom === undefined) return { problem: { reason: 'badDate', field: 'termFrom', value: get('termFrom') } };
  const termTo = readSheetDate(get('termTo'));
  if (termTo === undefined) return { problem: { reason: 'badDate', field: 'termTo', value: get('termTo') } };
  const text = (column: Column) => get(column) || null;
  return {
    fields: {
      schoolYear,
      role,
      name: get('name'),
      office: text('office'),
      phone: text('phone'),
      department: text('department'),
      grade: text('grade'),
      className: text('className'),
      studentId,
      accountId,
      termFrom,
      termTo,
      note: text('note'),
    },
  };
}

/** Same person, same place: the key by which a file row finds the entry it updates. */
function entryKey(c: Pick<Columns, 'schoolYear' | 'role' | 'department' | 'grade' | 'className' | 'studentId' | 'name'>): string {
  return JSON.stringify([c.schoolYear, c.role, c.department ?? '', c.grade ?? '', c.className ?? '', c.studentId ?? c.name]);
}

/**
 * The preview and the commit use the same plan, so what was shown is what happens. Rows are
 * matched to the entries on the register (not retired) of their school year.
 */
export function planNetworkImport(db: Db, table: ParsedTable): NetworkImportWork {
  const missing = missingColumns(table.headers);
  if (missing.length > 0) throw new AppError('VALIDATION', { reason: 'networkImportColumnsMissing', columns: missing.join('、') });
  const index = columnIndex(table.headers);
  const existing = new Map<string, NetworkPersonRow>();
  for (const row of db.select().from(networkPeople).where(isNull(networkPeople.retiredAt)).all()) existing.set(entryKey(row), row);
  const seen = new Set<string>();
  const work: NetworkImportWork = { rows: table.rows.length, create: [], update: [], unchanged: 0, rejected: [] };
  for (const { fileRow, cells } of table.rows) {
    const read = readRow(db, cells, index);
    if ('problem' in read) {
      work.rejected.push({ row: fileRow, ...read.problem });
      continue;
    }
    let columns: Columns;
    try {
      columns = checkedColumns(db, read.fields);
    } catch (error) {
      const known = error instanceof AppError ? SERVICE_REASONS[String(error.details.reason)] : undefined;
      if (!known) throw error;
      work.rejected.push({ row: fileRow, ...known });
      continue;
    }
    const key = entryKey(columns);
    if (seen.has(key)) {
      work.rejected.push({ row: fileRow, reason: 'duplicateInFile', field: null, value: columns.name });
      continue;
    }
    seen.add(key);
    const found = existing.get(key);
    if (!found) work.create.push(read.fields);
    else {
      const changes = changedColumns(found, columns);
      if (Object.keys(changes).length === 0) work.unchanged += 1;
      else work.update.push({ existing: found, changes });
    }
  }
  return work;
}

export function planSummary(work: NetworkImportWork): NetworkImportPlan {
  return { rows: work.rows, created: work.create.length, updated: work.update.length, unchanged: work.unchanged, rejected: work.rejected };
}

/** Writes the accepted rows; the caller runs it in one unit of work (all rows or none). */
export function writeNetworkImport(tx: WriteContext, work: NetworkImportWork, at: string): void {
  for (const fields of work.create) createPerson(tx, fields, at);
  for (const { existing, changes } of work.update) tx.update(networkPeople, existing.id, { ...changes, updatedAt: at });
  const summary = planSummary(work);
  tx.record('network-import', 'network_people', null, { ...summary, rejected: summary.rejected.length });
}

function roleWord(role: NetworkRole): string {
  return NETWORK_ROLE_ZH[role];
}

async function workbookBase64(rows: (string | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('工作网络');
  sheet.addRow(NETWORK_COLUMNS.map(([, zh]) => zh));
  sheet.getRow(1).font = { bold: true };
  // Cells a spreadsheet could read as a formula are written as text.
  for (const row of rows) sheet.addRow(row.map((cell) => (cell === null ? '' : neutralizeFormula(cell))));
  sheet.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** The template: the headers and an example row for each level (synthetic people). */
export function templateXlsx(schoolYear: string): Promise<string> {
  const y = schoolYear;
  return workbookBase64([
    [y, '组长', '王校长', null, '校长', '0000-0000001', null, null, null, null, null, null, null],
    [y, '成员', '赵处长', null, '保卫处处长', '0000-0000002', null, null, null, null, null, null, null],
    [y, '保卫处人员', '保卫处值班室', null, '保卫处', '0000-0000110', null, null, null, null, null, null, '24小时值班'],
    [y, '校医院医务人员', '校医院急诊', null, '校医院', '0000-0000120', null, null, null, null, null, null, null],
    [y, '院系负责人', '钱院长', null, '计算机学院院长', null, '计算机学院', null, null, null, null, null, null],
    [y, '辅导员', '孙老师', null, null, null, '计算机学院', null, null, null, null, null, null],
    [y, '班主任', '李老师', null, null, null, '计算机学院', '2026级', '计算1班', null, null, null, null],
    [y, '心理委员', '张三', 'S2026000001', null, null, '计算机学院', '2026级', '计算1班', null, `${y.slice(0, 4)}-09-01`, `${y.slice(5)}-07-15`, null],
  ]);
}

export function registerXlsx(db: Db, schoolYear: string): Promise<string> {
  const rows = db
    .select()
    .from(networkPeople)
    .where(and(eq(networkPeople.schoolYear, schoolYear), isNull(networkPeople.retiredAt)))
    .all();
  const studentNo = new Map(
    db
      .select({ id: students.id, no: students.studentNo })
      .from(students)
      .all()
      .map((s) => [s.id, s.no]),
  );
  const username = new Map(
    db
      .select({ id: accounts.id, username: accounts.username })
      .from(accounts)
      .all()
      .map((a) => [a.id, a.username]),
  );
  return workbookBase64(
    rows.map((r) => [
      r.schoolYear,
      roleWord(r.role),
      r.name,
      r.studentId ? (studentNo.get(r.studentId) ?? null) : null,
      r.office,
      r.phone,
      r.department,
      r.grade,
      r.className,
      r.accountId ? (username.get(r.accountId) ?? null) : null,
      r.termFrom,
      r.termTo,
      r.note,
    ]),
  );
}
