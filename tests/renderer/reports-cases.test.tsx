import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, SessionInfo, Student } from '../../src-shared/contract';
import { fullStudent } from '../support/student-fakes';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

// antd in jsdom is slow on a busy machine.
configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const LIAISON = session({ accountId: 'acc-7', username: 'liaison1', displayName: '院系老师', roles: ['liaison'] });

function signedIn(s: SessionInfo, extra: Handlers = {}) {
  const student: Student = fullStudent(0);
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.get': () => student,
    'students.timeline': () => [],
    'cases.forStudent': () => [],
    'cases.studentStatus': () => ({ hasOpenCase: true, riskLevel: 'moderate' }),
    'cases.counselors': () => [
      { id: 'acc-2', displayName: '王老师', roles: ['counselor'] },
      { id: 'acc-3', displayName: '李老师', roles: ['counselor'] },
    ],
    ...extra,
  });
}

describe('report form (上报)', () => {
  it('shows the contract refusals in Chinese, then files and says an alert went out', async () => {
    const fake = signedIn(COUNSELOR, { 'reports.create': () => ({ id: 'r-1', alertRaised: true, alertLevel: 'CRITICAL' as const }) });
    window.location.hash = '#/student/stu-1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /上报/ }));
    const dialog = await screen.findByRole('dialog');
    for (const label of [
      '情绪低落',
      '哭泣',
      '退缩/回避社交',
      '睡眠变化',
      '谈及死亡',
      '自伤迹象',
      '突然送出个人物品',
      '人际冲突',
      '学业急剧下滑',
      '行为怪异',
      '其他',
    ]) {
      expect(within(dialog).getByLabelText(label), label).toBeTruthy();
    }
    await user.click(within(dialog).getByRole('button', { name: '提交上报' }));
    expect(await within(dialog).findByText('请至少勾选一项观察到的迹象。')).toBeTruthy();
    // The reporter kind was left empty too.
    expect(within(dialog).getAllByText('请填写此项。').length).toBeGreaterThan(0);

    await user.click(within(dialog).getByRole('combobox', { name: '上报人身份' }));
    await user.click(await screen.findByTitle('心理委员'));
    await user.click(within(dialog).getByLabelText('其他'));
    await user.click(within(dialog).getByRole('button', { name: '提交上报' }));
    expect(await within(dialog).findByText('勾选了“其他”，请在“具体情况”中说明。')).toBeTruthy();
    expect(fake.callsTo('reports.create')).toEqual([]);

    await user.click(within(dialog).getByLabelText('其他'));
    await user.click(within(dialog).getByLabelText('谈及死亡'));
    await fill(user, within(dialog).getByLabelText('上报人姓名'), '心理委员甲');
    await fill(user, within(dialog).getByLabelText('具体情况'), '在宿舍里说“活着没意思”（合成数据）');
    await user.click(within(dialog).getByRole('button', { name: '提交上报' }));

    await waitFor(() => expect(fake.callsTo('reports.create')).toHaveLength(1));
    const sent = fake.callsTo('reports.create')[0] as ChannelInput<'reports.create'>;
    expect(sent).toMatchObject({
      studentId: 'stu-1',
      reporterKind: 'peer_counselor',
      reporterName: '心理委员甲',
      signs: ['talk_of_death'],
      urgency: 'routine',
    });
    expect((await screen.findAllByText('上报已提交，并已向心理中心发出危急预警。')).length).toBeGreaterThan(0);
  });

  it('a liaison reports, and sees only whether the student has an open case and its risk', async () => {
    signedIn(LIAISON);
    window.location.hash = '#/student/stu-1';
    await renderApp();
    expect(await screen.findByRole('button', { name: /上报/ })).toBeTruthy();
    const status = await screen.findByTestId('student-case-status');
    expect(within(status).getByText('有进行中的个案')).toBeTruthy();
    expect(within(status).getByText('中风险')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /初始访谈/ })).toBeNull();
  });
});

