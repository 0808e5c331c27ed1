import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { students } from '../store/schema/students';
import { findStudent } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { addDays, endOfLocalDay, requireClinicalAccount, requireEvent, todayOf } from './followup-common';
import { insertTask, openTaskStudents, type TaskRow } from './task-service';

/** The student and event a postvention is about: an event names its student. */
export function postventionSubject(db: Db, input: { eventId?: string; studentId?: string }) {
  const event = input.eventId ? requireEvent(db, input.eventId) : null;
  const studentId = event?.studentId ?? input.studentId!;
  if (event && input.studentId && input.studentId !== event.studentId) throw new AppError('VALIDATION', { reason: 'followupEventOtherStudent' });
  const student = findStudent(db, studentId);
  if (!student) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  return { student, event };
}

/**
 * Close peers to screen for contagion (危机传染): roommates (same 宿舍) and classmates (same 班级,
 * within the same department and grade, since class names repeat across departments).
 */
export function postventionPeers(db: Db, input: { eventId?: string; studentId?: string }) {
  const { student, event } = postventionSubject(db, input);
  const sameDorm = student.dorm ? eq(students.dorm, student.dorm) : undefined;
  const sameClass = student.className
    ? and(
        eq(students.className, student.className),
        student.department ? eq(students.department, student.department) : undefined,
        student.grade ? eq(students.grade, student.grade) : undefined,
      )
    : undefined;
  if (!sameDorm && !sameClass) return { studentId: student.id, peers: [] };
  const rows = db
    .select()
    .from(students)
    .where(and(ne(students.id, student.id), ne(students.status, 'graduated'), or(sameDorm, sameClass)))
    .orderBy(asc(students.dorm), asc(students.studentNo))
    .all();
  const withTask = openTaskStudents(
    db,
    'postvention',
    event?.id ?? null,
    rows.map((r) => r.id),
  );
  const peers = rows.map((r) => ({
    id: r.id,
    studentNo: r.studentNo,
    name: r.name,
    department: r.department,
    className: r.className,
    dorm: r.dorm,
    relations: [
      ...(student.dorm && r.dorm === student.dorm ? (['dorm'] as const) : []),
      ...(student.className && r.className === student.className ? (['class'] as const) : []),
    ],
    hasOpenTask: withTask.has(r.id),
  }));
  // Roommates first: they are closest.
  peers.sort((a, b) => Number(!a.relations.includes('dorm')) - Number(!b.relations.includes('dorm')));
  return { studentId: student.id, peers };
}

export type ScreenInput = ParsedChannelInput<'postvention.screen'>;

export function screenPeers(tx: WriteContext, input: ScreenInput, at: string): { created: TaskRow[]; skipped: number } {
  const { student, event } = postventionSubject(tx.db, input);
  const peerIds = [...new Set(input.peerIds)].filter((id) => id !== student.id);
  const found = tx.db.select({ id: students.id }).from(students).where(inArray(students.id, peerIds)).all();
  if (found.length !== peerIds.length) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  const assignedTo = input.counselorId ? requireClinicalAccount(tx.db, input.counselorId).id : (event?.ownerId ?? tx.actor.accountId);
  const already = openTaskStudents(tx.db, 'postvention', event?.id ?? null, peerIds);
  const dueAt = endOfLocalDay(addDays(todayOf(at), input.dueInDays));
  const created = peerIds
    .filter((id) => !already.has(id))
    .map((peerId) =>
      insertTask(tx, { studentId: peerId, eventId: event?.id ?? null, source: 'postvention', title: 'i18n:postvention', assignedTo, dueAt }, at),
    );
  return { created, skipped: peerIds.length - created.length };
}
