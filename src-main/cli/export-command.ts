import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SYNC_PROFILES } from '../../src-shared/contract/sync';
import { EXIT } from './exit-codes';
import { fail, print, signedInCore, unwrap, UsageError, type Command } from './cli-support';

interface RunReport {
  bundles: {
    bundleId: string;
    profile: string;
    fromSeq: number;
    toSeq: number;
    eventCount: number;
    bytes: number;
    destination: string | null;
    status: string;
  }[];
  destinationAbsent: boolean;
  acknowledged: number;
}

/**
 * `counsel export run|receipts`: the export to the school server without the app running (Task
 * Scheduler, cron). `run` exits 1 when no destination could be reached: the bundles wait.
 */
export const exportCommand: Command = async ({ command, flags, dataDir }) => {
  const sub = command[1];
  if (sub === 'run') {
    const profile = flags.profile;
    if (profile !== undefined && (typeof profile !== 'string' || !(SYNC_PROFILES as readonly string[]).includes(profile))) {
      throw new UsageError(`--profile must be one of ${SYNC_PROFILES.join(', ')}`);
    }
    const core = await signedInCore(dataDir);
    try {
      const run = unwrap<RunReport>(
        await core.call('sync.exportNow', {
          ...(profile && { profile }),
          ...(typeof flags.to === 'string' && { to: /^https?:\/\//i.test(flags.to) ? flags.to : resolve(flags.to) }),
        }),
      );
      print({
        bundles: run.bundles.map((b) => ({
          profile: b.profile,
          fromSeq: b.fromSeq,
          toSeq: b.toSeq,
          eventCount: b.eventCount,
          bytes: b.bytes,
          destination: b.destination,
          status: b.status,
        })),
        acknowledged: run.acknowledged,
      });
      return run.destinationAbsent ? EXIT.FAILED : EXIT.OK;
    } finally {
      core.dispose();
    }
  }
  if (sub === 'receipts') {
    if (typeof flags.file !== 'string') throw new UsageError('export receipts needs --file F');
    let bytes: Buffer;
    try {
      bytes = readFileSync(flags.file);
    } catch {
      return fail({ code: 'VALIDATION', details: { reason: 'fileUnreadable', file: flags.file } });
    }
    const core = await signedInCore(dataDir);
    try {
      const result = unwrap<{ acknowledged: RunReport['bundles'] }>(
        await core.call('sync.importReceipt', { fileName: basename(flags.file), contentBase64: bytes.toString('base64') }),
      );
      print({ acknowledged: result.acknowledged.map((b) => ({ profile: b.profile, fromSeq: b.fromSeq, toSeq: b.toSeq, status: b.status })) });
      return EXIT.OK;
    } finally {
      core.dispose();
    }
  }
  throw new UsageError('export needs a subcommand: run or receipts');
};
