import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Entry = ChannelOutput<'auditlog.list'>['entries'][number];
const BULK = '7d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });

const IMPORT: Entry = {
  seq: 300,
  at: '2026-09-03T02:15:00.000Z',
  actor: { id: 'acc-9', displayName: '李主任' },
  action: 'roster-import',
  category: 'create',
  entity: 'students',
  entityId: null,
  subject: null,
  details: { rows: 128, created: 120, updated: 3, unchanged: 5, rejected: [], bulk: BULK },
  workstationId: 'ws-1',
  thisWorkstation: true,
  workstationName: '1号工作站',
  group: { bulk: BULK, rows: 124, matching: 124 },
};
const SINGLE: Entry = {
  ...IMPORT,
  seq: 170,
  action: 'sign-in',
  category: 'sign-in',
  entity: 'accounts',
  entityId: 'acc-9',
  subject: '李主任',
  details: {},
  group: undefined,
};
const ROWS: Entry[] = Array.from({ length: 3 }, (_, i) => ({
  ...IMPORT,
  seq: 177 + i,
  action: 'import',
  entityId: `s-${i}`,
  subject: `测试学生${'甲乙丙'[i]}（202600000${i}）`,
  details: { bulk: BULK },
  group: undefined,
}));

function bridge() {
  return installFakeBridge({
    'app.status': () => status.signedIn(DIRECTOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15, workstationName: '1号工作站' }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auditlog.list': (input) => ({ total: 2, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: [IMPORT, SINGLE] }),
    'auditlog.group': (input) => ({ total: 124, page: input.page ?? 1, pageSize: input.pageSize ?? 50, entries: ROWS }),
    'auditlog.actors': () => [],
    'auditlog.students': () => [],
  });
}

describe('audit log: a bulk operation is one entry', () => {
  it('shows the import as one line with its counts, loads its rows only when opened, with the filter', async () => {
    const fake = bridge();
    window.location.hash = '#/audit';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('导入花名册：条数 128、新增 120、更新 3、未变 5、未导入 0')).toBeTruthy();
    expect(within(table).getByText('共 124 条记录')).toBeTruthy();
    // The workstation by its name, never 本工作站 or a code.
    expect(within(table).getAllByText('1号工作站').length).toBe(2);
    expect(fake.callsTo('auditlog.group')).toEqual([]);

    await user.click(within(table).getAllByRole('button', { name: /展开行|Expand row/ })[0]!);
    const rows = await screen.findByRole('table', { name: '批量操作的各条记录' });
    expect(await within(rows).findByText('测试学生甲（2026000000）')).toBeTruthy();
    expect(within(rows).getAllByText('导入 · 学生')).toHaveLength(3);
    expect(fake.callsTo('auditlog.group').at(-1)).toEqual({ bulk: BULK, seq: 300, page: 1, pageSize: 50 } satisfies ChannelInput<'auditlog.group'>);
    // Only the group row expands: a single event has no expand button.
    await waitFor(() => expect(within(table).getAllByRole('button', { name: /展开行|收起行|Expand row|Collapse row/ })).toHaveLength(1));
    // No raw key or id in the rendered text.
    const text = table.textContent ?? '';
    expect(text).not.toMatch(/roster-import|bulk|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
