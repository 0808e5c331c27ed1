import { z } from 'zod';
import { isValidZone } from '../calendar/calendar-time';
import { channel } from './define';
import { empty, idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema } from './refs';

export const APPOINTMENT_KINDS = ['intake', 'session', 'followup', 'other'] as const;
export const APPOINTMENT_STATUSES = ['scheduled', 'checked_in', 'done', 'no_show', 'cancelled'] as const;
/** Statuses that hold the counselor and the room: only these can clash. */
export const ACTIVE_APPOINTMENT_STATUSES = ['scheduled', 'checked_in'] as const;
export const WAITLIST_PRIORITIES = [1, 2, 3] as const;
export const WAITLIST_STATUSES = ['waiting', 'scheduled', 'removed'] as const;

/** A UTC instant as the calendar stores it (offsets are accepted and normalised by the core). */
export const instantSchema = z.iso.datetime({ offset: true });
/** An IANA zone; the core uses its own when none is given (both run on the workstation). */
export const timeZoneSchema = z.string().max(TEXT_MAX.timeZone).refine(isValidZone, { message: 'timeZoneInvalid' });
export const roomNameSchema = z.string().trim().min(1).max(TEXT_MAX.roomName);
export const remarkSchema = z.string().trim().max(TEXT_MAX.remark).nullable().optional();
export const cancelReasonSchema = z.string().trim().min(1).max(TEXT_MAX.remark);

export const termSchema = z
  .object({
    firstMonday: isoDateSchema.refine((value) => new Date(`${value}T00:00:00Z`).getUTCDay() === 1, { message: 'termNotMonday' }),
    weeks: z.number().int().min(1).max(30),
  })
  .strict();

export const roomSchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
export type Room = z.infer<typeof roomSchema>;

const studentRefSchema = z.object({ id: z.string(), studentNo: z.string(), name: z.string() });

