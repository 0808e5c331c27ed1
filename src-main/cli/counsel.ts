#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CHANNEL_NAMES, channels, type SerializedError } from '../../src-shared/contract';
import { InstrumentInputError, scoreInstrument } from '../../src-shared/instruments';
import { fileLooksEncrypted } from '../core/store/database';
import { defaultDataDir } from '../core/store/default-data-dir';
import { SCHEMA_VERSION } from '../core/store/migrate';
import { slowestChannels } from '../core/util/log';
import { EXIT } from './exit-codes';
import { promptSecret } from './prompt';
import {
  cliCore,
  commaList,
  fail,
  fileInput,
  parseJsonFlag,
  print,
  signedInCore,
  unwrap,
  UsageError,
  withCore,
  type Command,
  type FileInput,
  type Invocation,
} from './cli-support';
import type { Core } from '../core/core';
import { exportCommand } from './export-command';
import { backupCommand } from './backup-command';
import { commandHelp, generalHelp } from './help';

/**
 * `counsel NAME import --file F`: reads the file, signs in, prints what `run` returns (the import's
 * summary; an error it throws is printed and exits as any other).
 */
function fileImport(name: string, run: (core: Core, file: FileInput, flags: Invocation['flags']) => Promise<unknown>): Command {
  return async ({ command, flags, dataDir }) => {
    if (command[1] !== 'import') throw new UsageError(`${name} needs a subcommand: import`);
    if (typeof flags.file !== 'string') throw new UsageError(`${name} import needs --file F`);
    const file = fileInput(flags.file);
    return withCore(signedInCore(dataDir), async (core) => {
      print(await run(core, file, flags));
      return EXIT.OK;
    });
  };
}

/**
 * `counsel`: the administrator's command line over the same core as the app. Commands, flags,
 * exit codes and JSON field names are a public interface (see README): add, never rename.
 */
const commands: Record<string, Command> = {
  async init({ flags, dataDir }) {
    const school = flags.school;
    const admin = flags.admin;
    if (typeof school !== 'string' || typeof admin !== 'string') throw new UsageError('init needs --school NAME and --admin USER');
    let pw = process.env.COUNSEL_PASSWORD;
    if (!pw) {
      pw = await promptSecret(`Password for ${admin} (min 10 characters): `);
      if ((await promptSecret('Password again: ')) !== pw) throw new UsageError('the two passwords differ');
    }
    const roles = commaList(flags.roles);
    return withCore(cliCore(dataDir), async (core) => {
      const { recoveryCode } = unwrap<{ recoveryCode: string }>(
        await core.call('setup.initialize', {
          schoolName: school,
          admin: { username: admin, displayName: typeof flags['display-name'] === 'string' ? flags['display-name'] : admin, password: pw },
          ...(roles && { adminRoles: roles }),
        }),
      );
      print({ dataDir, admin: admin.toLowerCase(), recoveryCode });
      process.stderr.write('Print the recovery code and lock it away: it is shown only this once. / 请打印恢复密钥并妥善保管，仅显示这一次。\n');
      return EXIT.OK;
    });
  },

  async status({ dataDir }) {
    return withCore(cliCore(dataDir), async (core) => {
      const status = unwrap<{ initialized: boolean }>(await core.call('app.status', {}));
      const result = {
        dataDir,
        initialized: status.initialized,
        encrypted: fileLooksEncrypted(core.vault.paths.database),
        appSchemaVersion: SCHEMA_VERSION,
        schemaVersion: null as number | null,
        locked: true,
        counts: null as Record<string, number> | null,
        // Channel names and durations only (the log holds nothing else): readable without signing in.
        slowestChannels: slowestChannels(dataDir),
      };
      // Counts need the key: given credentials, unlock; otherwise report what the files show.
      if (status.initialized && process.env.COUNSEL_USER && process.env.COUNSEL_PASSWORD) {
        unwrap(await core.call('auth.signIn', { username: process.env.COUNSEL_USER, password: process.env.COUNSEL_PASSWORD }));
        const store = core.vault.requireStore();
        const count = (table: string) => store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
        result.schemaVersion = store.schemaVersion();
        result.locked = false;
        result.counts = { accounts: count('accounts'), auditEvents: count('audit_events'), outbox: count('outbox') };
      }
      print(result);
      return EXIT.OK;
    });
  },

  async call({ command, dataDir }) {
    const [channel, json] = command.slice(1);
    if (!channel) throw new UsageError('call needs CHANNEL [JSON]');
    let input: unknown = {};
    if (json !== undefined) {
      try {
        input = JSON.parse(json);
      } catch {
        return fail({ code: 'VALIDATION', details: { reason: 'inputNotJson' } });
      }
      // `null` is not "no input": the core would read it as {} and run the call with defaults.
      if (input === null) return fail({ code: 'VALIDATION', details: { reason: 'inputNotObject' } });
    }
    const isPublic = CHANNEL_NAMES.includes(channel as never) && channels[channel as keyof typeof channels].permission === 'public';
    return withCore(isPublic && !process.env.COUNSEL_USER ? cliCore(dataDir) : signedInCore(dataDir), async (core) => {
      print(unwrap(await core.call(channel, input)));
      return EXIT.OK;
    });
  },

  async channels() {
    print(
      CHANNEL_NAMES.map((name) => ({
        name,
        permission: channels[name].permission,
        summary: channels[name].summary,
        input: z.toJSONSchema(channels[name].input, { io: 'input', unrepresentable: 'any' }),
      })),
    );
    return EXIT.OK;
  },

  /** Import the registrar's roster from the command line, through the same preview + import path as the UI. */
  roster: fileImport('roster', async (core, file, flags) => {
    const mapping =
      typeof flags.mapping === 'string'
        ? parseJsonFlag('mapping', flags.mapping)
        : unwrap<{ mapping: unknown }>(await core.call('roster.preview', file)).mapping;
    return unwrap(await core.call('roster.import', { ...file, mapping }));
  }),

  /** Import the work network register (工作网络), through the same check as the app's import. */
  network: fileImport('network', async (core, file) => unwrap(await core.call('network.import', file))),

  /**
   * A census platform's result file into a batch (created with these instruments when new; a file
   * may hold a subset of the batch's instruments).
   * Prints rows, imported, rejected, positive, category1, category2, alerts and instrumentsAdded.
   */
  async census({ command, flags, dataDir }) {
    if (command[1] !== 'import') throw new UsageError('census needs a subcommand: import');
    if (typeof flags.batch !== 'string' || typeof flags.file !== 'string') throw new UsageError('census import needs --batch NAME and --file F');
    const instruments = commaList(flags.instruments) ?? ['scl90', 'upi'];
    const file = fileInput(flags.file);
    return withCore(signedInCore(dataDir), async (core) => {
      const batches = unwrap<{ id: string; name: string; instruments: string[] }[]>(await core.call('census.listBatches', {}));
      let batch = batches.find((b) => b.name === flags.batch);
      if (!batch)
        batch = unwrap<{ id: string; name: string; instruments: string[] }>(
          await core.call('census.createBatch', { name: flags.batch, cohort: flags.batch, instruments }),
        );
      // Platforms export SCL-90 and UPI as separate files: an existing batch that lacks the file's
      // instrument gains it (audited) in the import's own transaction; `instrumentsAdded` says so.
      const summary = unwrap<Record<string, unknown>>(
        await core.call('census.import', {
          batchId: batch.id,
          instruments,
          ...file,
          createMissingStudents: flags['create-students'] === true,
          addInstruments: true,
        }),
      );
      print({ ...summary, instrumentsAdded: summary.instrumentsAdded ?? [] });
      return EXIT.OK;
    });
  },

  /** Pure scoring, no store: lets a counselor or a script check a paper form. */
  async score({ flags }) {
    if (typeof flags.instrument !== 'string' || typeof flags.responses !== 'string') {
      throw new UsageError('score needs --instrument ID and --responses JSON');
    }
    const responses = parseJsonFlag('responses', flags.responses);
    const options = typeof flags.options === 'string' ? parseJsonFlag('options', flags.options) : undefined;
    try {
      print(scoreInstrument(flags.instrument, responses, options));
      return EXIT.OK;
    } catch (error) {
      if (error instanceof InstrumentInputError) {
        return fail({ code: 'VALIDATION', details: { reason: error.code, ...error.details } });
      }
      throw error;
    }
  },

  async audit({ command, dataDir }) {
    if (command[1] !== 'verify') throw new UsageError('audit needs a subcommand: verify');
    return withCore(signedInCore(dataDir), async (core) => {
      const result = unwrap<{ intact: boolean }>(await core.call('audit.verify', {}));
      print(result);
      return result.intact ? EXIT.OK : EXIT.FAILED;
    });
  },

  export: exportCommand,
  backup: backupCommand,
};

