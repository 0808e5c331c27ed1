import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Entry = ChannelOutput<'auditlog.list'>['entries'][number];

const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });

const ENTRIES: Entry[] = [
  {
    seq: 42,
    at: '2026-09-03T02:15:00.000Z',
    actor: { id: 'acc-2', displayName: '王老师' },
    action: 'print',
    category: 'print',
    entity: 'students',
    entityId: 's1',
    subject: '测试学生甲（2026000001）',
    details: { document: 'case-file', restricted: 1 },
    workstationId: 'ws-1111-2222',
    thisWorkstation: true,
  },
  {
    seq: 41,
    at: '2026-09-03T01:00:00.000Z',
    actor: null,
    action: 'failed-sign-in',
    category: 'failed-sign-in',
    entity: 'accounts',
    entityId: 'acc-2',
    subject: '王老师',
    details: { knownAccount: true },
    workstationId: 'ws-9999-0000',
    thisWorkstation: false,
  },
];

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auditlog.list': (input) => ({ total: 120, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: ENTRIES }),
    'auditlog.actors': () => [
      { id: 'acc-2', username: 'wang.zixun', displayName: '王老师', disabled: false },
      { id: 'acc-3', username: 'zhao.old', displayName: '赵老师', disabled: true },
    ],
    'auditlog.students': (input) => (input.query ? [{ id: 's1', studentNo: '2026000001', name: '测试学生甲', department: '文学院' }] : []),
    ...extra,
  });
}

