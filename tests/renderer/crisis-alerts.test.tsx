import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status } from './fake-bridge';
import { fill, renderApp } from './render-app';
import { criticalAlert, type Alert } from '../support/alert-fakes';

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

/** Synthetic alert only. */
const CRITICAL: Alert = criticalAlert({ crisisEventId: null, crisisEventNo: null });

function core(roles = COUNSELOR, extra: Parameters<typeof installFakeBridge>[0] = {}) {
  const alerts: Alert[] = [{ ...CRITICAL }];
  return installFakeBridge({
    'app.status': () => status.signedIn(roles),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'crisis.levels': () => [
      { key: 'red', label: '红色', color: 'red', cadenceDays: 3 },
      { key: '1', label: '一级', color: 'volcano', cadenceDays: 7 },
    ],
    'crisis.overdue': () => ({ now: new Date().toISOString(), steps: [] }),
    'crisis.board': () => ({ now: new Date().toISOString(), rows: [] }),
    'alerts.list': (input: ChannelInput<'alerts.list'>) => (input.status === 'all' ? alerts : alerts.filter((a) => !a.acknowledgedAt)),
    'crisis.open': () => {
      Object.assign(alerts[0], {
        acknowledgedAt: '2026-03-02T03:00:00.000Z',
        acknowledgedBy: '王老师',
        actionTaken: 'opened crisis event CR-2026-0007',
        crisisEventId: 'ev-7',
        crisisEventNo: 'CR-2026-0007',
      });
      return { id: 'ev-7', eventNo: 'CR-2026-0007' };
    },
    'alerts.acknowledge': ({ alertId, action, note }) =>
      Object.assign(
        alerts.find((a) => a.id === alertId)!,
        { acknowledgedAt: '2026-03-02T03:00:00.000Z', acknowledgedBy: '王老师', action, note: note ?? null, actionTaken: note ?? null },
      ),
    ...extra,
  });
}

afterEach(() => {
  window.location.hash = '';
});

describe('a critical alert proposes a crisis event', () => {
  it('opens an event in one click from the alert row, at the top level of the scheme, and goes to it', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '打开危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-7'));
    expect(fake.callsTo('crisis.open')).toEqual([
      { studentId: 'st-1', alertId: 'al-1', level: 'red', discoveredAt: CRITICAL.createdAt, description: '由预警开启：PHQ-9 第9题 死亡或自伤念头' },
    ]);
    expect(fake.callsTo('alerts.acknowledge')).toEqual([]);
  });

  it('the acknowledge modal offers both: open an event, or record why not', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '确认处理' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/这是危急预警：请立即开启危机事件/)).toBeTruthy();
    expect(dialog.getByRole('button', { name: /打开危机事件/ })).toBeTruthy();
    await user.click(dialog.getByRole('combobox', { name: '已采取的措施' }));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="评估后无需进一步处理"]')).toBeTruthy());
    await user.click(document.querySelector('.ant-select-item-option[title="评估后无需进一步处理"]') as HTMLElement);
    await fill(user, dialog.getByLabelText('说明'), '当面评估后学生否认计划与意图，已约定次日复评');
    await user.click(dialog.getByRole('button', { name: '确认处理' }));
    await waitFor(() =>
      expect(fake.callsTo('alerts.acknowledge')).toEqual([
        { alertId: 'al-1', action: 'noFurtherAction', note: '当面评估后学生否认计划与意图，已约定次日复评' },
      ]),
    );
    expect(fake.callsTo('crisis.open')).toEqual([]);
  });

  it('shows the linked event on an acknowledged alert', async () => {
    core();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '打开危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-7'));
    window.location.hash = '#/workbench';
    const again = within(await screen.findByTestId('alerts-panel'));
    await user.click(again.getByRole('switch'));
    await user.click(await again.findByRole('button', { name: '已开启危机事件 CR-2026-0007' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-7'));
  });
});

describe('an alert of a student whose event is already open (issue 14 item 1)', () => {
  it('links and acknowledges the alert to the open event and goes there, instead of opening a second one', async () => {
    const fake = core(COUNSELOR, { 'crisis.open': () => fail('CONFLICT', { reason: 'crisisEventOpen', eventId: 'ev-3', eventNo: 'CR-2026-0003' }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '打开危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-3'));
    expect(fake.callsTo('crisis.open')).toHaveLength(1);
    // Not left silently open: acknowledged as 已开启危机事件, naming the open event.
    expect(fake.callsTo('alerts.acknowledge')).toEqual([
      { alertId: 'al-1', action: 'crisisOpened', note: '学生已有进行中的危机事件 CR-2026-0003，本预警并入该事件处置。' },
    ]);
  });
});

describe('opening from an alert is one write, with one error display (issue 20 item 4)', () => {
  it('a second click while the first is under way sends nothing: one event, one navigation', async () => {
    let answer: (value: { id: string; eventNo: string }) => void = () => undefined;
    const fake = core(COUNSELOR, { 'crisis.open': () => new Promise((resolve) => (answer = resolve)) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    const button = await panel.findByRole('button', { name: '打开危机事件' });
    await user.click(button);
    await waitFor(() => expect(fake.callsTo('crisis.open')).toHaveLength(1));
    await user.click(button);
    await user.dblClick(button);
    answer({ id: 'ev-7', eventNo: 'CR-2026-0007' });
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-7'));
    expect(fake.callsTo('crisis.open')).toHaveLength(1);
  });

  it('a refusal reads as translated words in the list, and the alert stays open to act on', async () => {
    const fake = core(COUNSELOR, { 'crisis.open': () => fail('NOT_FOUND', { reason: 'crisisAlertNotFound' }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '打开危机事件' }));
    expect(await screen.findByText('找不到该预警。')).toBeTruthy();
    expect(document.body.textContent).not.toContain('crisisAlertNotFound');
    expect(window.location.hash).not.toContain('crisisEvent');
    expect(fake.callsTo('alerts.acknowledge')).toEqual([]);
    expect(panel.getByRole('button', { name: '打开危机事件' })).toBeTruthy();
  });

  it('in the acknowledge dialog: the refusal shows in the dialog, and a double click opens once', async () => {
    let calls = 0;
    const fake = core(COUNSELOR, {
      'crisis.open': async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return fail('NOT_FOUND', { reason: 'crisisAlertNotFound' });
      },
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const panel = within(await screen.findByTestId('alerts-panel'));
    await user.click(await panel.findByRole('button', { name: '确认处理' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.dblClick(dialog.getByRole('button', { name: /打开危机事件/ }));
    expect(await dialog.findByText('找不到该预警。')).toBeTruthy();
    expect(calls).toBe(1);
    expect(fake.callsTo('crisis.open')).toHaveLength(1);
    expect(fake.callsTo('alerts.acknowledge')).toEqual([]);
    // Still there to record what was done instead.
    expect(dialog.getByRole('button', { name: '确认处理' })).toBeTruthy();
  });
});
