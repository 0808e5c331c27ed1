import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import type { CrisisEventDetail, CrisisStep } from '../../src-shared/contract/crisis';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

/**
 * The core's `now` is far from the test machine's clock on purpose: the page must count from the
 * core's time, so a step due an hour before the core's `now` is overdue even though, by the
 * machine's clock, its deadline is years away.
 */
const CORE_NOW = '2035-06-01T10:00:00.000Z';
const T0 = '2035-06-01T07:00:00.000Z';

function step(key: string, dueMinutes: number | null, extra: Partial<CrisisStep> = {}): CrisisStep {
  const dueAt = dueMinutes === null ? null : new Date(Date.parse(T0) + dueMinutes * 60_000).toISOString();
  return {
    id: `step-${key}`,
    key,
    position: 0,
    title: `步骤-${key}`,
    ownerRole: 'counselor',
    assignedTo: null,
    dueMinutes,
    levels: [],
    status: 'open',
    applicable: true,
    doneBy: null,
    doneAt: null,
    note: null,
    naReason: null,
    dueAt,
    overdue: dueAt !== null && dueAt < CORE_NOW,
    remainingMs: dueAt === null ? null : Date.parse(dueAt) - Date.parse(CORE_NOW),
    attachments: [],
    overdueAtLevelChange: null,
    ...extra,
  };
}

function detail(): CrisisEventDetail {
  return {
    event: {
      id: 'ev-1',
      eventNo: 'CR-2035-0001',
      student: { id: 'stu-1', studentNo: '2035000001', name: '测试学生甲', department: '文学院' },
      level: '1',
      status: 'open',
      discoveredAt: T0,
      owner: { id: 'acc-2', displayName: '王老师' },
      stepsDone: 1,
      stepsTotal: 4,
      overdueSteps: 1,
      mostOverdueMs: 3_600_000,
      nextDueAt: null,
      source: 'alert',
      caseId: null,
      alertId: 'al-1',
      reportId: null,
      templateVersion: 1,
      description: '合成数据：PHQ-9 第9题',
      summary: null,
      closeRequestedBy: null,
      closeRequestedAt: null,
      approvedBy: null,
      closedAt: null,
      createdAt: T0,
    },
    steps: [
      step('discovery', 0, { status: 'done', doneBy: { id: 'acc-2', displayName: '王老师' }, doneAt: T0, note: '已陪护（合成）', overdue: false }),
      step('assess', 120),
      step('guardian', 1440),
      step('followup', null),
      step('leadership', 1440, { applicable: false, levels: ['9'], overdue: false }),
    ],
    levelChanges: [{ id: 'lc-1', fromLevel: null, toLevel: '1', reason: 'opened', changedBy: { id: 'acc-2', displayName: '王老师' }, changedAt: T0 }],
    contacts: { guardians: [{ name: '家长甲（合成）', relation: '母亲', phone: '13800000001' }], departmentCounselor: '辅导员乙（合成）' },
    content: true,
    now: CORE_NOW,
  };
}