describe('intake wizard (初始访谈)', () => {
  it('validates each step with the contract (guardian for a minor, concerns, the screener) and opens the case', async () => {
    const fake = signedIn(COUNSELOR, {
      'cases.intake': () => ({ caseId: 'case-1', caseNo: '2026-0001', riskLevel: 'moderate' as const, assessmentId: 'as-1', alertsRaised: 1 }),
    });
    window.location.hash = '#/intake/student:stu-1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText(/学生：张一一/)).toBeTruthy();
    // The limits of confidentiality are spelled out.
    // Read inside the page: the menu has 培训与督导 too.
    const page = screen.getByRole('main');
    for (const text of [/伤害自己/, /伤害他人/, /虐待/, /法律法规要求/, /督导/]) expect(within(page).getByText(text)).toBeTruthy();

    const next = () => user.click(screen.getByRole('button', { name: /下一步|下 一 步/ }));
    await user.click(screen.getByLabelText(/学生未满 18 周岁/));
    await next();
    expect(await screen.findByText('须先向学生说明保密例外。')).toBeTruthy();
    await user.click(screen.getByLabelText(/已向学生逐条说明以上保密例外/));
    await next();
    await waitFor(() => expect(screen.getAllByText('学生未满 18 周岁，请填写此项。')).toHaveLength(2));
    await fill(user, screen.getByLabelText('监护人姓名'), '测试家长');
    await fill(user, screen.getByLabelText('与学生关系'), '母亲');
    await next();

    await waitFor(() => expect(screen.getByTestId('intake-step-concerns').hidden).toBe(false));
    await next();
    expect(await screen.findByText('请至少选择一项。', undefined, { timeout: 5_000 })).toBeTruthy();
    await user.click(screen.getByLabelText('其他'));
    await next();
    // Validation runs after the click settles: on a loaded machine that takes longer than findBy's default second.
    expect(await screen.findByText('选择了“其他”，请说明。', undefined, { timeout: 5_000 })).toBeTruthy();
    await fill(user, screen.getByLabelText('其他问题说明'), '宿舍适应（合成）');
    await user.click(screen.getByLabelText('压力应对'));
    await next();
    await next();

    // The screener: Q3-5 are asked only after a yes to Q2, Q6b only after a yes to Q6.
    await waitFor(() => expect(screen.getByTestId('intake-step-risk').hidden).toBe(false));
    expect(screen.queryByRole('radiogroup', { name: /Q3 / })).toBeNull();
    await next();
    await waitFor(() => expect(screen.getAllByText('请选择“是”或“否”。')).toHaveLength(3));
    const answer = async (q: RegExp, label: '是' | '否') => user.click(within(screen.getByRole('radiogroup', { name: q })).getByLabelText(label));
    await answer(/^Q1 /, '是');
    await answer(/^Q2 /, '是');
    expect(await screen.findByRole('radiogroup', { name: /^Q3 / })).toBeTruthy();
    await answer(/^Q3 /, '是');
    await answer(/^Q4 /, '否');
    await answer(/^Q5 /, '否');
    await answer(/^Q6 /, '否');
    expect(screen.queryByRole('radiogroup', { name: /^Q6b / })).toBeNull();
    await next();

    await user.click(screen.getByLabelText('个体咨询'));
    await user.click(screen.getByRole('button', { name: '完成初始访谈并建立个案' }));
    await waitFor(() => expect(fake.callsTo('cases.intake')).toHaveLength(1));
    const sent = fake.callsTo('cases.intake')[0] as ChannelInput<'cases.intake'>;
    expect(sent).toMatchObject({
      studentId: 'stu-1',
      concerns: ['stress', 'other'],
      otherConcern: '宿舍适应（合成）',
      cssrs: [1, 1, 1, 0, 0, 0, 'NA'],
      disposition: 'individual',
      counselorId: 'acc-2',
      consent: { confidentialityLimitsExplained: true, minor: true, guardianName: '测试家长', guardianRelation: '母亲', consentedBy: '张一一' },
    });
    await waitFor(() => expect(window.location.hash).toBe('#/case/case-1'));
  });
});

