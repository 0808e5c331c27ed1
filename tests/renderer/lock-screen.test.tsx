import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fail, installFakeBridge, session, status } from './fake-bridge';
import { fill, renderApp } from './render-app';

async function signIn(user: ReturnType<typeof userEvent.setup>, username: string, password: string) {
  await fill(user, await screen.findByLabelText('用户名'), username);
  await fill(user, screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
}

describe('lock screen', () => {
  it('shows the translated wrong-password error and clears the password', async () => {
    const fake = installFakeBridge({
      'app.status': status.locked,
      'auth.signIn': () => fail('UNAUTHENTICATED', { reason: 'wrongCredentials', failures: 1, retryAfterSeconds: 0 }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await signIn(user, 'zhang.admin', 'not the password');
    expect((await screen.findByRole('alert')).textContent).toContain('用户名或密码错误。');
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'zhang.admin', password: 'not the password' }]);
  });

  it('shows THROTTLED as a countdown and keeps the button disabled until it runs out', async () => {
    installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => fail('THROTTLED', { retryAfterSeconds: 2, failures: 5 }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await signIn(user, 'zhang.admin', 'whatever password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('请等待 2 秒后再试');
    const button = screen.getByRole('button', { name: '登录' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('请等待 1 秒后再试'), { timeout: 3000 });
    await waitFor(() => expect((screen.getByRole('button', { name: '登录' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('adds the wait to a wrong password that started a back-off', async () => {
    installFakeBridge({
      'app.status': status.locked,
      'auth.signIn': () => fail('UNAUTHENTICATED', { reason: 'wrongCredentials', failures: 4, retryAfterSeconds: 30 }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await signIn(user, 'zhang.admin', 'not the password');
    const text = (await screen.findByRole('alert')).textContent;
    expect(text).toContain('用户名或密码错误。');
    expect(text).toContain('请等待 30 秒后再试');
  });

  it('is in English when English was chosen, including errors', async () => {
    installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => fail('UNAUTHENTICATED', { reason: 'wrongCredentials', retryAfterSeconds: 0 }) });
    const user = userEvent.setup({ delay: null });
    await renderApp('en');
    expect(await screen.findByText('Workstation locked')).toBeTruthy();
    await fill(user, screen.getByLabelText('Username'), 'zhang.admin');
    await fill(user, screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong username or password.');
  });

  it('switches language from the lock screen and remembers it', async () => {
    installFakeBridge({ 'app.status': status.locked });
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    await user.click(screen.getByText('English'));
    expect(await screen.findByText('Workstation locked')).toBeTruthy();
    expect(window.localStorage.getItem('counsel.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await user.click(screen.getByText('简体中文'));
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    expect(window.localStorage.getItem('counsel.language')).toBe('zh-CN');
  });

  it('signs in to the forced password change, which leads to the workbench', async () => {
    const temp = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'], mustChangePassword: true });
    const fake = installFakeBridge({
      'app.status': status.locked,
      'auth.signIn': () => temp,
      'auth.changePassword': ({ currentPassword }) =>
        currentPassword === 'temporary pass 1'
          ? { ...temp, mustChangePassword: false }
          : fail('VALIDATION', { reason: 'currentPasswordWrong', issues: [{ path: ['currentPassword'], code: 'custom', message: 'currentPasswordWrong' }] }),
      'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 10 }),
      'system.about': () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, encrypted: true, cipher: 'chacha20', workstationId: 'ws-1' }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await signIn(user, 'wang.zixun', 'temporary pass 1');
    expect(await screen.findByText('请修改密码')).toBeTruthy();
    await fill(user, screen.getByLabelText('当前密码'), 'wrong temporary');
    await fill(user, screen.getByLabelText('新密码'), 'my own new password');
    await fill(user, screen.getByLabelText('再次输入新密码'), 'my own new password');
    await user.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('当前密码不正确。')).toBeTruthy();
    await user.clear(screen.getByLabelText('当前密码'));
    await fill(user, screen.getByLabelText('当前密码'), 'temporary pass 1');
    await user.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    expect(fake.callsTo('auth.changePassword')).toHaveLength(2);
  });

  it("asks for both fields before calling the core, and shows the core's field messages under the field", async () => {
    const fake = installFakeBridge({
      'app.status': status.locked,
      'auth.signIn': () => fail('VALIDATION', { issues: [{ path: ['username'], code: 'too_small', message: 'too small', minimum: 2 }] }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '登录' }));
    expect(screen.getAllByText('请填写此项。')).toHaveLength(2);
    expect(screen.getByLabelText('用户名').getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsTo('auth.signIn')).toEqual([]);
    await fill(user, screen.getByLabelText('用户名'), 'a');
    expect(screen.getAllByText('请填写此项。')).toHaveLength(1);
    await fill(user, screen.getByLabelText('密码'), 'a password');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('至少需要 2 个字符。')).toBeTruthy();
    expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'a', password: 'a password' }]);
  });

  it('shows and hides the password on request', async () => {
    installFakeBridge({ 'app.status': status.locked });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const password = (await screen.findByLabelText('密码')) as HTMLInputElement;
    expect(password.type).toBe('password');
    await user.click(screen.getByRole('button', { name: '显示密码' }));
    expect(password.type).toBe('text');
    await user.click(screen.getByRole('button', { name: '隐藏密码' }));
    expect(password.type).toBe('password');
  });

  it('counts down with the clock (fake timers)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => fail('THROTTLED', { retryAfterSeconds: 60 }) });
    const user = userEvent.setup({ delay: null, advanceTimers: vi.advanceTimersByTime });
    await renderApp();
    await signIn(user, 'zhang.admin', 'whatever password');
    expect((await screen.findByRole('alert')).textContent).toContain('请等待 60 秒后再试');
    await act(async () => {
      vi.advanceTimersByTime(30_000);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/请等待 (30|29) 秒后再试/);
  });
});
