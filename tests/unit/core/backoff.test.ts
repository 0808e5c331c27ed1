import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src-main/core/auth/unlock-guard';
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
    const rows = core.vault
      .requireStore()
      .sqlite.prepare("SELECT entity_id, details FROM audit_events WHERE action = 'failed-sign-in' ORDER BY seq")
      .all() as { entity_id: string | null; details: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[0].entity_id).toBe(core.vault.session!.accountId);
    expect(JSON.parse(rows[1].details)).toMatchObject({ knownAccount: false });
    expectOk(await core.call('auth.lock', {}));
    // Counter reset: three fresh failures allowed again before any wait.
    for (let i = 0; i < 2; i++) expectError(await core.call('auth.signIn', { username: 'admin01', password: 'nope nope 1' }), 'UNAUTHENTICATED');
  });
});
