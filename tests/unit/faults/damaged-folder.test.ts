import { existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src-main/core/store/migrate';
import { runCli } from '../cli/cli-harness';
import { ADMIN_PASSWORD, expectError, expectOk, makeCore, setUpCore } from '../core/helpers';
import { fingerprint } from './fault-harness';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * A damaged data folder (key ring, database file, a database from a newer app) is refused with
 * a clear code at sign-in and by `counsel status`, and the refusal changes no byte and no
 * modification time of any file in the folder. The CLI's own log (logs/) is the one thing a
 * refusal may append to: it records the failed call, not data.
 */
const notLog = (rel: string) => rel === 'logs';
const CREDENTIALS = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: ADMIN_PASSWORD };

async function lockedFolder() {
  const made = await setUpCore();
  expectOk(await made.core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
  made.core.dispose();
  return made.dataDir;
}

function flipByteOf(file: string, at: number) {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(file, bytes);
}

/** Sign-in through a fresh core, `counsel status` without and with credentials; nothing may change. */
async function expectRefusedUntouched(dataDir: string, code: string, reason?: string) {
  const before = fingerprint(dataDir, notLog);
  const { core } = makeCore(dataDir);
  const error = expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), code, reason);
  expect(core.vault.openStore).toBeNull();

  // Without credentials status reports what the files show and opens nothing.
  const plain = await runCli(['status', '--data-dir', dataDir], { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined });
  expect(plain.code).toBe(0);
  expect(plain.json()).toMatchObject({ initialized: true, locked: true });

  const status = await runCli(['status', '--data-dir', dataDir], CREDENTIALS);
  expect(status.code).not.toBe(0);
  const printed = JSON.parse(status.stderr.trim().split('\n').at(-1)!).error;
  expect(printed.code).toBe(code);
  if (reason) expect(printed.details.reason).toBe(reason);
  // The first stderr line is the readable sentence, not a stack or a raw SQLite message.
  expect(status.stderr.split('\n')[0]).not.toMatch(/SQLITE|at .*\.ts/);

  expect(fingerprint(dataDir, notLog)).toEqual(before);
  return error;
}

describe('a damaged data folder is refused and left as it was', () => {
  it('a key ring that is not JSON', async () => {
    const dataDir = await lockedFolder();
    writeFileSync(join(dataDir, 'keyring.json'), '\u0000\u0017garbage{{{ not json');
    await expectRefusedUntouched(dataDir, 'KEYRING_INVALID', 'keyringCorrupt');
  });

  it('a key ring whose password slot has one byte flipped', async () => {
    const dataDir = await lockedFolder();
    const file = join(dataDir, 'keyring.json');
    const text = readFileSync(file, 'utf8');
    const ring = JSON.parse(text);
    const slot = ring.slots.find((s: { kind: string }) => s.kind === 'password');
    // A byte in the middle of the slot's wrapped key, as a bad sector or a careless edit would leave it.
    flipByteOf(file, text.indexOf(slot.wrap.ciphertext) + 10);
    await expectRefusedUntouched(dataDir, 'KEYRING_INVALID', 'keyringCorrupt');
  });

  it.each([0.5, 0.97])('a database file truncated to %s of its size', async (fraction) => {
    const dataDir = await lockedFolder();
    const file = join(dataDir, 'counsel.db');
    // Not on a page boundary: a copy cut off mid-write.
    truncateSync(file, Math.floor(statSync(file).size * fraction) - 100);
    await expectRefusedUntouched(dataDir, 'DATABASE_INVALID', 'databaseUnreadable');
  });

  it('a 0-byte database file (issue 15, finding 3): DATABASE_INVALID/databaseEmpty, not a new store over it', async () => {
    const dataDir = await lockedFolder();
    const file = join(dataDir, 'counsel.db');
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    truncateSync(file, 0);
    await expectRefusedUntouched(dataDir, 'DATABASE_INVALID', 'databaseEmpty');
    expect(statSync(file).size).toBe(0);
  });

  it('a database file shorter than one page', async () => {
    const dataDir = await lockedFolder();
    const file = join(dataDir, 'counsel.db');
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    truncateSync(file, 100);
    await expectRefusedUntouched(dataDir, 'DATABASE_INVALID', 'databaseUnreadable');
  });

  it('a missing database file next to the key ring', async () => {
    const dataDir = await lockedFolder();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `counsel.db${suffix}`), { force: true });
    await expectRefusedUntouched(dataDir, 'DATABASE_INVALID', 'databaseMissing');
    expect(existsSync(join(dataDir, 'counsel.db'))).toBe(false);
  });

  it('a database written by a newer version of the app', async () => {
    const made = await setUpCore();
    connectionHatch(made.core.vault.requireStore()).pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    made.core.dispose();
    const error = await expectRefusedUntouched(made.dataDir, 'SCHEMA_TOO_NEW');
    expect(error.details).toMatchObject({ databaseVersion: SCHEMA_VERSION + 1, appVersion: SCHEMA_VERSION });
  });
});
