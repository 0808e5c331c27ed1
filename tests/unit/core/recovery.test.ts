import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

describe('recovery code', () => {
  it('opens the store when every password is lost and sets a new administrator password', async () => {
    const { core, recoveryCode, clock } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const { admins } = expectOk(await core.call('auth.recoveryAccounts', { recoveryCode: recoveryCode.toLowerCase().replace(/-/g, ' ') }));
    expect(admins).toEqual([{ username: 'admin01', displayName: '管理员甲' }]);
    expect(core.vault.openStore).toBeNull();

    const session = expectOk(await core.call('auth.recover', { recoveryCode, username: 'admin01', newPassword: 'brand new secret 9' }));
    expect(session).toMatchObject({ username: 'admin01', mustChangePassword: false });
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'UNAUTHENTICATED');
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: 'brand new secret 9' }));
    const actions = core.vault.requireStore().sqlite.prepare('SELECT action FROM audit_events').pluck().all();
    expect(actions).toContain('recovery-unlock');
    expect(actions).toContain('recovery-reset-password');
    void clock;
  });

  it('a wrong recovery code is refused and counts as a failed unlock', async () => {
    const { core, recoveryCode } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const wrong = recoveryCode.replace(/^..../, recoveryCode.startsWith('AAAA') ? 'BBBB' : 'AAAA');
    const error = expectError(
      await core.call('auth.recover', { recoveryCode: wrong, username: 'admin01', newPassword: 'brand new secret 9' }),
      'UNAUTHENTICATED',
      'wrongRecoveryCode',
    );
    expect(error.details.failures).toBe(1);
    expectError(await core.call('auth.recoveryAccounts', { recoveryCode: 'not-a-code-at-all-0000' }), 'UNAUTHENTICATED', 'wrongRecoveryCode');
  });

  it('only resets administrators', async () => {
    const { core, recoveryCode } = await setUpCore();
    expectOk(await core.call('accounts.create', { username: 'zhang', displayName: '张老师', roles: ['counselor'], password: 'initial pass 1' }));
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.recover', { recoveryCode, username: 'zhang', newPassword: 'brand new secret 9' }), 'NOT_FOUND', 'adminNotFound');
  });
});
