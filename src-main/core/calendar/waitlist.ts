import { randomUUID } from 'node:crypto';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { WaitlistEntry } from '../../../src-shared/contract/calendar';
import { AppError } from '../../../src-shared/contract/errors';
import { requireFound } from '../store/require-row';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { findStudent } from '../students/student-service';
import { students } from '../store/schema/students';
import { createAppointment, requireCounselor, type NewAppointment } from './appointments';
import { waitlistEntries } from '../store/schema/calendar';

type EntryRow = typeof waitlistEntries.$inferSelect;

const preferred = alias(accounts, 'preferred_counselor');

function queryEntries(db: Db, where: SQL | undefined): WaitlistEntry[] {
  return db
    .select({ row: waitlistEntries, studentNo: students.studentNo, studentName: students.name, counselorName: preferred.displayName })
    .from(waitlistEntries)
    .innerJoin(students, eq(students.id, waitlistEntries.studentId))
    .leftJoin(preferred, eq(preferred.id, waitlistEntries.preferredCounselorId))
    .where(where)
    .orderBy(asc(waitlistEntries.priority), asc(waitlistEntries.createdAt))
    .all()
    .map(({ row, studentNo, studentName, counselorName }) => ({
      id: row.id,
      student: { id: row.studentId, studentNo, name: studentName },
      priority: row.priority,
      preferredCounselor: row.preferredCounselorId ? { id: row.preferredCounselorId, displayName: counselorName ?? '' } : null,
      caseId: row.caseId,
      remark: row.remark,
      status: row.status,
      appointmentId: row.appointmentId,
      createdAt: row.createdAt,
    }));
}

export function getEntry(db: Db, id: string): WaitlistEntry {
  return requireFound(queryEntries(db, eq(waitlistEntries.id, id))[0], { reason: 'waitlistEntryNotFound' });
}

/** Waiting students, highest priority first, then the longest waiting. */
export function listWaiting(db: Db): WaitlistEntry[] {
  return queryEntries(db, eq(waitlistEntries.status, 'waiting'));
}

export function requireWaiting(db: Db, id: string): EntryRow {
  const row = db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'waitlistEntryNotFound' });
  if (row.status !== 'waiting') throw new AppError('CONFLICT', { reason: 'waitlistNotWaiting', status: row.status });
  return row;
}

export function addToWaitlist(
  tx: WriteContext,
  input: { studentId: string; priority: number; preferredCounselorId?: string | null; caseId?: string | null; remark?: string | null },
  at: string,
): EntryRow {
  if (!findStudent(tx.db, input.studentId)) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  if (input.preferredCounselorId) requireCounselor(tx.db, input.preferredCounselorId);
  const already = tx.db
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.studentId, input.studentId), eq(waitlistEntries.status, 'waiting')))
    .get();
  if (already) throw new AppError('CONFLICT', { reason: 'waitlistAlreadyWaiting' });
  return tx.insert(
    waitlistEntries,
    {
      id: randomUUID(),
      studentId: input.studentId,
      priority: input.priority,
      preferredCounselorId: input.preferredCounselorId ?? null,
      caseId: input.caseId ?? null,
      remark: input.remark || null,
      status: 'waiting',
      appointmentId: null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { studentId: input.studentId, priority: input.priority } },
  );
}

export function removeFromWaitlist(tx: WriteContext, id: string, at: string): EntryRow {
  requireWaiting(tx.db, id);
  return tx.update(waitlistEntries, id, { status: 'removed', updatedAt: at }, { action: 'remove' });
}

/** The appointment and the entry change in the caller's one transaction: both or neither. */
export function scheduleFromWaitlist(
  tx: WriteContext,
  id: string,
  booking: Pick<NewAppointment, 'counselorId' | 'roomId' | 'startsAt' | 'endsAt' | 'kind'>,
  at: string,
) {
  const entry = requireWaiting(tx.db, id);
  const appointment = createAppointment(
    tx,
    { ...booking, studentId: entry.studentId, caseId: entry.caseId, remark: entry.remark, waitlistEntryId: entry.id },
    at,
  );
  tx.update(
    waitlistEntries,
    id,
    { status: 'scheduled', appointmentId: appointment.id, updatedAt: at },
    { action: 'schedule', details: { appointmentId: appointment.id } },
  );
  return appointment;
}
