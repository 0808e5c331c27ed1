import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

const COUNSELOR = { username: 'zhang.t', displayName: '张老师', roles: ['counselor'], password: 'initial pass 1' };

describe('accounts', () => {
  it('creates an account that must change its initial password before doing anything else', async () => {
    const { core } = await setUpCore();
    const created = expectOk(await core.call('accounts.create', COUNSELOR));
    expect(created).toMatchObject({ username: 'zhang.t', roles: ['counselor'], mustChangePassword: true, disabled: false, hasKeySlot: true });
    expectOk(await core.call('auth.lock', {}));

    const session = expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }));
    expect(session.mustChangePassword).toBe(true);
    expectError(await core.call('settings.get', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectError(await core.call('auth.changePassword', { currentPassword: 'wrong', newPassword: 'my own secret 22' }), 'VALIDATION', 'currentPasswordWrong');
    expectError(
      await core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'initial pass 1' }),
      'VALIDATION',
      'passwordUnchanged',
    );
    const changed = expectOk(await core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'my own secret 22' }));
    expect(changed.mustChangePassword).toBe(false);
    expect(expectOk(await core.call('settings.get', {})).schoolName).toContain('测试学院');
  });

  it('a password change rewraps only that account slot', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('accounts.create', COUNSELOR));
    const ringBefore = JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8'));
    expectOk(await core.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'admin second pw 3' }));
    const ringAfter = JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8'));
    const adminId = core.vault.session!.accountId;
    const unchanged = (ring: { slots: { accountId: string | null }[] }) => ring.slots.filter((s) => s.accountId !== adminId);
    expect(unchanged(ringAfter)).toEqual(unchanged(ringBefore));
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'UNAUTHENTICATED');
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: 'admin second pw 3' }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }));
  });

  it('non-administrators cannot manage accounts, and the refusal is audited', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('accounts.create', COUNSELOR));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'my own secret 22' }));
    expectError(await core.call('accounts.list', {}), 'FORBIDDEN');
    expectError(await core.call('accounts.create', { ...COUNSELOR, username: 'li' }), 'FORBIDDEN');
    expectError(await core.call('settings.update', { idleLockMinutes: 3 }), 'FORBIDDEN');
    const denied = core.vault.requireStore().sqlite.prepare("SELECT entity_id FROM audit_events WHERE action = 'access-denied'").pluck().all();
    expect(denied).toEqual(['accounts.list', 'accounts.create', 'settings.update']);
  });

  it('refuses a taken username, and changes nothing', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('accounts.create', COUNSELOR));
    const ring = readFileSync(join(core.vault.paths.keyring), 'utf8');
    expectError(await core.call('accounts.create', { ...COUNSELOR, username: 'ZHANG.T' }), 'CONFLICT', 'usernameTaken');
    expect(readFileSync(join(core.vault.paths.keyring), 'utf8')).toBe(ring);
    expect(expectOk(await core.call('accounts.list', {}))).toHaveLength(2);
  });

  it('resets a password: the person must change it at next sign-in', async () => {
    const { core } = await setUpCore();
    const created = expectOk(await core.call('accounts.create', COUNSELOR));
    expectOk(await core.call('accounts.resetPassword', { accountId: created.id, newPassword: 'temporary pw 77' }));
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }), 'UNAUTHENTICATED');
    expect(expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'temporary pw 77' })).mustChangePassword).toBe(true);
  });

  it('disabling removes the key slot; enabling needs a password reset', async () => {
    const { core } = await setUpCore();
    const created = expectOk(await core.call('accounts.create', COUNSELOR));
    const disabled = expectOk(await core.call('accounts.setDisabled', { accountId: created.id, disabled: true }));
    expect(disabled).toMatchObject({ disabled: true, hasKeySlot: false });
    expectError(await core.call('accounts.resetPassword', { accountId: created.id, newPassword: 'temporary pw 77' }), 'CONFLICT', 'accountDisabled');
    expectOk(await core.call('auth.lock', {}));
    expectError(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }), 'UNAUTHENTICATED');
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(expectOk(await core.call('accounts.setDisabled', { accountId: created.id, disabled: false }))).toMatchObject({ disabled: false, hasKeySlot: false });
    expectOk(await core.call('accounts.resetPassword', { accountId: created.id, newPassword: 'temporary pw 77' }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'temporary pw 77' }));
  });

  it('never leaves the workstation without an enabled administrator', async () => {
    const { core } = await setUpCore();
    const me = core.vault.session!.accountId;
    expectError(await core.call('accounts.setDisabled', { accountId: me, disabled: true }), 'CONFLICT', 'cannotDisableSelf');
    expectError(await core.call('accounts.update', { accountId: me, roles: ['director'] }), 'CONFLICT', 'lastAdmin');
    const second = expectOk(await core.call('accounts.create', { ...COUNSELOR, username: 'admin02', roles: ['admin'] }));
    expect(expectOk(await core.call('accounts.update', { accountId: me, roles: ['director'] })).roles).toEqual(['director']);
    // The session follows the change at once: no longer an administrator.
    expectError(await core.call('accounts.list', {}), 'FORBIDDEN');
    void second;
  });
});

describe('counselors to assign work to', () => {
  it('lists enabled clinical accounts for the director, names only', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('accounts.create', COUNSELOR));
    expectOk(await core.call('accounts.create', { ...COUNSELOR, username: 'reception1', displayName: '接待', roles: ['reception'] }));
    const gone = expectOk(await core.call('accounts.create', { ...COUNSELOR, username: 'left1', displayName: '已离职', roles: ['counselor'] }));
    expectOk(await core.call('accounts.setDisabled', { accountId: gone.id, disabled: true }));
    const list = expectOk(await core.call('accounts.counselors', {}));
    expect(list.map((a: any) => a.displayName).sort()).toEqual(['张老师', '管理员甲'].sort());
    expect(Object.keys(list[0]).sort()).toEqual(['displayName', 'id', 'roles']);
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'zhang.t', password: 'initial pass 1' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: 'my own secret 22' }));
    expectError(await core.call('accounts.counselors', {}), 'FORBIDDEN');
  });
});
