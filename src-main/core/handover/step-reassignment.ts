import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { crisisEvents, crisisSteps } from '../store/schema/crisis';
import { stepTimers } from '../crisis/timers';

/*
 * Who holds crisis work when people leave or students move (issue 14 items 10 and 11). The
 * event service decides what a step or an event is; this module only moves them between people,
 * each move one audited row update, so nothing is rewritten and the history keeps who had it.
 */

type StepRecord = typeof crisisSteps.$inferSelect;
type EventRecord = typeof crisisEvents.$inferSelect;
type AccountRecord = typeof accounts.$inferSelect;
export interface StudentRef {
  id: string;
  studentNo: string;
  name: string;
  department: string | null;
}

export interface OpenStep {
  step: StepRecord;
  event: EventRecord;
  student: StudentRef;
  dueAt: string | null;
  overdue: boolean;
  applicable: boolean;
}

const studentRef = { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department };

const isClinical = (roles: readonly string[]) => roles.some((role) => (CLINICAL as readonly string[]).includes(role));

/** Open steps of events not yet closed, with their timers; `where` narrows the steps. */
function openSteps(db: Db, where: ReturnType<typeof and>, now: Date): OpenStep[] {
  const rows = db
    .select({ step: crisisSteps, event: crisisEvents, student: studentRef })
    .from(crisisSteps)
    .innerJoin(crisisEvents, eq(crisisEvents.id, crisisSteps.eventId))
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(and(eq(crisisSteps.status, 'open'), ne(crisisEvents.status, 'closed'), where))
    .orderBy(asc(crisisEvents.discoveredAt), asc(crisisSteps.position))
    .all();
  return rows.map(({ step, event, student }) => {
    const timer = stepTimers(event, [step], now).get(step.id)!;
    return { step, event, student, dueAt: timer.dueAt, overdue: timer.overdue, applicable: timer.applicable };
  });
}

/** Open steps given by name to this account. */
export function openStepsAssignedTo(db: Db, accountId: string, now: Date): OpenStep[] {
  return openSteps(db, and(eq(crisisSteps.assignedTo, accountId)), now);
}

/** Events not yet closed that this account is responsible for. */
export function openEventsOwnedBy(db: Db, accountId: string): { event: EventRecord; student: StudentRef }[] {
  return db
    .select({ event: crisisEvents, student: studentRef })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(and(eq(crisisEvents.ownerId, accountId), ne(crisisEvents.status, 'closed')))
    .orderBy(asc(crisisEvents.discoveredAt))
    .all();
}

function enabledAccount(db: Db, id: string): AccountRecord | undefined {
  const row = db.select().from(accounts).where(eq(accounts.id, id)).get();
  return row && !row.disabled ? row : undefined;
}

/** Enabled liaisons of a department, in a stable order (the first one is "the department's liaison"). */
export function departmentLiaisons(db: Db, department: string | null): AccountRecord[] {
  if (!department) return [];
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.department, department), eq(accounts.disabled, false)))
    .orderBy(asc(accounts.username))
    .all()
    .filter((a) => (a.roles as Role[]).includes('liaison'));
}

/** A step may go to a clinician, or to a liaison of the student's own department (as assignStep). */
export function assertStepAssignee(db: Db, accountId: string, department: string | null): AccountRecord {
  const target = enabledAccount(db, accountId);
  const roles = (target?.roles ?? []) as Role[];
  if (!target || !(isClinical(roles) || roles.includes('liaison'))) throw new AppError('VALIDATION', { reason: 'crisisAssigneeInvalid' });
  if (!isClinical(roles) && (!target.department || target.department !== department))
    throw new AppError('VALIDATION', { reason: 'crisisAssigneeOtherDepartment' });
  return target;
}

/** An event's responsible person must be an enabled clinician. */
export function assertEventOwner(db: Db, accountId: string): AccountRecord {
  const target = enabledAccount(db, accountId);
  if (!target || !isClinical(target.roles as Role[])) throw new AppError('VALIDATION', { reason: 'crisisOwnerNotClinical' });
  return target;
}

export function reassignStep(
  tx: WriteContext,
  step: Pick<StepRecord, 'id' | 'key' | 'eventId' | 'assignedTo'>,
  to: string | null,
  why: string,
  at: string,
): void {
  tx.update(
    crisisSteps,
    step.id,
    { assignedTo: to, updatedAt: at },
    { action: 'reassign', details: { eventId: step.eventId, key: step.key, from: step.assignedTo, to, why } },
  );
}

export function reassignEventOwner(tx: WriteContext, event: Pick<EventRecord, 'id' | 'ownerId'>, to: string | null, why: string, at: string): void {
  tx.update(crisisEvents, event.id, { ownerId: to, updatedAt: at }, { action: 'reassign-owner', details: { from: event.ownerId, to, why } });
}

