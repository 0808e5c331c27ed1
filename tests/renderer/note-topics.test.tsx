import { QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Note, NoteTemplate, SessionInfo } from '../../src-shared/contract';
import { createQueryClient } from '../../src-renderer/api/queries';
import { CaseNotes } from '../../src-renderer/components/notes/CaseNotes';
import { setLanguage, type Language } from '../../src-renderer/i18n';
import { SessionContext } from '../../src-renderer/session';
import { installFakeBridge, session, type Handlers } from './fake-bridge';
import { fill } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'c-1', username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] });
const TEMPLATE: NoteTemplate = { sections: [{ id: 'chief_complaint', label: '主诉' }], signDueHours: 72 };

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
  topics: ['宿舍'],
  topicCategories: ['interpersonal', 'other'],
  topicOther: '睡眠与作息',
  body: { chief_complaint: '测试主诉：入睡困难' },
  riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false, comment: null },
  signedBy: { id: 'c-1', displayName: '王咨询' },
  cosignedAt: null,
  unlockedBy: null,
  unlockedAt: null,
  unlockReason: null,
  createdAt: '2026-09-01T07:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
  addenda: [],
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

const handlers = (notes: Note[], extra: Handlers = {}): Handlers => ({ 'notes.list': () => notes, 'notes.getTemplate': () => TEMPLATE, ...extra });

async function openEditor(language: Language = 'zh-CN', extra: Handlers = {}) {
  const bridge = installFakeBridge(handlers([], extra));
  const user = userEvent.setup();
  await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />, language);
  await user.click(await screen.findByRole('button', { name: language === 'en' ? /New session note/ : /新建咨询记录/ }));
  return { bridge, user, editor: await screen.findByTestId('note-editor') };
}

describe("the note editor offers the plan's counseling topics", () => {
  it('seven checkboxes in the plan order (其他 last); 其他 reveals its text box; the choice is saved as keys', async () => {
    const { bridge, user, editor } = await openEditor('zh-CN', {
      'notes.create': (input) => ({
        ...SIGNED,
        id: 'n-2',
        status: 'draft',
        signedAt: null,
        signedBy: null,
        topicCategories: input.topicCategories ?? [],
        topicOther: input.topicOther ?? null,
      }),
    });
    const group = within(editor).getByRole('group', { name: '咨询议题' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['学习适应', '情绪调节', '人际交往', '压力应对', '生涯规划', '情感问题', '其他']);
    // Free words are tags, no longer the topic.
    expect(within(editor).getByLabelText('标签')).toBeTruthy();
    expect(within(editor).queryByLabelText('其他议题')).toBeNull();

    await user.click(within(group).getByRole('checkbox', { name: '压力应对' }));
    await user.click(within(group).getByRole('checkbox', { name: '其他' }));
    await fill(user, await within(editor).findByLabelText('其他议题'), '  睡眠与作息 ');
    await user.click(within(group).getByRole('checkbox', { name: '学习适应' }));
    await fill(user, within(editor).getByLabelText('主诉'), '测试主诉');
    await user.click(within(editor).getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(bridge.callsTo('notes.create')).toHaveLength(1));
    const sent = bridge.callsTo('notes.create')[0] as { topicCategories: string[]; topicOther: string | null; topics: string[] };
    expect(new Set(sent.topicCategories)).toEqual(new Set(['stress_coping', 'other', 'academic_adjustment']));
    expect(sent).toMatchObject({ topicOther: '睡眠与作息', topics: [] });
  });

  it('signing asks for a topic, and for the words of 其他, before anything is sent', async () => {
    const { bridge, user, editor } = await openEditor();
    await fill(user, within(editor).getByLabelText('主诉'), '测试主诉');
    await user.click(within(editor).getByRole('button', { name: '签名并锁定' }));
    expect(await within(editor).findByText('签名前请至少选择一个咨询议题。')).toBeTruthy();
    await user.click(within(editor).getByRole('checkbox', { name: '其他' }));
    await user.click(within(editor).getByRole('button', { name: '签名并锁定' }));
    expect(await within(editor).findByText('选择了“其他”，请注明议题。')).toBeTruthy();
    expect(bridge.callsTo('notes.create')).toEqual([]);
    expect(bridge.callsTo('notes.sign')).toEqual([]);
    // Unticking 其他 hides its box, and its words are not sent.
    await user.click(within(editor).getByRole('checkbox', { name: '其他' }));
    expect(within(editor).queryByLabelText('其他议题')).toBeNull();
  });

  it('in English the topics read in English', async () => {
    const { editor } = await openEditor('en');
    const group = within(editor).getByRole('group', { name: 'Session topics' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual([
      'Academic adjustment',
      'Emotion regulation',
      'Interpersonal relationships',
      'Coping with stress',
      'Career planning',
      'Romantic relationships',
      'Other',
    ]);
    expect(within(editor).getByLabelText('Tags')).toBeTruthy();
  });

  it('a signed note shows its topics in words (其他 with its words) and its tags apart', async () => {
    installFakeBridge(handlers([SIGNED]));
    const user = userEvent.setup();
    await renderAs(COUNSELOR, <CaseNotes caseId="case-1" />);
    await user.click(await screen.findByRole('button', { name: '查看' }));
    const view = await screen.findByTestId('note-view');
    expect(within(view).getByText('人际交往')).toBeTruthy();
    expect(within(view).getByText('其他：睡眠与作息')).toBeTruthy();
    expect(within(view).getByText('宿舍')).toBeTruthy();
    expect(within(view).queryByText('interpersonal')).toBeNull();
  });
});
