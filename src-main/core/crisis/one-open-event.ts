import { AppError } from '../../../src-shared/contract/errors';
import type { Db } from '../store/unit-of-work';
import { eventsUnderWay } from '../shared-reads/events-under-way';

/** The template step the close itself completes (see approveClose). */
export const CLOSURE_STEP_KEY = 'closure';

/** The message of the store's trigger (drizzle/0012_crisis_one_open_event.sql). */
const TRIGGER_MESSAGE = 'crisisEventOpen';

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

const pause = new Int32Array(new SharedArrayBuffer(4));

/** A short synchronous pause (the core is synchronous; a worker thread may block briefly). */
function sleepMs(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** Retries of a busy open: 5, 10, 20, 40, 80, then 100 ms, about 1.5 s in all. */
const BUSY_RETRIES = 18;

/**
 * Opens an event so that two writers at once (two windows, the app and the CLI, two processes
 * on one store) give one event. Each transaction checks inside itself; in WAL mode the loser of a
 * race finds the write lock taken or its snapshot stale (SQLITE_BUSY, the app's connection does
 * not wait), or, on a path that skipped the check, meets the store's trigger. A busy loser runs
 * again after a short pause on a fresh snapshot, where the check sees the winner's event and
 * answers the usual CONFLICT; a trigger refusal becomes the same CONFLICT, naming the winner.
 * Still busy after the retries (a long import holds the lock), the caller gets storeBusy, and no
 * second event exists either way.
 */
export function openOnce<T>(db: Db, studentId: string, write: () => T, retries = BUSY_RETRIES): T {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return write();
    } catch (error) {
      const code = errorCode(error);
      if (code.startsWith('SQLITE_CONSTRAINT') && String((error as Error).message).includes(TRIGGER_MESSAGE)) {
        const [open] = eventsUnderWay(db, studentId);
        if (open) throw openConflict(open);
      }
      if (!code.startsWith('SQLITE_BUSY') || attempt >= retries) throw error;
      sleepMs(Math.min(100, 5 * 2 ** attempt));
    }
  }
}
