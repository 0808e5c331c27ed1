import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { SessionInfo, Student, TimelineEntry } from '../../src-shared/contract';
import { FACETS, fullStudent, searchHandler } from '../support/student-fakes';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

const DIRECTOR = session();
const RECEPTION = session({ accountId: 'acc-5', username: 'zhao.jiedai', displayName: '赵老师', roles: ['reception'] });

const TIMELINE: TimelineEntry[] = [
  {
    at: '2025-10-08T06:05:00.000Z',
    kind: 'alert',
    titleKey: 'timeline.alertRaised',
    values: { code: 'PHQ9_ITEM9', item: 9 },
    level: 'CRITICAL',
    ref: { type: 'alert', id: 'al-1' },
  },
  {
    at: '2025-10-08T06:00:00.000Z',
    kind: 'assessment',
    titleKey: 'timeline.assessmentCompleted',
    values: { instrument: 'phq9', total: 14, band: 'moderate' },
    level: 'URGENT',
    ref: { type: 'assessment', id: 'as-1' },
  },
  {
    at: '2025-10-01T01:00:00.000Z',
    kind: 'case',
    titleKey: 'timeline.caseOpened',
    values: { counselor: '王老师' },
    level: null,
    ref: { type: 'case', id: 'c-1' },
  },
  {
    at: '2025-09-01T02:30:00.000Z',
    kind: 'student',
    titleKey: 'timeline.studentImported',
    values: { studentNo: '2026000001' },
    level: null,
    ref: { type: 'student', id: 'stu-1' },
  },
];

function openFile(s: SessionInfo, id: string, extra: Handlers = {}) {
  window.location.hash = `#/student/${id}`;
  let student: Student = fullStudent(0);
  const fake = installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.search': searchHandler(240),
    'students.facets': () => FACETS,
    'students.get': ({ id: wanted }) => (wanted === student.id ? student : fail('NOT_FOUND', { reason: 'studentNotFound' })),
    'students.timeline': () => TIMELINE,
    'students.update': ({ patch }) => {
      student = { ...student, ...patch, updatedAt: '2025-10-09T08:00:00.000Z' } as Student;
      return student;
    },
    ...extra,
  });
  return fake;
}

