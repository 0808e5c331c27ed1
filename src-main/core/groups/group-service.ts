import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { checkGroupFields, type GroupDetail, type GroupFields, type GroupListItem, type GroupMember } from '../../../src-shared/contract/groups';
import { CLINICAL, type Role, isDirector } from '../../../src-shared/permissions';
import { listAccounts } from '../accounts/account-service';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { findStudent } from '../students/student-service';
import { students } from '../store/schema/students';
import type { Session } from '../vault';
import { counselingGroups, groupMembers, groupSessions } from '../store/schema/groups';
import { requireRow } from '../store/require-row';

export type GroupRow = typeof counselingGroups.$inferSelect;
export type GroupSessionRow = typeof groupSessions.$inferSelect;

const isClinical = (roles: readonly string[]) => roles.some((role) => (CLINICAL as readonly string[]).includes(role));

/** Enabled clinical accounts: who may lead a group. */
export function leaderOptions(db: Db): { id: string; displayName: string }[] {
  return listAccounts(db)
    .filter((row) => !row.disabled && isClinical(row.roles as Role[]))
    .map((row) => ({ id: row.id, displayName: row.displayName }));
}

/** Group notes are clinical content: only the group's leaders and the director open a group. */
export function canOpenGroup(group: Pick<GroupRow, 'leaders'>, session: Pick<Session, 'accountId' | 'roles'>): boolean {
  return isDirector(session.roles) || group.leaders.includes(session.accountId);
}

export function requireOpenableGroup(db: Db, id: string, session: Session): GroupRow {
  const group = requireRow(db, 'group', id);
  if (!canOpenGroup(group, session)) throw new AppError('FORBIDDEN', { reason: 'groupNotLeader' });
  return group;
}

function assertLeaders(db: Db, leaders: readonly string[]): void {
  const options = new Set(leaderOptions(db).map((option) => option.id));
  if (leaders.some((id) => !options.has(id))) throw new AppError('VALIDATION', { reason: 'groupLeaderNotClinical' });
}

/** The rules across fields the contract checks on create, checked again on the merged row of an update. */
function assertFields(fields: Pick<GroupFields, 'theme' | 'customTheme' | 'startDate' | 'endDate'>): void {
  const problem = checkGroupFields(fields);
  if (problem) throw new AppError('VALIDATION', { reason: problem.message, issues: [{ path: [problem.path], code: 'custom', message: problem.message }] });
}

function names(db: Db, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.id, [...ids]))
      .all()
      .map((a) => [a.id, a.displayName]),
  );
}

function counts(db: Db, groupIds: readonly string[]) {
  const members = new Map<string, number>();
  const sessions = new Map<string, number>();
  if (groupIds.length === 0) return { members, sessions };
  for (const row of db
    .select({ groupId: groupMembers.groupId, n: sql<number>`count(*)` })
    .from(groupMembers)
    .where(and(inArray(groupMembers.groupId, [...groupIds]), isNull(groupMembers.leftAt)))
    .groupBy(groupMembers.groupId)
    .all())
    members.set(row.groupId, row.n);
  for (const row of db
    .select({ groupId: groupSessions.groupId, n: sql<number>`count(*)` })
    .from(groupSessions)
    .where(inArray(groupSessions.groupId, [...groupIds]))
    .groupBy(groupSessions.groupId)
    .all())
    sessions.set(row.groupId, row.n);
  return { members, sessions };
}

export function listGroups(db: Db, session: Session, filter: { status?: GroupRow['status'] }): GroupListItem[] {
  const rows = db
    .select()
    .from(counselingGroups)
    .where(filter.status ? eq(counselingGroups.status, filter.status) : undefined)
    .orderBy(desc(counselingGroups.createdAt))
    .all();
  const { members, sessions } = counts(
    db,
    rows.map((row) => row.id),
  );
  const people = names(db, [...new Set(rows.flatMap((row) => row.leaders))]);
  return rows.map((row) => toListItem(row, people, members.get(row.id) ?? 0, sessions.get(row.id) ?? 0, session));
}

