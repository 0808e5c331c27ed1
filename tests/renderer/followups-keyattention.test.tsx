import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const LIAISON = session({ accountId: 'acc-5', username: 'li.fudao', displayName: '李辅导员', roles: ['liaison'] });
const STUDENT = { id: 's1', studentNo: '2026100001', name: '测试学生甲', department: '文学院', className: '文学1班' };

type Leave = ChannelOutput<'leave.list'>[number];
type Entry = ChannelOutput<'keyattention.list'>['rows'][number];

const LEAVE: Leave = {
  id: 'l1',
  student: STUDENT,
  eventId: null,
  startedOn: '2026-09-01',
  expectedReturnOn: '2027-02-20',
  reason: '住院治疗',
  applicationRef: null,
  status: 'on_leave',
  assessments: [],
  createdAt: '2026-09-01T08:00:00.000Z',
};

const entry = (id: string, level: string, name: string, overdue = false): Entry => ({
  id,
  student: { ...STUDENT, id: `s-${id}`, name },
  level,
  reason: '测试原因',
  responsible: { counselorId: 'acc-2', departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: '测试心理委员' },
  counselor: { id: 'acc-2', displayName: '王老师' },
  cadenceDays: 7,
  nextReviewOn: '2026-09-08',
  lastReviewedAt: null,
  status: 'active',
  source: 'manual',
  overdue,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
});

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'followups.list': () => ({ now: '2026-09-10T08:00:00.000Z', rows: [] }),
    'leave.list': () => [LEAVE],
    'calendar.counselors': () => [{ id: 'acc-2', displayName: '王老师' }],
    'students.facets': () => ({ departments: ['文学院'], grades: [], classes: [] }),
    ...extra,
  });
}

async function openReturnForm(language: 'zh-CN' | 'en' = 'zh-CN') {
  window.location.hash = '#/tasks';
  const user = userEvent.setup({ delay: null });
  await renderApp(language);
  await user.click(await screen.findByRole('tab', { name: language === 'en' ? 'Leave and return' : '休学与复学' }));
  await user.click(await screen.findByRole('button', { name: language === 'en' ? 'Return assessment' : /复学评估/ }));
  return { user, dialog: await screen.findByRole('dialog') };
}

describe('return assessment', () => {
  it('refuses approval without all evidence, naming the missing items in Chinese, and sends nothing', async () => {
    const fake = signedInAs(COUNSELOR);
    const { user, dialog } = await openReturnForm();
    await user.click(within(dialog).getByRole('checkbox', { name: '医院诊断证明（可复学）' }));
    await user.click(within(dialog).getByRole('checkbox', { name: '中心复学评估' }));
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('批准复学还缺：监护人承诺书、返校支持方案')).toBeTruthy();
    expect(fake.callsTo('leave.assessReturn')).toEqual([]);
  });

  it('words the missing items in English too, and shows the core refusal the same way', async () => {
    const fake = signedInAs(COUNSELOR, {
      'leave.assessReturn': () => fail('VALIDATION', { reason: 'returnEvidenceMissing', missing: 'supportPlan', missingCount: 1 }),
    });
    const { user, dialog } = await openReturnForm('en');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(
        "Approval still needs: Hospital certificate (fit to return), The center's return assessment, Guardian undertaking, Support plan on return",
      ),
    ).toBeTruthy();
    // Deferral needs no evidence: the core answers, and its refusal is worded from the item keys.
    await user.click(within(dialog).getByRole('radio', { name: 'Deferred' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Approval still needs: Support plan on return')).toBeTruthy();
    expect(fake.callsTo('leave.assessReturn')).toHaveLength(1);
  });

  it('approves with all four items and a date, and reports the weekly check-ins', async () => {
    const fake = signedInAs(COUNSELOR, {
      'leave.assessReturn': () => ({ leave: { ...LEAVE, status: 'returned' }, tasks: [1, 2, 3, 4].map(() => ({}) as never) }),
    });
    const { user, dialog } = await openReturnForm();
    for (const name of ['医院诊断证明（可复学）', '中心复学评估', '监护人承诺书', '返校支持方案'])
      await user.click(within(dialog).getByRole('checkbox', { name }));
    await fill(user, within(dialog).getByRole('textbox', { name: '复学日期' }), '2027-02-20');
    await user.keyboard('{Enter}');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('已批准复学，已生成 4 次每周随访任务')).toBeTruthy();
    expect(fake.callsTo('leave.assessReturn')).toEqual([
      {
        leaveId: 'l1',
        evidence: { hospitalCertificate: true, centerAssessment: true, guardianUndertaking: true, supportPlan: true },
        outcome: 'approved',
        note: '',
        returnedOn: '2027-02-20',
        checkinWeeks: 4,
      },
    ]);
  });
});