describe('case page', () => {
  const DETAIL = {
    id: 'case-1',
    caseNo: '2026-0007',
    student: { id: 'stu-1', studentNo: '2026000001', name: '张一一', department: '计算机学院', className: '计算1班' },
    counselor: { id: 'acc-3', displayName: '李老师' },
    status: 'active' as const,
    riskLevel: 'moderate' as const,
    openedAt: '2026-09-01T08:00:00.000Z',
    closedAt: null,
    closingReason: null,
    closingSummary: null,
    intake: {
      id: 'in-1',
      reportId: null,
      consent: { confidentialityLimitsExplained: true, consentedBy: '张一一', consentedAt: '2026-09-01T08:00:00.000Z', minor: false },
      concerns: ['stress'],
      otherConcern: null,
      history: null,
      riskAssessmentId: 'as-1',
      impression: '适应压力（合成数据）',
      disposition: 'individual' as const,
      conductedBy: { id: 'acc-3', displayName: '李老师' },
      conductedAt: '2026-09-01T08:00:00.000Z',
    },
    access: 'break_glass',
  };

  it('asks another counselor for a break-glass reason, retries with it, and offers no status moves', async () => {
    const fake = signedIn(COUNSELOR, {
      'cases.get': (input) => (input.breakGlassReason ? DETAIL : fail('FORBIDDEN', { reason: 'breakGlassRequired', caseId: 'case-1' })),
    });
    window.location.hash = '#/case/case-1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const prompt = await screen.findByTestId('break-glass-prompt');
    expect(screen.queryByText('适应压力（合成数据）')).toBeNull();
    await fill(user, within(prompt).getByRole('textbox'), '值班时学生来电，需要了解风险情况');
    await user.click(within(prompt).getByRole('button', { name: '说明理由并查阅' }));
    expect(await screen.findByText('适应压力（合成数据）')).toBeTruthy();
    expect(fake.callsTo('cases.get').at(-1)).toEqual({ id: 'case-1', breakGlassReason: '值班时学生来电，需要了解风险情况' });
    expect(screen.getByText(/紧急查阅方式查看本个案/)).toBeTruthy();
    expect(screen.getByText('只有负责本个案的咨询师或中心主任可以变更状态。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /暂停|暂 停/ })).toBeNull();
  });
});

describe('closing at triage (items 15 and 17)', () => {
  const CRITICAL_REPORT = {
    id: 'rep-1',
    student: { id: 'stu-1', studentNo: '2026000001', name: '张一一', department: '计算机学院', className: '计算1班' },
    reporterKind: 'peer_counselor' as const,
    reporterName: '心理委员（合成）',
    reporterContact: null,
    signs: ['talk_of_death' as const],
    description: '多次提到不想活了（合成数据）',
    urgency: 'urgent' as const,
    status: 'new' as const,
    triageNote: null,
    caseId: null,
    reportedAt: '2026-09-02T08:00:00.000Z',
    createdBy: '王老师',
    handledBy: null,
    handledAt: null,
    createdAt: '2026-09-02T08:00:00.000Z',
    alert: { id: 'al-9', code: 'REPORT_TALK_OF_DEATH', level: 'CRITICAL', acknowledged: false },
    closeAction: null,
    links: { crisisEventId: null, intakeId: null, alertId: null },
    closeRequest: null,
  };

  it('a CRITICAL report: an action from the list and a link to what was done, sent to the core in one call', async () => {
    const fake = signedIn(COUNSELOR, {
      'reports.triageQueue': () => ({ total: 1, rows: [CRITICAL_REPORT] }),
      'reports.get': () => CRITICAL_REPORT,
      'crisis.openForStudent': () => ({ events: [] }),
      'reports.close': () => ({ ...CRITICAL_REPORT, status: 'closed', closeAction: 'interviewed' }),
    });
    window.location.hash = '#/triage';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '查看' }));
    await user.click(await screen.findByRole('button', { name: '分诊结案' }));
    const dialog = await waitFor(() => screen.getAllByRole('dialog').find((d) => d.textContent?.includes('不进行初始访谈')) as HTMLElement);
    expect(within(dialog).getByText(/结案必须关联已做的处理/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '分诊结案' }));
    expect(await within(dialog).findByText('请选择已采取的措施。')).toBeTruthy();
    expect(await within(dialog).findByText('请选择关联的处理。')).toBeTruthy();
    await user.click(within(dialog).getByRole('combobox', { name: '已采取的措施' }));
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="已约谈"]') as HTMLElement));
    await fill(user, within(dialog).getByRole('textbox', { name: '说明' }), '当日约谈，C-SSRS 低风险，约定复评');
    await user.click(within(dialog).getByRole('radio', { name: '确认该预警，记录上面的措施' }));
    expect(fake.callsTo('reports.close')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: '分诊结案' }));
    await waitFor(() =>
      expect(fake.callsTo('reports.close')).toEqual([
        { id: 'rep-1', action: 'interviewed', note: '当日约谈，C-SSRS 低风险，约定复评', acknowledgeAlert: true },
      ]),
    );
  });

  it('a routine report needs no link, and 评估后无需进一步处理 needs a real note', async () => {
    const routine = { ...CRITICAL_REPORT, signs: ['low_mood' as const], urgency: 'routine' as const, alert: null };
    const fake = signedIn(COUNSELOR, {
      'reports.triageQueue': () => ({ total: 1, rows: [routine] }),
      'reports.get': () => routine,
      'reports.close': () => ({ ...routine, status: 'closed' }),
    });
    window.location.hash = '#/triage';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '查看' }));
    await user.click(await screen.findByRole('button', { name: '分诊结案' }));
    const dialog = await waitFor(() => screen.getAllByRole('dialog').find((d) => d.textContent?.includes('不进行初始访谈')) as HTMLElement);
    expect(within(dialog).queryByText('关联的处理')).toBeNull();
    await user.click(within(dialog).getByRole('combobox', { name: '已采取的措施' }));
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="评估后无需进一步处理"]') as HTMLElement));
    await fill(user, within(dialog).getByRole('textbox', { name: '说明' }), '无');
    await user.click(within(dialog).getByRole('button', { name: '分诊结案' }));
    expect(await within(dialog).findByText(/请写明具体情况/)).toBeTruthy();
    expect(fake.callsTo('reports.close')).toEqual([]);
  });
});

