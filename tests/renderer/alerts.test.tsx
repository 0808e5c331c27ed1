import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';
import { criticalAlert, type Alert } from '../support/alert-fakes';

const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });

/** Synthetic students and alerts only. */
const CRITICAL: Alert = criticalAlert();

const URGENT: Alert = {
  ...CRITICAL,
  id: 'al-2',
  student: { id: 'st-2', studentNo: '2026000002', name: '示例同学' },
  assessmentId: 'as-2',
  instrument: 'upi',
  item: 25,
  code: 'UPI_ITEM25',
  level: 'URGENT',
};

const DONE: Alert = {
  ...CRITICAL,
  id: 'al-0',
  level: 'URGENT',
  createdAt: '2026-02-01T02:15:00.000Z',
  acknowledgedBy: '赵主任',
  acknowledgedAt: '2026-02-01T05:00:00.000Z',
  actionTaken: '已当面约谈并完成 C-SSRS 评估',
};

/** A signed-in director whose core keeps the alerts and their acknowledgements. */
function directorCore(s: SessionInfo = DIRECTOR, extra: Handlers = {}) {
  const alerts: Alert[] = [CRITICAL, URGENT, DONE].map((a) => ({ ...a }));
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
    'alerts.acknowledge': ({ alertId, action, note }) => {
      const alert = alerts.find((a) => a.id === alertId)!;
      Object.assign(alert, { acknowledgedBy: '赵主任', acknowledgedAt: '2026-03-02T03:00:00.000Z', action, note: note ?? null, actionTaken: note ?? null });
      return alert;
    },
    ...extra,
  });
}

/** Picks an option of the action list in the open dialog. */
async function chooseAction(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, label: string) {
  await user.click(within(dialog).getByRole('combobox', { name: '已采取的措施' }));
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${label}"]`)).toBeTruthy());
  await user.click(document.querySelector(`.ant-select-item-option[title="${label}"]`) as HTMLElement);
}

async function panel() {
  return within((await screen.findByTestId('alerts-panel')) as HTMLElement);
}

