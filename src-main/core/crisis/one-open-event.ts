import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Db } from '../store/unit-of-work';
import { crisisEvents } from './schema';

/** Statuses in which an event is still under way: a second one for the student is refused. */
export const UNDER_WAY = ['open', 'closing'] as const;

/** The template step the close itself completes (see approveClose). */
export const CLOSURE_STEP_KEY = 'closure';

/** The message of the store's trigger (drizzle/0012_crisis_one_open_event.sql). */
const TRIGGER_MESSAGE = 'crisisEventOpen';

/** The student's events not yet closed, oldest first (a store from before the rule may hold two). */
export function eventsUnderWay(db: Db, studentId: string): { id: string; eventNo: string }[] {
  return db
    .select({ id: crisisEvents.id, eventNo: crisisEvents.eventNo })
    .from(crisisEvents)
    .where(and(eq(crisisEvents.studentId, studentId), inArray(crisisEvents.status, [...UNDER_WAY])))
    .orderBy(asc(crisisEvents.discoveredAt), asc(crisisEvents.eventNo))
    .all();
}

function openConflict(event: { id: string; eventNo: string }): AppError {
  return new AppError('CONFLICT', { reason: 'crisisEventOpen', eventId: event.id, eventNo: event.eventNo });
}

/** Refuses a new event while one is under way, naming it so the caller can go there instead. */
export function assertNoOpenEvent(db: Db, studentId: string): void {
  const [open] = eventsUnderWay(db, studentId);
  if (open) throw openConflict(open);
}

/** Refuses a close while steps of the checklist are neither done nor marked not applicable. */
export function assertNoOpenSteps(steps: readonly { id: string; key: string; title: string }[]): void {
  if (steps.length === 0) return;
  throw new AppError('CONFLICT', { reason: 'crisisStepsOpen', steps: steps.map((s) => ({ id: s.id, key: s.key, title: s.title })) });
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code) : '';
}

/**
 * Opens an event so that two writers at once (two windows, the app and the CLI, two processes
 * on one store) give one event. Each transaction checks inside itself; in WAL mode the loser of a
 * race either waits for the lock and then finds its snapshot stale (SQLITE_BUSY_SNAPSHOT), or, on
 * a path that skipped the check, meets the store's trigger. A busy loser runs again on a fresh
 * snapshot, where the check sees the winner's event and answers the usual CONFLICT; a trigger
 * refusal is turned into the same CONFLICT, naming the event that won.
 */
export function openOnce<T>(db: Db, studentId: string, write: () => T, attempts = 5): T {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return write();
    } catch (error) {
      const code = errorCode(error);
      if (code.startsWith('SQLITE_CONSTRAINT') && String((error as Error).message).includes(TRIGGER_MESSAGE)) {
        const [open] = eventsUnderWay(db, studentId);
        if (open) throw openConflict(open);
      }
      if (code.startsWith('SQLITE_BUSY') && attempt < attempts) continue;
      throw error;
    }
  }
}