describe('student file', () => {
  it('shows the header and every field of 基本信息, guardians included', async () => {
    openFile(DIRECTOR, 'stu-1');
    await renderApp();
    expect(await screen.findByRole('heading', { name: '张一一' })).toBeTruthy();
    expect(screen.getByText('计算机学院 / 2026级 / 计算1班')).toBeTruthy();
    const info = screen.getByRole('tabpanel');
    for (const label of ['学号', '姓名', '性别', '出生日期', '状态', '联系电话', '院系', '专业', '年级', '班级', '宿舍', '辅导员', '建档方式']) {
      expect(within(info).getAllByText(label).length, label).toBeGreaterThan(0);
    }
    expect(within(info).getByText('1号楼101')).toBeTruthy();
    expect(within(info).getByText('辅导员1')).toBeTruthy();
    expect(within(info).getByText('花名册导入')).toBeTruthy();
    expect(within(info).getByText('张家长')).toBeTruthy();
    expect(within(info).getByText('父亲')).toBeTruthy();
    // A director is clinical: the assessments tab is there.
    expect(screen.getByRole('tab', { name: '心理测评' })).toBeTruthy();
  });

  it('renders the timeline in local time with level tags, codes in words, and an unknown kind as neutral words', async () => {
    openFile(DIRECTOR, 'stu-1');
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('tab', { name: '时间线' }));
    const entries = await screen.findAllByTestId('timeline-entry');
    expect(entries).toHaveLength(4);
    expect(entries[0].textContent).toContain('预警：PHQ-9 第9题（死亡或自伤念头）');
    expect(within(entries[0]).getByText('危急').closest('.ant-tag')?.className).toMatch(/red/);
    expect(entries[1].textContent).toContain('完成测评 PHQ-9，总分 14');
    expect(within(entries[1]).getByText('紧急').closest('.ant-tag')?.className).toMatch(/orange/);
    // A kind a later module adds, without text yet: neutral words, not its key, a crash or a blank.
    expect(entries[2].textContent).toContain('其他记录');
    expect(entries[2].textContent).not.toContain('timeline.caseOpened');
    expect(entries[3].textContent).toContain('从花名册导入建档（学号 2026000001）');
    expect(entries[3].textContent).toContain(dayjs('2025-09-01T02:30:00.000Z').format('YYYY-MM-DD HH:mm'));
  });

  it('edits 宿舍 and sends only the changed field', async () => {
    const fake = openFile(DIRECTOR, 'stu-1');
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /编辑/ }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('学号') as HTMLInputElement).value).toBe('2026000001');
    const dorm = within(dialog).getByLabelText('宿舍') as HTMLInputElement;
    expect(dorm.value).toBe('1号楼101');
    await user.clear(dorm);
    await fill(user, dorm, '9号楼 909');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('students.update')).toHaveLength(1));
    expect(fake.callsTo('students.update')[0]).toEqual({ id: 'stu-1', patch: { dorm: '9号楼 909' } });
    expect(await screen.findByText('9号楼 909')).toBeTruthy();
  });

  it('hides 心理测评 from reception, who may still edit', async () => {
    openFile(RECEPTION, 'stu-1');
    await renderApp();
    await screen.findByRole('heading', { name: '张一一' });
    expect(screen.queryByRole('tab', { name: '心理测评' })).toBeNull();
    expect(screen.getByRole('tab', { name: '时间线' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /编辑/ })).toBeTruthy();
  });

  it('says "not found or not in your department" for NOT_FOUND, with a way back', async () => {
    openFile(DIRECTOR, 'stu-404');
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText('找不到该学生')).toBeTruthy();
    expect(screen.getByText('该学生不存在，或不在您负责的院系范围内。')).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: /返回学生列表/ })[0]);
    await waitFor(() => expect(window.location.hash).toBe('#/students'));
  });
});

const OPEN_EVENT = {
  id: 'ev-1',
  eventNo: 'CR-2025-0007',
  student: { id: 'stu-1', studentNo: '2026000001', name: '张一一', department: '计算机学院' },
  level: '1',
  status: 'open' as const,
  discoveredAt: '2025-10-08T06:00:00.000Z',
  owner: { id: 'acc-2', displayName: '王老师' },
  stepsDone: 2,
  stepsTotal: 13,
  overdueSteps: 1,
  mostOverdueMs: 60_000,
  nextDueAt: null,
};

