import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { writeFileAtomic } from '../keys/atomic-file';
import type { Clock } from '../util/clock';

/**
 * Failed unlocks back off exponentially, and the counter lives in a file beside the store so a
 * restart does not reset it. The store itself is locked while this matters, so failures are
 * kept here (time and a salted username hash, never the name) and moved into the audit log at
 * the next successful unlock.
 */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60 * 1000;

const guardSchema = z.object({
  version: z.literal(1),
  failures: z.number().int().min(0),
  lastFailureAt: z.string().nullable(),
  pending: z.array(z.object({ at: z.string(), lookup: z.string().nullable(), kind: z.enum(['password', 'recovery']) })),
});
type GuardState = z.infer<typeof guardSchema>;

const FRESH: GuardState = { version: 1, failures: 0, lastFailureAt: null, pending: [] };

export function backoffDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export class UnlockGuard {
  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

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
    const at = this.clock.now().toISOString();
    const failures = state.failures + 1;
    // Keep the audit trail bounded even under a long guessing run.
    const pending = [...state.pending, { at, lookup, kind }].slice(-500);
    this.write({ version: 1, failures, lastFailureAt: at, pending });
    return { failures, retryAfterSeconds: Math.ceil(backoffDelayMs(failures) / 1000) };
  }

  /** Success clears the counter; returns the failures to be written to the audit log. */
  takePendingAndReset(): GuardState['pending'] {
    const state = this.read();
    if (state.failures !== 0 || state.pending.length > 0) this.write(FRESH);
    return state.pending;
  }

  failures(): number {
    return this.read().failures;
  }

  private read(): GuardState {
    if (!existsSync(this.file)) return FRESH;
    try {
      return guardSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged guard file must not become a way around the back-off, nor a permanent lock:
      // treat it as several failures at the time the file was last written.
      return { version: 1, failures: FREE_ATTEMPTS + 3, lastFailureAt: statSync(this.file).mtime.toISOString(), pending: [] };
    }
  }

  private write(state: GuardState): void {
    writeFileAtomic(this.file, JSON.stringify(state));
  }
}
