import { QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelInput, Disclosure, Referral, SafetyPlan, SessionInfo } from '../../src-shared/contract';
import { createQueryClient } from '../../src-renderer/api/queries';
import { ReferralLetterPrint } from '../../src-renderer/components/print/ReferralLetterPrint';
import { DisclosuresPanel } from '../../src-renderer/components/referrals/DisclosuresPanel';
import { ReferralsPanel } from '../../src-renderer/components/referrals/ReferralsPanel';
import { SafetyPlanPanel } from '../../src-renderer/components/referrals/SafetyPlanPanel';
import { setLanguage } from '../../src-renderer/i18n';
import { SessionContext } from '../../src-renderer/session';
import { installFakeBridge, session, type Handlers } from './fake-bridge';
import { fill } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'c-1', username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] });
const STUDENT = { id: 's-1', studentNo: '2026990001', name: '测试学生甲', department: '文学院', className: '文学1班' };
const REASON = '测试转介原因：近两周情绪低落、入睡困难';

const REFERRAL: Referral = {
  id: 'r-1',
  student: STUDENT,
  eventId: 'e-1',
  caseId: null,
  hospital: '测试市精神卫生中心',
  hospitalDepartment: '心理科',
  referredOn: '2026-09-01',
  escort: '测试家长',
  letterText: REASON,
  consentToShare: true,
  consentBy: '测试学生甲',
  feedback: null,
  feedbackOn: null,
  status: 'referred',
  createdBy: { id: 'c-1', displayName: '王咨询' },
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
};

async function renderAs(who: SessionInfo, ui: ReactNode) {
  await setLanguage('zh-CN');
  const api = { session: who, lock: async () => undefined, updateSession: () => undefined, enterStudentMode: () => undefined };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AntApp>
        <SessionContext.Provider value={api}>{ui}</SessionContext.Provider>
      </AntApp>
    </QueryClientProvider>,
  );
}

