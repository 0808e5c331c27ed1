import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';
import { criticalAlert, type Alert } from '../support/alert-fakes';

/** Issue 14 items 3 and 18: the header count on every page, URGENT beside CRITICAL (synthetic data only). */

const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });
const LIAISON = session({ accountId: 'acc-5', username: 'li.fudaoyuan', displayName: '李辅导员', roles: ['liaison'] });
const RECEPTION = session({ accountId: 'acc-6', username: 'zhou.jiedai', displayName: '周接待', roles: ['reception'] });

const URGENT_UPI: Alert = criticalAlert({
  id: 'al-2',
  student: { id: 'st-2', studentNo: '2026000002', name: '示例同学' },
  assessmentId: 'as-2',
  instrument: 'upi',
  item: 25,
  code: 'UPI_ITEM25',
  level: 'URGENT',
});
const URGENT_PHQ: Alert = { ...URGENT_UPI, id: 'al-3', assessmentId: 'as-3', instrument: 'phq9', item: 9, code: 'PHQ9_ITEM9' };
const CRITICAL: Alert = { ...URGENT_UPI, id: 'al-1', assessmentId: 'as-1', instrument: 'phq9', item: 9, code: 'PHQ9_ITEM9', level: 'CRITICAL' };

/** A routine task, overdue even: the alerts still come first. */
const ROUTINE_TASK = {
  id: 'task-1',
  student: { id: 'st-9', studentNo: '2026000009', name: '随访同学', department: '文学院', className: null },
  eventId: null,
  source: 'manual',
  title: '例行随访',
  assignedTo: { id: 'acc-9', displayName: '赵主任' },
  dueAt: '2026-03-01T02:00:00.000Z',
  status: 'open',
  overdue: true,
  doneBy: null,
  doneAt: null,
  note: null,
  createdAt: '2026-02-20T02:00:00.000Z',
};

function core(s: SessionInfo, alerts: Alert[], counts = { critical: 0, urgent: 0 }, extra: Handlers = {}) {
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
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'alerts.list': (input: ChannelInput<'alerts.list'>) => (input.status === 'all' ? alerts : alerts.filter((a) => !a.acknowledgedAt)),
    'alerts.counts': () => ({ ...counts }),
    'followups.list': () => ({ rows: [ROUTINE_TASK], total: 1 }) as never,
    ...extra,
  });
}

