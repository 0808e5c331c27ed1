import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { OPEN_WORK_KINDS, type HandoverSuccessors, type OpenWorkGroup, type OpenWorkItem, type OpenWorkKind } from '../../../src-shared/contract/followups';
import type { Role } from '../../../src-shared/permissions';
import { cases } from '../store/schema/cases';
import { censusBatches, censusFollowups } from '../store/schema/census';
import {
  assertEventOwner,
  assertStepAssignee,
  openEventsOwnedBy,
  openStepsAssignedTo,
  reassignEventOwner,
  reassignStep,
  type OpenStep,
  type StudentRef,
} from './step-reassignment';
import { crisisEvents, crisisSteps } from '../store/schema/crisis';
import { keyAttention } from '../store/schema/keyattention';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { displayNames, person } from '../accounts/account-service';
import { isClinical } from '../followups/followup-common';
import { followupTasks } from '../store/schema/followups';
import { checkAssignee } from '../followups/task-service';

/*
 * Open work a person holds, by kind (issue 14 item 10). Listing it before an account is disabled,
 * and handing it over in the same transaction as the disabling, so nothing is dropped between
 * the preview and the write: what is not handed over becomes 无人负责 (unowned-work.ts).
 */

/** At most this many items per kind in a listing; `count` is always the full number. */
export const ITEMS_PER_KIND = 200;

const OPEN_CASE_STATUSES = ['intake', 'active', 'on_hold'] as const;
const studentRef = { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department };

export interface ItemFacts {
  id: string;
  student: StudentRef;
  label: string;
  eventId: string | null;
  dueAt: string | null;
  overdue: boolean;
  assigneeId: string | null;
  reason: OpenWorkItem['reason'];
}

/** What a reader may see: student names only for those who read students; labels never hold clinical text. */
export interface Reader {
  seesStudents: boolean;
}

export function toGroups(db: Db, facts: Record<OpenWorkKind, ItemFacts[]>, reader: Reader): OpenWorkGroup[] {
  const names = displayNames(
    db,
    Object.values(facts).flatMap((items) => items.map((i) => i.assigneeId)),
  );
  return OPEN_WORK_KINDS.filter((kind) => facts[kind].length > 0).map((kind) => {
    const sorted = [...facts[kind]].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
    return {
      kind,
      count: sorted.length,
      overdue: sorted.filter((i) => i.overdue).length,
      items: sorted.slice(0, ITEMS_PER_KIND).map((i) => ({
        kind,
        id: i.id,
        student: reader.seesStudents ? i.student : null,
        label: i.label,
        eventId: i.eventId,
        dueAt: i.dueAt,
        overdue: i.overdue,
        assignee: person(names, i.assigneeId),
        reason: i.reason,
      })),
    };
  });
}

export function stepFacts(found: OpenStep[], reason: OpenWorkItem['reason'] = null): ItemFacts[] {
  return found
    .filter((s) => s.applicable)
    .map((s) => ({
      id: s.step.id,
      student: s.student,
      label: `${s.event.eventNo} · ${s.step.title}`,
      eventId: s.event.id,
      dueAt: s.dueAt,
      overdue: s.overdue,
      assigneeId: s.step.assignedTo,
      reason,
    }));
}

export function taskRows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({ task: followupTasks, student: studentRef })
    .from(followupTasks)
    .innerJoin(students, eq(students.id, followupTasks.studentId))
    .where(and(eq(followupTasks.status, 'open'), where))
    .orderBy(asc(followupTasks.dueAt))
    .all();
}

export function taskFacts(rows: ReturnType<typeof taskRows>, now: string, reason: OpenWorkItem['reason'] = null): ItemFacts[] {
  return rows.map(({ task, student }) => ({
    id: task.id,
    student,
    label: task.title,
    eventId: task.eventId,
    dueAt: task.dueAt,
    overdue: task.dueAt < now,
    assigneeId: task.assignedTo,
    reason,
  }));
}

export function keyAttentionRows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      entry: { id: keyAttention.id, level: keyAttention.level, nextReviewOn: keyAttention.nextReviewOn, responsible: keyAttention.responsible },
      student: studentRef,
    })
    .from(keyAttention)
    .innerJoin(students, eq(students.id, keyAttention.studentId))
    .where(and(eq(keyAttention.status, 'active'), where))
    .orderBy(asc(keyAttention.nextReviewOn))
    .all();
}

