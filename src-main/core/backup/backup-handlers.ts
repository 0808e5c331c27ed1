import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors';
import type { PartialHandlerMap } from '../handler-types';
import { createBackupJob, listBackupRuns } from './backup-service';
import { deepVerificationOf, verificationOf } from './verification';
import { SEAL_INFO } from './seal';
import { restoreBackup } from './restore';
import { lastScheduledRun, readSchedule, writeSchedule } from './schedule';

type BackupChannelNames = 'backup.create' | 'backup.list' | 'backup.verify' | 'backup.schedule' | 'backup.saveSchedule' | 'backup.restore';

function folderExists(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Backup and restore: handlers. */
export const backupHandlers: PartialHandlerMap<BackupChannelNames> = {
  'backup.create': async (ctx, input) => {
    const job = ctx.jobs.begin(input.jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
    try {
      return await createBackupJob(
        {
          store: ctx.vault.requireStore(),
          paths: ctx.vault.paths,
          openConnection: () => ctx.vault.openJobConnection(),
          sealKey: (salt) => ctx.vault.derivedKey(SEAL_INFO, salt),
          folder: input.folder,
          trigger: 'manual',
          actor: ctx.vault.actor(),
          now: ctx.clock.now(),
          appVersion: ctx.version,
        },
        job,
      );
    } finally {
      job.end();
    }
  },

  'backup.list': (ctx) => listBackupRuns(ctx.vault.requireStore().db),

  'backup.verify': async (ctx, input) => {
    const path = resolve(input.path);
    // With credentials (deep): the seal, the keyed integrity check and the audit chain too.
    const result = input.credentials ? await deepVerificationOf(path, input.credentials) : verificationOf(path);
    ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) =>
      tx.record('verify-backup', 'backup_runs', null, {
        fileName: basename(input.path),
        ok: result.ok,
        deep: Boolean(input.credentials),
        authenticity: result.authenticity,
      }),
    );
    return result;
  },

  'backup.schedule': (ctx) => {
    const db = ctx.vault.requireStore().db;
    return { ...readSchedule(db), lastScheduledAt: lastScheduledRun(db) };
  },

  'backup.saveSchedule': (ctx, input) => {
    if (input.folder && !folderExists(resolve(input.folder))) {
      throw new AppError('VALIDATION', {
        reason: 'backupFolderMissing',
        folder: input.folder,
        issues: [{ path: ['folder'], code: 'custom', message: 'backupFolderMissing' }],
      });
    }
    const store = ctx.vault.requireStore();
    store.uow.run(ctx.vault.actor(), (tx) => writeSchedule(tx, input, ctx.vault.now()));
    return { ...readSchedule(store.db), lastScheduledAt: lastScheduledRun(store.db) };
  },

  'backup.restore': async (ctx, input) => {
    // Public only for a workstation that holds nothing yet: never a way to replace existing data.
    if (ctx.vault.isInitialized()) throw new AppError('ALREADY_INITIALIZED', { reason: 'backupTargetNotEmpty' });
    let file: string;
    let upload: string | null = null;
    if ('path' in input.source) {
      file = resolve(input.source.path);
    } else {
      // The browser shell sends the bytes; the ciphertext goes to a private temp folder for the checks.
      upload = mkdtempSync(join(tmpdir(), 'counsel-restore-'));
      file = join(upload, 'upload.cbk');
      writeFileSync(file, Buffer.from(input.source.contentBase64, 'base64'), { mode: 0o600 });
    }
    try {
      const outcome = await restoreBackup(file, ctx.vault.paths.dataDir, input.credentials, { strictEmpty: false });
      return {
        schoolName: outcome.schoolName,
        createdAt: outcome.createdAt,
        username: outcome.username,
        auditEventsChecked: outcome.auditEventsChecked,
        authenticated: outcome.authenticated,
      };
    } finally {
      if (upload) rmSync(upload, { recursive: true, force: true });
    }
  },
};
