import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { FollowupTask } from '../../../src-shared/contract/followups';
import type { Role } from '../../../src-shared/permissions';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import { inScope, type StudentScope } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { followupTasks } from '../store/schema/followups';
import { displayNames, isClinical, person } from './followup-common';

export type TaskRow = typeof followupTasks.$inferSelect;
type TaskSource = TaskRow['source'];

export interface Viewer {
  accountId: string;
  roles: readonly Role[];
  scope: StudentScope;
}

const studentColumns = { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className };

/** Rows with their students, in the order: open overdue first, then open by due date, then the rest. */
function selectTasks(db: Db, where: SQL | undefined, now: string, limit = 1000) {
  const rank = sql`case when ${followupTasks.status} = 'open' and ${followupTasks.dueAt} < ${now} then 0 when ${followupTasks.status} = 'open' then 1 else 2 end`;
  return db
    .select({ task: followupTasks, student: studentColumns })
    .from(followupTasks)
    .innerJoin(students, eq(students.id, followupTasks.studentId))
    .where(where)
    .orderBy(rank, asc(followupTasks.dueAt), asc(followupTasks.createdAt))
    .limit(limit)
    .all();
}

function toTasks(db: Db, rows: ReturnType<typeof selectTasks>, now: string, viewer: Viewer | null): FollowupTask[] {
  const names = displayNames(
    db,
    rows.flatMap((r) => [r.task.assignedTo, r.task.doneBy]),
  );
  // A liaison sees only what they wrote themselves; clinical notes of others never reach them.
  const seesNote = (task: TaskRow) => viewer === null || isClinical(viewer.roles) || task.doneBy === viewer.accountId;
  return rows.map(({ task, student }) => ({
    id: task.id,
    student,
    eventId: task.eventId,
    source: task.source,
    title: task.title,
    assignedTo: person(names, task.assignedTo),
    dueAt: task.dueAt,
    status: task.status,
    overdue: task.status === 'open' && task.dueAt < now,
    doneBy: person(names, task.doneBy),
    doneAt: task.doneAt,
    note: seesNote(task) ? task.note : null,
    createdAt: task.createdAt,
  }));
}

/** `scope: 'all'` wins over `mine`: every task, unassigned ones too (clinicians; liaisons still get theirs). */
export type ListInput = ParsedChannelInput<'followups.list'>;

export function listTasks(db: Db, viewer: Viewer, input: ListInput, now: string): FollowupTask[] {
  const clinical = isClinical(viewer.roles);
  const mine = !clinical || (input.scope ? input.scope === 'mine' : (input.mine ?? !(input.studentId || input.eventId)));
  const conditions: (SQL | undefined)[] = [
    mine ? eq(followupTasks.assignedTo, viewer.accountId) : undefined,
    input.studentId ? eq(followupTasks.studentId, input.studentId) : undefined,
    input.eventId ? eq(followupTasks.eventId, input.eventId) : undefined,
    input.status ? eq(followupTasks.status, input.status) : undefined,
    input.overdueOnly ? and(eq(followupTasks.status, 'open'), lt(followupTasks.dueAt, now)) : undefined,
    viewer.scope.kind === 'department' ? (viewer.scope.department ? eq(students.department, viewer.scope.department) : sql`0`) : undefined,
  ];
  return toTasks(db, selectTasks(db, and(...conditions), now, input.limit), now, viewer);
}

