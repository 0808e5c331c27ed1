import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import type { ArchivedCase, DestructionRecord, DestructionRequest, DueStudent } from '../../src-shared/contract/archive';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const DIRECTOR = session({ accountId: 'acc-1', roles: ['director'], displayName: '朱主任' });
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] });

const STUDENT = { id: 's1', studentNo: '2014990001', name: '测试学生甲', department: '文学院' };
const ARCHIVED: ArchivedCase = {
  caseId: 'c1',
  caseNo: '2026-0001',
  student: STUDENT,
  counselor: { id: 'acc-2', displayName: '王咨询' },
  openedAt: '2026-03-01T08:00:00.000Z',
  closedAt: '2026-06-01T08:00:00.000Z',
  archivedAt: '2026-07-01T08:00:00.000Z',
};
const DUE: DueStudent = {
  student: STUDENT,
  leftAt: '2014-07-01T00:00:00.000Z',
  records: [{ kind: 'case', id: 'c1', label: '2026-0001', date: ARCHIVED.closedAt }],
  heldCount: 0,
  heldBack: [],
};
const REQUEST: DestructionRequest = {
  id: 'r1',
  student: STUDENT,
  records: [{ kind: 'case', id: 'c1' }],
  reason: '超过保存期限',
  status: 'pending',
  requestedBy: { id: 'acc-1', displayName: '朱主任' },
  requestedAt: '2026-09-01T08:00:00.000Z',
  approvals: [],
  carriedOutAt: null,
};
const RECORD: DestructionRecord = {
  id: 'd1',
  requestId: 'r1',
  studentId: 's1',
  studentNo: '2014990001',
  counts: { cases: 1, session_notes: 2 },
  ids: ['case:c1'],
  reason: '超过保存期限',
  approvedBy: [
    { id: 'acc-1', displayName: '朱主任' },
    { id: 'acc-3', displayName: '赵督导' },
  ],
  destroyedBy: { id: 'acc-1', displayName: '朱主任' },
  destroyedAt: '2026-09-02T08:00:00.000Z',
};

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'archive.runDue': () => ({ archived: 0 }),
    'archive.search': (input) => (input.query && !'2014990001 测试学生甲 2026-0001'.includes(input.query) ? [] : [ARCHIVED]),
    'archive.dueForDestruction': () => [DUE],
    'archive.destructionRequests': () => [],
    'archive.holds': () => [],
    'archive.destructionRecords': () => [],
    'archive.settings': () => ({ afterDays: 30, retention: { case: 10, assessment: 10, report: 10, crisis: 10, care: 10 } }),
    ...extra,
  });
}

async function openArchive(tab?: string) {
  window.location.hash = '#/archive';
  const user = userEvent.setup({ delay: null });
  await renderApp();
  await screen.findByRole('tab', { name: '档案检索' });
  if (tab) await user.click(screen.getByRole('tab', { name: tab }));
  return user;
}

describe('archive screen', () => {
  it('archives due cases on opening, searches, and opens an archived case', async () => {
    const fake = signedInAs(DIRECTOR);
    const user = await openArchive();
    await waitFor(() => expect(fake.callsTo('archive.runDue')).toHaveLength(1));
    expect(await screen.findByText('2026-0001')).toBeTruthy();
    await fill(user, screen.getByLabelText('学号、姓名或个案编号'), '2014990001');
    await user.click(screen.getByRole('button', { name: /检\s*索/ }));
    await waitFor(() => expect(fake.callsTo('archive.search')).toContainEqual({ query: '2014990001' }));
    await user.click(screen.getByRole('button', { name: '查阅 2026-0001' }));
    await waitFor(() => expect(window.location.hash).toBe('#/case/c1'));
  });

  it('a counselor sees only the search, and nothing is archived on their behalf', async () => {
    const counselor = signedInAs(COUNSELOR);
    await openArchive();
    expect(await screen.findByText('2026-0001')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '待销毁' })).toBeNull();
    expect(screen.queryByRole('tab', { name: '销毁审批' })).toBeNull();
    expect(screen.queryByRole('button', { name: '归档到期个案' })).toBeNull();
    expect(counselor.callsTo('archive.runDue')).toHaveLength(0);
  });

  it('requests destruction with a reason, and a refused carry-out shows the hold', async () => {
    const approved: DestructionRequest = { ...REQUEST, status: 'approved', approvals: [] };
    const fake = signedInAs(DIRECTOR, {
      'archive.requestDestruction': () => REQUEST,
      'archive.destructionRequests': () => [approved],
      'archive.carryOut': () => fail('CONFLICT', { reason: 'archiveRecordHeld' }),
    });
    const user = await openArchive('待销毁');
    await user.click(await screen.findByRole('button', { name: '申请销毁 测试学生甲' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /申请销毁/ }));
    expect(await within(dialog).findByText('请填写销毁理由')).toBeTruthy();
    await fill(user, within(dialog).getByLabelText('销毁理由'), '超过保存期限');
    await user.click(within(dialog).getByRole('button', { name: /申请销毁/ }));
    await waitFor(() => expect(fake.callsTo('archive.requestDestruction')).toEqual([{ studentId: 's1', reason: '超过保存期限' }]));

    await user.click(screen.getByRole('tab', { name: '销毁审批' }));
    await user.click(await screen.findByRole('button', { name: /执行销毁/ }));
    const confirm = await screen.findByRole('dialog', { name: '确定执行销毁吗？' });
    await user.click(within(confirm).getByRole('button', { name: /执行销毁/ }));
    expect(await screen.findByText('记录处于法律保全中，不能销毁。')).toBeTruthy();
    expect(fake.callsTo('archive.carryOut')).toEqual([{ id: 'r1' }]);
  });

  it('approves a pending request and shows destruction records without content', async () => {
    const fake = signedInAs(DIRECTOR, {
      'archive.destructionRequests': () => [REQUEST],
      'archive.approveDestruction': () => ({
        ...REQUEST,
        approvals: [{ account: { id: 'acc-1', displayName: '朱主任' }, roles: ['director'], at: REQUEST.requestedAt, decision: 'approve', note: null }],
      }),
      'archive.destructionRecords': () => [RECORD],
    });
    const user = await openArchive('销毁审批');
    await user.click(await screen.findByRole('button', { name: /同\s*意/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /同\s*意/ }));
    await waitFor(() => expect(fake.callsTo('archive.approveDestruction')).toEqual([{ id: 'r1' }]));

    await user.click(screen.getByRole('tab', { name: '销毁记录' }));
    expect(await screen.findByText('个案 1，咨询记录 2')).toBeTruthy();
    expect(screen.getByText('朱主任、赵督导')).toBeTruthy();
  });
});
