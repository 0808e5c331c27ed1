import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';
import { followupsAnswer, type FollowupRow } from '../support/census-followup-page';

/** Issue 14 items 8, 9 and 14 in the census pages: alerts and the interview list agree. */
configure({ asyncUtilTimeout: 8000 });

type Batch = ChannelOutput<'census.listBatches'>[number];
type Followup = FollowupRow;

const DIRECTOR = session();
const BATCH: Batch = {
  id: 'b1',
  name: '2026年秋季新生心理普查',
  cohort: '2026级新生',
  grade: '2026级',
  periodStart: null,
  periodEnd: null,
  instruments: ['scl90'],
  rules: { scl90: { screen: { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 } } },
  createdAt: '2026-08-20T08:00:00.000Z',
};
const student = (n: number) => ({
  id: `s${n}`,
  studentNo: `2026${String(n).padStart(6, '0')}`,
  name: `学生${n}`,
  department: '计算机学院',
  className: '计算1班',
});
const item25 = (id: string) => ({ id, code: 'UPI_ITEM25', level: 'URGENT', item: 25 });

const FOLLOWUPS: Followup[] = [
  {
    id: 'f0',
    student: student(6),
    urgency: 0,
    reasons: ['UPI_ITEM25'],
    assignedTo: null,
    status: 'pending',
    outcome: null,
    note: null,
    interviewedAt: null,
    openAlerts: [item25('al6')],
    reopened: false,
  },
  {
    id: 'f1',
    student: student(7),
    urgency: 0,
    reasons: ['UPI_ITEM25'],
    assignedTo: null,
    status: 'pending',
    outcome: 'cleared',
    note: '上次约谈无风险',
    interviewedAt: '2026-09-20T08:00:00.000Z',
    openAlerts: [item25('al7')],
    reopened: true,
  },
  {
    id: 'f2',
    student: student(4),
    urgency: 1,
    reasons: ['UPI_CATEGORY_UNDETERMINED'],
    assignedTo: null,
    status: 'done',
    outcome: 'key_attention',
    note: '需关注',
    interviewedAt: '2026-09-21T08:00:00.000Z',
    openAlerts: [],
    reopened: false,
  },
];

const HISTORY: ChannelOutput<'census.followupHistory'> = [
  {
    id: 'h1',
    kind: 'outcome',
    outcome: 'cleared',
    previousOutcome: null,
    note: '上次约谈无风险',
    reason: null,
    urgency: 3,
    previousUrgency: null,
    details: {},
    actor: '张老师',
    at: '2026-09-20T08:00:00.000Z',
  },
  {
    id: 'h2',
    kind: 'reopened',
    outcome: null,
    previousOutcome: 'cleared',
    note: null,
    reason: 'UPI_ITEM25',
    urgency: 0,
    previousUrgency: 3,
    details: {},
    actor: '张老师',
    at: '2026-09-25T08:00:00.000Z',
  },
];

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auth.lock': () => ({ locked: true as const }),
    'accounts.counselors': () => [{ id: 'acc-1', displayName: '张老师', roles: ['director'] }],
    'census.listBatches': () => [BATCH],
    'instruments.list': () =>
      (['scl90', 'upi', 'k10'] as const).map((id) => ({
        id,
        name: { zh: id === 'upi' ? '大学生人格问卷（UPI）' : id === 'k10' ? 'Kessler心理困扰量表（K10）' : '症状自评量表（SCL-90）', en: id },
        itemCount: 10,
        enabled: true,
        options: {},
        scoringOnly: false,
        hasWording: true,
        wordingSource: 'shipped' as const,
      })),
    'census.followups': (input) => followupsAnswer(FOLLOWUPS, input),
    'census.followupHistory': (input) => (input.followupId === 'f1' ? HISTORY : []),
    'census.progress': () => ({ byDepartment: [{ department: '计算机学院', total: 3, done: 1 }], byCounselor: [] }),
    ...extra,
  });
}

