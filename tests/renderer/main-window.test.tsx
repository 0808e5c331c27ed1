import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Account, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';

const ADMIN = session();
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

const ACCOUNTS: Account[] = [
  {
    id: 'acc-1',
    username: 'zhang.admin',
    displayName: '张老师',
    roles: ['admin', 'director'],
    disabled: false,
    mustChangePassword: false,
    hasKeySlot: true,
    department: null,
    createdAt: '2025-09-01T08:00:00.000Z',
  },
  {
    id: 'acc-2',
    username: 'wang.zixun',
    displayName: '王老师',
    roles: ['counselor'],
    disabled: false,
    mustChangePassword: true,
    hasKeySlot: true,
    department: null,
    createdAt: '2025-09-02T08:00:00.000Z',
  },
  {
    id: 'acc-3',
    username: 'li.jiedai',
    displayName: '李老师',
    roles: ['reception'],
    disabled: true,
    mustChangePassword: false,
    hasKeySlot: false,
    department: null,
    createdAt: '2025-09-03T08:00:00.000Z',
  },
];

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'system.about': () => ({
      version: '0.1.0',
      dataDir: '/tmp/counsel-test',
      schemaVersion: 1,
      encrypted: true,
      cipher: 'chacha20',
      workstationId: 'ws-test-1',
    }),
    'accounts.list': () => (s.roles.includes('admin') ? ACCOUNTS : fail('FORBIDDEN', { permission: 'accounts.manage' })),
    'auth.lock': () => ({ locked: true as const }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    ...extra,
  });
}

function menuItems(): string[] {
  return within(screen.getByRole('navigation'))
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');
}

describe('main window', () => {
  it('hides 账号管理 from a counselor and never asks for the account list', async () => {
    const fake = signedInAs(COUNSELOR);
    await renderApp();
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    expect(menuItems()).toEqual([
      '工作台',
      '上报与分诊',
      '个案',
      '预约',
      '随访任务',
      '学生档案',
      '危机干预',
      '重点关注',
      '家校沟通',
      '团体辅导',
      '教育活动',
      '培训与督导',
      '心理健康课程',
      '工作网络',
      '新生心理普查',
      '导入花名册',
      '档案',
      '统计',
      '设置',
      '修改密码',
      '关于',
    ]);
    expect(screen.queryByRole('menuitem', { name: /账号管理/ })).toBeNull();
    await waitFor(() => expect(fake.callsTo('settings.get').length).toBeGreaterThan(0));
    expect(fake.callsTo('accounts.list')).toHaveLength(0);
  });

  it('shows 账号管理 and real workbench facts to an administrator', async () => {
    signedInAs(ADMIN);
    await renderApp();
    expect(await screen.findByText('您好，张老师')).toBeTruthy();
    expect(menuItems()).toEqual([
      '工作台',
      '上报与分诊',
      '个案',
      '预约',
      '随访任务',
      '学生档案',
      '危机干预',
      '重点关注',
      '家校沟通',
      '团体辅导',
      '教育活动',
      '培训与督导',
      '心理健康课程',
      '工作网络',
      '新生心理普查',
      '测评量表',
      '导入花名册',
      '待督导签名',
      '紧急查阅审核',
      '保密例外审批',
      '审计日志',
      '档案',
      '统计',
      '导出到学校服务器',
      '备份与恢复',
      '账号管理',
      '设置',
      '修改密码',
      '关于',
    ]);
    // School name (header and card), idle-lock minutes, the signed-in account, and the account count.
    expect((await screen.findAllByText('测试学院')).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('15 分钟')).toBeTruthy();
    expect(screen.getAllByText('zhang.admin').length).toBeGreaterThan(0);
    const accountsCard = (await screen.findByText('账号概况')).closest('.ant-card') as HTMLElement;
    await waitFor(() => expect(within(accountsCard).getByText('账号总数').closest('.ant-statistic')?.textContent).toContain('3'));
  });

  it('lists accounts with Chinese role names and states', async () => {
    signedInAs(ADMIN);
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('menuitem', { name: /账号管理/ }));
    const table = await screen.findByRole('table');
    await within(table).findByText('wang.zixun');
    expect(within(table).getAllByText('咨询师').length).toBeGreaterThan(0);
    expect(within(table).getByText('接待')).toBeTruthy();
    expect(within(table).getByText('待修改密码')).toBeTruthy();
    expect(within(table).getByText('已停用')).toBeTruthy();
    expect(within(table).getByRole('button', { name: '启用' })).toBeTruthy();
    expect(window.location.hash).toBe('#/accounts');
  });

  it('makes settings read-only for a counselor', async () => {
    const fake = signedInAs(COUNSELOR);
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('menuitem', { name: /设置/ }));
    expect(await screen.findByText('只有管理员或中心主任可以修改工作站设置。')).toBeTruthy();
    expect((screen.getByLabelText('学校名称') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(fake.callsTo('settings.update')).toHaveLength(0);
  });

  it('shows the about page with the encryption state', async () => {
    signedInAs(COUNSELOR);
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('menuitem', { name: /关于/ }));
    expect(await screen.findByText('数据库已加密')).toBeTruthy();
    const row = screen.getByText('数据库已加密').closest('tr') as HTMLElement;
    expect(within(row).getByText('是')).toBeTruthy();
    expect(screen.getByText('ws-test-1')).toBeTruthy();
    expect(screen.getByText('/tmp/counsel-test')).toBeTruthy();
  });
});

