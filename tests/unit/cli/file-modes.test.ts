import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateFolder, windowsAclArgs } from '../../../src-main/core/store/private-files';
import { fileLog } from '../../../src-main/core/util/log';
import { ADMIN_PASSWORD, expectOk, makeCore, SCHOOL, tempDir } from '../core/helpers';

/**
 * Issue 15, finding 8: the workstation's files are the OS user's alone. On POSIX the data folder
 * is 0700 and the store, its WAL and SHM, the key ring, the guard files and the log are 0600,
 * even under a umask that would give everyone read access.
 */
const modeOf = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('file modes on POSIX', () => {
  let savedUmask = 0;
  beforeEach(() => {
    // The common default: without care, new files come out 0644 and folders 0755.
    savedUmask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(savedUmask);
  });

  it('setup, sign-in and a write leave the folder 0700 and every file in it 0600', async () => {
    const dataDir = join(tempDir(), 'counsel-workstation');
    const { core } = makeCore(dataDir);
    // The core's own file log, as the app and the CLI use it.
    const log = fileLog(dataDir);
    expectOk(
      await core.call('setup.initialize', {
        schoolName: SCHOOL,
        admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
        adminIsDirector: true,
      }),
    );
    // One failure, so the attempts journal has a line written by the guard.
    expect((await core.call('auth.signIn', { username: 'admin01', password: 'a wrong one 01' })).ok).toBe(false);
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
    log.write({ level: 'info', event: 'call', channel: 'students.create', ms: 1 });

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
    const files = [
      'counsel.db',
      'counsel.db-wal',
      'counsel.db-shm',
      'keyring.json',
      'unlock-guard.json',
      'unlock-attempts.log',
      'unlock-guard.lock',
      'logs/core.log',
    ];
    for (const name of files) {
      expect(existsSync(join(dataDir, name)), name).toBe(true);
      expect(modeOf(join(dataDir, name)).toString(8), name).toBe('600');
    }
  });

  it('a folder an older version left readable to others is narrowed at the next unlock', async () => {
    const dataDir = join(tempDir(), 'old-install');
    const { core } = makeCore(dataDir);
    expectOk(
      await core.call('setup.initialize', {
        schoolName: SCHOOL,
        admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
        adminIsDirector: true,
      }),
    );
    mkdirSync(join(dataDir, 'logs'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'logs', 'core.log'), '{}\n', { mode: 0o644 });
    chmodSync(dataDir, 0o755);
    for (const name of ['counsel.db', 'keyring.json', 'unlock-guard.json']) chmodSync(join(dataDir, name), 0o644);
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
    for (const name of ['counsel.db', 'keyring.json', 'unlock-guard.json', 'logs/core.log']) expect(modeOf(join(dataDir, name)).toString(8), name).toBe('600');
  });
});

describe('the data folder on Windows', () => {
  it('is restricted to the user and SYSTEM, inheritance removed, by icacls', () => {
    const dir = tempDir();
    const runs: { command: string; args: string[] }[] = [];
    const saved = { USERNAME: process.env.USERNAME, USERDOMAIN: process.env.USERDOMAIN };
    process.env.USERNAME = '张老师';
    process.env.USERDOMAIN = 'COUNSEL-PC';
    try {
      ensurePrivateFolder(dir, 'win32', (command, args) => runs.push({ command, args }));
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(runs).toEqual([{ command: 'icacls', args: [dir, '/inheritance:r', '/grant:r', 'COUNSEL-PC\\张老师:(OI)(CI)F', '*S-1-5-18:(OI)(CI)F'] }]);
    // SYSTEM by SID: the name is localized on a Chinese Windows.
    expect(windowsAclArgs(dir, { USERNAME: 'u' })).toContain('*S-1-5-18:(OI)(CI)F');
  });

  it('a failing icacls does not stop setup (the profile folder is already private by default)', () => {
    const dir = join(tempDir(), 'x');
    expect(() =>
      ensurePrivateFolder(dir, 'win32', () => {
        throw new Error('icacls not found');
      }),
    ).not.toThrow();
    expect(existsSync(dir)).toBe(true);
  });
});
