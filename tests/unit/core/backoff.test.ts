import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, MAX_DELAY_MS } from '../../../src-main/core/keys/unlock-guard';
import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectError, expectOk, makeCore, setUpCore } from './helpers';

describe('failed unlock back-off', () => {
  it('grows with each failure after three free attempts, capped', () => {
    expect([0, 1, 2].map(backoffDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(backoffDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(40)).toBe(5 * 60 * 1000);
  });

  it('throttles after repeated failures, and the wait survives a restart', async () => {
    const { core, clock, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    for (let i = 0; i < 3; i++) {
      expectError(await core.call('auth.signIn', { username: 'admin01', password: 'not the password' }), 'UNAUTHENTICATED', 'wrongCredentials');
    }
    // Third failure starts a 1 s wait: even the right password must wait.
    const throttled = expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    expect(throttled.details.retryAfterSeconds).toBe(1);

    core.dispose();
    const restarted = makeCore(dataDir, clock);
    expectError(await restarted.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    clock.advance(1000);
    expectError(await restarted.core.call('auth.signIn', { username: 'admin01', password: 'still wrong!!' }), 'UNAUTHENTICATED');
    const longer = expectError(await restarted.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    expect(longer.details.retryAfterSeconds).toBe(2);
    clock.advance(2000);
    expectOk(await restarted.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
  });

  it('writes the failed attempts into the audit log at the next unlock, then resets', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: 'wrong one 111' }), 'UNAUTHENTICATED');
    expectError(await core.call('auth.signIn', { username: 'ghost', password: 'wrong one 222' }), 'UNAUTHENTICATED');
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const rows = core.vault.requireStore().sqlite.prepare("SELECT entity_id, details FROM audit_events WHERE action = 'failed-sign-in' ORDER BY seq").all() as {
      entity_id: string | null;
      details: string;
    }[];
    expect(rows).toHaveLength(2);
    expect(rows[0].entity_id).toBe(core.vault.session!.accountId);
    expect(JSON.parse(rows[1].details)).toMatchObject({ knownAccount: false });
    expectOk(await core.call('auth.lock', {}));
    // Counter reset: three fresh failures allowed again before any wait.
    for (let i = 0; i < 2; i++) expectError(await core.call('auth.signIn', { username: 'admin01', password: 'nope nope 1' }), 'UNAUTHENTICATED');
  });
});

describe('the back-off survives tampering with its files', () => {
  const auditRows = (core: Core, action: string) =>
    core.vault.requireStore().sqlite.prepare('SELECT entity_id, details FROM audit_events WHERE action = ? ORDER BY seq').all(action) as {
      entity_id: string | null;
      details: string;
    }[];

  async function lockedWithFailures(count: number) {
    const made = await setUpCore();
    expectOk(await made.core.call('auth.lock', {}));
    for (let i = 0; i < count; i++) {
      expectError(await made.core.call('auth.signIn', { username: 'admin01', password: `wrong guess ${i}00` }), 'UNAUTHENTICATED');
    }
    return made;
  }

  it('a deleted guard file starts the next attempt at the ceiling, and the next sign-in records the reset', async () => {
    const { core, clock, dataDir } = await lockedWithFailures(2);
    rmSync(join(dataDir, 'unlock-guard.json'));
    const throttled = expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    expect(throttled.details.retryAfterSeconds).toBe(MAX_DELAY_MS / 1000);
    // Deleting it again does not start a fresh count either.
    rmSync(join(dataDir, 'unlock-guard.json'));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    clock.advance(MAX_DELAY_MS);
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    const resets = auditRows(core, 'unlock-guard-reset');
    expect(resets).toHaveLength(1);
    expect(JSON.parse(resets[0]!.details)).toMatchObject({ reason: 'guardMissing' });
    // The two failures written before the deletion still reach the audit log, from the journal.
    expect(auditRows(core, 'failed-sign-in')).toHaveLength(2);
  });

  it('a damaged guard file is tampering too: ceiling wait, then unlock-guard-reset with its modification time', async () => {
    const { core, clock, dataDir } = await lockedWithFailures(1);
    writeFileSync(join(dataDir, 'unlock-guard.json'), '{"version":1,"failures":');
    const throttled = expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'THROTTLED');
    expect(throttled.details.retryAfterSeconds).toBe(MAX_DELAY_MS / 1000);
    clock.advance(MAX_DELAY_MS);
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(JSON.parse(auditRows(core, 'unlock-guard-reset')[0]!.details)).toMatchObject({
      reason: 'guardUnreadable',
      guardModifiedAt: expect.any(String),
      failedAttemptsKept: 1,
    });
    expect(auditRows(core, 'failed-sign-in')).toHaveLength(1);
  });

  it('failed attempts are kept in a second file: a guard rewritten to zero failures still hands them to the audit log', async () => {
    const { core, dataDir } = await lockedWithFailures(2);
    writeFileSync(join(dataDir, 'unlock-guard.json'), JSON.stringify({ version: 1, failures: 0, lastFailureAt: null, pending: [] }));
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(auditRows(core, 'failed-sign-in')).toHaveLength(2);
    // Moved, not copied: the journal is empty afterwards and the next unlock adds nothing.
    expect(readFileSync(join(dataDir, 'unlock-attempts.log'), 'utf8')).toBe('');
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(auditRows(core, 'failed-sign-in')).toHaveLength(2);
  });

  it('a folder from before the guard (neither guard nor journal beside the key ring) is not taken for tampering', async () => {
    const { core, dataDir } = await lockedWithFailures(0);
    rmSync(join(dataDir, 'unlock-guard.json'));
    rmSync(join(dataDir, 'unlock-attempts.log'));
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(auditRows(core, 'unlock-guard-reset')).toHaveLength(0);
    // From now on both exist, so deleting one is noticed.
    expect(existsSync(join(dataDir, 'unlock-guard.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'unlock-attempts.log'))).toBe(true);
  });
});
