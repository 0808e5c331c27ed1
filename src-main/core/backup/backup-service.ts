import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import dayjs from 'dayjs';
import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import Database from 'better-sqlite3';
import { CIPHER, fileLooksEncrypted, type SqliteDatabase } from '../store/database';
import type { OpenStore } from '../store/open-store';
import type { DataPaths } from '../store/paths';
import { accounts } from '../store/schema/kernel';
import type { Actor, Db } from '../store/unit-of-work';
import { readSettings } from '../settings/settings-service';
import { backupRuns } from '../store/schema/sync';
import type { JobToken } from '../jobs/jobs';
import { BACKUP_EXTENSION, containerSteps, drain, driveSteps, type ContainerStep } from './container';
import { SEALED_MARKER, sealWith } from './seal';

export type BackupTrigger = 'manual' | 'scheduled' | 'cli';

export interface BackupRunView {
  id: string;
  fileName: string;
  folder: string;
  file: string;
  bytes: number;
  sha256: string;
  trigger: BackupTrigger;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  /** Whether the file is still where it was written (a USB stick may be elsewhere). */
  present: boolean;
}

/** Characters Windows or a USB stick's FAT would refuse in a file name. */
function fileSafe(text: string): string {
  const cleaned = text.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned.slice(0, 40) || 'school';
}

export function backupFileName(schoolName: string, at: Date): string {
  return `counsel-backup-${fileSafe(schoolName)}-${dayjs(at).format('YYYYMMDD-HHmmss')}${BACKUP_EXTENSION}`;
}

function requireFolder(folder: string): string {
  const full = resolve(folder);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new AppError('VALIDATION', {
      reason: 'backupFolderMissing',
      folder: full,
      issues: [{ path: ['folder'], code: 'custom', message: 'backupFolderMissing' }],
    });
  return full;
}

/**
 * An encrypted copy of the open store made while the app keeps running. `VACUUM INTO` on a
 * SQLite3MC connection writes the copy with the same cipher and key (the online backup API
 * refuses an encrypted source). The copy is then checked: without a key it must not open, and
 * attached to the keyed connection (SQLite3MC attaches with the main key) it must show the same
 * database id. The copy lives in a private temp folder only until it is in the container.
 */
function snapshotDatabase(connection: SqliteDatabase, databaseId: string, into: string): string {
  const copy = join(into, 'counsel.db');
  // VACUUM INTO syncs its output as this connection syncs its own writes: the copy is a temp file
  // that goes into the container (which is fsynced), so it is not synced itself (seconds of disk
  // at a decade's size). Only this private connection is changed, and it is closed after the copy.
  connection.pragma('synchronous = OFF');
  connection.prepare('VACUUM INTO ?').run(copy);
  if (!fileLooksEncrypted(copy) || opensWithoutKey(copy)) throw new AppError('DATABASE_INVALID', { reason: 'backupCopyNotEncrypted' });
  connection.prepare('ATTACH DATABASE ? AS backup_copy').run(copy);
  try {
    // An attached file syncs as SQLite's default says, not as this connection's main file: at FULL the
    // marker's commit below fsynced the whole fresh copy (1.6 GiB at a decade's size, seconds of disk).
    connection.pragma('backup_copy.synchronous = OFF');
    const id = connection.prepare<[], { value: string }>("SELECT value FROM backup_copy.meta WHERE id = 'databaseId'").get()?.value;
    if (id !== databaseId) throw new AppError('DATABASE_INVALID', { reason: 'backupCopyNotEncrypted' });
    // Inside the encrypted (and page-authenticated) copy: this backup carries a seal. Someone who
    // strips the seal from the manifest to pass the file off as an older, unsealed backup is
    // caught once the copy is opened with the key.
    connection.prepare('INSERT OR REPLACE INTO backup_copy.meta (id, value) VALUES (?, ?)').run(SEALED_MARKER, 'HMAC-SHA256');
  } finally {
    connection.exec('DETACH DATABASE backup_copy');
  }
  return copy;
}

