import { writeFileSync, truncateSync, rmSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { handlers } from '../../../src-main/core/handlers';
import { fingerprint } from '../faults/fault-harness';
import { ADMIN_PASSWORD, expectOk, setUpCore, tempDir } from '../core/helpers';
import { runCli as runCliInProcess } from './cli-harness';

const CLI = fileURLToPath(new URL('../../../src-main/cli/counsel.ts', import.meta.url));

/** In-process run; console.error (which vitest would swallow) is counted as stderr too. */
async function runCli(args: string[], env: Record<string, string | undefined> = {}) {
  const spy = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    process.stderr.write(`${parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' ')}\n`);
  });
  try {
    return await runCliInProcess(args, env);
  } finally {
    spy.mockRestore();
  }
}

/** The real thing: a separate node process, its real stderr. */
function runCliProcess(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

/**
 * Every documented way a `counsel` command can fail ends with a readable sentence and one JSON
 * line on stderr, and an exit code from the table: never a stack trace, whatever went wrong
 * underneath (a stack can carry paths, SQL and, through SQLite messages, data).
 */
const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: ADMIN_PASSWORD };
const NO_CREDENTIALS = { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined, COUNSEL_RECOVERY_CODE: undefined };

function expectNoStack(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\.(ts|js|mjs):\d+/);
  expect(stderr).not.toMatch(/SqliteError|TypeError|ReferenceError|Error: /);
}

function lastJson(stderr: string) {
  return JSON.parse(stderr.trim().split('\n').at(-1)!).error as { code: string; details: Record<string, unknown> };
}

