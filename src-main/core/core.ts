import {
  AppError,
  channels,
  parseOrThrow,
  requireChannel,
  toSerializedError,
  type CallResult,
  type ChannelName,
  type EventName,
  type EventPayload,
} from '../../src-shared/contract';
import { scopeFor } from '../../src-shared/permissions';
import type { CallContext } from './handler-types';
import { startBackupTimer } from './backup/schedule';
import { startSyncScheduler } from './sync/sync-handlers';
import { handlers } from './handlers';
import { EXTERNAL_POLL_MS, StoreChangeFeed } from './store/change-kinds';
import { JobRegistry } from './jobs/jobs';
import { ParsedFileCache } from './jobs/parsed-file-cache';
import type { KdfCost } from './keys/kdf';
import { systemClock, type Clock } from './util/clock';
import { fileLog, slowCallThresholdMs, type CoreLog } from './util/log';
import { boundHeapGrowth } from './util/heap-growth';
import { Vault } from './vault';
import { startStatisticsPrefetch } from './statistics/statistics-prefetch';

export interface CoreOptions {
  dataDir: string;
  version?: string;
  clock?: Clock;
  kdfCost?: KdfCost;
  log?: CoreLog;
  /** Where pushed events go (the worker posts them to its host). */
  emit?: (name: EventName, payload: unknown) => void;
  /**
   * How long the store's connections wait for another writer (ms). The app answers at once (0);
   * the CLI, which cron and Task Scheduler run beside the app, waits a bounded time.
   */
  busyTimeoutMs?: number;
  /** Where an unexpected error's stack goes; default stderr (the app's developers). The CLI keeps it off its stderr. */
  reportInternalError?: (channel: string, error: unknown) => void;
  /**
   * Write a `start` entry to the log (default true): `counsel status` reports the slowest channels
   * since the app's last start, so the CLI's own short-lived cores do not announce themselves.
   */
  logStart?: boolean;
}

export const APP_VERSION = '0.1.0';

/** Another writer (a running import, or a second app on the same folder) holds the write lock. */
function isStoreBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');
}

/**
 * The disk or the user's quota is full. SQLite has rolled the transaction back and file writes go
 * to temp names first, so nothing is half-written: the person is told why and can free space.
 */
function isDiskFull(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code) : '';
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * The domain core: one dispatcher that every host (Electron IPC, browser shell, CLI) goes
 * through, so validation, session, permission and audit are the same everywhere.
 */
export class Core {
  readonly vault: Vault;
  private readonly clock: Clock;
  private readonly log: CoreLog;
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Periodic work that needs the unlocked store (daily backup, scheduled export), started with the idle timer. */
  private readonly stopTimers: (() => void)[] = [];
  private readonly context: CallContext;
  /** `store.changed` events: which kinds of records each commit touched, here or in another process. */
  private readonly changes = new StoreChangeFeed((kinds) => this.emit('store.changed', { kinds }));
  /** Calls being answered, and when the last one ended (host time): what idle-time work waits for. */
  private callsInFlight = 0;
  private lastCallEnded = Date.now();
  private stopPrefetch: (() => void) | null = null;

  constructor(private readonly options: CoreOptions) {
    // Large imports stay inside their memory ceilings (issue 19 goal 3): see heap-growth.ts.
    boundHeapGrowth();
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? fileLog(options.dataDir);
    if (options.logStart !== false) this.log.write({ level: 'info', event: 'start' });
    this.vault = new Vault({ dataDir: options.dataDir, clock: this.clock, kdfCost: options.kdfCost, busyTimeoutMs: options.busyTimeoutMs });
    this.lastActivity = this.clock.now().getTime();
    this.context = {
      vault: this.vault,
      clock: this.clock,
      version: options.version ?? APP_VERSION,
      emit: (name, payload) => this.emit(name, payload),
      markActive: () => {
        this.lastActivity = this.clock.now().getTime();
      },
      idleLockAt: () => new Date(this.lastActivity + this.vault.idleLockMinutes() * 60_000),
      jobs: new JobRegistry(),
      parsedFiles: new ParsedFileCache(),
    };
    this.vault.onLock(() => this.context.parsedFiles.clear());
  }

