import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { cssString, pageNumberContent } from '../../src-renderer/components/print/PageMargins';
import { fail, installFakeBridge, session, status } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王"老师\\', roles: ['counselor'] });

const CASE: ChannelOutput<'print.case'> = {
  printedAt: '2026-09-03T02:15:00.000Z',
  printedBy: { id: 'acc-2', displayName: '王"老师\\' },
  schoolName: '测试学院',
  student: {
    id: 's1',
    studentNo: '2026000001',
    name: '测试学生甲',
    gender: 'female',
    birthDate: null,
    department: '文学院',
    major: null,
    grade: '2026级',
    className: '文学1班',
    dorm: null,
    phone: null,
    departmentCounselor: null,
    guardians: [],
    status: 'enrolled',
    source: 'manual',
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
  },
  noteSections: [
    { id: 'chief_complaint', label: '主诉' },
    { id: 'process', label: '咨询过程' },
  ],
  case: {
    id: 'c1',
    caseNo: '2026-0007',
    status: 'active',
    riskLevel: 'low',
    counselor: { id: 'acc-3', displayName: '李老师' },
    openedAt: '2026-09-01T02:00:00.000Z',
    closedAt: null,
    content: 'full',
    access: 'break_glass',
    closingReason: null,
    closingSummary: null,
    intake: null,
    notes: [
      {
        id: 'n1',
        sessionAt: '2026-09-02T02:00:00.000Z',
        mode: 'in_person',
        minutes: 50,
        topics: ['睡眠'],
        topicCategories: ['emotion_regulation', 'other'],
        topicOther: '作息',
        body: { process: '测试过程：讨论作息', old_section: '旧模板中的内容' },
        author: { id: 'acc-3', displayName: '李老师' },
        signedBy: { id: 'acc-3', displayName: '李老师' },
        signedAt: '2026-09-02T03:00:00.000Z',
        cosigner: null,
        cosignedAt: null,
        addenda: [{ id: 'a1', author: { id: 'acc-3', displayName: '李老师' }, body: '补充：家长已知情', createdAt: '2026-09-02T04:00:00.000Z' }],
      },
    ],
  },
};

describe('printable case', () => {
  it('asks for a reason when the case is not theirs, then shows the case with page margins naming the printer', async () => {
    const fake = installFakeBridge({
      'app.status': () => status.signedIn(COUNSELOR),
      'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
      'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
      'print.case': (input) => (input.breakGlassReason ? CASE : fail('FORBIDDEN', { reason: 'breakGlassRequired', caseId: 'c1' })),
    });
    window.location.hash = '#/print/case:c1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByTestId('break-glass-prompt');
    await fill(user, screen.getByLabelText(/理由/), '值班时学生来访');
    await user.click(screen.getByRole('button', { name: /查阅/ }));

    expect(await screen.findByText('测试过程：讨论作息')).toBeTruthy();
    expect(screen.getByText('旧模板中的内容')).toBeTruthy();
    // The plan's topics in words (其他 with its words), the free tags apart.
    expect(document.querySelector('.cfp-note-head')!.textContent).toMatch(/议题：情绪调节、其他（作息）　标签：睡眠/);
    expect(screen.getByText('补充：家长已知情')).toBeTruthy();
    expect(screen.getByText(/本次打印包含紧急查阅的内容/)).toBeTruthy();
    expect(fake.callsTo('print.case')).toEqual([{ caseId: 'c1' }, { caseId: 'c1', breakGlassReason: '值班时学生来访' } satisfies ChannelInput<'print.case'>]);

    const css = screen.getByTestId('print-page-margins').textContent!;
    expect(css).toContain('@top-left { content: "机密 / Confidential"');
    // The printer's name is a CSS string: its quote and backslash cannot end it.
    expect(css).toContain('打印人：王\\"老师\\\\');
    expect(css).toContain('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
  });

  it('CSS strings and page numbers are built safely', () => {
    expect(cssString('a"b\\c\nd</style>')).toBe('"a\\"b\\\\c d\\3c /style>"');
    expect(pageNumberContent('Page ⟦page⟧ of ⟦pages⟧')).toBe('"Page " counter(page) " of " counter(pages)');
  });
});
