import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

type Steps = ChannelOutput<'system.gettingStarted'>;

function workbench(s: SessionInfo, steps: () => Steps) {
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
    'accounts.list': () => [],
    'system.gettingStarted': steps,
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
  });
}

const ALL_OPEN: Steps = [
  { step: 'roster', done: true },
  { step: 'accounts', done: false },
  { step: 'backupFolder', done: false },
  { step: 'schoolServer', done: false },
  { step: 'crisisLines', done: false },
];

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
});

describe('getting-started list on the workbench', () => {
  it('lists the steps in words, ticks done ones, and each links to its page (zh-CN)', async () => {
    workbench(session(), () => ALL_OPEN);
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    // The first workbench of a file (antd's styles built for the first time, the screen loaded lazily) can take more than 5 s in jsdom.
    const card = await screen.findByTestId('getting-started', {}, { timeout: 15_000 });
    expect(within(card).getByText('开始使用')).toBeTruthy();
    for (const text of ['导入学生花名册', '为中心老师创建账号', '设置备份文件夹', '连接学校服务器']) expect(within(card).getByText(text)).toBeTruthy();
    expect(screen.getByTestId('getting-started-roster').getAttribute('data-done')).toBe('true');
    expect(within(screen.getByTestId('getting-started-roster')).getByLabelText('已完成')).toBeTruthy();
    expect(screen.getByTestId('getting-started-backupFolder').getAttribute('data-done')).toBe('false');
    await user.click(within(screen.getByTestId('getting-started-backupFolder')).getByRole('button', { name: '前往' }));
    await waitFor(() => expect(window.location.hash).toBe('#/backup'));
  });

  it('shows in English too', async () => {
    workbench(session(), () => ALL_OPEN);
    await renderApp('en');
    const card = await screen.findByTestId('getting-started');
    expect(within(card).getByText('Getting started')).toBeTruthy();
    expect(within(card).getByText('Connect to the school server')).toBeTruthy();
    expect(card.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows only the steps the core lists for this role, and nothing when all are done', async () => {
    workbench(session({ roles: ['counselor'] }), () => [{ step: 'roster', done: true }]);
    await renderApp('zh-CN');
    expect(await screen.findByText('您好，张老师')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByTestId('getting-started')).toBeNull();
  });

  it('goes away when dismissed, and stays away for that account', async () => {
    const fake = workbench(session(), () => ALL_OPEN);
    const user = userEvent.setup({ delay: null });
    const first = await renderApp('zh-CN');
    const card = await screen.findByTestId('getting-started');
    await user.click(within(card).getByRole('button', { name: '不再显示' }));
    expect(screen.queryByTestId('getting-started')).toBeNull();
    first.unmount();
    const calls = fake.callsTo('system.gettingStarted').length;
    await renderApp('zh-CN');
    expect(await screen.findByText('您好，张老师')).toBeTruthy();
    expect(screen.queryByTestId('getting-started')).toBeNull();
    expect(fake.callsTo('system.gettingStarted').length).toBe(calls);
  });
});
