import { setImmediate as yieldNow } from 'node:timers/promises';
import { AppError } from '../../../src-shared/contract/errors';

/**
 * Long jobs (imports) check for cancellation between chunks and give the worker's event loop a
 * turn, so a cancel or a trivial call gets through while they run. Their writes happen in one
 * transaction at the end, so a cancelled job has written nothing.
 */
export class JobRegistry {
  private readonly cancelled = new Set<string>();
  private readonly running = new Set<string>();

  /** Whether any job (an import, a backup, an export) is under way. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  begin(jobId: string | undefined, report: (phase: string, done: number, total: number) => void): JobToken {
    const id = jobId ?? `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    this.running.add(id);
    return new JobToken(id, this, report);
  }

  cancel(jobId: string): boolean {
    if (!this.running.has(jobId)) return false;
    this.cancelled.add(jobId);
    return true;
  }

  /** @internal */
  isCancelled(jobId: string): boolean {
    return this.cancelled.has(jobId);
  }

  /** @internal */
  end(jobId: string): void {
    this.running.delete(jobId);
    this.cancelled.delete(jobId);
  }
}

export class JobToken {
  private lastYield = Date.now();

  constructor(
    readonly id: string,
    private readonly registry: JobRegistry,
    private readonly reportFn: (phase: string, done: number, total: number) => void,
  ) {}

  report(phase: string, done: number, total: number): void {
    this.reportFn(phase, done, total);
  }

  /** Between chunks: yield at most every ~20 ms, then stop if the user cancelled. */
  async checkpoint(): Promise<void> {
    if (Date.now() - this.lastYield >= 20) {
      await yieldNow();
      this.lastYield = Date.now();
    }
    if (this.registry.isCancelled(this.id)) throw new AppError('CANCELLED', {});
  }

  end(): void {
    this.registry.end(this.id);
  }
}
