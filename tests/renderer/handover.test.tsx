import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Account, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import type { DueStudent } from '../../src-shared/contract/archive';
import type { OpenWorkGroup } from '../../src-shared/contract/followups';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const DIRECTOR = session();
const STUDENT = { id: 's1', studentNo: '2026100001', name: '测试学生甲', department: '文学院' };
const account = (id: string, username: string, displayName: string, roles: Account['roles'], department: string | null = null): Account => ({
  id,
  username,
  displayName,
  roles,
  disabled: false,
  mustChangePassword: false,
  hasKeySlot: true,
  department,
  supervisorId: null,
  createdAt: '2026-09-01T08:00:00.000Z',
});
const ACCOUNTS = [
  account('acc-1', 'zhang.admin', '张老师', ['admin', 'director']),
  account('acc-2', 'wang.zx', '王咨询', ['counselor']),
  account('acc-3', 'li.zx', '李咨询', ['counselor']),
  account('acc-4', 'chen.fdy', '陈辅导员', ['liaison'], '文学院'),
];

const GROUPS: OpenWorkGroup[] = [
  {
    kind: 'tasks',
    count: 1,
    overdue: 1,
    items: [
      {
        kind: 'tasks',
        id: 't1',
        student: STUDENT,
        label: 'i18n:returnCheckin:2',
        eventId: null,
        dueAt: '2026-09-05T08:00:00.000Z',
        overdue: true,
        assignee: { id: 'acc-2', displayName: '王咨询' },
        reason: null,
      },
    ],
  },
  {
    kind: 'cases',
    count: 1,
    overdue: 0,
    items: [
      {
        kind: 'cases',
        id: 'c1',
        student: STUDENT,
        label: '2026-0007',
        eventId: null,
        dueAt: null,
        overdue: false,
        assignee: { id: 'acc-2', displayName: '王咨询' },
        reason: null,
      },
    ],
  },
];

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'accounts.list': () => ACCOUNTS,
    'followups.list': () => ({ now: '2026-09-10T08:00:00.000Z', rows: [] }),
    ...extra,
  });
}

async function openDisableDialog(language: 'zh-CN' | 'en') {
  window.location.hash = '#/accounts';
  const user = userEvent.setup({ delay: null });
  await renderApp(language);
  const row = (await screen.findByText('wang.zx')).closest('tr')!;
  await user.click(within(row as HTMLElement).getByRole('button', { name: language === 'en' ? 'Disable' : /停\s*用/ }));
  return { user, dialog: await screen.findByRole('dialog') };
}

describe('disabling an account with open work (issue 14 item 10)', () => {
  it('lists the open work by kind and sends the chosen successor per kind; a kind left empty goes as none', async () => {
    const fake = signedInAs(DIRECTOR, {
      'accounts.openWork': () => ({ accountId: 'acc-2', total: 2, groups: GROUPS }),
      'accounts.setDisabled': () => ({ ...ACCOUNTS[1], disabled: true }),
    });
    const { user, dialog } = await openDisableDialog('zh-CN');
    expect(await within(dialog).findByText('该账号手上还有 2 项未完成的工作。', { exact: false })).toBeTruthy();
    expect(within(dialog).getByText('随访任务')).toBeTruthy();
    expect(within(dialog).getByText('复学后第 2 周随访')).toBeTruthy();
    expect(within(dialog).getByText('1 项逾期')).toBeTruthy();
    expect(within(dialog).getByText('2026-0007')).toBeTruthy();
    expect(within(dialog).getByText(/个案始终需要一位咨询师/)).toBeTruthy();
    // The successor for tasks: 李咨询; the liaison is offered for tasks, not for cases.
    await user.click(within(dialog).getByRole('combobox', { name: '接手人 随访任务' }));
    expect(await screen.findByTitle('陈辅导员（院系辅导员 · 文学院）')).toBeTruthy();
    await user.click(await screen.findByTitle('李咨询（咨询师）'));
    await user.click(within(dialog).getByRole('combobox', { name: '接手人 个案' }));
    await waitFor(() => expect(screen.getAllByTitle('李咨询（咨询师）').length).toBeGreaterThan(1));
    expect(screen.queryAllByTitle('陈辅导员（院系辅导员 · 文学院）')).toHaveLength(1);
    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: '停用并移交' }));
    await waitFor(() =>
      expect(fake.callsTo('accounts.setDisabled')).toEqual([{ accountId: 'acc-2', disabled: true, successors: { tasks: 'acc-3', cases: null } }]),
    );
  });

  it('says so in English, and disables at once when there is no open work', async () => {
    const fake = signedInAs(DIRECTOR, {
      'accounts.openWork': () => ({ accountId: 'acc-2', total: 0, groups: [] }),
      'accounts.setDisabled': () => ({ ...ACCOUNTS[1], disabled: true }),
    });
    const { user, dialog } = await openDisableDialog('en');
    expect(await within(dialog).findByText('This account has no open work; it can be disabled right away.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(fake.callsTo('accounts.setDisabled')).toEqual([{ accountId: 'acc-2', disabled: true, successors: {} }]));
  });
});

