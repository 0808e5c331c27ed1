import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { writeFileAtomic } from './atomic-file';
import type { Clock } from '../util/clock';
import { FolderLock } from './folder-lock';

/**
 * Failed unlocks back off exponentially, and the counter lives in a file beside the store so a
 * restart does not reset it. The store itself is locked while this matters, so failures are
 * kept here (time and a salted username hash, never the name) and moved into the audit log at
 * the next successful unlock.
 *
 * Three files, because each closes a different hole (issue 15, findings 1 and 2):
 *  - unlock-guard.json: the counter and the failures waiting for the audit log;
 *  - unlock-attempts.log: one line per failure, appended before the counter is written, so
 *    deleting or rewriting the guard does not erase the attempts;
 *  - unlock-guard.lock: held (an OS file lock) around check-and-record, so parallel processes on
 *    the same folder get one password check per back-off window, not one each.
 * A missing or unreadable guard beside an existing key ring and journal is tampering: the next
 * attempt waits the longest back-off, and the next successful unlock records `unlock-guard-reset`.
 * What someone who can write these files can still do is in docs/threat-model.md.
 */
const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60 * 1000;

export function backoffDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

/** The fewest failures whose back-off is the longest one. */
export const CEILING_FAILURES = (() => {
  let failures = FREE_ATTEMPTS;
  while (backoffDelayMs(failures) < MAX_DELAY_MS) failures++;
  return failures;
})();

const attemptSchema = z.object({
  /** Tells two failures in the same millisecond apart when guard and journal are merged. */
  id: z.string().optional(),
  at: z.string(),
  lookup: z.string().nullable(),
  kind: z.enum(['password', 'recovery']),
});
export type FailedAttempt = z.infer<typeof attemptSchema>;

const tamperSchema = z.object({
  detectedAt: z.string(),
  reason: z.enum(['guardMissing', 'guardUnreadable']),
  /** What the damaged file still showed, when anything. */
  guardModifiedAt: z.string().nullable(),
});
export type GuardTampering = z.infer<typeof tamperSchema>;

const guardSchema = z.object({
  version: z.literal(1),
  failures: z.number().int().min(0),
  lastFailureAt: z.string().nullable(),
  pending: z.array(attemptSchema),
  /** Set when tampering was found; cleared (into the audit log) at the next successful unlock. */
  tampered: z.array(tamperSchema).optional(),
});
type GuardState = z.infer<typeof guardSchema>;

const FRESH: GuardState = { version: 1, failures: 0, lastFailureAt: null, pending: [] };
const isFresh = (state: GuardState) => state.failures === 0 && state.lastFailureAt === null && state.pending.length === 0 && !state.tampered?.length;
/** Keep the files bounded even under a long guessing run. */
const KEEP_ATTEMPTS = 500;

export interface GuardPaths {
  guard: string;
  journal: string;
  lock: string;
  keyring: string;
}

/** What the next successful unlock writes to the audit log before the guard is reset. */
export interface PendingReport {
  failures: FailedAttempt[];
  tampered: GuardTampering[];
}

function modifiedAt(file: string): string | null {
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return null;
  }
}

export class UnlockGuard {
  private readonly lock: FolderLock;

  constructor(
    private readonly paths: GuardPaths,
    private readonly clock: Clock,
  ) {
    this.lock = new FolderLock(paths.lock);
  }

  /** Setup (and restore-free first use): both files exist from the start, so a deletion is noticed. */
  create(): void {
    writeFileAtomic(this.paths.guard, JSON.stringify(FRESH));
    writeFileAtomic(this.paths.journal, '');
    this.lock.ensureFile();
  }

  /**
   * Runs one attempt (back-off check, password check, record) while holding the folder's lock,
   * so attempts from several processes or windows are checked one after the other.
   */
  serialize<T>(attempt: () => Promise<T>): Promise<T> {
    return this.lock.run(attempt);
  }

  /** Throws THROTTLED with the seconds to wait while the back-off is running. */
  assertMayTry(): void {
    const state = this.read();
    if (!state.lastFailureAt) return;
    const waitUntil = new Date(state.lastFailureAt).getTime() + backoffDelayMs(state.failures);
    const remaining = waitUntil - this.clock.now().getTime();
    if (remaining > 0) {
      throw new AppError('THROTTLED', { retryAfterSeconds: Math.ceil(remaining / 1000), failures: state.failures });
    }
  }

