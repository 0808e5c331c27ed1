import { QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Account, BreakGlassAccess, Note, NoteTemplate, SessionInfo } from '../../src-shared/contract';
import { createQueryClient } from '../../src-renderer/api/queries';
import { CaseNotes } from '../../src-renderer/components/notes/CaseNotes';
import { Accounts } from '../../src-renderer/screens/Accounts';
import { BreakGlassReview } from '../../src-renderer/screens/BreakGlassReview';
import { setLanguage, type Language } from '../../src-renderer/i18n';
import { SessionContext } from '../../src-renderer/session';
import { fail, installFakeBridge, session, type Handlers } from './fake-bridge';
import { fill } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'c-1', username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] });
const OTHER = session({ accountId: 'c-2', username: 'li.zx', displayName: '李咨询', roles: ['counselor'] });
const TEMPLATE: NoteTemplate = {
  sections: [
    { id: 'chief_complaint', label: '主诉' },
    { id: 'process', label: '咨询过程' },
    { id: 'assessment', label: '评估' },
    { id: 'plan', label: '计划' },
  ],
  signDueHours: 72,
};

const SIGNED: Note = {
  id: 'n-1',
  caseId: 'case-1',
  caseNo: '2026-0001',
  student: { id: 's-1', studentNo: '2026990001', name: '测试学生甲' },
  author: { id: 'c-1', displayName: '王咨询' },
  sessionAt: '2026-09-01T06:00:00.000Z',
  mode: 'phone',
  status: 'signed',
  signDueAt: '2026-09-04T06:00:00.000Z',
  overdue: false,
  cosigner: null,
  signedAt: '2026-09-01T08:00:00.000Z',
  appointmentId: null,
  minutes: 45,
  topics: ['睡眠'],
  topicCategories: ['emotion_regulation'],
  topicOther: null,
  body: { chief_complaint: '测试主诉：入睡困难', process: '测试过程', assessment: '', plan: '一周后再谈' },
  riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false, comment: null },
  signedBy: { id: 'c-1', displayName: '王咨询' },
  cosignedAt: null,
  unlockedBy: null,
  unlockedAt: null,
  unlockReason: null,
  createdAt: '2026-09-01T07:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
  addenda: [{ id: 'a-1', author: { id: 'c-1', displayName: '王咨询' }, body: '补充：家长来电', createdAt: '2026-09-02T08:00:00.000Z' }],
};

async function renderAs(who: SessionInfo, ui: ReactNode, language: Language = 'zh-CN') {
  await setLanguage(language);
  const api = { session: who, lock: async () => undefined, updateSession: () => undefined, enterStudentMode: () => undefined };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AntApp>
        <SessionContext.Provider value={api}>{ui}</SessionContext.Provider>
      </AntApp>
    </QueryClientProvider>,
  );
}

function handlers(notes: Note[], extra: Handlers = {}): Handlers {
  return { 'notes.list': () => notes, 'notes.getTemplate': () => TEMPLATE, ...extra };
}

