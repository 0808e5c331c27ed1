import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Stats = ChannelOutput<'statistics.compute'>;

const LEADER = session({ accountId: 'acc-7', username: 'zhao.lingdao', displayName: '赵书记', roles: ['leadership'] });
const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });

/** What the core returns: for leadership the small cells arrive as "<5" already. */
function statsFor(input: ChannelInput<'statistics.compute'>, suppressed: boolean): Stats {
  const small = (n: number) => (suppressed && n < 5 ? ('<5' as const) : n);
  return {
    period: { kind: input.period.kind, start: '2025-09-01', end: '2026-01-31', fromTeachingTerm: false },
    department: input.department ?? null,
    suppressed,
    sessions: {
      total: input.department ? 8 : 120,
      students: 41,
      hours: 100,
      byMode: [
        { key: 'in_person', label: 'in_person', sessions: 110, students: 38 },
        { key: 'online', label: 'online', sessions: small(3), students: small(2) },
        { key: 'phone', label: 'phone', sessions: suppressed ? '—' : 7, students: suppressed ? '—' : 6 },
      ],
      // One row per topic of the plan, 其他 last; labels arrive in Chinese, the page shows its language.
      byTopic: [
        { key: 'academic_adjustment', label: '学习适应', sessions: 60, students: 20 },
        { key: 'emotion_regulation', label: '情绪调节', sessions: 30, students: 15 },
        { key: 'interpersonal', label: '人际交往', sessions: small(3), students: small(2) },
        { key: 'stress_coping', label: '压力应对', sessions: 12, students: 9 },
        { key: 'career_planning', label: '生涯规划', sessions: 0, students: 0 },
        { key: 'relationships', label: '情感问题', sessions: 8, students: 6 },
        { key: 'other', label: '其他', sessions: 7, students: 5 },
      ],
      byGrade: [{ key: '2025级', label: '2025级', sessions: 120, students: 41 }],
    },
    cases: { opened: 12, closed: small(3) },
    crisis: {
      total: small(2),
      students: small(2),
      byLevel: [
        { key: '1', label: '一级', events: small(1), students: small(1) },
        { key: '2', label: '二级', events: small(1), students: small(1) },
        { key: '3', label: '三级', events: 0, students: 0 },
      ],
    },
    referrals: { total: small(1), students: small(1) },
    keyAttention: { atEnd: 9, added: small(2), removed: small(1) },
    census: [
      {
        name: '2025级新生普查',
        roster: 400,
        screened: 380,
        participationRate: 95,
        positives: [{ instrument: 'scl90', screened: 380, positive: small(4), rate: suppressed ? null : 1.1 }],
        listed: 30,
        interviewed: 28,
      },
    ],
    activities: {
      byKind: [
        { kind: 'lecture', count: 3, participants: 450 },
        { kind: 'training_peer_counselors', count: 1, participants: 60 },
      ],
      activities: { count: 3, participants: 450 },
      trainings: { count: 1, participants: 60 },
    },
    groups: input.department
      ? { groups: small(1), sessions: small(3), members: small(3), memberSessions: small(9) }
      : { groups: 2, sessions: 8, members: 12, memberSessions: 70 },
    education: { training: [], courses: [], supervision: { counselors: 0, sessions: 0, hours: 0, perCounselor: [] } },
    familyContacts: {
      contacts: small(3),
      students: small(2),
      byWay: (['phone', 'in_person', 'wechat', 'written', 'other'] as const).map((key) => ({
        key,
        contacts: key === 'phone' ? small(3) : 0,
        students: key === 'phone' ? small(2) : 0,
      })),
    },
  };
}

function signedInAs(s: SessionInfo) {
  const suppressed = !s.roles.some((r) => ['director', 'counselor', 'supervisor', 'trainee'].includes(r));
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'statistics.options': () => ({ departments: ['文学院', '理学院'], currentSchoolYear: 2025, teachingTermSet: false }),
    'statistics.compute': (input) => statsFor(input, suppressed),
    'statistics.exportXlsx': () => ({ fileName: '心理中心统计-2025-09-01至2026-01-31.xlsx', contentBase64: Buffer.from('PK\u0003\u0004').toString('base64') }),
    'leadership.workReport': (input) => ({
      id: null,
      periodKey: input.period.kind,
      progress: '',
      problems: '',
      suggestions: '',
      updatedBy: null,
      updatedAt: null,
      deliveries: [],
    }),
    'statistics.workReport': () => ({
      fileName: '心理中心工作总结数据-2025-09-01至2026-01-31.xlsx',
      contentBase64: Buffer.from('PK\u0003\u0004').toString('base64'),
    }),
  });
}

async function openStatistics() {
  window.location.hash = '#/statistics';
  const user = userEvent.setup({ delay: null });
  await renderApp();
  expect(await screen.findByRole('heading', { name: '统计' })).toBeTruthy();
  return user;
}

function rowOf(title: string, label: string): HTMLElement {
  const card = screen.getByText(title).closest('.ant-card') as HTMLElement;
  return within(card).getByRole('cell', { name: label }).closest('tr') as HTMLElement;
}