  async call(channelName: string, rawInput: unknown): Promise<CallResult<unknown>> {
    const started = Date.now();
    let name: ChannelName | undefined;
    this.callsInFlight += 1;
    try {
      name = requireChannel(channelName);
      const value = await this.dispatch(name, rawInput);
      const ms = Date.now() - started;
      this.log.write({ level: 'info', event: 'call', channel: name, ms });
      if (ms >= slowCallThresholdMs()) this.log.write({ level: 'warn', event: 'slowCall', channel: name, ms });
      return { ok: true, value };
    } catch (error) {
      const serialized = isStoreBusy(error)
        ? { code: 'CONFLICT' as const, details: { reason: 'storeBusy' } }
        : isDiskFull(error)
          ? { code: 'INTERNAL' as const, details: { reason: 'diskFull' } }
          : toSerializedError(error);
      if (serialized.code === 'INTERNAL') {
        // The stack stays in this process's stderr for developers; only the code crosses over.
        if (this.options.reportInternalError) this.options.reportInternalError(name ?? 'unknown channel', error);
        else console.error(`[core] internal error in ${name ?? 'unknown channel'}:`, error);
      }
      this.log.write({ level: serialized.code === 'INTERNAL' ? 'error' : 'warn', event: 'call', channel: name, code: serialized.code });
      return { ok: false, error: serialized };
    } finally {
      this.callsInFlight -= 1;
      this.lastCallEnded = Date.now();
    }
  }

  /** Milliseconds since the core last answered a call; null while one is being answered. */
  private quietFor(): number | null {
    return this.callsInFlight > 0 ? null : Date.now() - this.lastCallEnded;
  }

  /**
   * Keep the statistics page's opening view computed while the core is idle (statistics-prefetch.ts).
   * Started with the idle timer by the hosts that keep the app running; the bench starts (and stops) it alone.
   */
  startStatisticsPrefetch(): () => void {
    this.stopPrefetch ??= startStatisticsPrefetch(this.context, () => this.quietFor());
    return () => {
      this.stopPrefetch?.();
      this.stopPrefetch = null;
    };
  }

  private async dispatch(name: ChannelName, rawInput: unknown): Promise<unknown> {
    const spec = channels[name];
    if (this.vault.studentModeAssessmentId && !spec.allowInStudentMode) {
      // The student holds the screen: whatever the renderer asks, nothing else is answered.
      throw new AppError('FORBIDDEN', { reason: 'studentMode' });
    }
    // Who may call comes before what they sent: a refused role learns nothing of the input's shape.
    if (spec.permission !== 'public') {
      const session = this.vault.requireSession();
      if (session.mustChangePassword && !spec.allowDuringPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED', {});
      // The matrix (src-shared/permissions.ts) names the roles per action; the handlers narrow to the scope.
      if (scopeFor(session.roles, spec.permission) === null) {
        this.vault.requireStore().uow.run(this.vault.actor(), (tx) => tx.record('access-denied', 'channel', name, { permission: spec.permission }));
        throw new AppError('FORBIDDEN', { permission: spec.permission });
      }
    }
    const input = parseOrThrow(spec.input, rawInput ?? {});
    const handler = handlers[name] as (ctx: CallContext, input: unknown) => unknown;
    this.changes.watch(this.vault.openStore);
    const output = await handler(this.context, input);
    // A sign-in opened the store just now: its commits are followed from here on.
    this.changes.watch(this.vault.openStore);
    // Parsing the output strips any field the contract does not declare, so nothing extra leaks.
    return parseOrThrow(spec.output, output);
  }

  /** The person is at the desk now (the idle lock counts from here). */
  noteActivity(): void {
    this.context.markActive();
  }

  /** Lock when the idle time has passed; hosts call this on a timer, tests with a moved clock. */
  checkIdle(): boolean {
    if (!this.vault.session) return false;
    const idleMs = this.clock.now().getTime() - this.lastActivity;
    if (idleMs < this.vault.idleLockMinutes() * 60_000) return false;
    this.vault.lock();
    this.emit('session.locked', { reason: 'idle' });
    return true;
  }

  startIdleTimer(intervalMs = 15_000): void {
    if (this.idleTimer) return;
    this.idleTimer = setInterval(() => this.checkIdle(), intervalMs);
    this.idleTimer.unref?.();
    // Hosts that keep the app running (Electron, the browser shell) start the idle timer; so do
    // the scheduled jobs. The CLI and tests do not, and call the jobs' own entry points.
    this.startStatisticsPrefetch();
    const deps = { vault: this.vault, clock: this.clock, version: this.context.version };
    this.stopTimers.push(startBackupTimer(deps, this.log));
    const syncScheduler = startSyncScheduler(this.context);
    this.stopTimers.push(() => syncScheduler.stop());
    // Another process (the CLI, cron) may commit to the same store while the window is open.
    const externalChanges = setInterval(() => this.changes.pollExternal(this.vault.openStore), EXTERNAL_POLL_MS);
    externalChanges.unref?.();
    this.stopTimers.push(() => clearInterval(externalChanges));
  }

  /** Lock from the host (menu, Ctrl+L in the shell, app quit). */
  lock(reason: 'manual' | 'idle' = 'manual'): void {
    if (this.vault.lock()) this.emit('session.locked', { reason });
  }

  dispose(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    for (const stop of this.stopTimers.splice(0)) stop();
    this.stopPrefetch?.();
    this.stopPrefetch = null;
    this.vault.lock();
  }

  private emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.options.emit?.(name, payload);
  }
}