export function keyAttentionFacts(rows: ReturnType<typeof keyAttentionRows>, today: string, reason: OpenWorkItem['reason'] = null): ItemFacts[] {
  return rows.map(({ entry, student }) => ({
    id: entry.id,
    student,
    label: `i18n:keyAttentionLevel:${entry.level}`,
    eventId: null,
    dueAt: entry.nextReviewOn,
    overdue: entry.nextReviewOn < today,
    assigneeId: entry.responsible.counselorId,
    reason,
  }));
}

export function caseRows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({ kase: { id: cases.id, caseNo: cases.caseNo, counselorId: cases.counselorId }, student: studentRef })
    .from(cases)
    .innerJoin(students, eq(students.id, cases.studentId))
    .where(and(inArray(cases.status, [...OPEN_CASE_STATUSES]), where))
    .orderBy(asc(cases.openedAt))
    .all();
}

export function caseFacts(rows: ReturnType<typeof caseRows>, reason: OpenWorkItem['reason'] = null): ItemFacts[] {
  return rows.map(({ kase, student }) => ({
    id: kase.id,
    student,
    label: kase.caseNo,
    eventId: null,
    dueAt: null,
    overdue: false,
    assigneeId: kase.counselorId,
    reason,
  }));
}

export function censusRows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      followup: { id: censusFollowups.id, urgency: censusFollowups.urgency, assignedTo: censusFollowups.assignedTo },
      batch: censusBatches.name,
      student: studentRef,
    })
    .from(censusFollowups)
    .innerJoin(censusBatches, eq(censusBatches.id, censusFollowups.batchId))
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .where(and(eq(censusFollowups.status, 'pending'), where))
    .orderBy(asc(censusFollowups.urgency), asc(students.studentNo))
    .all();
}

export function censusFacts(rows: ReturnType<typeof censusRows>, reason: OpenWorkItem['reason'] = null): ItemFacts[] {
  // The most urgent first: urgency 0 (critical items) sorts as "overdue" so it leads the group.
  return rows.map(({ followup, batch, student }) => ({
    id: followup.id,
    student,
    label: batch,
    eventId: null,
    dueAt: null,
    overdue: followup.urgency === 0,
    assigneeId: followup.assignedTo,
    reason,
  }));
}

/** Open crisis events as items: the event's number is the label; `reason` says why one is listed (null: held by this account). */
export function eventFacts<R extends { event: Pick<typeof crisisEvents.$inferSelect, 'id' | 'eventNo' | 'ownerId'>; student: StudentRef }>(
  rows: R[],
  reason: (row: R) => OpenWorkItem['reason'] = () => null,
): ItemFacts[] {
  return rows.map((row) => ({
    id: row.event.id,
    student: row.student,
    label: row.event.eventNo,
    eventId: row.event.id,
    dueAt: null,
    overdue: false,
    assigneeId: row.event.ownerId,
    reason: reason(row),
  }));
}

const counselorOfEntry = sql`json_extract(${keyAttention.responsible}, '$.counselorId')`;

/** Everything open that this account holds, by kind. */
export function openWorkFacts(db: Db, accountId: string, now: Date, today: string): Record<OpenWorkKind, ItemFacts[]> {
  const at = now.toISOString();
  return {
    tasks: taskFacts(taskRows(db, and(eq(followupTasks.assignedTo, accountId))), at),
    crisisSteps: stepFacts(openStepsAssignedTo(db, accountId, now)),
    crisisEvents: eventFacts(openEventsOwnedBy(db, accountId)),
    keyAttention: keyAttentionFacts(keyAttentionRows(db, and(sql`${counselorOfEntry} = ${accountId}`)), today),
    cases: caseFacts(caseRows(db, and(eq(cases.counselorId, accountId)))),
    censusFollowups: censusFacts(censusRows(db, and(eq(censusFollowups.assignedTo, accountId)))),
  };
}

function requireEnabled(db: Db, accountId: string) {
  const row = db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!row || row.disabled) throw new AppError('VALIDATION', { reason: 'handoverSuccessorInvalid' });
  return row;
}