async function lockedFolder() {
  const made = await setUpCore();
  expectOk(await made.core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
  made.core.dispose();
  return made.dataDir;
}

describe('counsel: every error path, no stack trace', () => {
  it('`call X null` is invalid input (exit 2), not read as {}', async () => {
    const dataDir = await lockedFolder();
    const result = await runCli(['call', 'accounts.list', 'null', '--data-dir', dataDir], ADMIN);
    expect(result.code).toBe(2);
    expect(lastJson(result.stderr)).toMatchObject({ code: 'VALIDATION', details: { reason: 'inputNotObject' } });
    expect(result.stdout).toBe('');
    expectNoStack(result.stderr);
    // A public channel too: no sign-in, still refused before the core reads it as {}.
    const status = await runCli(['call', 'app.status', 'null', '--data-dir', dataDir], NO_CREDENTIALS);
    expect(status.code).toBe(2);
  });

  it('a 0-byte counsel.db next to a key ring: DATABASE_INVALID, exit 1, nothing written', async () => {
    const dataDir = await lockedFolder();
    const db = join(dataDir, 'counsel.db');
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    truncateSync(db, 0);
    const before = fingerprint(dataDir, (rel) => rel === 'logs');
    for (const args of [
      ['status'],
      ['call', 'accounts.list', '{}'],
      ['audit', 'verify'],
      ['backup', 'create', '--to', tempDir()],
      ['export', 'run', '--to', tempDir()],
    ]) {
      const result = await runCli([...args, '--data-dir', dataDir], ADMIN);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(lastJson(result.stderr)).toMatchObject({ code: 'DATABASE_INVALID' });
      expectNoStack(result.stderr);
    }
    expect(fingerprint(dataDir, (rel) => rel === 'logs')).toEqual(before);
  });

  it('a missing counsel.db next to a key ring: DATABASE_INVALID/databaseMissing, no new file', async () => {
    const dataDir = await lockedFolder();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `counsel.db${suffix}`), { force: true });
    const before = fingerprint(dataDir, (rel) => rel === 'logs');
    const result = await runCli(['call', 'accounts.list', '{}', '--data-dir', dataDir], ADMIN);
    expect(result.code).toBe(1);
    expect(lastJson(result.stderr)).toMatchObject({ code: 'DATABASE_INVALID', details: { reason: 'databaseMissing' } });
    expectNoStack(result.stderr);
    expect(fingerprint(dataDir, (rel) => rel === 'logs')).toEqual(before);
  });

  it('a database that opens with the key but holds no store (plain empty SQLite pages): DATABASE_INVALID', async () => {
    const dataDir = await lockedFolder();
    const db = join(dataDir, 'counsel.db');
    for (const suffix of ['-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    // 4 KiB of zeros: not a header, not encrypted pages.
    writeFileSync(db, Buffer.alloc(4096));
    const result = await runCli(['call', 'accounts.list', '{}', '--data-dir', dataDir], ADMIN);
    expect(result.code).toBe(1);
    expect(['DATABASE_INVALID', 'KEYRING_INVALID']).toContain(lastJson(result.stderr).code);
    expectNoStack(result.stderr);
  });

  it('every documented usage and input error answers with its exit code and no stack', async () => {
    const dataDir = await lockedFolder();
    const empty = tempDir();
    const notSetUp = join(tempDir(), 'nothing-here');
    mkdirSync(notSetUp);
    const damagedBackup = join(tempDir(), 'damaged.counsel-backup');
    writeFileSync(damagedBackup, 'not a backup at all');
    const cases: { args: string[]; env?: Record<string, string | undefined>; exit: number; code?: string }[] = [
      { args: ['--no-such-flag'], exit: 2 },
      { args: ['no-such-command'], exit: 2 },
      { args: ['init', '--data-dir', empty], exit: 2 },
      {
        args: ['init', '--data-dir', dataDir, '--school', 'x', '--admin', 'bb'],
        env: { COUNSEL_PASSWORD: 'another pw 0001' },
        exit: 1,
        code: 'ALREADY_INITIALIZED',
      },
      { args: ['call', '--data-dir', dataDir], exit: 2 },
      { args: ['call', 'accounts.list', 'not json', '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'VALIDATION' },
      { args: ['call', 'no.such', '{}', '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'NOT_FOUND' },
      { args: ['call', 'students.create', '{"studentNo":1}', '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'VALIDATION' },
      { args: ['call', 'accounts.list', '{}', '--data-dir', dataDir], env: NO_CREDENTIALS, exit: 3, code: 'UNAUTHENTICATED' },
      {
        args: ['call', 'accounts.list', '{}', '--data-dir', dataDir],
        env: { ...ADMIN, COUNSEL_PASSWORD: 'wrong password 1' },
        exit: 3,
        code: 'UNAUTHENTICATED',
      },
      { args: ['call', 'accounts.list', '{}', '--data-dir', notSetUp], env: ADMIN, exit: 1, code: 'NOT_INITIALIZED' },
      { args: ['status', '--data-dir', notSetUp], env: ADMIN, exit: 0 },
      { args: ['audit'], env: ADMIN, exit: 2 },
      { args: ['audit', 'verify', '--data-dir', dataDir], env: NO_CREDENTIALS, exit: 3 },
      { args: ['score', '--instrument', 'nope', '--responses', '[1]'], exit: 2, code: 'VALIDATION' },
      { args: ['score', '--instrument', 'phq9', '--responses', '[1,2'], exit: 2, code: 'VALIDATION' },
      { args: ['score', '--instrument', 'phq9'], exit: 2 },
      { args: ['roster', 'import', '--file', join(empty, 'missing.xlsx'), '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'VALIDATION' },
      { args: ['roster', 'import', '--data-dir', dataDir], env: ADMIN, exit: 2 },
      { args: ['roster'], exit: 2 },
      { args: ['census', 'import', '--batch', 'b', '--file', join(empty, 'missing.csv'), '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'VALIDATION' },
      { args: ['census'], exit: 2 },
      { args: ['export', 'run', '--profile', 'everything', '--data-dir', dataDir], env: ADMIN, exit: 2 },
      { args: ['export', 'receipts', '--file', join(empty, 'missing.json'), '--data-dir', dataDir], env: ADMIN, exit: 2, code: 'VALIDATION' },
      { args: ['export'], exit: 2 },
      { args: ['backup', 'create', '--data-dir', dataDir], env: ADMIN, exit: 2 },
      { args: ['backup', 'verify'], exit: 2 },
      { args: ['backup', 'verify', join(empty, 'missing.counsel-backup')], exit: 1 },
      { args: ['backup', 'verify', damagedBackup], exit: 1 },
      { args: ['backup', 'restore', damagedBackup, '--data-dir', dataDir], env: { COUNSEL_RECOVERY_CODE: 'AAAA-AAAA' }, exit: 2 },
      { args: ['backup'], exit: 2 },
    ];
    for (const { args, env, exit, code } of cases) {
      const result = await runCli(args, env ?? {});
      const label = `counsel ${args.join(' ')}\n${result.stderr}`;
      expect(result.code, label).toBe(exit);
      expectNoStack(result.stderr);
      if (code) expect(lastJson(result.stderr).code, label).toBe(code);
    }
  });

  it('an unexpected failure inside the core prints the code, not the stack', async () => {
    const dataDir = await lockedFolder();
    const table = handlers as unknown as Record<string, unknown>;
    const original = table['accounts.list'];
    table['accounts.list'] = () => {
      throw new TypeError('Cannot read properties of undefined (reading 测试学生甲)');
    };
    try {
      const result = await runCli(['call', 'accounts.list', '{}', '--data-dir', dataDir], ADMIN);
      expect(result.code).toBe(1);
      expect(lastJson(result.stderr)).toMatchObject({ code: 'INTERNAL' });
      expectNoStack(result.stderr);
      expect(result.stderr).not.toContain('测试学生甲');
    } finally {
      table['accounts.list'] = original;
    }
  });

  it('a separate process: 0-byte store and an unknown subcommand, real stderr without a stack', async () => {
    const dataDir = await lockedFolder();
    const db = join(dataDir, 'counsel.db');
    for (const suffix of ['-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    truncateSync(db, 0);
    const zero = runCliProcess(['call', 'accounts.list', '{}', '--data-dir', dataDir], ADMIN);
    expect(zero.code, zero.stderr).toBe(1);
    expect(lastJson(zero.stderr).code).toBe('DATABASE_INVALID');
    expectNoStack(zero.stderr);
    const usage = runCliProcess(['backup', 'frobnicate'], {});
    expect(usage.code).toBe(2);
    expectNoStack(usage.stderr);
  }, 120_000);

  it('an error thrown outside the core (in the command itself) is reported as a code, not a message or stack', async () => {
    const dataDir = await lockedFolder();
    const boom = Object.assign(new Error('no such column: 测试学生甲'), { code: 'SQLITE_ERROR' });
    const spy = vi.spyOn(Core.prototype, 'call').mockRejectedValue(boom);
    try {
      const result = await runCli(['backup', 'create', '--to', tempDir(), '--data-dir', dataDir], ADMIN);
      expect(result.code).toBe(1);
      expect(lastJson(result.stderr)).toEqual({ code: 'INTERNAL', details: {} });
      expectNoStack(result.stderr);
      expect(result.stderr).not.toContain('测试学生甲');
      spy.mockRejectedValue(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
      const busy = await runCli(['audit', 'verify', '--data-dir', dataDir], ADMIN);
      expect(lastJson(busy.stderr)).toEqual({ code: 'CONFLICT', details: { reason: 'storeBusy' } });
      expect(busy.stderr).not.toContain('database is locked');
    } finally {
      spy.mockRestore();
    }
  });
});