/** The event owner, when still an enabled account. */
function enabledOwner(db: Db, event: Pick<EventRecord, 'ownerId'>): string | null {
  return event.ownerId && enabledAccount(db, event.ownerId) ? event.ownerId : null;
}

/**
 * Work follows the student (item 11): the open steps of the student's events that were given to
 * a liaison of the old department (liaison-role steps, or any other a liaison was given by name)
 * go to the new department's liaison, or, where
 * the new department has none, to the event's owner (the director sees every overdue step on
 * the board and as 无人负责). Returns how many steps moved.
 */
export function moveLiaisonStepsWithStudent(
  tx: WriteContext,
  studentId: string,
  fromDepartment: string | null,
  toDepartment: string | null,
  at: string,
): number {
  // Every open step, not only the liaison-role ones: assignStep may give any step to a liaison of
  // the student's department (assertStepAssignee), and that hold ends with the department too.
  const candidates = openSteps(tx.db, eq(crisisEvents.studentId, studentId), new Date(at));
  const successor = departmentLiaisons(tx.db, toDepartment)[0]?.id ?? null;
  let moved = 0;
  for (const { step, event } of candidates) {
    if (!step.assignedTo) continue;
    const holder = tx.db.select().from(accounts).where(eq(accounts.id, step.assignedTo)).get();
    const roles = (holder?.roles ?? []) as Role[];
    // Only a liaison's hold on the step depends on the department; a clinician keeps it.
    if (!holder || isClinical(roles) || !roles.includes('liaison') || holder.department === toDepartment) continue;
    const to = successor ?? enabledOwner(tx.db, event);
    reassignStep(tx, step, to, 'student-department-changed', at);
    moved += 1;
  }
  return moved;
}

/**
 * Liaison-role steps nobody in the student's department can do (issue 14 item 11): open, applicable,
 * not given to anyone able to act, while the department has no enabled liaison. `ownerId` limits
 * them to the events one person owns (the event owner's view); the director passes null.
 */
export function stepsWithoutLiaison(db: Db, now: Date, ownerId: string | null): OpenStep[] {
  const found = openSteps(db, and(eq(crisisSteps.ownerRole, 'liaison'), ownerId ? eq(crisisEvents.ownerId, ownerId) : undefined), now);
  const liaisonsByDepartment = new Map<string | null, number>();
  const hasLiaison = (department: string | null) => {
    if (!liaisonsByDepartment.has(department)) liaisonsByDepartment.set(department, departmentLiaisons(db, department).length);
    return liaisonsByDepartment.get(department)! > 0;
  };
  return found.filter(({ step, student, applicable }) => {
    if (!applicable || hasLiaison(student.department)) return false;
    // Given by name to an enabled person who may act: that person has it.
    if (step.assignedTo && enabledAccount(db, step.assignedTo)) return false;
    return true;
  });
}

/** Open steps given to a disabled account (left over from before handover existed). */
export function stepsOfDisabledAccounts(db: Db, now: Date): OpenStep[] {
  const disabled = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.disabled, true))
    .all()
    .map((a) => a.id);
  if (disabled.length === 0) return [];
  return openSteps(db, and(inArray(crisisSteps.assignedTo, disabled)), now).filter((s) => s.applicable);
}

/** Events not closed whose owner is missing or disabled. */
export function eventsWithoutOwner(db: Db): { event: EventRecord; student: StudentRef; ownerDisabled: boolean }[] {
  const rows = db
    .select({ event: crisisEvents, student: studentRef, ownerDisabled: accounts.disabled })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .leftJoin(accounts, eq(accounts.id, crisisEvents.ownerId))
    .where(ne(crisisEvents.status, 'closed'))
    .orderBy(asc(crisisEvents.discoveredAt))
    .all();
  return rows
    .filter((r) => r.event.ownerId === null || r.ownerDisabled === true || r.ownerDisabled === null)
    .map((r) => ({ event: r.event, student: r.student, ownerDisabled: r.event.ownerId !== null }));
}

export function requireOpenStep(db: Db, stepId: string, now: Date): OpenStep {
  const found = openSteps(db, and(eq(crisisSteps.id, stepId)), now);
  if (!found[0]) throw new AppError('NOT_FOUND', { reason: 'crisisStepNotFound' });
  return found[0];
}

export function requireOpenEvent(db: Db, eventId: string): { event: EventRecord; student: StudentRef } {
  const row = db
    .select({ event: crisisEvents, student: studentRef })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(and(eq(crisisEvents.id, eventId), ne(crisisEvents.status, 'closed')))
    .get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'crisisEventNotFound' });
  return row;
}
