import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { levelOfRole, NETWORK_ROLES, type NetworkPeopleFilter, type NetworkPerson, type NetworkPersonFields } from '../../../src-shared/contract/network';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { networkPeople } from '../store/schema/network';
import { personLabel } from './person-label';

export type NetworkPersonRow = typeof networkPeople.$inferSelect;
export const NETWORK_ENTITY = 'network_people';

/**
 * Who may see which part of the register: everyone with network.read sees the school levels
 * (领导小组, 工作小组); a liaison sees only their own 院系's group and classes besides.
 */
export type NetworkScope = { kind: 'all' } | { kind: 'department'; department: string | null };

function scopeCondition(scope: NetworkScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const schoolLevels = inArray(networkPeople.level, ['leadership', 'working']);
  return scope.department ? or(schoolLevels, eq(networkPeople.department, scope.department)) : schoolLevels;
}

function inScope(row: NetworkPersonRow, scope: NetworkScope): boolean {
  if (scope.kind === 'all') return true;
  return row.level === 'leadership' || row.level === 'working' || (scope.department !== null && row.department === scope.department);
}

export function toPerson(db: Db, row: NetworkPersonRow): NetworkPerson {
  const student = row.studentId ? db.select({ studentNo: students.studentNo }).from(students).where(eq(students.id, row.studentId)).get() : undefined;
  const account = row.accountId ? db.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, row.accountId)).get() : undefined;
  const { createdBy: _createdBy, ...rest } = row;
  return { ...rest, studentNo: student?.studentNo ?? null, accountName: account?.displayName ?? null, label: personLabel(row) };
}

export function findPerson(db: Db, id: string): NetworkPersonRow | undefined {
  return db.select().from(networkPeople).where(eq(networkPeople.id, id)).get();
}

export function requirePerson(db: Db, id: string, scope: NetworkScope = { kind: 'all' }): NetworkPersonRow {
  const row = findPerson(db, id);
  // Out of scope looks the same as absent, as for students.
  if (!row || !inScope(row, scope)) throw new AppError('NOT_FOUND', { reason: 'networkPersonNotFound' });
  return row;
}

/** Role order of the register (组长 first, 心理委员 last), then department, class and name. */
const ROLE_ORDER = new Map(NETWORK_ROLES.map((role, index) => [role, index]));

function sortPeople(rows: NetworkPersonRow[]): NetworkPersonRow[] {
  return rows.sort(
    (a, b) =>
      (a.department ?? '').localeCompare(b.department ?? '', 'zh') ||
      `${a.grade ?? ''}${a.className ?? ''}`.localeCompare(`${b.grade ?? ''}${b.className ?? ''}`, 'zh') ||
      ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! ||
      a.name.localeCompare(b.name, 'zh'),
  );
}

export function listPeople(db: Db, schoolYear: string, filter: Omit<NetworkPeopleFilter, 'schoolYear'>, scope: NetworkScope): NetworkPersonRow[] {
  const conditions: SQL[] = [eq(networkPeople.schoolYear, schoolYear)];
  const scoped = scopeCondition(scope);
  if (scoped) conditions.push(scoped);
  if (!filter.includeRetired) conditions.push(isNull(networkPeople.retiredAt));
  if (filter.level) conditions.push(eq(networkPeople.level, filter.level));
  if (filter.roles && filter.roles.length > 0) conditions.push(inArray(networkPeople.role, filter.roles));
  if (filter.department) conditions.push(eq(networkPeople.department, filter.department));
  if (filter.className) conditions.push(eq(networkPeople.className, filter.className));
  if (filter.studentId) conditions.push(eq(networkPeople.studentId, filter.studentId));
  let rows = db
    .select()
    .from(networkPeople)
    .where(and(...conditions))
    .orderBy(asc(networkPeople.createdAt))
    .all();
  const query = filter.query?.trim().toLowerCase();
  if (query) {
    rows = rows.filter((row) =>
      [row.name, row.office, row.department, row.className, row.phone, personLabel(row)].some((text) => text?.toLowerCase().includes(query)),
    );
  }
  return sortPeople(rows).slice(0, filter.limit ?? 2000);
}

export function schoolYears(db: Db): string[] {
  return db
    .selectDistinct({ year: networkPeople.schoolYear })
    .from(networkPeople)
    .all()
    .map((r) => r.year)
    .sort()
    .reverse();
}

type Columns = Omit<typeof networkPeople.$inferInsert, 'id' | 'createdBy' | 'createdAt' | 'updatedAt' | 'retiredAt'>;

const blank = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

