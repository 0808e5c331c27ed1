import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CallResult, SerializedError } from '../../src-shared/contract';
import { Core } from '../core/core';
import { exitCodeFor } from './exit-codes';
import { describeError } from './messages';
import { promptSecret } from './prompt';

/** What every `counsel` command module shares: the parsed invocation and the sign-in path. */
export interface Invocation {
  command: string[];
  flags: Record<string, string | boolean | undefined>;
  dataDir: string;
}

export type Command = (inv: Invocation) => Promise<number>;

export class UsageError extends Error {}

export const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function fail(error: SerializedError): number {
  process.stderr.write(`${describeError(error)}\n${JSON.stringify({ error })}\n`);
  return exitCodeFor(error.code);
}

export function unwrap<T>(result: CallResult<unknown>): T {
  if (!result.ok) throw result.error;
  return result.value as T;
}

export function parseJsonFlag(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw { code: 'VALIDATION', details: { reason: 'inputNotJson', flag: name } } satisfies SerializedError;
  }
}

/** A file as the core's import channels take it. */
export interface FileInput {
  fileName: string;
  contentBase64: string;
}

/** A file named on the command line, as the core's import channels take it; unreadable: fileUnreadable. */
export function fileInput(path: string): FileInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw { code: 'VALIDATION', details: { reason: 'fileUnreadable', file: path } } satisfies SerializedError;
  }
  return { fileName: basename(path), contentBase64: bytes.toString('base64') };
}

/** `a, b,,c` -> ['a', 'b', 'c']; undefined when the flag is not given. */
export function commaList(flag: string | boolean | undefined): string[] | undefined {
  if (typeof flag !== 'string') return undefined;
  return flag
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export async function password(label: string): Promise<string> {
  return process.env.COUNSEL_PASSWORD ?? promptSecret(label);
}

/**
 * Scripts (cron, Task Scheduler) run beside the app: a write waits up to this long for the app's
 * or another script's write to finish instead of failing with storeBusy at once.
 */
export const CLI_BUSY_TIMEOUT_MS = 10_000;

/**
 * The core as the CLI uses it: bounded waiting on a busy store, and an unexpected error's stack
 * kept off stderr (it can carry paths, SQL and, through SQLite messages, data). COUNSEL_DEBUG=1
 * prints it for a developer.
 */
export function cliCore(dataDir: string): Core {
  return new Core({
    dataDir,
    busyTimeoutMs: CLI_BUSY_TIMEOUT_MS,
    // The CLI's short runs are not the app starting: `counsel status` reports since the app's start.
    logStart: false,
    reportInternalError: (channel, error) => {
      if (process.env.COUNSEL_DEBUG === '1') process.stderr.write(`[core] internal error in ${channel}: ${(error as Error)?.stack ?? String(error)}\n`);
    },
  });
}

/** Sign in as COUNSEL_USER / COUNSEL_PASSWORD through the same path as the lock screen. */
export async function signedInCore(dataDir: string): Promise<Core> {
  const core = cliCore(dataDir);
  const username = process.env.COUNSEL_USER;
  if (!username) throw { code: 'UNAUTHENTICATED', details: { reason: 'noCredentials' } } satisfies SerializedError;
  unwrap(await core.call('auth.signIn', { username, password: await password(`Password for ${username}: `) }));
  return core;
}

/** Runs `work` on the core, then closes the store whatever happened. */
export async function withCore<T>(open: Core | Promise<Core>, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await open;
  try {
    return await work(core);
  } finally {
    core.dispose();
  }
}