function toListItem(row: GroupRow, people: Map<string, string>, memberCount: number, sessionCount: number, session: Session): GroupListItem {
  return {
    id: row.id,
    name: row.name,
    theme: row.theme,
    customTheme: row.customTheme,
    leaders: row.leaders.map((id) => ({ id, displayName: people.get(id) ?? id })),
    status: row.status,
    startDate: row.startDate,
    endDate: row.endDate,
    memberCount,
    sessionCount,
    canOpen: canOpenGroup(row, session),
  };
}

export function groupMemberRows(db: Db, groupId: string): GroupMember[] {
  return db
    .select({
      studentId: groupMembers.studentId,
      studentNo: students.studentNo,
      name: students.name,
      department: students.department,
      className: students.className,
      joinedAt: groupMembers.joinedAt,
      leftAt: groupMembers.leftAt,
    })
    .from(groupMembers)
    .innerJoin(students, eq(students.id, groupMembers.studentId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(students.studentNo))
    .all();
}

export function groupSessionRows(db: Db, groupId: string): GroupSessionRow[] {
  return db.select().from(groupSessions).where(eq(groupSessions.groupId, groupId)).orderBy(asc(groupSessions.number)).all();
}

/** Everything about a group, notes included: call only after `requireOpenableGroup`. */
export function groupDetail(db: Db, row: GroupRow, session: Session): GroupDetail {
  const members = groupMemberRows(db, row.id);
  const sessions = groupSessionRows(db, row.id);
  const current = members.filter((m) => m.leftAt === null).length;
  return {
    ...toListItem(row, names(db, row.leaders), current, sessions.length, session),
    description: row.description,
    members,
    sessions: sessions.map((s) => ({
      id: s.id,
      number: s.number,
      heldAt: s.heldAt,
      attendance: s.attendance,
      note: s.note,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
  };
}

const nullIfBlank = (value: string | null | undefined) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim());

export function createGroup(tx: WriteContext, fields: GroupFields, at: string): GroupRow {
  assertFields(fields);
  assertLeaders(tx.db, fields.leaders);
  return tx.insert(
    counselingGroups,
    {
      id: randomUUID(),
      name: fields.name,
      theme: fields.theme,
      customTheme: fields.theme === 'custom' ? (nullIfBlank(fields.customTheme) ?? null) : null,
      leaders: [...new Set(fields.leaders)],
      status: fields.status,
      startDate: fields.startDate ?? null,
      endDate: fields.endDate ?? null,
      description: nullIfBlank(fields.description) ?? null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { theme: fields.theme, leaders: fields.leaders.length } },
  );
}

export function updateGroup(tx: WriteContext, row: GroupRow, patch: Partial<GroupFields>, at: string): GroupRow {
  const merged = { ...row, ...patch };
  assertFields(merged);
  if (patch.leaders) assertLeaders(tx.db, patch.leaders);
  const changes: Partial<typeof counselingGroups.$inferInsert> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.theme !== undefined) changes.theme = patch.theme;
  if (patch.customTheme !== undefined || patch.theme !== undefined)
    changes.customTheme = merged.theme === 'custom' ? (nullIfBlank(merged.customTheme) ?? null) : null;
  if (patch.leaders !== undefined) changes.leaders = [...new Set(patch.leaders)];
  if (patch.status !== undefined) changes.status = patch.status;
  if (patch.startDate !== undefined) changes.startDate = patch.startDate;
  if (patch.endDate !== undefined) changes.endDate = patch.endDate;
  if (patch.description !== undefined) changes.description = nullIfBlank(patch.description) ?? null;
  if (Object.keys(changes).length === 0) return row;
  return tx.update(counselingGroups, row.id, { ...changes, updatedAt: at });
}

/** Adds students; one who had left joins again (the row is kept, so the history is in the audit trail). */
export function addMembers(tx: WriteContext, group: GroupRow, studentIds: readonly string[], at: string): number {
  let added = 0;
  for (const studentId of new Set(studentIds)) {
    if (!findStudent(tx.db, studentId)) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
    const existing = tx.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.studentId, studentId)))
      .get();
    if (existing && existing.leftAt === null) continue;
    if (existing)
      tx.update(groupMembers, existing.id, { leftAt: null, joinedAt: at, updatedAt: at }, { action: 'rejoin', details: { groupId: group.id, studentId } });
    else
      tx.insert(
        groupMembers,
        { id: randomUUID(), groupId: group.id, studentId, joinedAt: at, leftAt: null, createdAt: at, updatedAt: at },
        { details: { groupId: group.id, studentId } },
      );
    added += 1;
  }
  return added;
}