describe('key-attention list', () => {
  it('shows levels in the default scheme colours and overdue reviews in red', async () => {
    signedInAs(COUNSELOR, {
      'keyattention.list': () => ({
        now: '2026-09-10T08:00:00.000Z',
        today: '2026-09-10',
        rows: [entry('e1', '1', '测试学生甲', true), entry('e2', '2', '测试学生乙'), entry('e3', '3', '测试学生丙')],
      }),
    });
    window.location.hash = '#/keyattention';
    await renderApp();
    await screen.findByText('测试学生甲（2026100001）');
    const tags = screen.getAllByTestId('ka-level-tag');
    expect(tags.map((tag) => [tag.textContent, ['red', 'orange', 'gold'].find((c) => tag.classList.contains(`ant-tag-${c}`))])).toEqual([
      ['一级', 'red'],
      ['二级', 'orange'],
      ['三级', 'gold'],
    ]);
    expect(screen.getByTestId('ka-overdue').textContent).toContain('已逾期');
    expect(screen.getAllByText('测试原因').length).toBe(3);
  });

  it('takes the colours from the school scheme when the core has one', async () => {
    signedInAs(COUNSELOR, {
      'crisis.levels': () => [
        { key: '1', label: '红色', color: 'magenta', cadenceDays: 3 },
        { key: '2', label: '黄色', color: 'gold', cadenceDays: 14 },
      ],
      'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [entry('e1', '1', '测试学生甲')] }),
    });
    window.location.hash = '#/keyattention';
    await renderApp();
    await waitFor(() => expect(screen.getAllByTestId('ka-level-tag')[0].textContent).toBe('红色'));
    expect(screen.getAllByTestId('ka-level-tag')[0].classList.contains('ant-tag-magenta')).toBe(true);
  });

  it('offers to open a crisis event after moving a student to the top level', async () => {
    const fake = signedInAs(COUNSELOR, {
      'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [entry('e2', '2', '测试学生乙')] }),
      'keyattention.changeLevel': (input) => ({ entry: { ...entry('e2', input.level, '测试学生乙') }, proposeCrisis: true }),
    });
    window.location.hash = '#/keyattention';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '调整级别' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: '新级别' }));
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="一级"]') as HTMLElement));
    await fill(user, within(dialog).getByRole('textbox', { name: '调整原因' }), '出现自伤言语');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await screen.findByText('测试学生乙 已调整为最高关注级别，建议开启危机事件。')).toBeTruthy();
    expect(fake.callsTo('keyattention.changeLevel')).toEqual([{ entryId: 'e2', level: '1', reason: '出现自伤言语' }]);
  });

  it('gives a liaison no reasons and no actions', async () => {
    const noReason = { ...entry('e1', '1', '测试学生甲') };
    delete (noReason as Partial<Entry>).reason;
    signedInAs(LIAISON, { 'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [noReason] }) });
    window.location.hash = '#/keyattention';
    await renderApp();
    await screen.findByText('测试学生甲（2026100001）');
    expect(screen.queryByRole('button', { name: '复查' })).toBeNull();
    expect(screen.queryByRole('button', { name: '添加学生' })).toBeNull();
    expect(screen.queryByText('关注原因')).toBeNull();
  });
});