  recordFailure(lookup: string | null, kind: 'password' | 'recovery'): { failures: number; retryAfterSeconds: number } {
    const state = this.read();
    const attempt: FailedAttempt = { id: randomUUID(), at: this.clock.now().toISOString(), lookup, kind };
    // The journal first: if the guard write is lost, the attempt is still on record.
    this.appendToJournal(attempt);
    const failures = state.failures + 1;
    this.write({ ...state, failures, lastFailureAt: attempt.at, pending: [...state.pending, attempt].slice(-KEEP_ATTEMPTS) });
    return { failures, retryAfterSeconds: Math.ceil(backoffDelayMs(failures) / 1000) };
  }

  /** The failures (guard and journal together, each once) and any tampering, for the audit log. */
  pendingReport(): PendingReport {
    const state = this.read();
    const seen = new Set<string>();
    const failures: FailedAttempt[] = [];
    for (const attempt of [...state.pending, ...this.readJournal()]) {
      const id = attempt.id ?? `${attempt.at}|${attempt.kind}|${attempt.lookup ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      failures.push(attempt);
    }
    failures.sort((a, b) => a.at.localeCompare(b.at));
    return { failures: failures.slice(-KEEP_ATTEMPTS), tampered: state.tampered ?? [] };
  }

  /**
   * After the report is in the audit log: the counter starts again and the journal is emptied.
   * Nothing is rewritten when there is nothing to reset (most unlocks): two fewer fsyncs.
   */
  reset(): void {
    const clean = existsSync(this.paths.guard) && existsSync(this.paths.journal) && isFresh(this.read()) && this.readJournal().length === 0;
    if (!clean) {
      this.write(FRESH);
      writeFileAtomic(this.paths.journal, '');
    }
    this.lock.ensureFile();
  }

  failures(): number {
    return this.read().failures;
  }

  private read(): GuardState {
    const keyringExists = existsSync(this.paths.keyring);
    if (!existsSync(this.paths.guard)) {
      // Without a journal either, the folder predates the guard (or was just restored): nothing
      // to go on, and a counselor who needs the app now must not wait five minutes for it.
      if (!keyringExists || !existsSync(this.paths.journal)) return FRESH;
      return this.tampering('guardMissing', null);
    }
    let text: string;
    try {
      text = readFileSync(this.paths.guard, 'utf8');
    } catch {
      return keyringExists ? this.tampering('guardUnreadable', null) : FRESH;
    }
    try {
      return guardSchema.parse(JSON.parse(text));
    } catch {
      return keyringExists ? this.tampering('guardUnreadable', modifiedAt(this.paths.guard)) : FRESH;
    }
  }

  /**
   * The guard is gone or damaged: start at the ceiling from now, keep the note for the audit log,
   * and write it back at once so that repeating the deletion only renews the wait.
   */
  private tampering(reason: GuardTampering['reason'], guardModifiedAt: string | null): GuardState {
    const now = this.clock.now().toISOString();
    const state: GuardState = {
      version: 1,
      failures: CEILING_FAILURES,
      lastFailureAt: now,
      pending: [],
      tampered: [{ detectedAt: now, reason, guardModifiedAt }],
    };
    this.write(state);
    return state;
  }

  private appendToJournal(attempt: FailedAttempt): void {
    const fd = openSync(this.paths.journal, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(attempt)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private readJournal(): FailedAttempt[] {
    if (!existsSync(this.paths.journal)) return [];
    let text: string;
    try {
      text = readFileSync(this.paths.journal, 'utf8');
    } catch {
      return [];
    }
    const attempts: FailedAttempt[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = attemptSchema.safeParse(JSON.parse(line));
        if (parsed.success) attempts.push(parsed.data);
      } catch {
        // A torn last line (power cut mid-append) is skipped, the others still count.
      }
    }
    return attempts;
  }

  private write(state: GuardState): void {
    writeFileAtomic(this.paths.guard, JSON.stringify(state));
  }
}
