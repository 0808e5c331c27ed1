import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The center's default working day, in one place: the slot finder of the waitlist and the
 * calendar grid both read it. Times are local wall-clock times of the workstation's zone.
 */
export const WORKING_HOURS = {
  start: '08:30',
  end: '17:30',
  /** A session's length (the "50-minute hour"). */
  slotMinutes: 50,
  /** Slots start on this grid, leaving a break between back-to-back sessions. */
  slotStepMinutes: 60,
  /** How far ahead the waitlist looks for a free slot, in working days (Monday to Friday). */
  searchWorkingDays: 10,
} as const;

/** 教学周: the term's first Monday (a local date) and how many weeks it has. */
export interface TeachingTerm {
  firstMonday: string;
  weeks: number;
}

/** The workstation's IANA zone (the core and the renderer run on the same machine). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function localDateOf(instant: string | Date, zone: string): string {
  return dayjs(instant).tz(zone).format('YYYY-MM-DD');
}

/** Days between two local dates, counted on the calendar so DST shifts cannot round it off. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 第N教学周 of an instant, or null outside the term; the week turns at local Monday 00:00. */
export function teachingWeekOf(instant: string | Date, term: TeachingTerm | null | undefined, zone: string): number | null {
  if (!term) return null;
  const days = daysBetween(term.firstMonday, localDateOf(instant, zone));
  if (days < 0) return null;
  const week = Math.floor(days / 7) + 1;
  return week <= term.weeks ? week : null;
}

/** The UTC instant of a local wall-clock time (`YYYY-MM-DD`, `HH:mm`) in `zone`. */
export function zonedInstant(date: string, time: string, zone: string): Dayjs {
  return dayjs.tz(`${date}T${time}:00`, zone);
}

/** Minutes after local midnight of a `HH:mm` time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export { dayjs };

/** A local date `days` later (negative: earlier), counted on the calendar. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday, of a local date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The Monday of the week a local date falls in (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The UTC bounds of a local day in `zone` (23 or 25 hours long on DST days). */
export function localDayBounds(date: string, zone: string): { from: string; to: string } {
  return { from: zonedInstant(date, '00:00', zone).toISOString(), to: zonedInstant(addDays(date, 1), '00:00', zone).toISOString() };
}
