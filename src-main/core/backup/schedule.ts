import dayjs from 'dayjs';
import { desc, eq } from 'drizzle-orm';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { OpenStore } from '../store/open-store';
import { SYSTEM_ACTOR, type Db, type WriteContext } from '../store/unit-of-work';
import { backupRuns } from '../store/schema/sync';
import type { Clock } from '../util/clock';
import type { CoreLog } from '../util/log';
import type { Vault } from '../vault';
import { SEAL_INFO } from './seal';
import { createBackup, pruneScheduledBackups, type BackupRunView } from './backup-service';

export interface BackupSchedule {
  /** Where the automatic backups go; null: no automatic backup. */
  folder: string | null;
  /** How many automatic backups to keep in that folder. */
  keep: number;
  /** Local time of day (HH:mm); null: no automatic backup. */
  dailyAt: string | null;
}

export const DEFAULT_SCHEDULE: BackupSchedule = { folder: null, keep: 7, dailyAt: '12:30' };

const SETTING = { folder: 'backup.folder', keep: 'backup.keep', dailyAt: 'backup.dailyAt' } as const;

export function readSchedule(db: Db): BackupSchedule {
  const dailyAt = readSettingValue<string | null>(db, SETTING.dailyAt);
  return {
    folder: readSettingValue<string | null>(db, SETTING.folder) ?? DEFAULT_SCHEDULE.folder,
    keep: readSettingValue<number>(db, SETTING.keep) ?? DEFAULT_SCHEDULE.keep,
    dailyAt: dailyAt === undefined ? DEFAULT_SCHEDULE.dailyAt : dailyAt,
  };
}

export function writeSchedule(tx: WriteContext, schedule: BackupSchedule, at: string): void {
  writeSettingValue(tx, SETTING.folder, schedule.folder ? resolve(schedule.folder) : null, at);
  writeSettingValue(tx, SETTING.keep, schedule.keep, at);
  writeSettingValue(tx, SETTING.dailyAt, schedule.dailyAt, at);
}

/** The most recent daily time that has passed (today's if it is past, else yesterday's), in local time. */
export function lastDueSlot(now: Date, dailyAt: string): Date {
  const [hours, minutes] = dailyAt.split(':').map(Number) as [number, number];
  const today = dayjs(now).startOf('day').hour(hours).minute(minutes);
  return (today.isAfter(now) ? today.subtract(1, 'day') : today).toDate();
}

export function lastScheduledRun(db: Db): string | null {
  return (
    db.select({ createdAt: backupRuns.createdAt }).from(backupRuns).where(eq(backupRuns.trigger, 'scheduled')).orderBy(desc(backupRuns.createdAt)).get()
      ?.createdAt ?? null
  );
}

export type ScheduledOutcome = { ran: true; run: BackupRunView; removed: string[] } | { ran: false; skipped: 'locked' | 'off' | 'notDue' | 'folderMissing' };

function isFolder(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The daily automatic backup: when the workstation is unlocked (the key is only in memory then)
 * and today's time has passed without a scheduled backup, write one and keep the newest N.
 * A missed time (app closed, locked, USB stick absent) is caught up at the next check.
 * Hosts call this on a timer; tests call it after moving the clock.
 */
export function runDueBackup(deps: { vault: Vault; clock: Clock; version: string }): ScheduledOutcome {
  const store: OpenStore | null = deps.vault.openStore;
  if (!store) return { ran: false, skipped: 'locked' };
  const schedule = readSchedule(store.db);
  if (!schedule.folder || !schedule.dailyAt) return { ran: false, skipped: 'off' };
  const now = deps.clock.now();
  const last = lastScheduledRun(store.db);
  if (last && new Date(last).getTime() >= lastDueSlot(now, schedule.dailyAt).getTime()) return { ran: false, skipped: 'notDue' };
  if (!isFolder(schedule.folder)) return { ran: false, skipped: 'folderMissing' };
  const run = createBackup({
    store,
    paths: deps.vault.paths,
    openConnection: () => deps.vault.openJobConnection(),
    sealKey: (salt) => deps.vault.derivedKey(SEAL_INFO, salt),
    folder: schedule.folder,
    trigger: 'scheduled',
    actor: SYSTEM_ACTOR,
    now,
    appVersion: deps.version,
  });
  const removed = pruneScheduledBackups(store, schedule.folder, schedule.keep, SYSTEM_ACTOR);
  return { ran: true, run, removed };
}

/** Another writer holds the store (an import, the CLI): gone in a moment, unlike a full disk. */
function storeWasBusy(error: unknown): boolean {
  const { code, details } = (error ?? {}) as { code?: unknown; details?: { reason?: unknown } };
  return String(code).startsWith('SQLITE_BUSY') || (code === 'CONFLICT' && details?.reason === 'storeBusy');
}

/**
 * The host's timer for the daily backup (one line in Core.startIdleTimer wires it). A failure
 * (disk full, folder read-only) is logged and retried after an hour, not every tick; a store
 * busy with another writer is retried at the next tick.
 */
export function startBackupTimer(deps: { vault: Vault; clock: Clock; version: string }, log: CoreLog, intervalMs = 60_000): () => void {
  let failedAt: number | null = null;
  const tick = () => {
    const now = deps.clock.now().getTime();
    if (failedAt !== null && now - failedAt < 3_600_000) return;
    try {
      const outcome = runDueBackup(deps);
      failedAt = null;
      if (outcome.ran) log.write({ level: 'info', event: 'scheduled-backup' });
    } catch (error) {
      if (storeWasBusy(error)) {
        log.write({ level: 'warn', event: 'scheduled-backup', code: 'storeBusy' });
        return;
      }
      failedAt = now;
      log.write({ level: 'error', event: 'scheduled-backup', code: (error as { code?: string }).code ?? 'INTERNAL' });
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