describe('statistics page', () => {
  it('shows the leadership group "<5" and "—" cells, charts and the privacy notice', async () => {
    const fake = signedInAs(LEADER);
    await openStatistics();
    expect(await screen.findByText(/不足5名学生的数字显示为“<5”/)).toBeTruthy();
    await waitFor(() => expect(fake.callsTo('statistics.compute')).toEqual([{ period: { kind: 'semester', schoolYear: 2025, term: 'autumn' } }]));
    expect(within(screen.getByTestId('statistics-summary-crisis')).getByText('<5')).toBeTruthy();
    expect(within(screen.getByTestId('statistics-summary-sessions')).getByText('120')).toBeTruthy();
    expect(within(rowOf('咨询方式', '网络')).getAllByText('<5')).toHaveLength(2);
    expect(within(rowOf('咨询方式', '电话')).getAllByText('—')).toHaveLength(2);
    expect(within(rowOf('咨询议题', '情绪调节')).getByText('30')).toBeTruthy();
    expect(within(rowOf('咨询议题', '人际交往')).getAllByText('<5')).toHaveLength(2);
    expect(within(screen.getByTestId('statistics-groups')).getByText('参加人次')).toBeTruthy();
    expect(within(screen.getByTestId('statistics-groups')).getByText('70')).toBeTruthy();
    expect(within(rowOf('心理普查', '2025级新生普查')).getByText('<5（—）')).toBeTruthy();
    expect(rowOf('教育活动与培训', '心理委员培训')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('[data-testid="statistics-chart"] svg').length).toBeGreaterThanOrEqual(4));
  });

  it("names the plan's topics and the group figures in English, with no raw key", async () => {
    signedInAs(DIRECTOR);
    window.location.hash = '#/statistics';
    await renderApp('en');
    expect(await screen.findByRole('heading', { name: 'Statistics' })).toBeTruthy();
    await screen.findByTestId('statistics-groups');
    expect(within(rowOf('Session topics', 'Emotion regulation')).getByText('30')).toBeTruthy();
    expect(rowOf('Session topics', 'Other')).toBeTruthy();
    expect(within(screen.getByTestId('statistics-groups')).getByText('Attendances')).toBeTruthy();
    const topics = screen.getByText('Session topics').closest('.ant-card') as HTMLElement;
    expect(topics.textContent).not.toMatch(/academic_adjustment|emotion_regulation|情绪调节/);
  });

  it('gives the director exact figures and refetches by department and period', async () => {
    const fake = signedInAs(DIRECTOR);
    const user = await openStatistics();
    expect(await screen.findByText(/您看到的是精确数字/)).toBeTruthy();
    expect(within(rowOf('咨询方式', '网络')).getByText('3')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: '院系' }));
    await user.click(await screen.findByTitle('文学院'));
    await waitFor(() =>
      expect(fake.callsTo('statistics.compute').at(-1)).toEqual({ period: { kind: 'semester', schoolYear: 2025, term: 'autumn' }, department: '文学院' }),
    );
    await user.click(screen.getByText('学年'));
    await waitFor(() => expect(fake.callsTo('statistics.compute').at(-1)).toEqual({ period: { kind: 'schoolYear', schoolYear: 2025 }, department: '文学院' }));
  });

  it('shows family contacts by way, and the director writes the work report text for the period', async () => {
    const fake = signedInAs(DIRECTOR);
    fake.handlers['leadership.saveWorkReport'] = (input) => ({
      id: 'wr-1',
      periodKey: 'semester:2025:autumn',
      progress: input.progress,
      problems: input.problems,
      suggestions: input.suggestions,
      updatedBy: { id: 'acc-9', displayName: '李主任' },
      updatedAt: '2026-01-05T02:00:00.000Z',
      deliveries: [],
    });
    const user = await openStatistics();
    const family = await screen.findByTestId('statistics-family');
    expect(within(family).getByText('电话')).toBeTruthy();
    const report = await screen.findByTestId('work-report-text');
    await user.click(within(report).getByLabelText('工作进展'));
    await user.paste('完成新生心理普查与约谈');
    await user.click(within(report).getByRole('button', { name: /保存文字部分/ }));
    await waitFor(() =>
      expect(fake.callsTo('leadership.saveWorkReport')).toEqual([
        { period: { kind: 'semester', schoolYear: 2025, term: 'autumn' }, progress: '完成新生心理普查与约谈', problems: '', suggestions: '' },
      ]),
    );
  });

  it('exports the Excel file and the work report, and prints for the PDF', async () => {
    const createObjectURL = vi.fn(() => 'blob:statistics');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const fake = signedInAs(LEADER);
    const user = await openStatistics();
    await screen.findByTestId('statistics-summary-sessions');
    await user.click(screen.getByRole('button', { name: /导出 Excel/ }));
    await waitFor(() => expect(fake.callsTo('statistics.exportXlsx')).toHaveLength(1));
    expect(await screen.findByText('已导出 心理中心统计-2025-09-01至2026-01-31.xlsx')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /导出工作总结数据/ }));
    await waitFor(() => expect(fake.callsTo('statistics.workReport')).toEqual([{ period: { kind: 'semester', schoolYear: 2025, term: 'autumn' } }]));
    await user.click(screen.getByRole('button', { name: /导出 PDF/ }));
    expect(print).toHaveBeenCalled();
    expect(createObjectURL).toHaveBeenCalledTimes(2);
    click.mockRestore();
    print.mockRestore();
  });
});