describe('case notes', () => {
  it('the editor shows translated field errors and asks for the risk re-check before signing', async () => {
    const bridge = installFakeBridge(handlers([]));
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />);
    await user.click(await screen.findByRole('button', { name: /新建咨询记录/ }));
    const editor = await screen.findByTestId('note-editor');
    expect(within(editor).getByLabelText('主诉')).toBeTruthy();
    expect(within(editor).getByLabelText('计划')).toBeTruthy();

    await user.clear(within(editor).getByLabelText('时长（分钟）'));
    await fill(user, within(editor).getByLabelText('时长（分钟）'), '900');
    await user.click(within(editor).getByRole('button', { name: '保存草稿' }));
    expect(await within(editor).findByText('请输入 1 到 600 之间的整数。')).toBeTruthy();
    expect(bridge.callsTo('notes.create')).toEqual([]);

    await user.clear(within(editor).getByLabelText('时长（分钟）'));
    await fill(user, within(editor).getByLabelText('时长（分钟）'), '50');
    await fill(user, within(editor).getByLabelText('主诉'), '测试主诉');
    await user.click(within(editor).getByRole('button', { name: '签名并锁定' }));
    await waitFor(() => expect(within(editor).getAllByText('签名前请完成风险复核（风险等级、自杀意念、自伤）。')).toHaveLength(3));
    expect(bridge.callsTo('notes.sign')).toEqual([]);
  });

  it('in English the same messages are in English', async () => {
    installFakeBridge(handlers([]));
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />, 'en');
    await user.click(await screen.findByRole('button', { name: /New session note/ }));
    const editor = await screen.findByTestId('note-editor');
    // The default template's headings read in English too (they are built in, not typed by the center).
    await fill(user, within(editor).getByLabelText('Session process'), '过程');
    await user.click(within(editor).getByRole('button', { name: 'Sign and lock' }));
    await waitFor(() => expect(within(editor).getAllByText(/Complete the risk re-check/)).toHaveLength(3));
  });

  it('saves a draft with the body keyed by the template section ids', async () => {
    const bridge = installFakeBridge(
      handlers([], { 'notes.create': (input) => ({ ...SIGNED, id: 'n-2', status: 'draft', signedAt: null, signedBy: null, addenda: [], body: input.body }) }),
    );
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />);
    await user.click(await screen.findByRole('button', { name: /新建咨询记录/ }));
    const editor = await screen.findByTestId('note-editor');
    await fill(user, within(editor).getByLabelText('主诉'), '测试主诉');
    await user.click(within(editor).getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(bridge.callsTo('notes.create')).toHaveLength(1));
    expect(bridge.callsTo('notes.create')[0]).toMatchObject({
      caseId: 'case-1',
      mode: 'in_person',
      minutes: 50,
      body: { chief_complaint: '测试主诉', process: '', assessment: '', plan: '' },
      riskCheck: null,
    });
  });

  it('a signed note is read-only: content, risk re-check and addenda, with a form for a new addendum only', async () => {
    const bridge = installFakeBridge(handlers([SIGNED], { 'notes.addAddendum': () => SIGNED }));
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />);
    const list = await screen.findByTestId('case-notes');
    expect(await within(list).findByText('已签名')).toBeTruthy();
    await user.click(within(list).getByRole('button', { name: '查看' }));
    const view = await screen.findByTestId('note-view');
    expect(within(view).getByText('测试主诉：入睡困难')).toBeTruthy();
    expect(within(view).getByText('补充：家长来电')).toBeTruthy();
    expect(within(view).getByText('记录已锁定，只能添加补充记录。')).toBeTruthy();
    expect(screen.queryByTestId('note-editor')).toBeNull();
    expect(within(view).queryByRole('button', { name: '签名并锁定' })).toBeNull();
    expect(within(view).queryByRole('button', { name: /解锁/ })).toBeNull();
    // The only text box is the new addendum.
    expect(within(view).getAllByRole('textbox')).toHaveLength(1);
    await user.click(within(view).getByRole('button', { name: '添加补充记录' }));
    expect(await within(view).findByText('请填写此项。')).toBeTruthy();
    await fill(user, within(view).getByLabelText('新的补充记录'), '补充：复诊');
    await user.click(within(view).getByRole('button', { name: '添加补充记录' }));
    await waitFor(() => expect(bridge.callsTo('notes.addAddendum')).toEqual([{ id: 'n-1', body: '补充：复诊' }]));
  });

  it('the director sees 解锁 and must give a reason', async () => {
    const bridge = installFakeBridge(handlers([SIGNED], { 'notes.unlock': (input) => ({ ...SIGNED, status: 'unlocked', unlockReason: input.reason }) }));
    const user = userEvent.setup();
    await renderAs(session(), <CaseNotes caseId="case-1" />);
    await user.click(await screen.findByRole('button', { name: '查看' }));
    const view = await screen.findByTestId('note-view');
    await user.click(within(view).getByRole('button', { name: /解锁/ }));
    const dialog = (await screen.findByText('解锁咨询记录')).closest('.ant-modal') as HTMLElement;
    await user.click(within(dialog).getByRole('button', { name: /解\s*锁/ }));
    expect(await within(dialog).findByText('请至少写 4 个字的理由。')).toBeTruthy();
    await fill(user, within(dialog).getByLabelText('解锁理由'), '会谈日期写错');
    await user.click(within(dialog).getByRole('button', { name: /解\s*锁/ }));
    await waitFor(() => expect(bridge.callsTo('notes.unlock')).toEqual([{ id: 'n-1', reason: '会谈日期写错' }]));
  });

  it('outside the case: break-glass prompt first, then the list with the stated reason', async () => {
    const bridge = installFakeBridge(
      handlers([], {
        'notes.list': (input) => (input.breakGlassReason ? [SIGNED] : fail('FORBIDDEN', { reason: 'breakGlassRequired', caseId: 'case-1' })),
      }),
    );
    const user = userEvent.setup();
    await renderAs(OTHER, <CaseNotes caseId="case-1" />);
    const prompt = await screen.findByTestId('break-glass-prompt');
    expect(screen.queryByText('测试主诉：入睡困难')).toBeNull();
    await fill(user, within(prompt).getByLabelText('查阅理由'), '夜间值班处理危机');
    await user.click(within(prompt).getByRole('button', { name: /说明理由并查阅/ }));
    expect(await screen.findByTestId('case-notes')).toBeTruthy();
    expect(bridge.callsTo('notes.list')).toContainEqual({ caseId: 'case-1', breakGlassReason: '夜间值班处理危机' });
  });
});