describe('header alert count', () => {
  it('shows open CRITICAL in red and URGENT in orange, counts only, on any page; a click opens the alert list', async () => {
    window.location.hash = '#/students';
    const fake = core(DIRECTOR, [CRITICAL, URGENT_UPI, URGENT_PHQ], { critical: 1, urgent: 2 });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const count = await screen.findByTestId('header-alert-count');
    expect(within(count).getByTestId('header-critical-count').textContent).toContain('危急 1');
    expect(within(count).getByTestId('header-urgent-count').textContent).toContain('紧急 2');
    expect(getComputedStyle(within(count).getByTestId('header-critical-count')).backgroundColor).toBe('rgb(207, 19, 34)');
    expect(getComputedStyle(within(count).getByTestId('header-urgent-count')).backgroundColor).toBe('rgb(173, 78, 0)');
    // No names in the header.
    expect(document.querySelector('.main-header')!.textContent).not.toMatch(/示例同学|2026000002/);
    expect(count.textContent).toContain('未处理的预警：打开预警列表');
    await user.click(count);
    await waitFor(() => expect(window.location.hash).toBe('#/workbench'));
    const panel = await screen.findByTestId('alerts-panel');
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(fake.callsTo('alerts.counts').length).toBeGreaterThanOrEqual(1);
  });

  it('counts again when the alert list is fetched again (an acknowledgement lowers it)', async () => {
    window.location.hash = '#/workbench';
    const counts = { critical: 1, urgent: 0 };
    const fake = core(DIRECTOR, [CRITICAL], counts);
    const { queryClient } = await renderApp();
    expect((await screen.findByTestId('header-critical-count')).textContent).toContain('危急 1');
    await screen.findByTestId('alerts-panel');
    const before = fake.callsTo('alerts.counts').length;
    counts.critical = 0;
    await queryClient.invalidateQueries({ queryKey: ['alerts.list'] });
    await waitFor(() => expect(fake.callsTo('alerts.counts').length).toBeGreaterThan(before));
    await waitFor(() => expect(screen.queryByTestId('header-alert-count')).toBeNull());
  });

  it('nothing open: no count at all', async () => {
    window.location.hash = '#/workbench';
    const fake = core(DIRECTOR, []);
    await renderApp();
    await screen.findByText('您好，赵主任');
    await waitFor(() => expect(fake.callsTo('alerts.counts').length).toBeGreaterThanOrEqual(1));
    expect(screen.queryByTestId('header-alert-count')).toBeNull();
  });

  it('roles that may not read alerts (liaison, reception) never ask for the count', async () => {
    for (const who of [LIAISON, RECEPTION]) {
      window.location.hash = '#/workbench';
      const fake = core(who, [CRITICAL], { critical: 1, urgent: 0 });
      const { unmount } = await renderApp();
      await screen.findByText(`您好，${who.displayName}`);
      expect(fake.callsTo('alerts.counts')).toEqual([]);
      expect(screen.queryByTestId('header-alert-count')).toBeNull();
      unmount();
    }
  });

  it('reads in English', async () => {
    window.location.hash = '#/workbench';
    core(DIRECTOR, [CRITICAL, URGENT_UPI], { critical: 1, urgent: 1 });
    await renderApp('en');
    expect((await screen.findByTestId('header-critical-count')).textContent).toContain('Critical 1');
    expect(screen.getByTestId('header-urgent-count').textContent).toContain('Urgent 1');
  });
});

describe('workbench alert panel: URGENT is seen too', () => {
  it('an URGENT UPI item 25 or PHQ-9 item 9 = 1 alert is orange, counted, bannered, with its own actions, above the routine tasks', async () => {
    window.location.hash = '#/workbench';
    core(DIRECTOR, [URGENT_UPI, URGENT_PHQ], { critical: 0, urgent: 2 });
    await renderApp();
    const panel = await screen.findByTestId('alerts-panel');
    await waitFor(() => expect(panel.getAttribute('data-urgent')).toBe('true'));
    expect(panel.getAttribute('data-critical')).toBe('false');
    expect(panel.style.border).toContain('2px solid');
    expect(within(panel).getByTestId('alerts-urgent-banner').textContent).toContain('有 2 条紧急预警尚未处理');
    const rows = panel.querySelectorAll('tbody tr[data-level="URGENT"]');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect((row as HTMLElement).style.background).toBe('rgb(255, 247, 230)');
      expect(within(row as HTMLElement).getByRole('button', { name: '打开危机事件' })).toBeTruthy();
      expect(within(row as HTMLElement).getByRole('button', { name: '确认处理' }).className).toContain('ant-btn-primary');
    }
    // The alert list comes before the routine task list on the workbench.
    const tasks = await screen.findByTestId('tasks-panel');
    expect(panel.compareDocumentPosition(tasks) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('CRITICAL keeps its red frame with URGENT beside it', async () => {
    window.location.hash = '#/workbench';
    core(DIRECTOR, [CRITICAL, URGENT_UPI], { critical: 1, urgent: 1 });
    await renderApp();
    const panel = await screen.findByTestId('alerts-panel');
    await waitFor(() => expect(panel.getAttribute('data-critical')).toBe('true'));
    expect(panel.getAttribute('data-urgent')).toBe('true');
    expect(within(panel).getByTestId('alerts-critical-count').textContent).toContain('1');
    expect(within(panel).getByTestId('alerts-urgent-count').textContent).toContain('1');
    expect((panel.querySelector('tbody tr[data-level="CRITICAL"]') as HTMLElement).style.background).toBe('rgb(255, 241, 240)');
  });
});
