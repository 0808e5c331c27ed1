import { addDays, localDateOf, minutesOf, weekdayOf, zonedInstant } from '../../../src-shared/calendar/calendar-time';

export interface Hours {
  start: string;
  end: string;
  slotMinutes: number;
  slotStepMinutes: number;
}

export interface Busy {
  counselorId: string;
  roomId: string | null;
  startsAt: string;
  endsAt: string;
}

export interface SlotSearch {
  /** No slot starts before this instant. */
  from: string;
  zone: string;
  hours: Hours;
  /** Working days (Monday to Friday) to look through, starting with the day of `from`. */
  workingDays: number;
  /** In the order they are tried: the preferred counselor alone, or everyone. */
  counselors: { id: string; displayName: string }[];
  /** Active rooms; when the center has none, slots need no room. */
  rooms: { id: string; name: string }[];
  busy: Busy[];
}

export interface FoundSlot {
  startsAt: string;
  endsAt: string;
  counselor: { id: string; displayName: string };
  room: { id: string; name: string } | null;
}

const clashes = (b: Busy, startsAt: string, endsAt: string) => b.startsAt < endsAt && b.endsAt > startsAt;

function pad(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The earliest slot on the working-hours grid where a counselor and a room are both free. */
export function findFirstFreeSlot(search: SlotSearch): FoundSlot | null {
  const { hours } = search;
  const from = new Date(search.from).toISOString();
  let date = localDateOf(from, search.zone);
  for (let counted = 0; counted < search.workingDays; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6) continue;
    counted += 1;
    for (let m = minutesOf(hours.start); m + hours.slotMinutes <= minutesOf(hours.end); m += hours.slotStepMinutes) {
      const start = zonedInstant(date, pad(m), search.zone);
      const startsAt = start.toISOString();
      if (startsAt < from) continue;
      const endsAt = start.add(hours.slotMinutes, 'minute').toISOString();
      for (const counselor of search.counselors) {
        if (search.busy.some((b) => b.counselorId === counselor.id && clashes(b, startsAt, endsAt))) continue;
        if (search.rooms.length === 0) return { startsAt, endsAt, counselor, room: null };
        const room = search.rooms.find((r) => !search.busy.some((b) => b.roomId === r.id && clashes(b, startsAt, endsAt)));
        if (room) return { startsAt, endsAt, counselor, room };
      }
    }
  }
  return null;
}
