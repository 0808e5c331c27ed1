import type { SyncConfig } from '../../../src-shared/contract/sync';
import type { Clock } from '../util/clock';

/** Local calendar day and time of day of an instant (the schedule's HH:mm is the workstation's local time). */
function localParts(at: Date): { day: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
}

/**
 * "Daily at HH:mm" while the app runs: each minute the core clock is compared with the schedule;
 * the first check at or after the time on a day runs the export once (a workstation locked or off
 * at that time catches up at the next check of the day).
 */
export class SyncScheduler {
  private lastDay: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    /** null while the workstation is locked (no key, nothing to read). */
    private readonly config: () => SyncConfig | null,
    private readonly run: () => Promise<unknown>,
  ) {}

  /** One check; true when it ran the export. */
  async tick(): Promise<boolean> {
    const config = this.config();
    if (!config || config.schedule.kind !== 'daily' || !config.schedule.at) return false;
    const { day, time } = localParts(this.clock.now());
    if (this.lastDay === day || time < config.schedule.at) return false;
    this.lastDay = day;
    try {
      await this.run();
    } catch {
      // Absent destination or a busy store: the next day's run (or a manual one) sends it.
    }
    return true;
  }

  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => void this.tick(), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