function core(extra: Handlers = {}, event: CrisisEventDetail = detail()) {
  return installFakeBridge({
    'app.status': () => status.signedIn(COUNSELOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'crisis.levels': () => [
      { key: '1', label: '一级', color: 'red', cadenceDays: 7 },
      { key: '2', label: '二级', color: 'orange', cadenceDays: 14 },
    ],
    'crisis.get': () => event,
    'crisis.overdue': () => ({ now: CORE_NOW, steps: [] }),
    'crisis.board': () => ({ now: CORE_NOW, rows: [] }),
    'crisis.markNotApplicable': ({ stepId, reason }) => ({ ...event.steps.find((s) => s.id === stepId)!, status: 'not_applicable', naReason: reason }),
    ...extra,
  });
}

function row(key: string): HTMLElement {
  return document.querySelector(`[data-testid="crisis-step-${key}"]`) as HTMLElement;
}

afterEach(() => {
  window.location.hash = '';
});

describe('crisis event page', () => {
  it('shows overdue steps in red from the core’s now, not the machine clock', async () => {
    core();
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    expect(await screen.findByText('CR-2035-0001')).toBeTruthy();
    await waitFor(() => expect(row('assess')).toBeTruthy());
    // Due 2 h after T0, the core's now is 3 h after: overdue by 1 h, in red.
    expect(row('assess').getAttribute('data-overdue')).toBe('true');
    const timer = within(row('assess')).getByTestId('crisis-step-timer');
    expect(timer.textContent).toMatch(/^已超时 1 小时 0 分/);
    expect(timer.style.color).toBe('rgb(207, 19, 34)');
    expect(within(row('assess')).getByText('超时')).toBeTruthy();
    // Due 24 h after T0: 21 h left, not red.
    expect(row('guardian').getAttribute('data-overdue')).toBe('false');
    expect(within(row('guardian')).getByTestId('crisis-step-timer').textContent).toMatch(/^剩余 2[01] 小时/);
    // Done and ongoing steps have no timer and are never red.
    expect(row('discovery').getAttribute('data-overdue')).toBe('false');
    expect(within(row('discovery')).getByText('已陪护（合成）')).toBeTruthy();
    expect(within(row('followup')).getByText('持续进行')).toBeTruthy();
    // The step the level excludes is folded away, not shown in the checklist.
    expect(within(screen.getByTestId('crisis-checklist')).queryByText('步骤-leadership')).toBeNull();
    expect(screen.getByText('当前级别不适用的步骤（1）')).toBeTruthy();
  });

  it('marking a step not applicable needs a reason', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    await waitFor(() => expect(row('assess')).toBeTruthy());
    await user.click(within(row('assess')).getByRole('button', { name: '不适用' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('标记为不适用')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await within(dialog).findByText('请填写此项。')).toBeTruthy();
    expect(fake.callsTo('crisis.markNotApplicable')).toEqual([]);
    await fill(user, within(dialog).getByLabelText('不适用的原因'), '已由 120 送医，评估在医院完成');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(fake.callsTo('crisis.markNotApplicable')).toEqual([{ stepId: 'step-assess', reason: '已由 120 送医，评估在医院完成' }]));
  });

  it('the board marks overdue counts red and opens the event', async () => {
    const rows: ChannelOutput<'crisis.board'>['rows'] = [
      { ...detail().event, overdueSteps: 2 },
      { ...detail().event, id: 'ev-2', eventNo: 'CR-2035-0002', level: '2', overdueSteps: 0, mostOverdueMs: 0, nextDueAt: '2035-06-01T11:00:00.000Z' },
    ];
    core({ 'crisis.board': () => ({ now: CORE_NOW, rows }), 'students.facets': () => ({ departments: ['文学院'], grades: [], classes: [] }) });
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisis';
    await renderApp();
    const board = await screen.findByTestId('crisis-board');
    await within(board).findByText('CR-2035-0001');
    const counts = within(board).getAllByTestId('crisis-board-overdue');
    expect(counts.map((c) => [c.textContent, c.getAttribute('data-overdue')])).toEqual([
      ['2', 'true'],
      ['0', 'false'],
    ]);
    // The nearest deadline still ahead (the second sort key of the core's order).
    expect(
      within(board)
        .getAllByTestId('crisis-board-next-due')
        .map((c) => c.textContent),
    ).toEqual(['–', expect.stringContaining('2035-06-01')]);
    expect(within(board).getByText('一级')).toBeTruthy();
    expect(within(board).getByText('二级')).toBeTruthy();
    await user.click(within(board).getByText('CR-2035-0001'));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-1'));
  });
});

const DIRECTOR = session({ accountId: 'acc-1', username: 'admin01', displayName: '管理员甲', roles: ['admin', 'director'] });

describe('closing with open steps (issue 14 item 2)', () => {
  it('the closing dialog lists the open steps as links; a link goes to the step in the checklist', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    await waitFor(() => expect(row('assess')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: '申请结案' }));
    const dialog = await screen.findByRole('dialog');
    const list = within(dialog).getByTestId('crisis-open-steps');
    expect(within(list).getByText('还有 3 个步骤未完成，不能结案')).toBeTruthy();
    // The open applicable steps, not the done one nor the one the level excludes.
    expect(
      within(list)
        .getAllByTestId('crisis-open-step-link')
        .map((l) => l.textContent),
    ).toEqual(['步骤-assess', '步骤-guardian', '步骤-followup']);
    await user.click(within(list).getByRole('button', { name: '步骤-guardian' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(row('guardian')));
    expect(fake.callsTo('crisis.requestClose')).toEqual([]);
  });

  it('a refusal from the core shows the steps it found', async () => {
    const all = detail();
    // The page thinks everything is done; the core (someone reopened a step meanwhile) refuses.
    all.steps = all.steps.map((s) => ({ ...s, status: s.applicable ? ('done' as const) : s.status }));
    const fake = core(
      { 'crisis.requestClose': () => fail('CONFLICT', { reason: 'crisisStepsOpen', steps: [{ id: 'step-assess', key: 'assess', title: '步骤-assess' }] }) },
      all,
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    await waitFor(() => expect(row('assess')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: '申请结案' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByTestId('crisis-open-steps')).toBeNull();
    await fill(user, within(dialog).getByLabelText('结案小结（处置经过、结案依据）'), '风险已解除（合成）');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    const list = await within(dialog).findByTestId('crisis-open-steps');
    expect(list.textContent).toContain('结案被拒绝');
    expect(
      within(list)
        .getAllByTestId('crisis-open-step-link')
        .map((l) => l.textContent),
    ).toEqual(['步骤-assess']);
    expect(fake.callsTo('crisis.requestClose')).toHaveLength(1);
  });

  it('the director sees what blocks approval, and a refused approval lists the steps', async () => {
    const waiting = detail();
    waiting.event.status = 'closing';
    const fake = core(
      {
        'app.status': () => status.signedIn(DIRECTOR),
        'crisis.approveClose': () => fail('CONFLICT', { reason: 'crisisStepsOpen', steps: [{ id: 'step-followup', key: 'followup', title: '步骤-followup' }] }),
      },
      waiting,
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    const list = await screen.findByTestId('crisis-open-steps');
    expect(within(list).getAllByTestId('crisis-open-step-link')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: '批准结案' }));
    await user.click(await screen.findByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(fake.callsTo('crisis.approveClose')).toHaveLength(1));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('crisis-open-steps'))
          .getAllByTestId('crisis-open-step-link')
          .map((l) => l.textContent),
      ).toEqual(['步骤-followup']),
    );
  });
});

