import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, ne, type SQL } from 'drizzle-orm';
import { ACTIVE_APPOINTMENT_STATUSES, type Appointment, type APPOINTMENT_KINDS } from '../../../src-shared/contract/calendar';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { cases } from '../store/schema/cases';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { findStudent } from '../students/student-service';
import { students } from '../store/schema/students';
import { requireBookableRoom } from './rooms';
import { appointments, rooms } from '../store/schema/calendar';
import { assertTransition, type AppointmentStatus } from './status';
import { requireFound, requireRow } from '../store/require-row';

type AppointmentRow = typeof appointments.$inferSelect;
type Kind = (typeof APPOINTMENT_KINDS)[number];

/** Longer than this is a typing slip, not an appointment. */
const MAX_MINUTES = 8 * 60;

/** Every stored instant has the same shape, so text comparison in SQL orders them in time. */
export function normaliseInstant(value: string): string {
  return new Date(value).toISOString();
}

function fieldError(reason: string, field: string): AppError {
  return new AppError('VALIDATION', { reason, issues: [{ path: [field], code: 'custom', message: reason }] });
}

export function assertTimes(startsAt: string, endsAt: string): void {
  if (endsAt <= startsAt) throw fieldError('appointmentEndsBeforeStart', 'endsAt');
  if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_MINUTES * 60_000) throw fieldError('appointmentTooLong', 'endsAt');
}

/** An enabled account with a clinical role: the only people appointments are booked with. */
export function requireCounselor(db: Db, id: string) {
  const row = db.select().from(accounts).where(eq(accounts.id, id)).get();
  const clinical = row && !row.disabled && (row.roles as Role[]).some((role) => (CLINICAL as readonly Role[]).includes(role));
  if (!row || !clinical) throw fieldError('appointmentCounselorInvalid', 'counselorId');
  return row;
}

export function listCounselors(db: Db) {
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, roles: accounts.roles, disabled: accounts.disabled })
    .from(accounts)
    .orderBy(asc(accounts.displayName))
    .all()
    .filter((row) => !row.disabled && (row.roles as Role[]).some((role) => (CLINICAL as readonly Role[]).includes(role)))
    .map(({ id, displayName }) => ({ id, displayName }));
}

function assertCaseOfStudent(db: Db, caseId: string, studentId: string): void {
  const row = db.select({ studentId: cases.studentId }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'appointmentCaseNotFound' });
  if (row.studentId !== studentId) throw fieldError('appointmentCaseOtherStudent', 'caseId');
}

export interface Booking {
  counselorId: string;
  roomId: string | null;
  startsAt: string;
  endsAt: string;
}

/** Overlap is strict: one ending at 10:50 and the next starting at 10:50 do not clash. */
function overlapping(startsAt: string, endsAt: string): SQL {
  return and(lt(appointments.startsAt, endsAt), gt(appointments.endsAt, startsAt), inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]))!;
}

/** The refusal of a booking: who or what is busy (`holder`, with the reason), and the appointment it clashes with. */
function busy(holder: { reason: string } & Record<string, unknown>, clash: { id: string; startsAt: string; endsAt: string }): AppError {
  return new AppError('CONFLICT', { ...holder, otherAppointmentId: clash.id, otherStartsAt: clash.startsAt, otherEndsAt: clash.endsAt });
}

/**
 * Refuse a booking that overlaps an active appointment of the same counselor or room. Called
 * inside the writing transaction, so two bookings cannot both pass the check.
 */
export function assertNoClash(db: Db, booking: Booking, exceptId?: string): void {
  const others = (condition: SQL) =>
    db
      .select({ id: appointments.id, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
      .from(appointments)
      .where(and(condition, overlapping(booking.startsAt, booking.endsAt), exceptId ? ne(appointments.id, exceptId) : undefined))
      .orderBy(asc(appointments.startsAt))
      .get();
  const counselorClash = others(eq(appointments.counselorId, booking.counselorId));
  if (counselorClash) {
    const counselor = db.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, booking.counselorId)).get();
    throw busy({ reason: 'appointmentCounselorBusy', counselorId: booking.counselorId, counselorName: counselor?.displayName ?? '' }, counselorClash);
  }
  const roomClash = booking.roomId ? others(eq(appointments.roomId, booking.roomId)) : undefined;
  if (roomClash) {
    const room = db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, booking.roomId!)).get();
    throw busy({ reason: 'appointmentRoomBusy', roomId: booking.roomId, roomName: room?.name ?? '' }, roomClash);
  }
}

/** Appointments with the names the calendar shows, oldest first. */
export function queryAppointments(db: Db, where: SQL | undefined): Appointment[] {
  return db
    .select({
      row: appointments,
      studentNo: students.studentNo,
      studentName: students.name,
      counselorName: accounts.displayName,
      roomName: rooms.name,
    })
    .from(appointments)
    .innerJoin(students, eq(students.id, appointments.studentId))
    .innerJoin(accounts, eq(accounts.id, appointments.counselorId))
    .leftJoin(rooms, eq(rooms.id, appointments.roomId))
    .where(where)
    .orderBy(asc(appointments.startsAt), asc(appointments.createdAt))
    .all()
    .map(({ row, studentNo, studentName, counselorName, roomName }) => ({
      id: row.id,
      student: { id: row.studentId, studentNo, name: studentName },
      counselor: { id: row.counselorId, displayName: counselorName },
      room: row.roomId ? { id: row.roomId, name: roomName ?? '' } : null,
      caseId: row.caseId,
      kind: row.kind,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.status,
      remark: row.remark,
      cancelReason: row.cancelReason,
      waitlistEntryId: row.waitlistEntryId,
      createdAt: row.createdAt,
    }));
}

