import { resolve } from 'node:path';
import type { SerializedError } from '../../src-shared/contract';
import { AppError } from '../../src-shared/contract/errors';
import { restoreBackup, type RestoreCredentials } from '../core/backup/restore';
import { deepVerificationOf, verificationOf } from '../core/backup/verification';
import { createBackup } from '../core/backup/backup-service';
import { SEAL_INFO } from '../core/backup/seal';
import { APP_VERSION } from '../core/core';
import { EXIT } from './exit-codes';
import { fail, print, signedInCore, UsageError, type Command } from './cli-support';
import { promptSecret } from './prompt';

/** A recovery code or an account's credentials from the environment, if any. */
function credentialsFromEnvironment(): RestoreCredentials | null {
  if (process.env.COUNSEL_RECOVERY_CODE) return { kind: 'recoveryCode', recoveryCode: process.env.COUNSEL_RECOVERY_CODE };
  if (process.env.COUNSEL_USER && process.env.COUNSEL_PASSWORD) {
    return { kind: 'password', username: process.env.COUNSEL_USER, password: process.env.COUNSEL_PASSWORD };
  }
  return null;
}

/** Restore (and `verify --deep`) asks for the recovery code unless the environment gives it or an account's credentials. */
async function restoreCredentials(): Promise<RestoreCredentials> {
  return credentialsFromEnvironment() ?? { kind: 'recoveryCode', recoveryCode: await promptSecret('Recovery code / 恢复密钥: ') };
}

function serialized(error: unknown): SerializedError | null {
  if (error instanceof AppError) return { code: error.code, details: error.details };
  return null;
}

/**
 * `counsel backup create|verify|restore`: backups that cron or Task Scheduler can run.
 * Exit codes: create and verify 0 ok / 1 failed (verify with credentials: 3 when they do not open it); restore 0 ok, 1 when the backup fails its
 * checksums (or its audit chain), 2 on bad input (a target folder that is not empty, a missing file),
 * 3 when the recovery code or password does not open it.
 */
export const backupCommand: Command = async ({ command, flags, dataDir }) => {
  const sub = command[1];
  if (sub === 'create') {
    if (typeof flags.to !== 'string') throw new UsageError('backup create needs --to DIR');
    const core = await signedInCore(dataDir);
    try {
      // Same permission check as the app: only an administrator makes backups.
      const session = core.vault.requireSession();
      if (!session.roles.includes('admin')) return fail({ code: 'FORBIDDEN', details: { permission: 'backup.manage' } });
      const run = createBackup({
        store: core.vault.requireStore(),
        paths: core.vault.paths,
        openConnection: () => core.vault.openJobConnection(),
        sealKey: (salt) => core.vault.derivedKey(SEAL_INFO, salt),
        folder: resolve(flags.to),
        trigger: 'cli',
        actor: core.vault.actor(),
        now: new Date(),
        appVersion: APP_VERSION,
      });
      print({ file: run.file, bytes: run.bytes, sha256: run.sha256 });
      return EXIT.OK;
    } catch (error) {
      const known = serialized(error);
      if (known) return fail(known);
      throw error;
    } finally {
      core.dispose();
    }
  }
  if (sub === 'verify') {
    const file = command[2] ?? (typeof flags.file === 'string' ? flags.file : undefined);
    if (!file) throw new UsageError('backup verify needs FILE');
    // Without credentials the checksums only (the output says authenticity was not checked); with
    // --deep, or whenever a recovery code or password is given, also the seal, integrity and audit chain.
    const given = credentialsFromEnvironment();
    if (!given && flags.deep !== true) {
      const result = verificationOf(resolve(file));
      print(result);
      return result.ok ? EXIT.OK : EXIT.FAILED;
    }
    try {
      const result = await deepVerificationOf(resolve(file), given ?? (await restoreCredentials()));
      print(result);
      return result.ok ? EXIT.OK : EXIT.FAILED;
    } catch (error) {
      const known = serialized(error);
      if (!known) throw error;
      fail(known);
      return known.code === 'UNAUTHENTICATED' ? EXIT.AUTHENTICATION : EXIT.FAILED;
    }
  }
  if (sub === 'restore') {
    const file = command[2] ?? (typeof flags.file === 'string' ? flags.file : undefined);
    if (!file) throw new UsageError('backup restore needs FILE --data-dir D');
    if (typeof flags['data-dir'] !== 'string') throw new UsageError('backup restore needs --data-dir D (a new, empty folder)');
    try {
      const outcome = await restoreBackup(resolve(file), dataDir, await restoreCredentials(), { strictEmpty: true });
      print(outcome);
      return EXIT.OK;
    } catch (error) {
      const known = serialized(error);
      if (!known) throw error;
      const reason = known.details.reason;
      fail(known);
      if (reason === 'backupTargetNotEmpty' || reason === 'backupNotReadable') return EXIT.VALIDATION;
      if (known.code === 'UNAUTHENTICATED') return EXIT.AUTHENTICATION;
      return EXIT.FAILED;
    }
  }
  throw new UsageError('backup needs a subcommand: create, verify or restore');
};
