import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../../src-main/core/sync/bundle/codec';
import { ADMIN_PASSWORD, expectError, expectOk, makeCore, setUpCore, tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const CHILD = fileURLToPath(new URL('./busy-writer-child.ts', import.meta.url));
const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: ADMIN_PASSWORD };

/** A folder with export configured and one student, locked. */
async function preparedFolder() {
  const made = await setUpCore();
  const server = generateSigningKeyPair();
  const recipient = await identityToRecipient(await generateX25519Identity());
  expectOk(
    await made.core.call('sync.configure', {
      serverRecipient: recipient,
      serverSigningKeyPem: server.publicKeyPem,
      folder: null,
      url: null,
      profiles: ['statistics'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  expectOk(await made.core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
  made.core.dispose();
  return made.dataDir;
}

/** Starts the writing "app" and resolves once it holds the write lock for the first time. */
function startBusyWriter(dataDir: string, stopFile: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, JSON.stringify({ dataDir, username: 'admin01', password: ADMIN_PASSWORD, holdMs: 1500, gapMs: 300, stopFile })],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const holding = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('HOLD 1\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`writer ended early: ${out}\n${err}`)));
  });
  const stopped = new Promise<number>((resolve) => {
    child.on('exit', () => resolve(Number(/STOPPED (\d+)/.exec(out)?.[1] ?? -1)));
  });
  return { holding, stop: () => (writeFileSync(stopFile, 'stop'), stopped), kill: () => child.kill('SIGKILL') };
}

/**
 * Issue 15, finding 11: a scheduled `backup create` or `export run` beside the app in use failed
 * at once with CONFLICT storeBusy. The CLI waits a bounded time (10 s) for the app's write to
 * end; the app's own interactive calls still answer at once.
 */
describe('the CLI beside a writing app', () => {
  it('backup create and export run wait for the write lock and succeed; the app answers at once', async () => {
    const dataDir = await preparedFolder();
    // The interactive side: signed in before the writer starts, as the app would be.
    const app = makeCore(dataDir);
    expectOk(await app.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));

    const writer = startBusyWriter(dataDir, join(tempDir(), 'stop'));
    let holds = -1;
    try {
      await writer.holding;

      const started = Date.now();
      expectError(await app.core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '文学院' }), 'CONFLICT', 'storeBusy');
      expect(Date.now() - started).toBeLessThan(1000);

      const backupDir = tempDir('busy-backup-');
      const backup = await runCli(['backup', 'create', '--to', backupDir, '--data-dir', dataDir], ADMIN);
      expect(backup.code, backup.stderr).toBe(0);
      expect(readdirSync(backupDir).length).toBeGreaterThan(0);

      const exportDir = tempDir('busy-export-');
      const exported = await runCli(['export', 'run', '--to', exportDir, '--data-dir', dataDir], ADMIN);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.json().bundles).toMatchObject([{ profile: 'statistics', status: 'sent' }]);
    } finally {
      holds = await Promise.race([writer.stop(), new Promise<number>((resolve) => setTimeout(() => resolve(-2), 20_000))]);
      if (holds < 0) writer.kill();
    }
    // The app really was writing: the CLI started inside its first hold, so it had to wait. (Whether
    // the app gets a second hold in before it is stopped depends on the machine's load, so only
    // the first one is required.)
    expect(holds).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
