import { and, eq, type SQL } from 'drizzle-orm';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { departmentLiaisons, moveLiaisonStepsWithStudent, openStepsAssignedTo, reassignStep } from './step-reassignment';
import { cases } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { WriteContext } from '../store/unit-of-work';
import { followupTasks } from '../store/schema/followups';

/*
 * Work follows the student (issue 14 item 11). When a student's department changes (by hand, by
 * a roster import or by a roster update from the school server), what the old department's
 * liaison was given moves on in the same transaction as the change, each move audited:
 * to the new department's liaison, or, where it has none, to the event's owner (the director sees
 * the rest as 无人负责). Kept free of the student service, which calls it.
 */

const isClinical = (roles: readonly string[]) => roles.some((role) => (CLINICAL as readonly string[]).includes(role));

function enabledId(tx: WriteContext, id: string | null): string | null {
  if (!id) return null;
  const row = tx.db.select({ id: accounts.id, disabled: accounts.disabled }).from(accounts).where(eq(accounts.id, id)).get();
  return row && !row.disabled ? row.id : null;
}

/** Where a liaison's task goes when no liaison of the new department exists: the event owner, else the case counselor, else nobody. */
function fallbackForTask(tx: WriteContext, task: typeof followupTasks.$inferSelect): string | null {
  const owner = task.eventId
    ? (tx.db.select({ ownerId: crisisEvents.ownerId }).from(crisisEvents).where(eq(crisisEvents.id, task.eventId)).get()?.ownerId ?? null)
    : null;
  const counselor =
    tx.db
      .select({ counselorId: cases.counselorId, status: cases.status })
      .from(cases)
      .where(eq(cases.studentId, task.studentId))
      .all()
      .find((c) => c.status === 'intake' || c.status === 'active' || c.status === 'on_hold')?.counselorId ?? null;
  return enabledId(tx, owner) ?? enabledId(tx, counselor);
}

export interface DepartmentMove {
  tasks: number;
  steps: number;
}

/** The open follow-up tasks matching `where`. */
function openTasks(tx: WriteContext, where: SQL) {
  return tx.db
    .select()
    .from(followupTasks)
    .where(and(where, eq(followupTasks.status, 'open')))
    .all();
}

/** Hands a task to `to` (null: nobody), audited as a reassignment with `details` saying why. */
function reassignTask(tx: WriteContext, taskId: string, to: string | null, at: string, details: Record<string, unknown>): void {
  tx.update(followupTasks, taskId, { assignedTo: to, updatedAt: at }, { action: 'reassign', details });
}

export function moveWorkWithStudent(
  tx: WriteContext,
  studentId: string,
  fromDepartment: string | null,
  toDepartment: string | null,
  at: string,
): DepartmentMove {
  if ((fromDepartment ?? null) === (toDepartment ?? null)) return { tasks: 0, steps: 0 };
  const successor = departmentLiaisons(tx.db, toDepartment)[0]?.id ?? null;
  let tasks = 0;
  for (const task of openTasks(tx, eq(followupTasks.studentId, studentId))) {
    if (!task.assignedTo) continue;
    const holder = tx.db.select().from(accounts).where(eq(accounts.id, task.assignedTo)).get();
    const roles = (holder?.roles ?? []) as Role[];
    // A clinician's task does not depend on the department; a liaison's does.
    if (!holder || isClinical(roles) || !roles.includes('liaison') || holder.department === toDepartment) continue;
    const to = successor ?? fallbackForTask(tx, task);
    reassignTask(tx, task.id, to, at, { studentId, from: task.assignedTo, to, why: 'student-department-changed', fromDepartment, toDepartment });
    tasks += 1;
  }
  const steps = moveLiaisonStepsWithStudent(tx, studentId, fromDepartment, toDepartment, at);
  return { tasks, steps };
}

/**
 * The other side of item 11: a liaison account changes department or stops being a liaison.
 * Their open tasks and steps for students they no longer cover go to the students' department
 * liaison, else to the event owner (tasks: or the case counselor), else to nobody (无人负责).
 */
export function moveWorkOfAccountOutsideDepartment(tx: WriteContext, accountId: string, at: string): DepartmentMove {
  const account = tx.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  const roles = (account?.roles ?? []) as Role[];
  if (!account || isClinical(roles)) return { tasks: 0, steps: 0 };
  const covers = (department: string | null) => roles.includes('liaison') && account.department !== null && account.department === department;
  const liaisonOf = (department: string | null) => departmentLiaisons(tx.db, department).find((l) => l.id !== accountId)?.id ?? null;
  let tasks = 0;
  for (const task of openTasks(tx, eq(followupTasks.assignedTo, accountId))) {
    const department = tx.db.select({ department: students.department }).from(students).where(eq(students.id, task.studentId)).get()?.department ?? null;
    if (covers(department)) continue;
    const to = liaisonOf(department) ?? fallbackForTask(tx, task);
    reassignTask(tx, task.id, to, at, { studentId: task.studentId, from: accountId, to, why: 'assignee-department-changed' });
    tasks += 1;
  }
  let steps = 0;
  for (const { step, event, student } of openStepsAssignedTo(tx.db, accountId, new Date(at))) {
    if (covers(student.department)) continue;
    reassignStep(tx, step, liaisonOf(student.department) ?? enabledId(tx, event.ownerId), 'assignee-department-changed', at);
    steps += 1;
  }
  return { tasks, steps };
}