/** A thrown error that is not an AppError, as the core would report it. */
function unexpected(error: unknown): SerializedError {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code) : '';
  if (code.startsWith('SQLITE_BUSY')) return { code: 'CONFLICT', details: { reason: 'storeBusy' } };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return { code: 'INTERNAL', details: { reason: 'diskFull' } };
  return { code: 'INTERNAL', details: {} };
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        school: { type: 'string' },
        admin: { type: 'string' },
        'display-name': { type: 'string' },
        roles: { type: 'string' },
        instrument: { type: 'string' },
        responses: { type: 'string' },
        options: { type: 'string' },
        file: { type: 'string' },
        batch: { type: 'string' },
        instruments: { type: 'string' },
        'create-students': { type: 'boolean' },
        deep: { type: 'boolean' },
        mapping: { type: 'string' },
        profile: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${generalHelp()}\n`);
    return EXIT.VALIDATION;
  }
  const [name] = parsed.positionals;
  const command = name ? commands[name] : undefined;
  if (parsed.values.help || !command) {
    // `counsel roster --help`: that command's help; `counsel --help`: the overview (stdout, exit 0).
    if (parsed.values.help) {
      process.stdout.write(`${command && name ? commandHelp(name) : generalHelp()}\n`);
      return EXIT.OK;
    }
    process.stderr.write(`${generalHelp()}\n`);
    return EXIT.VALIDATION;
  }
  const dataDir = parsed.values['data-dir'] ?? defaultDataDir();
  try {
    return await command({ command: parsed.positionals, flags: parsed.values, dataDir });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${generalHelp()}\n`);
      return EXIT.VALIDATION;
    }
    if (error && typeof error === 'object' && 'code' in error && 'details' in error) return fail(error as SerializedError);
    // Something outside core.call (a backup's file work, say): the same sentence + JSON line as
    // any error, never the message or stack (SQLite messages can carry data); COUNSEL_DEBUG=1 shows them.
    if (process.env.COUNSEL_DEBUG === '1') process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return fail(unexpected(error));
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
