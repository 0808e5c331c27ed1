import { localDateOf, localZone, zonedInstant } from '../../../src-shared/calendar/calendar-time';

/** Today's date on the workstation (the core and the people run on the same machine). */
export function todayOf(now: Date | string): string {
  return localDateOf(now, localZone());
}

/** A task due "on" a local date is due until that day's end. */
export function endOfLocalDay(date: string): string {
  return zonedInstant(date, '23:59', localZone()).add(59, 'second').toISOString();
}
