import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ADMIN_PASSWORD, expectOk, makeCore } from '../core/helpers';

const CHILD = fileURLToPath(new URL('./child-core.ts', import.meta.url));

export interface ChildOutcome {
  /** True when the SIGKILL landed; false when the call finished first (the "all" outcome). */
  killed: boolean;
  lines: string[];
  stderr: string;
}

/**
 * Run one call in a child core and SIGKILL it as soon as `killOn` accepts a stdout line, or a
 * file whose name matches `watch.match` appears in `watch.folder` after START.
 */
export function runAndKill(
  call: { dataDir: string; channel: string; input: Record<string, unknown>; inputFile?: string },
  options: { killOn?: (line: string) => boolean; watch?: { folder: string; match: RegExp }; env?: Record<string, string> },
): Promise<ChildOutcome> {
  const args = JSON.stringify({ ...call, username: 'admin01', password: ADMIN_PASSWORD });
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, args], {
    cwd: process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let started = false;
  let watcher: FSWatcher | null = null;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  if (options.watch) {
    const { folder, match } = options.watch;
    watcher = watch(folder, (_event, name) => {
      if (started && name && match.test(String(name))) kill();
    });
  }
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      lines.push(line);
      if (line === 'START') started = true;
      if (options.killOn?.(line)) kill();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      watcher?.close();
      const outcome = { killed: signal === 'SIGKILL', lines, stderr };
      if (process.env.FAULTS_DEBUG) console.log(call.channel, outcome.killed, lines.slice(-3));
      // A child that never signed in is a broken test set-up, not a fault outcome.
      if (!lines.includes('READY')) reject(new Error(`child failed before READY: ${lines.join('\n')}\n${stderr}`));
      else if (!outcome.killed && !lines.some((l) => l.startsWith('DONE'))) reject(new Error(`child ended without DONE: ${lines.join('\n')}\n${stderr}`));
      else resolve(outcome);
    });
  });
}

/** After the kill: a new core opens the folder, signs in, and the audit chain verifies. */
export async function reopen(dataDir: string) {
  const made = makeCore(dataDir);
  expectOk(await made.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
  const audit = expectOk(await made.core.call('audit.verify', {}));
  expect(audit).toMatchObject({ intact: true, firstBroken: null });
  return made;
}

export function count(
  core: { vault: { requireStore(): { sqlite: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown } } } } } },
  sql: string,
  ...params: unknown[]
): number {
  return core.vault
    .requireStore()
    .sqlite.prepare(sql)
    .pluck()
    .get(...params) as number;
}

/** Every file under `dir`: content hash and modification time, to prove a refusal touched nothing. */
export function fingerprint(dir: string, skip: (rel: string) => boolean = () => false): Record<string, { sha256: string; mtimeMs: number; size: number }> {
  const out: Record<string, { sha256: string; mtimeMs: number; size: number }> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const rel = relative(dir, path);
      if (skip(rel)) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        out[rel] = { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: stat.mtimeMs, size: stat.size };
      }
    }
  };
  walk(dir);
  return out;
}
