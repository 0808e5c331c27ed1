import { and, eq, gt, lt, ne } from 'drizzle-orm';
import { addDays, localDateOf, localDayBounds, localZone, WORKING_HOURS } from '../../../src-shared/calendar/calendar-time';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import type { PartialHandlerMap } from '../handler-types';
import { appointments } from '../store/schema/calendar';
import {
  busyBetween,
  cancelAppointment,
  createAppointment,
  getAppointment,
  listCounselors,
  listForCase,
  listRange,
  moveAppointment,
  queryAppointments,
  setAppointmentStatus,
} from './appointments';
import { createRoom, listRooms, renameRoom, setRoomActive } from './rooms';
import { findFirstFreeSlot } from './slot-finder';
import { readTerm, writeTerm } from './term';
import { addToWaitlist, getEntry, listWaiting, removeFromWaitlist, requireWaiting, scheduleFromWaitlist } from './waitlist';

type CalendarChannelNames =
  | 'calendar.rooms'
  | 'calendar.createRoom'
  | 'calendar.renameRoom'
  | 'calendar.setRoomActive'
  | 'calendar.term'
  | 'calendar.setTerm'
  | 'calendar.counselors'
  | 'calendar.create'
  | 'calendar.move'
  | 'calendar.cancel'
  | 'calendar.setStatus'
  | 'calendar.range'
  | 'calendar.forCase'
  | 'calendar.today'
  | 'waitlist.add'
  | 'waitlist.list'
  | 'waitlist.remove'
  | 'waitlist.offer'
  | 'waitlist.schedule';

/** Enough calendar days to hold the working days searched, weekends included. */
const calendarDaysFor = (workingDays: number) => Math.ceil(workingDays / 5) * 7 + 7;

export const calendarHandlers: PartialHandlerMap<CalendarChannelNames> = {
  'calendar.rooms': ({ vault }, input) => listRooms(vault.requireStore().db, input.includeInactive),

  'calendar.createRoom': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => createRoom(tx, input.name, vault.now())),

  'calendar.renameRoom': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => renameRoom(tx, input.roomId, input.name, vault.now())),

  'calendar.setRoomActive': ({ vault }, input) =>
    vault.requireStore().uow.run(vault.actor(), (tx) => setRoomActive(tx, input.roomId, input.active, vault.now())),

  'calendar.term': ({ vault }) => readTerm(vault.requireStore().db),

  'calendar.setTerm': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => writeTerm(tx, input.term, vault.now())),

  'calendar.counselors': ({ vault }) => listCounselors(vault.requireStore().db),

  'calendar.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => createAppointment(tx, input, vault.now()));
    return getAppointment(store.db, row.id);
  },

  'calendar.move': ({ vault }, input) => {
    const store = vault.requireStore();
    const { appointmentId, ...change } = input;
    store.uow.run(vault.actor(), (tx) => moveAppointment(tx, appointmentId, change, vault.now()));
    return getAppointment(store.db, appointmentId);
  },

  'calendar.cancel': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => cancelAppointment(tx, input.appointmentId, input.reason, vault.now()));
    return getAppointment(store.db, input.appointmentId);
  },

  'calendar.setStatus': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => setAppointmentStatus(tx, input.appointmentId, input.status, vault.now()));
    return getAppointment(store.db, input.appointmentId);
  },

  'calendar.range': ({ vault }, input) => listRange(vault.requireStore().db, input),

  'calendar.forCase': ({ vault }, input) => listForCase(vault.requireStore().db, input.caseId),

  /** Counselors see their own day; reception (no clinical role) runs the front desk for everyone. */
  'calendar.today': ({ vault }, input) => {
    const session = vault.requireSession();
    const zone = input.timeZone ?? localZone();
    const day = localDayBounds(localDateOf(vault.now(), zone), zone);
    const ownOnly = (session.roles as Role[]).some((role) => (CLINICAL as readonly Role[]).includes(role));
    return queryAppointments(
      vault.requireStore().db,
      and(
        lt(appointments.startsAt, day.to),
        gt(appointments.endsAt, day.from),
        ne(appointments.status, 'cancelled'),
        ownOnly ? eq(appointments.counselorId, session.accountId) : undefined,
      ),
    );
  },

  'waitlist.add': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => addToWaitlist(tx, input, vault.now()));
    return getEntry(store.db, row.id);
  },

  'waitlist.list': ({ vault }) => listWaiting(vault.requireStore().db),

  'waitlist.remove': ({ vault }, input) => {
    const store = vault.requireStore();
    store.uow.run(vault.actor(), (tx) => removeFromWaitlist(tx, input.entryId, vault.now()));
    return getEntry(store.db, input.entryId);
  },

  /** The preferred counselor when they can take bookings, else any active counselor. */
  'waitlist.offer': ({ vault }, input) => {
    const { db } = vault.requireStore();
    const entry = requireWaiting(db, input.entryId);
    const zone = input.timeZone ?? localZone();
    const from = input.from ? new Date(input.from).toISOString() : vault.now();
    const workingDays = input.workingDays ?? WORKING_HOURS.searchWorkingDays;
    const everyone = listCounselors(db);
    const preferred = everyone.filter((c) => c.id === entry.preferredCounselorId);
    const until = new Date(`${addDays(localDateOf(from, zone), calendarDaysFor(workingDays))}T00:00:00Z`).toISOString();
    const slot = findFirstFreeSlot({
      from,
      zone,
      hours: WORKING_HOURS,
      workingDays,
      counselors: preferred.length > 0 ? preferred : everyone,
      rooms: listRooms(db, false).map(({ id, name }) => ({ id, name })),
      busy: busyBetween(db, from, until),
    });
    return { slot };
  },

  'waitlist.schedule': ({ vault }, input) => {
    const store = vault.requireStore();
    const { entryId, ...booking } = input;
    const row = store.uow.run(vault.actor(), (tx) => scheduleFromWaitlist(tx, entryId, booking, vault.now()));
    return { entry: getEntry(store.db, entryId), appointment: getAppointment(store.db, row.id) };
  },
};