export function getTasks(db: Db, ids: string[], now: string, viewer: Viewer | null = null): FollowupTask[] {
  if (ids.length === 0) return [];
  const byId = new Map(toTasks(db, selectTasks(db, inArray(followupTasks.id, ids), now), now, viewer).map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export interface NewTask {
  studentId: string;
  eventId?: string | null;
  source: TaskSource;
  title: string;
  assignedTo: string | null;
  dueAt: string;
}

export function insertTask(tx: WriteContext, task: NewTask, at: string): TaskRow {
  return tx.insert(
    followupTasks,
    {
      id: randomUUID(),
      studentId: task.studentId,
      eventId: task.eventId ?? null,
      source: task.source,
      title: task.title,
      assignedTo: task.assignedTo,
      dueAt: new Date(task.dueAt).toISOString(),
      status: 'open',
      doneBy: null,
      doneAt: null,
      note: null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { studentId: task.studentId, eventId: task.eventId ?? null, source: task.source, assignedTo: task.assignedTo } },
  );
}

/** A task may go to a clinician, or to a liaison of the student's own department. */
export function checkAssignee(db: Db, assignedTo: string, student: { department: string | null }): void {
  const account = db.select().from(accounts).where(eq(accounts.id, assignedTo)).get();
  if (!account || account.disabled) throw new AppError('VALIDATION', { reason: 'followupAssigneeInvalid' });
  const roles = account.roles as Role[];
  if (isClinical(roles)) return;
  if (!roles.includes('liaison')) throw new AppError('VALIDATION', { reason: 'followupAssigneeInvalid' });
  if (!account.department || account.department !== student.department) throw new AppError('VALIDATION', { reason: 'followupAssigneeOtherDepartment' });
}

/** The task as this viewer may touch it: liaisons only their own tasks of their own department. */
function requireWorkableTask(db: Db, viewer: Viewer, taskId: string): TaskRow {
  const task = db.select().from(followupTasks).where(eq(followupTasks.id, taskId)).get();
  const student = task ? db.select({ department: students.department }).from(students).where(eq(students.id, task.studentId)).get() : undefined;
  if (!task || !student || !inScope(student, viewer.scope)) throw new AppError('NOT_FOUND', { reason: 'followupTaskNotFound' });
  if (!isClinical(viewer.roles) && task.assignedTo !== viewer.accountId) throw new AppError('NOT_FOUND', { reason: 'followupTaskNotFound' });
  if (task.status !== 'open') throw new AppError('CONFLICT', { reason: 'followupTaskNotOpen' });
  return task;
}

export function completeTask(tx: WriteContext, viewer: Viewer, taskId: string, note: string, at: string): TaskRow {
  const task = requireWorkableTask(tx.db, viewer, taskId);
  return tx.update(
    followupTasks,
    task.id,
    { status: 'done', doneBy: viewer.accountId, doneAt: at, note: note || null, updatedAt: at },
    { action: 'followup-complete', details: { studentId: task.studentId } },
  );
}

export function cancelTask(tx: WriteContext, viewer: Viewer, taskId: string, reason: string, at: string): TaskRow {
  const task = requireWorkableTask(tx.db, viewer, taskId);
  // The reason is why the state changed, not clinical content: the audit may hold it.
  return tx.update(
    followupTasks,
    task.id,
    { status: 'cancelled', doneBy: viewer.accountId, doneAt: at, note: reason, updatedAt: at },
    { action: 'followup-cancel', details: { reason } },
  );
}

/** Open tasks of a source for students of an event, so a second screening does not duplicate them. */
export function openTaskStudents(db: Db, source: TaskSource, eventId: string | null, studentIds: string[]): Set<string> {
  if (studentIds.length === 0) return new Set();
  const rows = db
    .select({ studentId: followupTasks.studentId })
    .from(followupTasks)
    .where(
      and(
        eq(followupTasks.source, source),
        eq(followupTasks.status, 'open'),
        eventId ? eq(followupTasks.eventId, eventId) : sql`${followupTasks.eventId} is null`,
        inArray(followupTasks.studentId, studentIds),
      ),
    )
    .all();
  return new Set(rows.map((r) => r.studentId));
}

export function listAssignees(db: Db) {
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, roles: accounts.roles, department: accounts.department, disabled: accounts.disabled })
    .from(accounts)
    .orderBy(asc(accounts.displayName))
    .all()
    .filter((a) => !a.disabled)
    .flatMap((a) => {
      const roles = a.roles as Role[];
      const kind = isClinical(roles) ? ('clinical' as const) : roles.includes('liaison') ? ('liaison' as const) : null;
      return kind ? [{ id: a.id, displayName: a.displayName, kind, department: kind === 'liaison' ? a.department : null }] : [];
    });
}