async function openFollowups() {
  window.location.hash = '#/census/b1';
  const user = userEvent.setup({ delay: null });
  await renderApp();
  expect(await screen.findByRole('heading', { name: BATCH.name })).toBeTruthy();
  await user.click(screen.getByRole('tab', { name: '约谈名单' }));
  const table = await screen.findByTestId('census-followups');
  await waitFor(() => expect(rows(table)).toHaveLength(3));
  return { user, table };
}

const rows = (table: HTMLElement) => Array.from(table.querySelectorAll<HTMLElement>('tbody tr.ant-table-row'));

async function chooseAction(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, label: string) {
  await user.click(within(dialog).getByRole('combobox', { name: '已采取的措施' }));
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${label}"]`)).toBeTruthy());
  await user.click(document.querySelector(`.ant-select-item-option[title="${label}"]`) as HTMLElement);
}

describe('census: alerts and the interview list agree', () => {
  it('shows open alerts, reopened entries and an undetermined UPI category with the same words', async () => {
    signedInAs(DIRECTOR);
    const { table } = await openFollowups();
    expect(within(rows(table)[0]).getByText('1 条预警未确认')).toBeTruthy();
    expect(within(rows(table)[1]).getByText('重新待约谈')).toBeTruthy();
    expect(within(rows(table)[2]).getByText('UPI 类别未定')).toBeTruthy();
    expect(within(rows(table)[0]).getByText('UPI 第25题（自杀意念）')).toBeTruthy();
  });

  it('无需跟进 with an URGENT alert open requires acknowledging it with an action, in the same call', async () => {
    const fake = signedInAs(DIRECTOR, { 'census.recordOutcome': (input) => ({ ...FOLLOWUPS[0], status: 'done', outcome: input.outcome, openAlerts: [] }) });
    const { user, table } = await openFollowups();
    await user.click(within(rows(table)[0]).getByRole('button', { name: '记录约谈结果' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: '无需跟进' }));
    expect(await within(dialog).findByText('记录“无需跟进”前，必须先确认危急/紧急预警并选择处理方式。')).toBeTruthy();
    const alerts = within(dialog).getByTestId('census-outcome-alerts');
    const acknowledgeToo = within(alerts).getByRole('checkbox', { name: '同时确认这些预警' }) as HTMLInputElement;
    expect(acknowledgeToo.checked).toBe(true);
    expect(acknowledgeToo.disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    // Nothing is sent while the acknowledgement has no action.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.callsTo('census.recordOutcome')).toHaveLength(0);
    await chooseAction(user, dialog, '已约谈');
    await fill(user, within(dialog).getByLabelText('说明'), '12 月 6 日当面约谈，完成 C-SSRS');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(fake.callsTo('census.recordOutcome')).toEqual([
        { followupId: 'f0', outcome: 'cleared', note: '', acknowledge: { action: 'interviewed', note: '12 月 6 日当面约谈，完成 C-SSRS' } },
      ]),
    );
  });

  it('changing a recorded outcome asks for a reason, and leaving 重点关注 asks about the key-attention entry', async () => {
    const fake = signedInAs(DIRECTOR, { 'census.recordOutcome': (input) => ({ ...FOLLOWUPS[2], outcome: input.outcome }) });
    const { user, table } = await openFollowups();
    await user.click(within(rows(table)[2]).getByRole('button', { name: '修改结果' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: '继续观察' }));
    // Leaving 重点关注 brings the question about the key-attention entry.
    expect(await screen.findByRole('radio', { name: '保留在重点关注名单（按原周期复评）' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('修改已记录的结论时，请写明原因（至少两个字）。')).toBeTruthy();
    expect(await screen.findByText('请选择如何处理重点关注记录。')).toBeTruthy();
    expect(fake.callsTo('census.recordOutcome')).toHaveLength(0);
    await fill(user, within(dialog).getByLabelText('修改原因'), '复评后风险下降');
    await user.click(within(dialog).getByRole('radio', { name: '保留在重点关注名单（按原周期复评）' }));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(fake.callsTo('census.recordOutcome')).toEqual([
        { followupId: 'f2', outcome: 'watch', note: '需关注', changeReason: '复评后风险下降', keyAttention: 'keep' },
      ]),
    );
  });

  it('shows the history of a reopened interview (the earlier outcome is kept)', async () => {
    signedInAs(DIRECTOR);
    const { user, table } = await openFollowups();
    await user.click(within(rows(table)[1]).getByRole('button', { name: '记录约谈结果' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/需要再次约谈（上次结论“无需跟进”保留在记录中）/)).toBeTruthy();
    const history = await within(dialog).findByTestId('census-followup-history');
    expect(within(history).getByText(/因重新导入而重新待约谈/)).toBeTruthy();
    expect(within(history).getByText('UPI 第25题（自杀意念）')).toBeTruthy();
  });

  it('several students selected: one action acknowledges every open alert, each on its own (alerts.acknowledgeMany)', async () => {
    const fake = signedInAs(DIRECTOR, { 'alerts.acknowledgeMany': (input) => input.alertIds.map((id) => ({ id })) as never });
    const { user, table } = await openFollowups();
    await user.click(within(rows(table)[0]).getByRole('checkbox'));
    await user.click(within(rows(table)[1]).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '确认所选学生的预警（2）' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('确认 2 名学生的 2 条预警')).toBeTruthy();
    await chooseAction(user, dialog, '已约谈');
    await fill(user, within(dialog).getByLabelText('说明'), '已安排 12 月 6 日约谈');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(fake.callsTo('alerts.acknowledgeMany')).toEqual([{ alertIds: ['al6', 'al7'], action: 'interviewed', note: '已安排 12 月 6 日约谈' }]),
    );
    expect(await screen.findByText('已确认 2 条预警。')).toBeTruthy();
  });

  it("acknowledging one student's alert offers to record the interview outcome at the same time", async () => {
    const fake = signedInAs(DIRECTOR, { 'census.recordOutcome': (input) => ({ ...FOLLOWUPS[0], status: 'done', outcome: input.outcome, openAlerts: [] }) });
    const { user, table } = await openFollowups();
    await user.click(within(rows(table)[0]).getByRole('button', { name: '确认预警' }));
    const dialog = await screen.findByRole('dialog');
    await chooseAction(user, dialog, '已约谈');
    await user.click(within(dialog).getByRole('checkbox', { name: '同时记录约谈结果' }));
    await user.click(within(dialog).getByRole('radio', { name: '继续观察' }));
    await fill(user, within(dialog).getByLabelText('简要记录'), '情绪低落，两周后回访');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(fake.callsTo('census.recordOutcome')).toEqual([
        { followupId: 'f0', outcome: 'watch', note: '情绪低落，两周后回访', acknowledge: { action: 'interviewed' } },
      ]),
    );
    expect(fake.callsTo('alerts.acknowledgeMany')).toHaveLength(0);
  });
});

describe('census: 批次 → 添加问卷', () => {
  it('adds UPI to a batch that has only SCL-90', async () => {
    const fake = signedInAs(DIRECTOR, {
      'census.addInstruments': (input) => ({
        ...BATCH,
        instruments: ['scl90', ...input.instruments],
        rules: { ...BATCH.rules, upi: { variant: 'B' } },
        instrumentsAdded: input.instruments,
      }),
    });
    window.location.hash = '#/census/b1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByRole('heading', { name: BATCH.name })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '添加问卷' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByLabelText('症状自评量表（SCL-90）')).toBeNull();
    await user.click(within(dialog).getByLabelText('大学生人格问卷（UPI）'));
    await user.click(within(dialog).getByRole('button', { name: '添加' }));
    await waitFor(() => expect(fake.callsTo('census.addInstruments')).toEqual([{ batchId: 'b1', instruments: ['upi'] }]));
    expect(await screen.findByText('已为批次添加 UPI。')).toBeTruthy();
  });
});
