import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCK_TEXTS } from '../../src-renderer/lock/texts';
import { Startup } from '../../src-renderer/lock/Startup';
import { fail, installFakeBridge, session, status } from './fake-bridge';
import { fill } from './render-app';

/**
 * Issue 19 goal 4: the window starts with lock/Startup.tsx, which draws the lock screen without the
 * main window's code and hands over to it (lazily loaded) after sign-in or 忘记密码; any other start
 * goes to the main window at once.
 */
const counselor = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const mainWindow = {
  'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 10 }),
  'system.about': () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, encrypted: true, cipher: 'chacha20', workstationId: 'ws-1' }),
} as const;

beforeEach(() => {
  window.localStorage.clear();
});

describe('start-up', () => {
  it('shows the lock screen, signs in and hands over to the main window without asking the core again', async () => {
    const fake = installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => counselor, ...mainWindow });
    const user = userEvent.setup({ delay: null });
    render(<Startup />);
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    expect(screen.getByText('版本 0.1.0')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('用户名'));
    await fill(user, screen.getByLabelText('用户名'), 'wang.zixun');
    await fill(user, screen.getByLabelText('密码'), 'a password');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('您好，王老师', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'wang.zixun', password: 'a password' }]);
    expect(fake.callsTo('app.status')).toHaveLength(1);
  }, 30_000);

  it('keeps the language chosen on the lock screen in the main window', async () => {
    installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => counselor, ...mainWindow });
    const user = userEvent.setup({ delay: null });
    render(<Startup />);
    await user.click(await screen.findByText('English'));
    expect(await screen.findByText('Workstation locked')).toBeTruthy();
    expect(window.localStorage.getItem('counsel.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await fill(user, screen.getByLabelText('Username'), 'wang.zixun');
    await fill(user, screen.getByLabelText('Password'), 'a password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Hello, 王老师', undefined, { timeout: 15_000 })).toBeTruthy();
  }, 30_000);

  it('shows a wrong password on the start-up lock screen, translated, and stays there', async () => {
    installFakeBridge({ 'app.status': status.locked, 'auth.signIn': () => fail('UNAUTHENTICATED', { reason: 'wrongCredentials', retryAfterSeconds: 0 }) });
    const user = userEvent.setup({ delay: null });
    render(<Startup />);
    await fill(user, await screen.findByLabelText('用户名'), 'zhang.admin');
    await fill(user, screen.getByLabelText('密码'), 'not the password');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('用户名或密码错误。');
    expect(screen.getByText('工作站已锁定')).toBeTruthy();
  });

  it('忘记密码 opens the recovery screen, whose way back is the lock screen', async () => {
    installFakeBridge({ 'app.status': status.locked });
    const user = userEvent.setup({ delay: null });
    render(<Startup />);
    await user.click(await screen.findByRole('button', { name: '忘记密码？使用恢复密钥' }));
    await user.click(await screen.findByRole('button', { name: '返回登录' }, { timeout: 15_000 }));
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    expect(screen.getByText('版本 0.1.0')).toBeTruthy();
  }, 30_000);

  it('goes to the first-run wizard, an open session or the failure screen through the main window', async () => {
    installFakeBridge({ 'app.status': status.uninitialized });
    const first = render(<Startup />);
    expect(await screen.findByText('首次设置', undefined, { timeout: 15_000 })).toBeTruthy();
    first.unmount();

    installFakeBridge({ 'app.status': () => status.signedIn(counselor), ...mainWindow });
    const open = render(<Startup />);
    expect(await screen.findByText('您好，王老师', undefined, { timeout: 15_000 })).toBeTruthy();
    open.unmount();

    installFakeBridge({ 'app.status': () => fail('INTERNAL', { reason: 'coreStopped' }) });
    render(<Startup />);
    expect(await screen.findByText('无法连接工作站核心服务。', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  }, 45_000);

  it('has every lock text in both languages', () => {
    expect(Object.keys(LOCK_TEXTS.en).sort()).toEqual(Object.keys(LOCK_TEXTS['zh-CN']).sort());
  });
});