describe('event page: contacts and kept-overdue steps (items 4 and 16)', () => {
  it('shows guardians and the 辅导员, and tags a step kept overdue after a level drop', async () => {
    const event = detail();
    event.steps.push(step('leadership_kept', 60, { overdueAtLevelChange: '2035-06-01T09:00:00.000Z', levels: ['9'] }));
    core({}, event);
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    expect((await screen.findByTestId('crisis-guardians')).textContent).toBe('家长甲（合成）（母亲） 13800000001');
    expect(screen.getByText('辅导员乙（合成）')).toBeTruthy();
    await waitFor(() => expect(row('leadership_kept')).toBeTruthy());
    expect(row('leadership_kept').getAttribute('data-overdue')).toBe('true');
    expect(within(row('leadership_kept')).getByTestId('crisis-step-kept-overdue').textContent).toBe('降级前已超时');
  });
});

describe('记录通知 offers the guardians and the 辅导员 (issue 14 item 4)', () => {
  it('choosing a guardian fills the name and the recipient kind; free text stays possible', async () => {
    core({ 'crisis.notifications.list': () => [] });
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisisEvent/ev-1';
    await renderApp();
    await user.click(await screen.findByRole('tab', { name: '通知记录' }));
    await user.click(await within(await screen.findByTestId('event-notifications')).findByRole('button', { name: /记录通知/ }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText('通知对象') as HTMLInputElement;
    await user.click(name);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBe(2));
    const options = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
    expect(options).toEqual(['家长甲（合成）（母亲） 13800000001', '辅导员：辅导员乙（合成）']);
    await user.click(document.querySelectorAll('.ant-select-item-option')[0] as HTMLElement);
    await waitFor(() => expect(name.value).toBe('家长甲（合成）（母亲）'));
    expect(within(dialog).getByText('监护人（家长）')).toBeTruthy();
    await user.clear(name);
    await fill(user, name, '宿管阿姨（合成）');
    expect(name.value).toBe('宿管阿姨（合成）');
  });
});