describe('taking a student off the key-attention list (item 13)', () => {
  const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });

  it('the responsible counselor picks a reason from the list and writes a note; the call becomes a request', async () => {
    const rows = [entry('e1', '2', '测试学生甲')];
    const fake = signedInAs(COUNSELOR, {
      'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows }),
      'keyattention.remove': (input) => {
        rows[0] = {
          ...rows[0],
          pendingRemoval: {
            id: 'rq1',
            entryId: 'e1',
            reasonCode: input.reason as 'riskResolved',
            note: input.note ?? '',
            status: 'pending',
            requestedBy: { id: 'acc-2', displayName: '王老师' },
            requestedAt: '2026-09-10T08:00:00.000Z',
            decidedBy: null,
            decidedAt: null,
            decisionNote: null,
          },
        };
        return rows[0];
      },
    });
    window.location.hash = '#/keyattention';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '移出' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/移出需要中心主任批准/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '提交移出申请' }));
    expect(await within(dialog).findByText('请从列表中选择移出原因。')).toBeTruthy();
    await user.click(within(dialog).getByRole('combobox', { name: '移出原因' }));
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="评估风险已解除"]') as HTMLElement));
    await fill(user, within(dialog).getByRole('textbox', { name: '说明' }), '..');
    await user.click(within(dialog).getByRole('button', { name: '提交移出申请' }));
    expect(await within(dialog).findByText('请写明移出的依据（不能只填“无”或标点）。')).toBeTruthy();
    expect(fake.callsTo('keyattention.remove')).toEqual([]);
    await user.clear(within(dialog).getByRole('textbox', { name: '说明' }));
    await fill(user, within(dialog).getByRole('textbox', { name: '说明' }), '连续三次复评无风险');
    await user.click(within(dialog).getByRole('button', { name: '提交移出申请' }));
    await waitFor(() => expect(fake.callsTo('keyattention.remove')).toEqual([{ entryId: 'e1', reason: 'riskResolved', note: '连续三次复评无风险' }]));
    expect(await screen.findByText('已提交移出申请，等待中心主任批准')).toBeTruthy();
  });

  it("shows the core's refusal while a crisis event is under way, in words", async () => {
    signedInAs(DIRECTOR, {
      'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [entry('e1', '2', '测试学生甲')] }),
      'keyattention.remove': () => fail('CONFLICT', { reason: 'keyAttentionCrisisOpen', eventId: 'ev1', eventNo: 'CR-2026-0003' }),
    });
    window.location.hash = '#/keyattention';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '移出' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: '移出原因' }));
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="已毕业离校"]') as HTMLElement));
    await fill(user, within(dialog).getByRole('textbox', { name: '说明' }), '2026 届毕业离校');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await within(dialog).findByText('该生有进行中的危机事件（CR-2026-0003）：事件结案前不能移出重点关注学生库。')).toBeTruthy();
  });

  it('the director sees the request and approves it; a counselor who is not responsible gets no 移出 button', async () => {
    const waiting = {
      ...entry('e1', '2', '测试学生甲'),
      pendingRemoval: {
        id: 'rq1',
        entryId: 'e1',
        reasonCode: 'graduated' as const,
        note: '已毕业离校',
        status: 'pending' as const,
        requestedBy: { id: 'acc-2', displayName: '王老师' },
        requestedAt: '2026-09-10T08:00:00.000Z',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      },
    };
    const fake = signedInAs(DIRECTOR, {
      'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [waiting] }),
      'keyattention.decideRemoval': () => ({ ...waiting, status: 'removed', pendingRemoval: null }),
    });
    window.location.hash = '#/keyattention';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const queue = await screen.findByTestId('ka-removal-queue');
    expect(within(queue).getByText('王老师 申请移出：已毕业离校')).toBeTruthy();
    await user.click(within(queue).getByRole('button', { name: '批准移出' }));
    await waitFor(() => expect(fake.callsTo('keyattention.decideRemoval')).toEqual([{ requestId: 'rq1', approve: true }]));
  });

  it('hides 移出 from a counselor who is not responsible for the student', async () => {
    const other = {
      ...entry('e1', '2', '测试学生甲'),
      responsible: { counselorId: 'acc-7', departmentCounselor: null, dormWatcher: null, peerCounselor: null },
      counselor: { id: 'acc-7', displayName: '李老师' },
    };
    signedInAs(COUNSELOR, { 'keyattention.list': () => ({ now: '2026-09-10T08:00:00.000Z', today: '2026-09-10', rows: [other] }) });
    window.location.hash = '#/keyattention';
    await renderApp();
    await screen.findByText('测试学生甲（2026100001）');
    expect(screen.getByRole('button', { name: '复查' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '移出' })).toBeNull();
  });
});