describe('closing a case of a student at risk (item 15)', () => {
  const AT_RISK = {
    id: 'case-2',
    caseNo: '2026-0008',
    student: { id: 'stu-1', studentNo: '2026000001', name: '张一一', department: '计算机学院', className: '计算1班' },
    counselor: { id: 'acc-2', displayName: '王老师' },
    status: 'active' as const,
    riskLevel: 'high' as const,
    openedAt: '2026-09-01T08:00:00.000Z',
    closedAt: null,
    closingReason: null,
    closingSummary: null,
    intake: null,
    access: 'assigned',
    pendingClose: null,
    closeRisk: { eventId: 'ev-1', eventNo: 'CR-2026-0001', cssrsHigh: true, riskHigh: true },
  };

  it('asks for the reason and sends the counselor’s close to the director', async () => {
    const fake = signedIn(COUNSELOR, {
      'cases.get': () => AT_RISK,
      'crisis.openForStudent': () => ({ events: [] }),
      'cases.setStatus': (input: ChannelInput<'cases.setStatus'>) => ({
        ...AT_RISK,
        pendingClose: {
          id: 'rq-1',
          reason: input.approvalReason ?? '',
          closingReason: 'goals_met',
          requestedBy: { id: 'acc-2', displayName: '王老师' },
          requestedAt: '2026-09-10T08:00:00.000Z',
        },
      }),
    });
    window.location.hash = '#/case/case-2';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '结案' }));
    const dialog = await screen.findByRole('dialog');
    const risk = within(dialog).getByTestId('case-close-risk');
    expect(risk.textContent).toContain('有进行中的危机事件 CR-2026-0001');
    expect(risk.textContent).toContain('最近一次 C-SSRS 筛查为高风险');
    await user.click(within(dialog).getByRole('radio', { name: '咨询目标达成' }));
    await fill(user, within(dialog).getByLabelText('结案小结'), '目标达成（合成数据）');
    await fill(user, within(dialog).getByRole('textbox', { name: '结案理由（供主任批准）' }), '..');
    await user.click(within(dialog).getByRole('button', { name: '提交主任批准' }));
    expect(await within(dialog).findByText('请写明理由（不能只填“无”或标点）。')).toBeTruthy();
    expect(fake.callsTo('cases.setStatus')).toEqual([]);
    await user.clear(within(dialog).getByRole('textbox', { name: '结案理由（供主任批准）' }));
    await fill(user, within(dialog).getByRole('textbox', { name: '结案理由（供主任批准）' }), '学生已住院，由危机事件继续跟进');
    await user.click(within(dialog).getByRole('button', { name: '提交主任批准' }));
    await waitFor(() => expect(fake.callsTo('cases.setStatus')).toHaveLength(1));
    expect(fake.callsTo('cases.setStatus')[0]).toMatchObject({
      id: 'case-2',
      status: 'closed',
      closingReason: 'goals_met',
      approvalReason: '学生已住院，由危机事件继续跟进',
    });
    expect(await screen.findByText('结案申请已提交，等待中心主任批准。')).toBeTruthy();
  });
});