describe('locking', () => {
  it('Ctrl+L calls auth.lock, returns to the lock screen and empties the query cache', async () => {
    const fake = signedInAs(ADMIN);
    const { queryClient } = await renderApp();
    await screen.findByText('您好，张老师');
    await waitFor(() => expect(queryClient.getQueryCache().getAll().length).toBeGreaterThan(0));
    window.location.hash = '#/about';
    expect(await screen.findByText('数据库已加密')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', ctrlKey: true });
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    expect(fake.callsTo('auth.lock')).toHaveLength(1);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
    expect(screen.queryByText('测试学院')).toBeNull();
    expect(screen.queryByText('数据库已加密')).toBeNull();
    // The next person starts on the workbench.
    expect(window.location.hash).toBe('');
  });

  it('Cmd+L works too, and the lock button does the same', async () => {
    const fake = signedInAs(ADMIN);
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('您好，张老师');
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', metaKey: true });
    await screen.findByText('工作站已锁定');
    expect(fake.callsTo('auth.lock')).toHaveLength(1);

    fake.handlers['auth.signIn'] = () => ADMIN;
    await user.type(screen.getByLabelText('用户名'), 'zhang.admin');
    await user.type(screen.getByLabelText('密码'), 'correct horse');
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('您好，张老师');
    await user.click(screen.getByRole('button', { name: /锁定/ }));
    await screen.findByText('工作站已锁定');
    expect(fake.callsTo('auth.lock')).toHaveLength(2);
  });

  it('returns to the lock screen when the core reports an idle lock', async () => {
    const fake = signedInAs(ADMIN);
    const { queryClient } = await renderApp();
    await screen.findByText('您好，张老师');
    act(() => fake.emit('session.locked', { reason: 'idle' }));
    expect(await screen.findByText('由于长时间未操作，工作站已自动锁定。')).toBeTruthy();
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it('ignores an event whose payload does not match the contract', async () => {
    const fake = signedInAs(ADMIN);
    await renderApp();
    await screen.findByText('您好，张老师');
    act(() => fake.emit('session.locked', { reason: 'because' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText('您好，张老师')).toBeTruthy();
  });

  it('returns to the lock screen when a call finds the session gone', async () => {
    signedInAs(ADMIN, { 'system.about': () => fail('UNAUTHENTICATED', { reason: 'notSignedIn' }) });
    await renderApp();
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
  });

  it('sends auth.touch on activity at most once per 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = signedInAs(ADMIN);
    await renderApp();
    await screen.findByText('您好，张老师');
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.mouseDown(document.body);
    expect(fake.callsTo('auth.touch')).toHaveLength(0);
    vi.setSystemTime(Date.now() + 31_000);
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.wheel(document.body);
    fireEvent.mouseDown(document.body);
    expect(fake.callsTo('auth.touch')).toHaveLength(1);
    vi.setSystemTime(Date.now() + 31_000);
    fireEvent.wheel(document.body);
    expect(fake.callsTo('auth.touch')).toHaveLength(2);
  });
});
