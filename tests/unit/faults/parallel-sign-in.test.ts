import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src-main/core/keys/unlock-guard';
import { ADMIN_PASSWORD, expectOk, setUpCore, tempDir } from '../core/helpers';

const CHILD = fileURLToPath(new URL('./sign-in-child.ts', import.meta.url));
const HOLDER = fileURLToPath(new URL('./lock-holder-child.ts', import.meta.url));

type Outcome = { ok: boolean; error?: { code: string; details: Record<string, unknown> } };

function attempt(dataDir: string, password: string, goFile: string, onReady: () => void): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ dataDir, username: 'admin01', password, goFile })], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const before = out;
    out += chunk.toString('utf8');
    if (!before.includes('READY\n') && out.includes('READY\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) reject(new Error(`child printed no result: ${out}\n${err}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

/**
 * Finding 1 of issue 15: eight processes racing for one back-off window each had their password
 * checked. The check-and-record is serialized across processes on the data folder, so exactly one
 * guess is checked per window, however many processes try.
 */
describe('parallel sign-ins from several processes', () => {
  it('eight processes in one window: one password check, seven THROTTLED', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    core.dispose();
    const guardFile = join(dataDir, 'unlock-guard.json');
    // Five failures so far; their window has just run out, so the next attempt may be checked.
    const failures = 5;
    const guard = existsSync(guardFile) ? JSON.parse(readFileSync(guardFile, 'utf8')) : { version: 1, pending: [] };
    writeFileSync(guardFile, JSON.stringify({ ...guard, failures, lastFailureAt: new Date(Date.now() - backoffDelayMs(failures) - 1000).toISOString() }));

    // All start at the same instant, once every child has loaded.
    const goFile = join(tempDir(), 'go');
    let ready = 0;
    const onReady = () => {
      if (++ready === 8) writeFileSync(goFile, 'go');
    };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(dataDir, `wrong guess ${i}0000`, goFile, onReady)));

    const codes = results.map((r) => r.error?.code).sort();
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'THROTTLED')).toHaveLength(7);
    const after = JSON.parse(readFileSync(guardFile, 'utf8'));
    expect(after.failures).toBe(failures + 1);
    const journal = readFileSync(join(dataDir, 'unlock-attempts.log'), 'utf8').trim().split('\n').filter(Boolean);
    expect(journal).toHaveLength(1);
  }, 180_000);

  it('a holder killed with -9 leaves no stale lock: the next sign-in goes ahead at once', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, join(dataDir, 'unlock-guard.lock')], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('HOLDING')) resolve();
      });
      holder.on('exit', () => reject(new Error(`holder ended: ${out}`)));
    });
    // While it is held, an attempt waits rather than being checked beside it.
    let settled = false;
    const waiting = core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    holder.kill('SIGKILL');
    const started = Date.now();
    expectOk(await waiting);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);
});