/**
 * The stored columns of an entry, checked: the role fixes the level; a 院系 or class entry needs
 * its 院系, a class entry its class; a 心理委员 is a roster student (name, 院系, grade and class
 * taken from the roster when left empty); an account must exist.
 */
export function checkedColumns(db: Db, fields: NetworkPersonFields): Columns {
  const level = levelOfRole(fields.role);
  let name = blank(fields.name);
  let department = blank(fields.department);
  let grade = blank(fields.grade);
  let className = blank(fields.className);
  const studentId = blank(fields.studentId);
  if (studentId) {
    const student = db.select().from(students).where(eq(students.id, studentId)).get();
    if (!student) throw new AppError('VALIDATION', { reason: 'networkStudentNotFound' });
    name = name ?? student.name;
    department = department ?? student.department;
    grade = grade ?? student.grade;
    className = className ?? student.className;
  } else if (fields.role === 'peer_counselor') {
    throw new AppError('VALIDATION', { reason: 'networkPeerCounselorNeedsStudent' });
  }
  if (!name) throw new AppError('VALIDATION', { reason: 'networkNameRequired' });
  if ((level === 'department' || level === 'class') && !department) throw new AppError('VALIDATION', { reason: 'networkDepartmentRequired' });
  if (level === 'class' && !className) throw new AppError('VALIDATION', { reason: 'networkClassRequired' });
  const accountId = blank(fields.accountId);
  if (accountId && !db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).get()) {
    throw new AppError('VALIDATION', { reason: 'networkAccountNotFound' });
  }
  const termFrom = blank(fields.termFrom);
  const termTo = blank(fields.termTo);
  if (termFrom && termTo && termTo < termFrom) throw new AppError('VALIDATION', { reason: 'networkTermOrder' });
  return {
    schoolYear: fields.schoolYear,
    level,
    role: fields.role,
    name,
    office: blank(fields.office),
    phone: blank(fields.phone),
    department,
    grade,
    className,
    studentId,
    accountId,
    termFrom,
    termTo,
    note: blank(fields.note),
  };
}

export function createPerson(tx: WriteContext, fields: NetworkPersonFields, at: string): NetworkPersonRow {
  const columns = checkedColumns(tx.db, fields);
  return tx.insert(
    networkPeople,
    { id: randomUUID(), ...columns, retiredAt: null, createdBy: tx.actor.accountId, createdAt: at, updatedAt: at },
    { details: { schoolYear: columns.schoolYear, role: columns.role } },
  );
}

function fieldsOf(row: NetworkPersonRow): NetworkPersonFields {
  const { schoolYear, role, name, office, phone, department, grade, className, studentId, accountId, termFrom, termTo, note } = row;
  return { schoolYear, role, name, office, phone, department, grade, className, studentId, accountId, termFrom, termTo, note };
}

/** The columns that differ between a row and checked columns (none: unchanged). */
export function changedColumns(row: NetworkPersonRow, columns: Columns): Partial<Columns> {
  const changes: Partial<Columns> = {};
  for (const [key, value] of Object.entries(columns) as [keyof Columns, unknown][]) {
    if ((row[key] ?? null) !== (value ?? null)) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}

export function updatePerson(tx: WriteContext, row: NetworkPersonRow, patch: Partial<NetworkPersonFields>, at: string): NetworkPersonRow {
  // A student entry whose student changes takes the new student's name unless one is given.
  const merged = { ...fieldsOf(row), ...patch };
  if (patch.studentId !== undefined && patch.name === undefined && patch.studentId !== row.studentId) {
    merged.name = undefined;
    merged.department = patch.department;
    merged.grade = patch.grade;
    merged.className = patch.className;
  }
  const changes = changedColumns(row, checkedColumns(tx.db, merged));
  if (Object.keys(changes).length === 0) return row;
  return tx.update(networkPeople, row.id, { ...changes, updatedAt: at });
}

export function retirePerson(tx: WriteContext, row: NetworkPersonRow, at: string): NetworkPersonRow {
  if (row.retiredAt) return row;
  return tx.update(networkPeople, row.id, { retiredAt: at, updatedAt: at }, { action: 'retire' });
}

/**
 * A register person named by another record (a report's reporter, a crisis step's assignee): must
 * exist and be on the register (not retired) at the time of the naming.
 */
export function requireActivePerson(db: Db, id: string): NetworkPersonRow {
  const row = findPerson(db, id);
  if (!row) throw new AppError('NOT_FOUND', { reason: 'networkPersonNotFound' });
  if (row.retiredAt) throw new AppError('CONFLICT', { reason: 'networkPersonRetired' });
  return row;
}