/** Who may hold an item of a kind: tasks and steps also a liaison of the student's department, the rest only clinicians. */
export function assertMayHold(db: Db, kind: OpenWorkKind, accountId: string, student: { department: string | null }): void {
  const account = requireEnabled(db, accountId);
  const clinical = isClinical(account.roles as Role[]);
  switch (kind) {
    case 'tasks':
      checkAssignee(db, accountId, student);
      return;
    case 'crisisSteps':
      assertStepAssignee(db, accountId, student.department);
      return;
    case 'crisisEvents':
      assertEventOwner(db, accountId);
      return;
    default:
      if (!clinical) throw new AppError('VALIDATION', { reason: 'handoverSuccessorNotClinical', kind });
  }
}

/** Give one item of a kind to `to` (null: nobody, for kinds that allow it). Every move is one audited update. */
export function moveItem(tx: WriteContext, kind: OpenWorkKind, id: string, to: string | null, why: string, at: string): void {
  const db = tx.db;
  switch (kind) {
    case 'tasks': {
      const task = db.select().from(followupTasks).where(eq(followupTasks.id, id)).get()!;
      tx.update(
        followupTasks,
        id,
        { assignedTo: to, updatedAt: at },
        { action: 'reassign', details: { studentId: task.studentId, from: task.assignedTo, to, why } },
      );
      return;
    }
    case 'crisisSteps': {
      const step = db.select().from(crisisSteps).where(eq(crisisSteps.id, id)).get()!;
      reassignStep(tx, step, to, why, at);
      return;
    }
    case 'crisisEvents': {
      const event = db.select().from(crisisEvents).where(eq(crisisEvents.id, id)).get()!;
      reassignEventOwner(tx, event, to, why, at);
      return;
    }
    case 'keyAttention': {
      const entry = db.select().from(keyAttention).where(eq(keyAttention.id, id)).get()!;
      tx.update(
        keyAttention,
        id,
        { responsible: { ...entry.responsible, counselorId: to }, updatedAt: at },
        { action: 'key-attention-reassign', details: { studentId: entry.studentId, from: entry.responsible.counselorId, to, why } },
      );
      return;
    }
    case 'cases': {
      const kase = db.select().from(cases).where(eq(cases.id, id)).get()!;
      // A case always has a counselor: without a successor it stays with the disabled one and shows as 无人负责.
      if (to === null) return;
      tx.update(cases, id, { counselorId: to, updatedAt: at }, { action: 'reassign', details: { from: kase.counselorId, to, why } });
      return;
    }
    case 'censusFollowups': {
      const followup = db.select().from(censusFollowups).where(eq(censusFollowups.id, id)).get()!;
      tx.update(
        censusFollowups,
        id,
        { assignedTo: to, updatedAt: at },
        { action: 'assign', details: { studentId: followup.studentId, from: followup.assignedTo, to, why } },
      );
      return;
    }
  }
}

export interface HandoverResult {
  moved: Partial<Record<OpenWorkKind, number>>;
  unowned: Partial<Record<OpenWorkKind, number>>;
}

/**
 * Inside the disabling transaction: each kind of the account's open work goes to its successor
 * (checked per item: a liaison only for students of their department); a kind without one is
 * released (nobody named), except cases, which always keep a counselor and stay listed as 无人负责.
 */
export function handOver(tx: WriteContext, accountId: string, successors: HandoverSuccessors, now: Date, today: string): HandoverResult {
  const at = now.toISOString();
  const facts = openWorkFacts(tx.db, accountId, now, today);
  // Steps not applicable at the event's level are still the person's: hand them over as well.
  const allSteps = openStepsAssignedTo(tx.db, accountId, now).map((s) => ({ id: s.step.id, student: s.student }));
  const result: HandoverResult = { moved: {}, unowned: {} };
  for (const kind of OPEN_WORK_KINDS) {
    const items = kind === 'crisisSteps' ? allSteps : facts[kind].map((i) => ({ id: i.id, student: i.student }));
    if (items.length === 0) continue;
    const successor = successors[kind] ?? null;
    if (successor === accountId) throw new AppError('VALIDATION', { reason: 'handoverSuccessorInvalid', kind });
    for (const item of items) {
      if (successor) {
        try {
          assertMayHold(tx.db, kind, successor, item.student);
        } catch (error) {
          if (error instanceof AppError) throw new AppError(error.code, { ...error.details, kind, studentNo: item.student.studentNo });
          throw error;
        }
      }
      moveItem(tx, kind, item.id, successor, 'account-disabled', at);
    }
    if (successor) result.moved[kind] = items.length;
    else result.unowned[kind] = items.length;
  }
  return result;
}
