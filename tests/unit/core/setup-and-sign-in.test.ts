import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src-main/core/store/migrate';
import { ADMIN_PASSWORD, SCHOOL, expectError, expectOk, makeCore, setUpCore } from './helpers';

describe('first run and sign-in', () => {
  it('reports an uninitialized workstation and refuses sign-in before setup', async () => {
    const { core } = makeCore();
    expect(expectOk(await core.call('app.status', {}))).toMatchObject({ initialized: false, locked: true, session: null });
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'NOT_INITIALIZED');
  });

  it('sets up an encrypted store, leaves it locked, and returns a recovery code once', async () => {
    const { core, dataDir } = makeCore();
    const result = expectOk(
      await core.call('setup.initialize', {
        schoolName: SCHOOL,
        admin: { username: 'Admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
      }),
    );
    expect(result.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(readFileSync(join(dataDir, 'counsel.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(existsSync(join(dataDir, 'keyring.json'))).toBe(true);
    expect(expectOk(await core.call('app.status', {}))).toMatchObject({ initialized: true, locked: true });
    expectError(
      await core.call('setup.initialize', { schoolName: SCHOOL, admin: { username: 'x2', displayName: 'x', password: ADMIN_PASSWORD } }),
      'ALREADY_INITIALIZED',
    );
  });

  it('gives the first account admin and director by default, admin only when unticked', async () => {
    const { core } = await setUpCore();
    expect(expectOk(await core.call('app.status', {})).session.roles).toEqual(['admin', 'director']);
    const other = await setUpCore({ adminIsDirector: false });
    expect(expectOk(await other.core.call('app.status', {})).session.roles).toEqual(['admin']);
  });

  it('rejects a short password and a mismatched setup form with VALIDATION, writing nothing', async () => {
    const { core, dataDir } = makeCore();
    const error = expectError(
      await core.call('setup.initialize', { schoolName: SCHOOL, admin: { username: 'admin01', displayName: 'a', password: 'short' } }),
      'VALIDATION',
    );
    expect(error.details.issues?.[0].path).toEqual(['admin', 'password']);
    expect(existsSync(join(dataDir, 'keyring.json'))).toBe(false);
  });

  it('signs in case-insensitively and a wrong password is refused with a clear reason', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: 'wrong password!' }), 'UNAUTHENTICATED', 'wrongCredentials');
    expectError(await core.call('auth.signIn', { username: 'nobody', password: ADMIN_PASSWORD }), 'UNAUTHENTICATED', 'wrongCredentials');
    const session = expectOk(await core.call('auth.signIn', { username: 'ADMIN01', password: ADMIN_PASSWORD }));
    expect(session).toMatchObject({ username: 'admin01', displayName: '管理员甲', mustChangePassword: false });
  });

  it('locks: the store closes and session channels answer UNAUTHENTICATED', async () => {
    const { core, events } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    expect(events).toContainEqual({ name: 'session.locked', payload: { reason: 'manual' } });
    expect(core.vault.openStore).toBeNull();
    expectError(await core.call('settings.get', {}), 'UNAUTHENTICATED');
  });

  it('shows about facts: schema version and encryption read from the file', async () => {
    const { core, dataDir } = await setUpCore();
    const about = expectOk(await core.call('system.about', {}));
    expect(about).toMatchObject({ dataDir, encrypted: true, cipher: 'chacha20', schemaVersion: SCHEMA_VERSION });
  });
});

describe('data folder', () => {
  it('is created by setup, readable by its owner only', async () => {
    const { statSync } = await import('node:fs');
    const { join: joinPath } = await import('node:path');
    const parent = (await import('./helpers')).tempDir();
    const dataDir = joinPath(parent, 'fresh');
    const { core } = makeCore(dataDir);
    expectOk(await core.call('app.status', {}));
    expectOk(await core.call('setup.initialize', { schoolName: SCHOOL, admin: { username: 'admin01', displayName: 'a', password: ADMIN_PASSWORD } }));
    if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});

describe('sign-ins that arrive together', () => {
  it('two windows of one app (or one worker) asking at once get one check per back-off window', async () => {
    const { core, clock } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    for (let i = 0; i < 3; i++) expectError(await core.call('auth.signIn', { username: 'admin01', password: `wrong guess ${i}11` }), 'UNAUTHENTICATED');
    clock.advance(1000);
    // The window has passed: both are sent before either has been checked.
    const [a, b] = await Promise.all([
      core.call('auth.signIn', { username: 'admin01', password: 'wrong guess 911' }),
      core.call('auth.signIn', { username: 'admin01', password: 'wrong guess 922' }),
    ]);
    const codes = [a, b].map((r) => (r.ok ? 'OK' : r.error.code)).sort();
    expect(codes).toEqual(['THROTTLED', 'UNAUTHENTICATED']);
    expect(core.vault.openStore).toBeNull();
  });

  it('setup writes the guard, the attempts journal and the lock file beside the key ring', async () => {
    const { dataDir } = await setUpCore();
    for (const name of ['keyring.json', 'unlock-guard.json', 'unlock-attempts.log', 'unlock-guard.lock'])
      expect(existsSync(join(dataDir, name)), name).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'unlock-guard.json'), 'utf8'))).toMatchObject({ failures: 0, pending: [] });
  });
});