/** An appointment as every calendar role sees it: scheduling data only, no clinical content. */
export const appointmentSchema = z.object({
  id: z.string(),
  student: studentRefSchema,
  counselor: accountRefSchema,
  room: roomSchema.pick({ id: true, name: true }).nullable(),
  caseId: z.string().nullable(),
  kind: z.enum(APPOINTMENT_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  remark: z.string().nullable(),
  cancelReason: z.string().nullable(),
  waitlistEntryId: z.string().nullable(),
  createdAt: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const waitlistEntrySchema = z.object({
  id: z.string(),
  student: studentRefSchema,
  priority: z.number().int(),
  preferredCounselor: accountRefSchema.nullable(),
  caseId: z.string().nullable(),
  remark: z.string().nullable(),
  status: z.enum(WAITLIST_STATUSES),
  appointmentId: z.string().nullable(),
  createdAt: z.string(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;

export const offeredSlotSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  counselor: accountRefSchema,
  room: roomSchema.pick({ id: true, name: true }).nullable(),
});
export type OfferedSlot = z.infer<typeof offeredSlotSchema>;

export const appointmentCreateSchema = z
  .object({
    studentId: idSchema,
    counselorId: idSchema,
    roomId: idSchema.nullable().optional(),
    caseId: idSchema.nullable().optional(),
    kind: z.enum(APPOINTMENT_KINDS),
    startsAt: instantSchema,
    endsAt: instantSchema,
    remark: remarkSchema,
  })
  .strict();

export const calendarChannels = {
  'calendar.rooms': channel({
    summary: 'Rooms appointments can be booked into (active ones unless asked for all).',
    permission: 'session',
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(roomSchema),
  }),
  'calendar.createRoom': channel({
    summary: 'Add a room.',
    permission: 'calendar.configure',
    input: z.object({ name: roomNameSchema }).strict(),
    output: roomSchema,
  }),
  'calendar.renameRoom': channel({
    summary: 'Rename a room.',
    permission: 'calendar.configure',
    input: z.object({ roomId: idSchema, name: roomNameSchema }).strict(),
    output: roomSchema,
  }),
  'calendar.setRoomActive': channel({
    summary: 'Take a room out of use (its past appointments keep it) or bring it back.',
    permission: 'calendar.configure',
    input: z.object({ roomId: idSchema, active: z.boolean() }).strict(),
    output: roomSchema,
  }),
  'calendar.term': channel({
    summary: "The teaching-week setting (教学周): the term's first Monday and number of weeks, or null.",
    permission: 'session',
    input: empty,
    output: termSchema.nullable(),
  }),
  'calendar.setTerm': channel({
    summary: 'Set or clear the teaching-week setting.',
    permission: 'calendar.configure',
    input: z.object({ term: termSchema.nullable() }).strict(),
    output: termSchema.nullable(),
  }),
  'calendar.counselors': channel({
    summary: 'Enabled clinical accounts appointments can be booked with (names only).',
    permission: 'calendar.read',
    input: empty,
    output: z.array(accountRefSchema),
  }),
  'calendar.create': channel({
    summary: 'Book an appointment; a clash with the counselor or the room is refused (CONFLICT).',
    permission: 'calendar.manage',
    input: appointmentCreateSchema,
    output: appointmentSchema,
  }),
  'calendar.move': channel({
    summary: 'Move a scheduled appointment to another time, room or counselor (clashes refused).',
    permission: 'calendar.manage',
    input: z
      .object({
        appointmentId: idSchema,
        startsAt: instantSchema.optional(),
        endsAt: instantSchema.optional(),
        roomId: idSchema.nullable().optional(),
        counselorId: idSchema.optional(),
      })
      .strict(),
    output: appointmentSchema,
  }),
  'calendar.cancel': channel({
    summary: 'Cancel an appointment with a reason; its slot is free again.',
    permission: 'calendar.manage',
    input: z.object({ appointmentId: idSchema, reason: cancelReasonSchema }).strict(),
    output: appointmentSchema,
  }),
  'calendar.setStatus': channel({
    summary: 'Check in, mark done or no-show (scheduled -> checked_in -> done; no_show from either).',
    permission: 'calendar.manage',
    input: z.object({ appointmentId: idSchema, status: z.enum(['checked_in', 'done', 'no_show']) }).strict(),
    output: appointmentSchema,
  }),
  'calendar.range': channel({
    summary: 'Appointments overlapping a time range (week and day views), by counselor or by room.',
    permission: 'calendar.read',
    input: z
      .object({
        from: instantSchema,
        to: instantSchema,
        counselorId: idSchema.optional(),
        roomId: idSchema.optional(),
        includeCancelled: z.boolean().default(false),
      })
      .strict(),
    output: z.array(appointmentSchema),
  }),
  'calendar.forCase': channel({
    summary: "A case's appointments, oldest first (cancelled ones too).",
    permission: 'calendar.read',
    input: idInput('caseId'),
    output: z.array(appointmentSchema),
  }),
  'calendar.today': channel({
    summary: "Today's appointments: the signed-in counselor's own, or all of them for reception.",
    permission: 'calendar.read',
    input: z.object({ timeZone: timeZoneSchema.optional() }).strict(),
    output: z.array(appointmentSchema),
  }),
  'waitlist.add': channel({
    summary: 'Put a student on the waitlist (候补) with a priority (1 highest).',
    permission: 'calendar.manage',
    input: z
      .object({
        studentId: idSchema,
        priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
        preferredCounselorId: idSchema.nullable().optional(),
        caseId: idSchema.nullable().optional(),
        remark: remarkSchema,
      })
      .strict(),
    output: waitlistEntrySchema,
  }),
  'waitlist.list': channel({
    summary: 'Students waiting, by priority then by how long they have waited.',
    permission: 'calendar.read',
    input: empty,
    output: z.array(waitlistEntrySchema),
  }),
  'waitlist.remove': channel({
    summary: 'Take a student off the waitlist.',
    permission: 'calendar.manage',
    input: idInput('entryId'),
    output: waitlistEntrySchema,
  }),
  'waitlist.offer': channel({
    summary: 'The earliest free slot for a waiting student within the working days ahead, or null.',
    permission: 'calendar.read',
    input: z
      .object({
        entryId: idSchema,
        from: instantSchema.optional(),
        workingDays: z.number().int().min(1).max(60).optional(),
        timeZone: timeZoneSchema.optional(),
      })
      .strict(),
    output: z.object({ slot: offeredSlotSchema.nullable() }),
  }),
  'waitlist.schedule': channel({
    summary: 'Book an offered slot for a waiting student: the appointment and the entry change together.',
    permission: 'calendar.manage',
    input: z
      .object({
        entryId: idSchema,
        counselorId: idSchema,
        roomId: idSchema.nullable().optional(),
        startsAt: instantSchema,
        endsAt: instantSchema,
        kind: z.enum(APPOINTMENT_KINDS).default('intake'),
      })
      .strict(),
    output: z.object({ entry: waitlistEntrySchema, appointment: appointmentSchema }),
  }),
} as const;

/** The reasons (AppError details.reason) the calendar core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const CALENDAR_ERROR_REASONS = [
  'calendarRoomNotFound',
  'calendarRoomInactive',
  'calendarRoomNameTaken',
  'appointmentEndsBeforeStart',
  'appointmentTooLong',
  'appointmentCounselorInvalid',
  'appointmentCaseNotFound',
  'appointmentCaseOtherStudent',
  'appointmentCounselorBusy',
  'appointmentRoomBusy',
  'appointmentNotFound',
  'appointmentNotMovable',
  'appointmentStatusTransition',
  'calendarRangeInvalid',
  'calendarRangeTooLong',
  'waitlistEntryNotFound',
  'waitlistNotWaiting',
  'waitlistAlreadyWaiting',
] as const;