function opensWithoutKey(file: string): boolean {
  let db: SqliteDatabase | null = null;
  try {
    db = new Database(file, { fileMustExist: true, readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export interface CreateBackupInput {
  store: OpenStore;
  paths: DataPaths;
  /** A second keyed connection (the vault's job connection), so the copy reads one snapshot. */
  openConnection: () => SqliteDatabase;
  folder: string;
  trigger: BackupTrigger;
  actor: Actor;
  now: Date;
  appVersion: string;
  /** HKDF from the database key for the backup seal (the vault's `derivedKey`): the key itself stays in the vault. */
  sealKey: (salt: Buffer) => Buffer;
}

/** Where a backup is; `copy` is the database snapshot, then the container's `write` and `verify`. */
export type BackupStep = { phase: 'copy'; done: number; total: number } | ContainerStep;

/**
 * One backup as steps (see `containerSteps`): a job stops between them, and whatever stops it
 * leaves neither a file under the final name nor a backup_runs row (the row is the last step).
 */
function* backupSteps(input: CreateBackupInput): Generator<BackupStep, BackupRunView> {
  const folder = requireFolder(input.folder);
  const { store, now } = input;
  const schoolName = readSettings(store.db).schoolName;
  const base = backupFileName(schoolName, now);
  let fileName = base;
  // Two backups in the same second (a click right after the daily one) get -2, -3…
  for (let n = 2; existsSync(join(folder, fileName)); n++) fileName = base.replace(/\.cbk$/, `-${n}.cbk`);
  const target = join(folder, fileName);

  const staging = mkdtempSync(join(tmpdir(), 'counsel-backup-'));
  try {
    yield { phase: 'copy', done: 0, total: 1 };
    const connection = input.openConnection();
    let database: string;
    try {
      database = snapshotDatabase(connection, store.databaseId, staging);
    } finally {
      connection.close();
    }
    yield { phase: 'copy', done: 1, total: 1 };
    const written = yield* containerSteps(
      target,
      {
        appVersion: input.appVersion,
        schemaVersion: store.schemaVersion(),
        workstationId: store.workstationId,
        databaseId: store.databaseId,
        schoolName,
        createdAt: now.toISOString(),
        cipher: CIPHER,
      },
      [
        { name: 'keyring', path: input.paths.keyring },
        { name: 'database', path: database, discard: true },
      ],
      (manifest) => sealWith(manifest, input.sealKey),
    );
    const at = now.toISOString();
    let row: typeof backupRuns.$inferSelect;
    try {
      row = store.uow.run(input.actor, (tx) =>
        tx.insert(
          backupRuns,
          {
            id: randomUUID(),
            fileName,
            folder,
            bytes: written.bytes,
            sha256: written.sha256,
            trigger: input.trigger,
            createdBy: input.actor.accountId,
            createdAt: at,
            updatedAt: at,
          },
          { action: 'create-backup', details: { fileName, bytes: written.bytes, trigger: input.trigger } },
        ),
      );
    } catch (error) {
      // No backup without its history row (the store was busy, the disk full): a file nobody
      // recorded would never be pruned, and the next attempt writes another.
      rmSync(target, { force: true });
      throw error;
    }
    return viewOf(store.db, row);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Write one backup file into `folder` and record it in backup_runs (in one go: CLI, daily backup). */
export function createBackup(input: CreateBackupInput): BackupRunView {
  return drain(backupSteps(input));
}

/** The same as a job: progress per step, and a cancel between any two of them. */
export function createBackupJob(input: CreateBackupInput, job: JobToken): Promise<BackupRunView> {
  return driveSteps(backupSteps(input), async (step) => {
    job.report(step.phase, step.done, step.total);
    await job.checkpoint();
  });
}

function viewOf(db: Db, row: typeof backupRuns.$inferSelect): BackupRunView {
  const creator = row.createdBy
    ? db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, row.createdBy)).get()
    : undefined;
  const file = join(row.folder, row.fileName);
  return {
    id: row.id,
    fileName: row.fileName,
    folder: row.folder,
    file,
    bytes: row.bytes,
    sha256: row.sha256,
    trigger: row.trigger,
    createdBy: creator ?? null,
    createdAt: row.createdAt,
    present: existsSync(file),
  };
}

export function listBackupRuns(db: Db, limit = 200): BackupRunView[] {
  return db
    .select()
    .from(backupRuns)
    .orderBy(desc(backupRuns.createdAt))
    .limit(limit)
    .all()
    .map((row) => viewOf(db, row));
}

/**
 * Keep the newest `keep` scheduled backups in `folder`: older ones this workstation wrote there
 * are deleted. Manual backups and files it did not write are never touched.
 */
export function pruneScheduledBackups(store: OpenStore, folder: string, keep: number, actor: Actor): string[] {
  const full = resolve(folder);
  const runs = store.db
    .select()
    .from(backupRuns)
    .where(and(eq(backupRuns.trigger, 'scheduled'), eq(backupRuns.folder, full)))
    .orderBy(desc(backupRuns.createdAt))
    .all();
  const removed: string[] = [];
  for (const run of runs.slice(keep)) {
    const file = join(run.folder, basename(run.fileName));
    if (!existsSync(file)) continue;
    unlinkSync(file);
    removed.push(run.fileName);
  }
  if (removed.length > 0) {
    store.uow.run(actor, (tx) => tx.record('prune-backups', 'backup_runs', null, { folder: full, removed, keep }));
  }
  return removed;
}