describe('break-glass review', () => {
  const ACCESS: BreakGlassAccess = {
    id: 'bg-1',
    account: { id: 'c-2', displayName: '李咨询' },
    student: { id: 's-1', studentNo: '2026990001', name: '测试学生甲' },
    caseId: 'case-1',
    caseNo: '2026-0001',
    viewed: 'session_notes',
    reason: '夜间值班处理危机',
    accessedAt: '2026-09-01T14:00:00.000Z',
    review: 'pending',
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
  };

  it("lists pending accesses and records the director's verdict with a note", async () => {
    let reviewed = false;
    const bridge = installFakeBridge({
      'breakglass.queue': (input) =>
        input.status === 'pending' && reviewed ? [] : [reviewed ? { ...ACCESS, review: 'justified', reviewNote: '确有危机' } : ACCESS],
      'breakglass.review': (input) => {
        reviewed = true;
        return { ...ACCESS, review: input.review, reviewNote: input.note ?? null };
      },
    });
    const user = userEvent.setup();
    await renderAs(session(), <BreakGlassReview onNavigate={() => undefined} />);
    const row = (await screen.findByText('夜间值班处理危机')).closest('tr') as HTMLElement;
    expect(within(row).getByText('李咨询')).toBeTruthy();
    expect(within(row).getByText('测试学生甲（2026990001）')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: '合理' }));
    const dialog = (await screen.findByText('审核紧急查阅：李咨询')).closest('.ant-modal') as HTMLElement;
    await fill(user, within(dialog).getByLabelText('审核意见'), '确有危机');
    await user.click(within(dialog).getByRole('button', { name: '标记为合理' }));
    await waitFor(() => expect(bridge.callsTo('breakglass.review')).toEqual([{ id: 'bg-1', review: 'justified', note: '确有危机' }]));
    expect(await screen.findByText('没有待审核的紧急查阅。')).toBeTruthy();
    await user.click(screen.getByText('全部'));
    expect(await screen.findByText('合理', { selector: '.ant-tag' })).toBeTruthy();
  });
});

describe('accounts: the supervisor of a trainee', () => {
  const account = (id: string, username: string, displayName: string, roles: Account['roles'], supervisorId: string | null = null): Account => ({
    id,
    username,
    displayName,
    roles,
    disabled: false,
    mustChangePassword: false,
    hasKeySlot: true,
    department: null,
    supervisorId,
    createdAt: '2026-08-01T08:00:00.000Z',
  });
  const ACCOUNTS = [
    account('a-1', 'zhang.admin', '张老师', ['admin', 'director']),
    account('a-2', 'zhao.dd', '赵督导', ['supervisor']),
    account('a-3', 'xiao.sx', '小实习', ['trainee'], 'a-2'),
  ];

  it("shows the trainee's supervisor in the list and keeps it when the account is edited", async () => {
    const bridge = installFakeBridge({ 'accounts.list': () => ACCOUNTS, 'accounts.update': () => ACCOUNTS[2] });
    const user = userEvent.setup();
    await renderAs(session({ accountId: 'a-1' }), <Accounts />);
    const row = (await screen.findByText('xiao.sx')).closest('tr') as HTMLElement;
    expect(within(row).getByText('赵督导')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = (await screen.findByText(/小实习/, { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText('实习咨询师的咨询记录由该督导审阅签名。')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(bridge.callsTo('accounts.update')).toEqual([
        { accountId: 'a-3', displayName: '小实习', roles: ['trainee'], department: null, supervisorId: 'a-2' },
      ]),
    );
  });
});
