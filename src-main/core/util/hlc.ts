import type { Clock } from './clock';

/**
 * Hybrid logical clock for outbox events: wall-clock milliseconds plus a counter, so events stay
 * ordered even when the workstation clock steps backwards. Encoded to sort as a string.
 */
export class HybridLogicalClock {
  private lastMs = 0;
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    private readonly node: string,
  ) {}

  /** Resume after a restart from the last stamp written, so stamps never repeat. */
  restore(stamp: string | null | undefined): void {
    if (!stamp) return;
    const [ms, counter] = stamp.split('-');
    this.lastMs = Number.parseInt(ms, 10) || 0;
    this.counter = Number.parseInt(counter, 16) || 0;
  }

  next(): string {
    const physical = this.clock.now().getTime();
    if (physical > this.lastMs) {
      this.lastMs = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return `${String(this.lastMs).padStart(15, '0')}-${this.counter.toString(16).padStart(4, '0')}-${this.node}`;
  }
}