describe('alerts panel on the workbench', () => {
  it('lists open alerts with level, student, instrument, item and translated code, red when critical', async () => {
    directorCore();
    await renderApp();
    const card = await panel();
    expect(await card.findByText('测试学生')).toBeTruthy();
    expect(card.getByText('2026000001')).toBeTruthy();
    expect(card.getByText('危急')).toBeTruthy();
    expect(card.getByText('紧急')).toBeTruthy();
    expect(card.getByText('PHQ-9')).toBeTruthy();
    expect(card.getByText('第 9 题')).toBeTruthy();
    expect(card.getByText('第9题 死亡或自伤念头')).toBeTruthy();
    expect(card.getByText('第25题 自杀意念')).toBeTruthy();
    expect(card.getByText('有 1 条危急预警尚未处理，请立即按危机干预流程处理。')).toBeTruthy();
    // The acknowledged one is not in the open list.
    expect(card.queryByText('已当面约谈并完成 C-SSRS 评估')).toBeNull();
    const root = screen.getByTestId('alerts-panel');
    expect(root.getAttribute('data-critical')).toBe('true');
    expect(root.style.border).toContain('2px solid');
    // Rows keep the core's order (unacknowledged, most severe first).
    const rows = within(root).getAllByRole('row').slice(1);
    expect(rows.map((r) => (r.textContent?.includes('测试学生') ? 'critical' : 'urgent'))).toEqual(['critical', 'urgent']);
  });

  it('refuses a missing action, and 其他 or 评估后无需进一步处理 without a real note, without calling the core', async () => {
    const fake = directorCore();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const card = await panel();
    await user.click((await card.findAllByRole('button', { name: '确认处理' }))[0]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('测试学生 · 2026000001')).toBeTruthy();
    expect(within(dialog).getByText(/需当日联系并做 C-SSRS 评估/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    expect(await within(dialog).findByText('请选择已采取的措施。')).toBeTruthy();
    await chooseAction(user, dialog, '评估后无需进一步处理');
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    expect(await within(dialog).findByText(/请写明具体情况/)).toBeTruthy();
    await fill(user, within(dialog).getByLabelText('说明'), '..');
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    expect(await within(dialog).findByText(/请写明具体情况/)).toBeTruthy();
    await chooseAction(user, dialog, '其他');
    await fill(user, within(dialog).getByLabelText('说明'), '无');
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    expect(await within(dialog).findByText(/请写明具体情况/)).toBeTruthy();
    expect(fake.callsTo('alerts.acknowledge')).toEqual([]);
  });

  it('acknowledges with the action taken; the alert leaves the open list and shows under 显示已处理', async () => {
    const fake = directorCore();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const card = await panel();
    await user.click((await card.findAllByRole('button', { name: '确认处理' }))[0]);
    const dialog = await screen.findByRole('dialog');
    await chooseAction(user, dialog, '已约谈');
    await fill(user, within(dialog).getByLabelText('说明'), '已当面约谈，完成 C-SSRS，已通知辅导员并启动危机流程');
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    await waitFor(() =>
      expect(fake.callsTo('alerts.acknowledge')).toEqual([
        { alertId: 'al-1', action: 'interviewed', note: '已当面约谈，完成 C-SSRS，已通知辅导员并启动危机流程' },
      ]),
    );
    expect(await screen.findByText('预警已确认处理。')).toBeTruthy();
    await waitFor(() => expect(card.queryByText('测试学生')).toBeNull());
    expect(screen.getByTestId('alerts-panel').getAttribute('data-critical')).toBe('false');
    expect(card.getByText('示例同学')).toBeTruthy();

    await user.click(card.getByRole('switch'));
    await waitFor(() => expect(fake.callsTo('alerts.list')).toContainEqual({ status: 'all' }));
    expect(await card.findByText('已当面约谈，完成 C-SSRS，已通知辅导员并启动危机流程')).toBeTruthy();
    expect(card.getByText('已当面约谈并完成 C-SSRS 评估')).toBeTruthy();
    expect(card.getAllByText(/赵主任 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认/)).toHaveLength(2);
  });

  it('opens the student file from the name', async () => {
    directorCore();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const card = await panel();
    await user.click((await card.findByText('测试学生')).closest('button')!);
    await waitFor(() => expect(window.location.hash).toBe('#/student/st-1'));
  });

  it('says so when there is nothing open, without the red border', async () => {
    directorCore(DIRECTOR, { 'alerts.list': () => [] });
    await renderApp();
    const card = await panel();
    expect(await card.findByText('没有未处理的预警。')).toBeTruthy();
    expect(screen.getByTestId('alerts-panel').getAttribute('data-critical')).toBe('false');
  });

  it('is not shown to roles without alerts.read', async () => {
    const fake = directorCore(session({ roles: ['reception'], displayName: '李老师' }));
    await renderApp();
    expect(await screen.findByText('您好，李老师')).toBeTruthy();
    expect(screen.queryByTestId('alerts-panel')).toBeNull();
    expect(fake.callsTo('alerts.list')).toEqual([]);
  });
});

describe('a census alert records the interview outcome at the same time (item 9)', () => {
  it('offers the batch, and sends one census.recordOutcome that acknowledges with the action', async () => {
    const fake = directorCore(DIRECTOR, {
      'census.followupForAlert': () => ({
        batch: { id: 'b1', name: '2026级新生普查' },
        followup: { id: 'f1', status: 'pending', outcome: null } as never,
      }),
      'census.recordOutcome': () => ({}) as never,
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const card = await panel();
    await user.click((await card.findAllByRole('button', { name: '确认处理' }))[0]);
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('checkbox', { name: '同时记录约谈结果（2026级新生普查）' }));
    await chooseAction(user, dialog, '已约谈');
    await fill(user, within(dialog).getByLabelText('说明'), '当面约谈，C-SSRS 低风险');
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    expect(await within(dialog).findByText('请选择约谈结果。')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: '继续观察' }));
    await user.click(within(dialog).getByRole('button', { name: '确认处理' }));
    await waitFor(() =>
      expect(fake.callsTo('census.recordOutcome')).toEqual([
        { followupId: 'f1', outcome: 'watch', note: '当面约谈，C-SSRS 低风险', acknowledge: { action: 'interviewed', note: '当面约谈，C-SSRS 低风险' } },
      ]),
    );
    expect(fake.callsTo('alerts.acknowledge')).toEqual([]);
  });
});
