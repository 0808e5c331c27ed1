import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndTimestamps, idColumn, requiredAccountRef, studentRef, timestamps } from './columns';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES, WAITLIST_STATUSES } from '../../../../src-shared/contract/calendar';

/** 咨询室: rooms appointments can be booked into. */
export const rooms = sqliteTable('rooms', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  ...timestamps(),
});

/** 预约. Times are UTC; the renderer shows them in the workstation's zone. */
export const appointments = sqliteTable(
  'appointments',
  {
    id: idColumn(),
    studentId: studentRef(),
    counselorId: requiredAccountRef('counselor_id'),
    roomId: text('room_id').references(() => rooms.id),
    caseId: text('case_id'),
    kind: text('kind', { enum: APPOINTMENT_KINDS }).notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull(),
    /** Scheduling remark (not clinical content: reception reads it). */
    remark: text('remark'),
    cancelReason: text('cancel_reason'),
    waitlistEntryId: text('waitlist_entry_id'),
    ...createdByAndTimestamps(),
  },
  (t) => [
    index('appointments_counselor').on(t.counselorId, t.startsAt),
    index('appointments_room').on(t.roomId, t.startsAt),
    index('appointments_student').on(t.studentId, t.startsAt),
    index('appointments_case').on(t.caseId),
  ],
);

/** 候补: students waiting for a slot, by priority then by when they were added. */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: idColumn(),
    studentId: studentRef(),
    /** 1 highest. */
    priority: integer('priority').notNull(),
    preferredCounselorId: accountRef('preferred_counselor_id'),
    caseId: text('case_id'),
    remark: text('remark'),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull(),
    appointmentId: text('appointment_id'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('waitlist_open').on(t.status, t.priority, t.createdAt)],
);