async function option(title: string): Promise<HTMLElement> {
  await waitFor(() =>
    expect(
      document.querySelector(`.ant-select-item-option[title="${title}"]`),
      [...document.querySelectorAll('.ant-select-item-option')].map((e) => e.getAttribute('title')).join('|'),
    ).toBeTruthy(),
  );
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

function lastList(fake: ReturnType<typeof signedInAs>): ChannelInput<'auditlog.list'> {
  return fake.callsTo('auditlog.list').at(-1) as ChannelInput<'auditlog.list'>;
}

describe('audit log screen', () => {
  it('shows who, what, when and where, and each filter calls the core with it', async () => {
    const fake = signedInAs(DIRECTOR);
    window.location.hash = '#/audit';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('打印 · 学生')).toBeTruthy();
    expect(within(table).getByText('测试学生甲（2026000001）')).toBeTruthy();
    expect(within(table).getByText('本工作站')).toBeTruthy();
    expect(within(table).getByText('其他工作站')).toBeTruthy();
    expect(within(table).getByText('系统')).toBeTruthy();
    expect(within(table).getByText(/文档：个案档案/)).toBeTruthy();
    expect(screen.getByText('共 120 条')).toBeTruthy();
    expect(lastList(fake)).toEqual({ page: 1, pageSize: 50 });

    await user.click(screen.getByRole('combobox', { name: '操作人' }));
    expect(await option('赵老师（已停用）')).toBeTruthy();
    await user.click(await option('王老师'));
    await waitFor(() => expect(lastList(fake)).toEqual({ actorId: 'acc-2', page: 1, pageSize: 50 }));

    await fill(user, screen.getByRole('combobox', { name: '涉及学生' }), '2026');
    await user.click(await option('测试学生甲（2026000001） · 文学院'));
    await waitFor(() => expect(lastList(fake)).toEqual({ actorId: 'acc-2', studentId: 's1', page: 1, pageSize: 50 }));

    await user.click(screen.getByRole('combobox', { name: '操作类型' }));
    await user.click(await option('打印'));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ actorId: 'acc-2', studentId: 's1', categories: ['print'] }));

    // Paging asks the core for the next page with the same filter.
    await user.click(screen.getByTitle('2'));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ studentId: 's1', categories: ['print'], page: 2, pageSize: 50 }));

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(lastList(fake)).toEqual({ page: 1, pageSize: 50 }));
  });

  it('a capped count says "more than" (超过), and the page after the counted ones opens (issue 19)', async () => {
    const fake = signedInAs(DIRECTOR, {
      'auditlog.list': (input) => {
        const page = input.page ?? 1;
        const pageSize = input.pageSize ?? 50;
        return { total: (page - 1 + 20) * pageSize, totalCapped: true, page, pageSize, entries: ENTRIES };
      },
    });
    window.location.hash = '#/audit';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText('超过 1000 条')).toBeTruthy();
    expect(screen.queryByText(/共 \d+ 条/)).toBeNull();
    // Twenty pages counted, and one more to go on with.
    await user.click(screen.getByTitle('21'));
    await waitFor(() => expect(lastList(fake)).toEqual({ page: 21, pageSize: 50 }));
    expect(await screen.findByText('超过 2000 条')).toBeTruthy();
  });

  it('the capped count in English', async () => {
    signedInAs(DIRECTOR, {
      'auditlog.list': (input) => ({ total: 1000, totalCapped: true, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: ENTRIES }),
    });
    window.location.hash = '#/audit';
    await renderApp('en');
    expect(await screen.findByText('More than 1000 entries')).toBeTruthy();
  });

  it('the date range becomes instants from the start of the first day to the start of the day after the last', async () => {
    const fake = signedInAs(DIRECTOR);
    window.location.hash = '#/audit';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByRole('table');
    const from = screen.getByRole('textbox', { name: '起始日期' });
    await user.click(from);
    await user.paste('2026-09-01');
    await user.keyboard('{Enter}');
    const to = screen.getByRole('textbox', { name: '截止日期' });
    await user.click(to);
    await user.paste('2026-09-03');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(lastList(fake)).toMatchObject({ from: new Date(2026, 8, 1).toISOString(), to: new Date(2026, 8, 4).toISOString() }));
  });

  it('verify says intact, or names the first broken entry with its time', async () => {
    let intact = true;
    signedInAs(DIRECTOR, {
      'auditlog.verify': () =>
        intact
          ? { intact: true, checked: 1234, firstBroken: null }
          : { intact: false, checked: 40, firstBroken: { seq: 41, reason: 'hashMismatch', at: '2026-09-03T01:00:00.000Z' } },
    });
    window.location.hash = '#/audit';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: /校验日志链/ }));
    expect((await screen.findByTestId('audit-verify-result')).textContent).toContain('日志链完整：已校验 1234 条记录');

    intact = false;
    await user.click(screen.getByRole('button', { name: /校验日志链/ }));
    await waitFor(() => expect(screen.getByTestId('audit-verify-result').textContent).toContain('第 41 条记录'));
    const text = screen.getByTestId('audit-verify-result').textContent!;
    expect(text).toContain('记录内容与其哈希值不符');
    expect(text).toContain(new Date('2026-09-03T01:00:00.000Z').getFullYear().toString());
  });

  it('an administrator without a clinical role gets no student filter, and clinical entries read 临床记录 (issue 15, finding 10)', async () => {
    const clinicalEntry: Entry = {
      ...ENTRIES[1]!,
      seq: 43,
      actor: { id: 'acc-2', displayName: '王老师' },
      action: 'sign',
      category: 'sign',
      entity: 'clinical',
      entityId: null,
      subject: null,
      details: {},
      thisWorkstation: true,
    };
    const fake = signedInAs(session({ roles: ['admin'] }), {
      'auditlog.list': (input) => ({ total: 1, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: [clinicalEntry] }),
    });
    window.location.hash = '#/audit';
    await renderApp();
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('签署 · 临床记录')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: '操作人' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: '涉及学生' })).toBeNull();
    expect(screen.getByText('您的账号没有临床权限：审计日志不按学生筛选，涉及临床记录的条目只显示为“临床记录”，不显示类型和学生。')).toBeTruthy();
    expect(fake.callsTo('auditlog.students')).toEqual([]);
    expect(lastList(fake)).not.toHaveProperty('studentId');
  });

  it('reads in words in both languages: changed fields, coded values, referenced records by name, an unnamed workstation', async () => {
    const studentId = '0b7f1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
    const worded: Entry[] = [
      {
        ...ENTRIES[0]!,
        seq: 50,
        action: 'set-level',
        category: 'change',
        entity: 'crisis_events',
        entityId: '11111111-2222-4333-8444-555555555555',
        subject: 'CR-2026-0001',
        details: { changed: ['status', 'sentAt'], studentId, fromLevel: '2', toLevel: '1' },
        names: { [studentId]: '测试学生甲（2026000001）' },
        workstationId: 'unset',
        thisWorkstation: false,
      },
      { ...ENTRIES[1]!, seq: 49, details: { kind: 'password', knownAccount: true } },
      {
        ...ENTRIES[1]!,
        seq: 48,
        action: 'change',
        category: 'change',
        entity: 'settings',
        entityId: 'roster.mapping',
        subject: null,
        details: { changed: ['value', 'updatedAt'] },
      },
    ];
    signedInAs(DIRECTOR, { 'auditlog.list': (input) => ({ total: 3, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: worded }) });
    const i18n = (await import('i18next')).default;
    window.location.hash = '#/audit';
    await renderApp();
    let table = await screen.findByRole('table');
    expect(await within(table).findByText('调整级别 · 危机事件')).toBeTruthy();
    expect(within(table).getByText('修改的内容：状态、发送时间；学生：测试学生甲（2026000001）；原级别：2；新级别：1')).toBeTruthy();
    expect(within(table).getByText('类型：密码；账号存在：是')).toBeTruthy();
    expect(within(table).getByText('未命名工作站')).toBeTruthy();
    expect(within(table).getByText('花名册导入列对应')).toBeTruthy();
    const rawOnScreen = (text: string) => /\b(?:[a-z]+_[a-z0-9_]+|[a-z]+[A-Z]\w*|unset|password)\b|[0-9a-f]{8}-[0-9a-f]{4}-/.test(text);
    // Cell by cell: the table's whole text runs cells together ("workstationKind").
    const textOf = (node: Node): string => (node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : [...node.childNodes].map(textOf).join(' '));
    const cells = () => [...table.querySelectorAll('td')].map(textOf);
    expect(cells().filter(rawOnScreen)).toEqual([]);

    await i18n.changeLanguage('en');
    try {
      table = await screen.findByRole('table');
      expect(await within(table).findByText('Changed the level · Crisis event')).toBeTruthy();
      expect(within(table).getByText('Changed: Status, Sent at; Student: 测试学生甲（2026000001）; From level: 2; To level: 1')).toBeTruthy();
      expect(within(table).getByText('Kind: password; Known account: yes')).toBeTruthy();
      expect(within(table).getByText('Unnamed workstation')).toBeTruthy();
      expect(cells().filter((text) => /\b(?:[a-z]+_[a-z0-9_]+|[a-z]+[A-Z]\w*|unset)\b|[0-9a-f]{8}-[0-9a-f]{4}-/.test(text))).toEqual([]);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('is not in a counselor’s menu', async () => {
    signedInAs(session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] }));
    window.location.hash = '#/workbench';
    await renderApp();
    expect(await screen.findByRole('menuitem', { name: /工作台/ })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: /审计日志/ })).toBeNull();
  });
});