describe('无人负责 on the workbench', () => {
  const UNOWNED: ChannelOutput<'followups.unowned'> = {
    now: '2026-09-10T08:00:00.000Z',
    groups: [
      {
        kind: 'crisisSteps',
        count: 1,
        overdue: 1,
        items: [
          {
            kind: 'crisisSteps',
            id: 'st1',
            student: STUDENT,
            label: 'CR-2026-0001 · 告知学生所在院系',
            eventId: 'e1',
            dueAt: '2026-09-09T08:00:00.000Z',
            overdue: true,
            assignee: null,
            reason: 'noDepartmentLiaison',
          },
        ],
      },
    ],
  };

  it('shows the unowned items with why, and takes one', async () => {
    const fake = signedInAs(DIRECTOR, {
      'followups.unowned': () => UNOWNED,
      'followups.takeOver': (input) => ({ kind: input.kind, id: input.id, assignee: { id: 'acc-1', displayName: '张老师' } }),
    });
    window.location.hash = '#/workbench';
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    const panel = await screen.findByTestId('unowned-panel');
    expect(within(panel).getByText('无人负责')).toBeTruthy();
    expect(await within(panel).findByText('院系无辅导员')).toBeTruthy();
    expect(within(panel).getByText('CR-2026-0001 · 告知学生所在院系')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: '我来负责' }));
    await waitFor(() => expect(fake.callsTo('followups.takeOver')).toEqual([{ kind: 'crisisSteps', id: 'st1' }]));
  });

  it('shows nothing when nothing is unowned', async () => {
    const fake = signedInAs(DIRECTOR, { 'followups.unowned': () => ({ now: '2026-09-10T08:00:00.000Z', groups: [] }) });
    window.location.hash = '#/workbench';
    await renderApp('en');
    await waitFor(() => expect(fake.callsTo('followups.unowned')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('unowned-panel')).toBeNull();
  });
});

describe('the due-for-destruction list holds back students at risk (issue 14 item 12)', () => {
  const HELD: DueStudent = {
    student: STUDENT,
    leftAt: '2014-07-01T00:00:00.000Z',
    records: [{ kind: 'case', id: 'c1', label: '2026-0001', date: '2015-01-01T00:00:00.000Z' }],
    heldCount: 0,
    heldBack: ['openCrisisEvent', 'activeKeyAttention'],
  };

  it('names the reasons and does not offer the request', async () => {
    signedInAs(DIRECTOR, {
      'archive.dueForDestruction': () => [HELD],
      'archive.settings': () => ({ afterDays: 30, retention: { case: 10, assessment: 10, report: 10, crisis: 10, care: 10 } }),
    });
    window.location.hash = '#/archive';
    const user = userEvent.setup({ delay: null });
    await renderApp('zh-CN');
    await user.click(await screen.findByRole('tab', { name: '待销毁' }));
    const held = await screen.findByTestId('archive-held-back');
    expect(within(held).getByText('暂缓销毁')).toBeTruthy();
    expect(within(held).getByText('有未结束的危机事件')).toBeTruthy();
    expect(within(held).getByText('在重点关注名单中')).toBeTruthy();
    expect((screen.getByRole('button', { name: /申请销毁 测试学生甲/ }) as HTMLButtonElement).disabled).toBe(true);
  });
});