export function removeMember(tx: WriteContext, group: GroupRow, studentId: string, at: string): void {
  const member = tx.db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.studentId, studentId)))
    .get();
  if (!member || member.leftAt !== null) throw new AppError('NOT_FOUND', { reason: 'groupMemberNotFound' });
  tx.update(groupMembers, member.id, { leftAt: at, updatedAt: at }, { action: 'leave', details: { groupId: group.id, studentId } });
}

/** Attendance is a subset of the current members (and, when correcting a session, of who was recorded there). */
function assertAttendance(db: Db, groupId: string, attendance: readonly string[], alreadyRecorded: readonly string[] = []): string[] {
  const allowed = new Set([
    ...groupMemberRows(db, groupId)
      .filter((m) => m.leftAt === null)
      .map((m) => m.studentId),
    ...alreadyRecorded,
  ]);
  const unique = [...new Set(attendance)];
  const outsiders = unique.filter((id) => !allowed.has(id));
  if (outsiders.length > 0) throw new AppError('VALIDATION', { reason: 'groupAttendeeNotMember', count: outsiders.length });
  return unique;
}

export function recordSession(
  tx: WriteContext,
  group: GroupRow,
  input: { heldAt: string; attendance: string[]; note?: string | null },
  at: string,
): GroupSessionRow {
  const attendance = assertAttendance(tx.db, group.id, input.attendance);
  const last =
    tx.db
      .select({ n: max(groupSessions.number) })
      .from(groupSessions)
      .where(eq(groupSessions.groupId, group.id))
      .get()?.n ?? 0;
  return tx.insert(
    groupSessions,
    {
      id: randomUUID(),
      groupId: group.id,
      number: last + 1,
      heldAt: new Date(input.heldAt).toISOString(),
      attendance,
      note: nullIfBlank(input.note) ?? null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    // The note is clinical content: the audit names the group and the count, never the text.
    { details: { groupId: group.id, number: last + 1, attended: attendance.length } },
  );
}

export function updateSession(
  tx: WriteContext,
  group: GroupRow,
  sessionId: string,
  patch: { heldAt?: string; attendance?: string[]; note?: string | null },
  at: string,
): GroupSessionRow {
  const row = tx.db.select().from(groupSessions).where(eq(groupSessions.id, sessionId)).get();
  if (!row || row.groupId !== group.id) throw new AppError('NOT_FOUND', { reason: 'groupSessionNotFound' });
  const changes: Partial<typeof groupSessions.$inferInsert> = {};
  if (patch.heldAt !== undefined) changes.heldAt = new Date(patch.heldAt).toISOString();
  if (patch.attendance !== undefined) changes.attendance = assertAttendance(tx.db, group.id, patch.attendance, row.attendance);
  if (patch.note !== undefined) changes.note = nullIfBlank(patch.note) ?? null;
  if (Object.keys(changes).length === 0) return row;
  return tx.update(groupSessions, row.id, { ...changes, updatedAt: at }, { details: { groupId: group.id, number: row.number } });
}