export function getAppointment(db: Db, id: string): Appointment {
  return requireFound(queryAppointments(db, eq(appointments.id, id))[0], { reason: 'appointmentNotFound' });
}

export interface NewAppointment {
  studentId: string;
  counselorId: string;
  roomId?: string | null;
  caseId?: string | null;
  kind: Kind;
  startsAt: string;
  endsAt: string;
  remark?: string | null;
  waitlistEntryId?: string | null;
}

export function createAppointment(tx: WriteContext, input: NewAppointment, at: string): AppointmentRow {
  const startsAt = normaliseInstant(input.startsAt);
  const endsAt = normaliseInstant(input.endsAt);
  assertTimes(startsAt, endsAt);
  if (!findStudent(tx.db, input.studentId)) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  requireCounselor(tx.db, input.counselorId);
  if (input.roomId) requireBookableRoom(tx.db, input.roomId);
  if (input.caseId) assertCaseOfStudent(tx.db, input.caseId, input.studentId);
  const roomId = input.roomId ?? null;
  assertNoClash(tx.db, { counselorId: input.counselorId, roomId, startsAt, endsAt });
  return tx.insert(
    appointments,
    {
      id: randomUUID(),
      studentId: input.studentId,
      counselorId: input.counselorId,
      roomId,
      caseId: input.caseId ?? null,
      kind: input.kind,
      startsAt,
      endsAt,
      status: 'scheduled',
      remark: input.remark || null,
      cancelReason: null,
      waitlistEntryId: input.waitlistEntryId ?? null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { studentId: input.studentId, counselorId: input.counselorId, roomId, caseId: input.caseId ?? null, kind: input.kind, startsAt, endsAt } },
  );
}

export type MoveInput = Omit<ParsedChannelInput<'calendar.move'>, 'appointmentId'>;

/** Only a scheduled appointment moves; the new time, room and counselor are checked like a new booking. */
export function moveAppointment(tx: WriteContext, id: string, input: MoveInput, at: string): AppointmentRow {
  const row = requireRow(tx.db, 'appointment', id);
  if (row.status !== 'scheduled') throw new AppError('CONFLICT', { reason: 'appointmentNotMovable', status: row.status });
  const startsAt = input.startsAt ? normaliseInstant(input.startsAt) : row.startsAt;
  const endsAt = input.endsAt ? normaliseInstant(input.endsAt) : row.endsAt;
  const counselorId = input.counselorId ?? row.counselorId;
  const roomId = input.roomId === undefined ? row.roomId : input.roomId;
  assertTimes(startsAt, endsAt);
  if (counselorId !== row.counselorId) requireCounselor(tx.db, counselorId);
  if (roomId && roomId !== row.roomId) requireBookableRoom(tx.db, roomId);
  assertNoClash(tx.db, { counselorId, roomId, startsAt, endsAt }, id);
  return tx.update(appointments, id, { startsAt, endsAt, counselorId, roomId, updatedAt: at }, { action: 'move' });
}

/** The reason is kept on the appointment for the people who schedule; the audit names only the change. */
export function cancelAppointment(tx: WriteContext, id: string, reason: string, at: string): AppointmentRow {
  const row = requireRow(tx.db, 'appointment', id);
  assertTransition(row.status, 'cancelled');
  return tx.update(appointments, id, { status: 'cancelled', cancelReason: reason, updatedAt: at }, { action: 'cancel', details: { from: row.status } });
}

export function setAppointmentStatus(tx: WriteContext, id: string, status: AppointmentStatus, at: string): AppointmentRow {
  const row = requireRow(tx.db, 'appointment', id);
  assertTransition(row.status, status);
  return tx.update(appointments, id, { status, updatedAt: at }, { action: 'set-status', details: { from: row.status, to: status } });
}

export interface RangeFilter {
  from: string;
  to: string;
  counselorId?: string;
  roomId?: string;
  includeCancelled?: boolean;
}

/** Longer ranges than a month and a bit are not a calendar view. */
const MAX_RANGE_DAYS = 62;

export function listRange(db: Db, filter: RangeFilter): Appointment[] {
  const from = normaliseInstant(filter.from);
  const to = normaliseInstant(filter.to);
  if (to <= from) throw fieldError('calendarRangeInvalid', 'to');
  if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000) throw fieldError('calendarRangeTooLong', 'to');
  return queryAppointments(
    db,
    and(
      lt(appointments.startsAt, to),
      gt(appointments.endsAt, from),
      filter.counselorId ? eq(appointments.counselorId, filter.counselorId) : undefined,
      filter.roomId ? eq(appointments.roomId, filter.roomId) : undefined,
      filter.includeCancelled ? undefined : ne(appointments.status, 'cancelled'),
    ),
  );
}

export function listForCase(db: Db, caseId: string): Appointment[] {
  return queryAppointments(db, eq(appointments.caseId, caseId));
}

export function listForStudent(db: Db, studentId: string) {
  return db
    .select({ id: appointments.id, startsAt: appointments.startsAt, kind: appointments.kind, status: appointments.status })
    .from(appointments)
    .where(eq(appointments.studentId, studentId))
    .all();
}

/** Active appointments touching a window: what the slot finder must step around. */
export function busyBetween(db: Db, from: string, to: string) {
  return db
    .select({ counselorId: appointments.counselorId, roomId: appointments.roomId, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(overlapping(from, to))
    .all();
}
