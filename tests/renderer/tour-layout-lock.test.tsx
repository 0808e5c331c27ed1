import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { trendOption } from '../../src-renderer/components/assessments/TrendChart';
import type { AssessmentSummary } from '../../src-renderer/components/assessments/types';
import { timeAxisDomain } from '../../src-renderer/components/charts/timeDomain';
import i18n from '../../src-renderer/i18n';
import { NAVIGATION } from '../../src-renderer/navigation';
import { ICONS } from '../../src-renderer/screens/MainLayout';
import { installFakeBridge, session, status } from './fake-bridge';
import { fill, renderApp } from './render-app';

/** Issue 16 (settings, layout and words): the menu, one <main>, a one-point trend, and locking. */

const ADMIN = session();
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

function signedInAs(s: SessionInfo) {
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
    'auth.lock': () => ({ locked: true as const }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
  });
}

describe('side menu and page frame', () => {
  it('gives every menu entry its own icon', () => {
    const missing = NAVIGATION.filter((item) => ICONS[item.route] === undefined).map((item) => item.route);
    expect(missing).toEqual([]);
  });

  it('shows an icon on every menu item the administrator sees, and the page has exactly one <main>', async () => {
    signedInAs(ADMIN);
    await renderApp();
    await screen.findByText('您好，张老师');
    const items = within(screen.getByRole('navigation')).getAllByRole('menuitem');
    expect(items.length).toBeGreaterThan(20);
    const withoutIcon = items.filter((item) => item.querySelector('.ant-menu-item-icon') === null).map((item) => item.textContent);
    expect(withoutIcon).toEqual([]);
    expect(document.querySelectorAll('main')).toHaveLength(1);
    expect(screen.getAllByRole('main')).toHaveLength(1);
  });
});

describe('trend chart time axis', () => {
  const at = '2026-09-10T08:00:00.000Z';
  it('ends a one-point chart at that point (nothing after it), with a week before it', () => {
    const domain = timeAxisDomain([at]);
    expect(domain).toEqual({ min: Date.parse(at) - 7 * 24 * 3600 * 1000, max: Date.parse(at) });
  });

  it('spans exactly from the first to the last point otherwise', () => {
    expect(timeAxisDomain(['2026-09-01T08:00:00.000Z', at])).toEqual({ min: Date.parse('2026-09-01T08:00:00.000Z'), max: Date.parse(at) });
    expect(timeAxisDomain([])).toBeNull();
  });

  it('puts that domain on the trend chart of a single PHQ-9', () => {
    const one = { id: 'a1', instrument: 'phq9', status: 'complete', total: 7, completedAt: at, startedAt: at } as unknown as AssessmentSummary;
    const option = trendOption('phq9', [one], i18n.t.bind(i18n) as never) as { xAxis: { min: number; max: number } };
    expect(option.xAxis.max).toBe(Date.parse(at));
    expect(option.xAxis.min).toBeLessThan(Date.parse(at));
  });
});

describe('lock and sign in again', () => {
  it('keeps the username and returns the same person to the page they were on', async () => {
    const fake = signedInAs(ADMIN);
    fake.handlers['auth.signIn'] = () => ADMIN;
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('您好，张老师');
    window.location.hash = '#/about';
    expect(await screen.findByText('数据库已加密')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /锁定/ }));
    await screen.findByText('工作站已锁定');
    // Nothing of the page in the address while locked.
    expect(window.location.hash).toBe('');
    expect((screen.getByLabelText('用户名') as HTMLInputElement).value).toBe('zhang.admin');
    await fill(user, screen.getByLabelText('密码'), 'correct horse');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('数据库已加密')).toBeTruthy();
    expect(window.location.hash).toBe('#/about');
    expect(fake.callsTo('auth.signIn')).toEqual([{ username: 'zhang.admin', password: 'correct horse' }]);
  });

  it('starts another account on the workbench, not on the page the last person had open', async () => {
    const fake = signedInAs(ADMIN);
    fake.handlers['auth.signIn'] = () => COUNSELOR;
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('您好，张老师');
    window.location.hash = '#/about';
    expect(await screen.findByText('数据库已加密')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /锁定/ }));
    const username = (await screen.findByLabelText('用户名')) as HTMLInputElement;
    await user.clear(username);
    await fill(user, username, 'wang.zixun');
    await fill(user, screen.getByLabelText('密码'), 'another pass');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe(''));
    expect(screen.queryByText('数据库已加密')).toBeNull();
  });
});
