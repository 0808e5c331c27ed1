import { resolve } from 'node:path';
import type { ChannelOutput } from '../../src-shared/contract';
import { SYNC_PROFILES } from '../../src-shared/contract/sync';
import { EXIT } from './exit-codes';
import { fileInput, print, signedInCore, unwrap, UsageError, withCore, type Command } from './cli-support';

type Bundle = ChannelOutput<'sync.exportNow'>['bundles'][number];

/** A bundle as the command prints it: what a script needs, not the internal id. */
const printed = ({ profile, fromSeq, toSeq, eventCount, bytes, destination, status }: Bundle) => ({
  profile,
  fromSeq,
  toSeq,
  eventCount,
  bytes,
  destination,
  status,
});

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
    return withCore(signedInCore(dataDir), async (core) => {
      const run = unwrap<ChannelOutput<'sync.exportNow'>>(
        await core.call('sync.exportNow', {
          ...(profile && { profile }),
          ...(typeof flags.to === 'string' && { to: /^https?:\/\//i.test(flags.to) ? flags.to : resolve(flags.to) }),
        }),
      );
      print({ bundles: run.bundles.map(printed), acknowledged: run.acknowledged });
      return run.destinationAbsent ? EXIT.FAILED : EXIT.OK;
    });
  }
  if (sub === 'receipts') {
    if (typeof flags.file !== 'string') throw new UsageError('export receipts needs --file F');
    const file = fileInput(flags.file);
    return withCore(signedInCore(dataDir), async (core) => {
      const result = unwrap<ChannelOutput<'sync.importReceipt'>>(await core.call('sync.importReceipt', file));
      print({ acknowledged: result.acknowledged.map((b) => ({ profile: b.profile, fromSeq: b.fromSeq, toSeq: b.toSeq, status: b.status })) });
      return EXIT.OK;
    });
  }
  throw new UsageError('export needs a subcommand: run or receipts');
};