const base: Handlers = { 'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 10 }) };

describe('the printable referral letter (转介函)', () => {
  it('with consent: 机密 header, school, hospital, student, the reason and who consented; printing is audited first', async () => {
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
    const bridge = installFakeBridge({ ...base, 'referrals.get': () => REFERRAL, 'referrals.recordPrint': () => ({ printedAt: '2026-09-01T08:00:00.000Z' }) });
    await renderAs(COUNSELOR, <ReferralLetterPrint referralId="r-1" />);
    const letter = await screen.findByTestId('referral-letter');
    expect(within(letter).getByText('机密 / Confidential')).toBeTruthy();
    expect(letter.textContent).toContain('测试学院');
    expect(letter.textContent).toContain('测试市精神卫生中心 心理科');
    expect(letter.textContent).toContain('2026990001');
    expect(within(letter).getByTestId('letter-reason').textContent).toContain(REASON);
    expect(within(letter).getByTestId('letter-consent').textContent).toContain('经学生（或监护人）测试学生甲 同意');
    expect(letter.textContent).toContain('打印人：王咨询');
    expect(letter.textContent).toContain('咨询师（签名）');
    expect(letter.textContent).toContain('中心（盖章）');

    await userEvent.setup().click(screen.getByRole('button', { name: /打印/ }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(bridge.callsTo('referrals.recordPrint')).toEqual([{ id: 'r-1' }]);
  });

  it('without consent: says the student did not consent and leaves the reason out', async () => {
    installFakeBridge({ ...base, 'referrals.get': () => ({ ...REFERRAL, consentToShare: false, consentBy: null }) });
    await renderAs(COUNSELOR, <ReferralLetterPrint referralId="r-1" />);
    const letter = await screen.findByTestId('referral-letter');
    expect(letter.textContent).toContain('学生未同意本中心向贵院提供其个人信息');
    expect(letter.textContent).not.toContain(REASON);
    expect(within(letter).queryByTestId('letter-reason')).toBeNull();
    expect(letter.textContent).toContain('测试市精神卫生中心');
  });
});

describe('referrals panel', () => {
  it('asks who consented when consent is given, and says what the letter does without it', async () => {
    const created: ChannelInput<'referrals.create'>[] = [];
    const bridge = installFakeBridge({
      'referrals.list': () => [],
      'referrals.create': (input) => {
        created.push(input);
        return REFERRAL;
      },
    });
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <ReferralsPanel studentId="s-1" eventId="e-1" />);
    await user.click(await screen.findByRole('button', { name: /新建转介/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('转介医院'), '测试市精神卫生中心');
    await user.click(within(dialog).getByLabelText('否'));
    expect(await within(dialog).findByText(/转介函只注明学生未同意共享信息/)).toBeTruthy();
    await user.click(within(dialog).getByLabelText('是'));
    await user.click(within(dialog).getByRole('button', { name: '保存转介' }));
    expect(await within(dialog).findByText('学生同意共享信息时，请填写同意人。')).toBeTruthy();
    expect(bridge.callsTo('referrals.create')).toEqual([]);
    await fill(user, within(dialog).getByLabelText('同意人'), '测试学生甲');
    await user.click(within(dialog).getByRole('button', { name: '保存转介' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      studentId: 's-1',
      eventId: 'e-1',
      hospital: '测试市精神卫生中心',
      consentToShare: true,
      consentBy: '测试学生甲',
      status: 'planned',
    });
  });

  it('the feedback dialog says the center records the hospital’s feedback, never its own diagnosis', async () => {
    installFakeBridge({ 'referrals.list': () => [REFERRAL] });
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <ReferralsPanel studentId="s-1" />);
    await user.click(await screen.findByRole('button', { name: '记录医院反馈' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/心理中心不作诊断，也不在此记录中心自己的诊断意见/)).toBeTruthy();
    expect(within(dialog).getByLabelText('医院反馈内容')).toBeTruthy();
  });
});

describe('safety plan', () => {
  const LINES = [
    { name: '学校心理中心值班电话', phone: '010-00000001', note: '工作日' },
    { name: '全国心理援助热线', phone: '12356', note: '' },
    { name: '本地热线（待填）', phone: '', note: '' },
  ];

  it('pre-fills the professionals from the crisis lines and requires warning signs and helpers before saving version 1', async () => {
    const saved: ChannelInput<'safetyPlans.save'>[] = [];
    const bridge = installFakeBridge({
      'safetyPlans.history': () => [],
      'crisis.lines': () => LINES,
      'safetyPlans.save': (input) => {
        saved.push(input);
        return {
          id: 'p-1',
          student: STUDENT,
          eventId: null,
          caseId: null,
          version: 1,
          sections: input.sections,
          createdBy: null,
          createdAt: '2026-09-01T08:00:00.000Z',
        } satisfies SafetyPlan;
      },
    });
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <SafetyPlanPanel studentId="s-1" caseId="case-1" />);
    await user.click(await screen.findByRole('button', { name: /与学生一起制定安全计划/ }));
    const dialog = await screen.findByRole('dialog');
    const professionals = (await within(dialog).findByLabelText('5 专业机构和危机热线')) as HTMLTextAreaElement;
    expect(professionals.value.split('\n')).toEqual(['学校心理中心值班电话 010-00000001（工作日）', '全国心理援助热线 12356']);

    await user.click(within(dialog).getByRole('button', { name: '保存安全计划' }));
    await waitFor(() => expect(within(dialog).getAllByText('请至少填写一条。')).toHaveLength(2));
    expect(bridge.callsTo('safetyPlans.save')).toEqual([]);

    await fill(user, within(dialog).getByLabelText('1 预警信号'), '连续失眠\n\n不想见人');
    await fill(user, within(dialog).getByLabelText('4 可以求助的人'), '室友 测试同学');
    await user.click(within(dialog).getByRole('button', { name: '保存安全计划' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ studentId: 's-1', caseId: 'case-1', basedOnVersion: 0 });
    expect(saved[0].sections).toEqual({
      warningSigns: ['连续失眠', '不想见人'],
      copingStrategies: [],
      distractions: [],
      helpers: ['室友 测试同学'],
      professionals: ['学校心理中心值班电话 010-00000001（工作日）', '全国心理援助热线 12356'],
      safeEnvironment: [],
    });
  });

  it('a change starts from the current version and is saved over it', async () => {
    const current: SafetyPlan = {
      id: 'p-2',
      student: STUDENT,
      eventId: null,
      caseId: null,
      version: 2,
      sections: { warningSigns: ['失眠'], copingStrategies: [], distractions: [], helpers: ['室友'], professionals: ['12356'], safeEnvironment: [] },
      createdBy: { id: 'c-1', displayName: '王咨询' },
      createdAt: '2026-09-01T08:00:00.000Z',
    };
    const bridge = installFakeBridge({
      'safetyPlans.history': () => [current, { ...current, id: 'p-1', version: 1 }],
      'crisis.lines': () => LINES,
      'safetyPlans.save': () => ({ ...current, id: 'p-3', version: 3 }),
    });
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <SafetyPlanPanel studentId="s-1" />);
    expect((await screen.findByTestId('safety-plan-version')).textContent).toBe('第 2 版');
    await user.click(screen.getByRole('button', { name: /修改（保存为新版本）/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('修改安全计划（将保存为第 3 版）')).toBeTruthy();
    expect((within(dialog).getByLabelText('5 专业机构和危机热线') as HTMLTextAreaElement).value).toBe('12356');
    await user.click(within(dialog).getByRole('button', { name: '保存安全计划' }));
    await waitFor(() => expect(bridge.callsTo('safetyPlans.save')).toHaveLength(1));
    expect(bridge.callsTo('safetyPlans.save')[0]).toMatchObject({ basedOnVersion: 2, sections: current.sections });
  });
});

describe('disclosures panel', () => {
  it('marks a pending disclosure as not final', async () => {
    const pending: Disclosure = {
      id: 'd-1',
      student: STUDENT,
      eventId: null,
      caseId: null,
      trigger: 'danger_to_self',
      basis: '自伤风险',
      recipients: ['测试家长'],
      shared: '测试：需陪同就医',
      disclosedAt: '2026-09-01T07:00:00.000Z',
      disclosedBy: { id: 'c-1', displayName: '王咨询' },
      status: 'pending_approval',
      final: false,
      approver: null,
      decidedAt: null,
      decisionNote: null,
      createdAt: '2026-09-01T07:00:00.000Z',
    };
    installFakeBridge({
      'disclosures.list': () => [
        pending,
        {
          ...pending,
          id: 'd-2',
          status: 'approved',
          final: true,
          approver: { id: 'a-1', displayName: '张主任' },
          decisionNote: '同意',
          decidedAt: '2026-09-01T09:00:00.000Z',
        },
      ],
    });
    await renderAs(COUNSELOR, <DisclosuresPanel studentId="s-1" />);
    const tags = await screen.findAllByTestId('disclosure-status');
    expect(tags.map((tag) => tag.textContent)).toEqual(['待主任审批，尚未生效', '已批准']);
    expect(screen.getByText('张主任：同意')).toBeTruthy();
  });
});
