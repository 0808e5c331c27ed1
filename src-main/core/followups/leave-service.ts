import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { missingReturnEvidence, type LeaveRecord, type ReturnEvidence } from '../../../src-shared/contract/followups';
import { students } from '../store/schema/students';
import { findStudent, updateStudent } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { leaveRecords, returnAssessments } from '../store/schema/followups';
import { addDays, caseCounselorOf, displayNames, endOfLocalDay, person, requireClinicalAccount, requireEvent } from './followup-common';
import { insertTask, type TaskRow } from './task-service';

type LeaveRow = typeof leaveRecords.$inferSelect;

export function listLeaves(db: Db, filter: { studentId?: string; eventId?: string; status?: LeaveRow['status']; ids?: string[] }): LeaveRecord[] {
  const conditions: (SQL | undefined)[] = [
    filter.studentId ? eq(leaveRecords.studentId, filter.studentId) : undefined,
    filter.eventId ? eq(leaveRecords.eventId, filter.eventId) : undefined,
    filter.status ? eq(leaveRecords.status, filter.status) : undefined,
    filter.ids ? inArray(leaveRecords.id, filter.ids) : undefined,
  ];
  const rows = db
    .select({
      leave: leaveRecords,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className },
    })
    .from(leaveRecords)
    .innerJoin(students, eq(students.id, leaveRecords.studentId))
    .where(and(...conditions))
    .orderBy(desc(leaveRecords.startedOn), desc(leaveRecords.createdAt))
    .all();
  const ids = rows.map((r) => r.leave.id);
  const assessments = ids.length
    ? db.select().from(returnAssessments).where(inArray(returnAssessments.leaveId, ids)).orderBy(asc(returnAssessments.assessedAt)).all()
    : [];
  const names = displayNames(
    db,
    assessments.map((a) => a.assessedBy),
  );
  return rows.map(({ leave, student }) => ({
    id: leave.id,
    student,
    eventId: leave.eventId,
    startedOn: leave.startedOn,
    expectedReturnOn: leave.expectedReturnOn,
    reason: leave.reason,
    applicationRef: leave.applicationRef,
    status: leave.status,
    assessments: assessments
      .filter((a) => a.leaveId === leave.id)
      .map((a) => ({
        id: a.id,
        evidence: a.evidence,
        outcome: a.outcome,
        note: a.note,
        returnedOn: a.returnedOn,
        assessedBy: person(names, a.assessedBy),
        assessedAt: a.assessedAt,
      })),
    createdAt: leave.createdAt,
  }));
}

export type LeaveInput = ParsedChannelInput<'leave.record'>;

/** The leave and the student's status change are one write: a student is never half on leave. */
export function recordLeave(tx: WriteContext, input: LeaveInput, at: string): LeaveRow {
  const student = findStudent(tx.db, input.studentId);
  if (!student) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  if (input.eventId && requireEvent(tx.db, input.eventId).studentId !== student.id) throw new AppError('VALIDATION', { reason: 'followupEventOtherStudent' });
  if (input.expectedReturnOn && input.expectedReturnOn < input.startedOn) throw new AppError('VALIDATION', { reason: 'leaveReturnBeforeStart' });
  const open = tx.db
    .select({ id: leaveRecords.id })
    .from(leaveRecords)
    .where(and(eq(leaveRecords.studentId, student.id), inArray(leaveRecords.status, ['on_leave', 'return_refused'])))
    .get();
  if (open) throw new AppError('CONFLICT', { reason: 'leaveAlreadyOpen' });
  const leave = tx.insert(
    leaveRecords,
    {
      id: randomUUID(),
      studentId: student.id,
      eventId: input.eventId ?? null,
      startedOn: input.startedOn,
      expectedReturnOn: input.expectedReturnOn ?? null,
      reason: input.reason,
      applicationRef: input.applicationRef || null,
      status: 'on_leave',
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { studentId: student.id, eventId: input.eventId ?? null } },
  );
  if (student.status !== 'leave') updateStudent(tx, student, { status: 'leave' }, at);
  return leave;
}

export type ReturnInput = ParsedChannelInput<'leave.assessReturn'>;

/**
 * One transaction: the assessment, and on approval the end of the leave, the student back to
 * enrolled and the weekly check-ins; a refused approval leaves nothing behind.
 */
export function assessReturn(tx: WriteContext, input: ReturnInput, at: string): { leave: LeaveRow; tasks: TaskRow[] } {
  const leave = tx.db.select().from(leaveRecords).where(eq(leaveRecords.id, input.leaveId)).get();
  if (!leave) throw new AppError('NOT_FOUND', { reason: 'leaveNotFound' });
  if (leave.status === 'returned') throw new AppError('CONFLICT', { reason: 'leaveAlreadyReturned' });
  const approved = input.outcome === 'approved';
  if (approved) {
    const missing = missingReturnEvidence(input.evidence);
    if (missing.length) throw new AppError('VALIDATION', { reason: 'returnEvidenceMissing', missing: missing.join(','), missingCount: missing.length });
    if (!input.returnedOn) throw new AppError('VALIDATION', { reason: 'returnDateRequired' });
    if (input.returnedOn < leave.startedOn) throw new AppError('VALIDATION', { reason: 'returnBeforeLeave' });
  }
  const counselorId = approved ? checkinCounselor(tx, leave.studentId, input.counselorId) : null;
  tx.insert(
    returnAssessments,
    {
      id: randomUUID(),
      leaveId: leave.id,
      studentId: leave.studentId,
      evidence: input.evidence,
      outcome: input.outcome,
      note: input.note || null,
      returnedOn: approved ? input.returnedOn! : null,
      assessedBy: tx.actor.accountId,
      assessedAt: at,
      createdAt: at,
      updatedAt: at,
    },
    { details: { leaveId: leave.id, outcome: input.outcome } },
  );
  if (!approved) {
    const status = input.outcome === 'not_approved' ? 'return_refused' : 'on_leave';
    const updated = status === leave.status ? leave : tx.update(leaveRecords, leave.id, { status, updatedAt: at }, { action: 'leave-return-refused' });
    return { leave: updated, tasks: [] };
  }
  const updated = tx.update(leaveRecords, leave.id, { status: 'returned', updatedAt: at }, { action: 'leave-returned' });
  const student = findStudent(tx.db, leave.studentId)!;
  if (student.status === 'leave') updateStudent(tx, student, { status: 'enrolled' }, at);
  const tasks = Array.from({ length: input.checkinWeeks }, (_, i) =>
    insertTask(
      tx,
      {
        studentId: leave.studentId,
        eventId: leave.eventId,
        source: 'return_checkin',
        title: `i18n:returnCheckin:${i + 1}`,
        assignedTo: counselorId,
        dueAt: endOfLocalDay(addDays(input.returnedOn!, 7 * (i + 1))),
      },
      at,
    ),
  );
  return { leave: updated, tasks };
}

/** Who makes the check-ins: the one chosen, else the student's case counselor, else the assessor. */
function checkinCounselor(tx: WriteContext, studentId: string, chosen: string | undefined): string | null {
  if (chosen) return requireClinicalAccount(tx.db, chosen).id;
  return caseCounselorOf(tx.db, studentId) ?? tx.actor.accountId;
}