describe('student file: the crisis event under way (issue 14 item 1)', () => {
  it('shows the open event at the top (number, level, status, owner) and the button leads to it instead of opening another', async () => {
    const fake = openFile(DIRECTOR, 'stu-1', { 'crisis.openForStudent': () => ({ events: [OPEN_EVENT] }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const banner = await screen.findByTestId('open-crisis-banner');
    expect(within(banner).getByText('该学生有进行中的危机事件')).toBeTruthy();
    expect(within(banner).getByText('CR-2025-0007')).toBeTruthy();
    expect(within(banner).getByText('一级')).toBeTruthy();
    expect(within(banner).getByText('处置中')).toBeTruthy();
    expect(within(banner).getByText('负责人：王老师')).toBeTruthy();
    expect(within(banner).getByText('1 个步骤已超时')).toBeTruthy();
    const button = screen.getByTestId('open-crisis-button');
    expect(button.textContent).toContain('查看进行中的危机事件');
    expect(screen.queryByRole('button', { name: /新建危机事件/ })).toBeNull();
    await user.click(button);
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-1'));
    expect(fake.callsTo('crisis.open')).toEqual([]);
  });

  it('the event number in the banner is a link to the event', async () => {
    openFile(DIRECTOR, 'stu-1', { 'crisis.openForStudent': () => ({ events: [OPEN_EVENT] }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(within(await screen.findByTestId('open-crisis-banner')).getByRole('button', { name: 'CR-2025-0007' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-1'));
  });

  it('no banner and 新建危机事件 without an open event; a CONFLICT from the core (opened meanwhile elsewhere) lands on that event', async () => {
    const fake = openFile(DIRECTOR, 'stu-1', {
      'crisis.openForStudent': () => ({ events: [] }),
      'crisis.open': () => fail('CONFLICT', { reason: 'crisisEventOpen', eventId: 'ev-9', eventNo: 'CR-2025-0009' }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByRole('heading', { name: '张一一' });
    await waitFor(() => expect(screen.getByTestId('open-crisis-button').textContent).toContain('新建危机事件'));
    expect(screen.queryByTestId('open-crisis-banner')).toBeNull();
    await user.click(screen.getByTestId('open-crisis-button'));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('发现情况（来源、所见所闻）'), '合成数据：宿舍发现');
    await user.click(within(dialog).getByRole('button', { name: '开启事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-9'));
    expect(fake.callsTo('crisis.open')).toHaveLength(1);
  });

  it('a reader without crisis.read sees no banner and no button', async () => {
    const fake = openFile(RECEPTION, 'stu-1', { 'crisis.openForStudent': () => ({ events: [OPEN_EVENT] }) });
    await renderApp();
    await screen.findByRole('heading', { name: '张一一' });
    expect(screen.queryByTestId('open-crisis-banner')).toBeNull();
    expect(screen.queryByTestId('open-crisis-button')).toBeNull();
    expect(fake.callsTo('crisis.openForStudent')).toEqual([]);
  });

  it('timeline lines that name a record link to it', async () => {
    openFile(DIRECTOR, 'stu-1', {
      'students.timeline': () => [
        {
          at: '2025-10-09T06:00:00.000Z',
          kind: 'crisis',
          titleKey: 'crisis.timeline.opened',
          values: { eventNo: 'CR-2025-0007', level: '1' },
          level: 'CRITICAL',
          ref: { type: 'crisisEvent', id: 'ev-1' },
        },
        ...TIMELINE,
      ],
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('tab', { name: '时间线' }));
    const entries = await screen.findAllByTestId('timeline-entry');
    // Every line links: event, alert, assessment, case; the import line opens the file's 基本信息.
    expect(within(entries[0]).getByTestId('timeline-link').textContent).toContain('CR-2025-0007');
    for (const entry of entries) expect(within(entry).queryByTestId('timeline-link')).not.toBeNull();
    await user.click(within(entries[4]).getByTestId('timeline-link'));
    await waitFor(() => expect(screen.getByRole('tab', { name: '基本信息' }).getAttribute('aria-selected')).toBe('true'));
    await user.click(screen.getByRole('tab', { name: '时间线' }));
    const again = await screen.findAllByTestId('timeline-entry');
    await user.click(within(again[3]).getByTestId('timeline-link'));
    await waitFor(() => expect(window.location.hash).toBe('#/case/c-1'));
  });
});

describe('timeline titles', () => {
  it('names the edited fields with the form labels, in the chosen language', async () => {
    const { timelineTitle } = await import('../../src-renderer/components/students/StudentTimeline');
    const i18n = (await import('i18next')).default;
    const entry = { titleKey: 'timeline.studentUpdated', values: { fields: 'dorm,guardians' } };
    await i18n.changeLanguage('zh-CN');
    expect(timelineTitle(entry, i18n.t)).toBe('修改基本信息（宿舍、监护人）');
    await i18n.changeLanguage('en');
    expect(timelineTitle(entry, i18n.t)).toMatch(/^Basic data changed \(.+, .+\)$/);
    await i18n.changeLanguage('zh-CN');
  });
});
