import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

/**
 * Issue 19: removed entries come 200 at a time with their total and a "show more"; the students
 * under attention are asked for without a limit.
 */
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
type Entry = ChannelOutput<'keyattention.list'>['rows'][number];

const entry = (i: number, removed: boolean): Entry => ({
  id: `e${removed ? 'r' : 'a'}${i}`,
  student: { id: `s-${i}`, studentNo: `2026${String(i).padStart(6, '0')}`, name: `测试学生${i}`, department: '文学院', className: null },
  level: '2',
  reason: '测试原因',
  responsible: { counselorId: 'acc-2', departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: null },
  counselor: { id: 'acc-2', displayName: '王老师' },
  cadenceDays: 7,
  nextReviewOn: '2026-09-08',
  lastReviewedAt: null,
  status: removed ? 'removed' : 'active',
  source: 'manual',
  overdue: false,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
});

function fake() {
  return installFakeBridge({
    'app.status': () => status.signedIn(COUNSELOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.facets': () => ({ departments: ['文学院'], grades: [], classes: [] }),
    'keyattention.list': (input) => {
      const base = { now: '2026-09-10T08:00:00.000Z', today: '2026-09-10' };
      if (input.status !== 'removed') return { ...base, rows: [entry(1, false)] };
      const rows = Array.from({ length: Math.min(input.limit ?? 450, 450) }, (_, i) => entry(i, true));
      return { ...base, rows, ...(input.limit ? { total: 450 } : {}) };
    },
  });
}

afterEach(() => {
  window.location.hash = '';
});

describe('key-attention list: removed entries in steps', () => {
  it('asks for 200 removed entries, says how many there are, and "show more" asks for 200 more', async () => {
    const bridge = fake();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/keyattention';
    await renderApp();
    await screen.findByText('测试学生1（2026000001）');
    expect(bridge.callsTo('keyattention.list').at(-1)).not.toHaveProperty('limit');
    await user.click(screen.getByRole('checkbox', { name: '显示已移出' }));
    const more = await screen.findByTestId('keyattention-removed-more');
    expect(within(more).getByText('已移出的学生共 450 名，显示最近移出的 200 名。')).toBeTruthy();
    expect(bridge.callsTo('keyattention.list').at(-1) as ChannelInput<'keyattention.list'>).toMatchObject({ status: 'removed', limit: 200 });
    await user.click(within(more).getByRole('button', { name: '再显示 200 名' }));
    await waitFor(() => expect(bridge.callsTo('keyattention.list').at(-1)).toMatchObject({ status: 'removed', limit: 400 }));
    expect(await screen.findByText('已移出的学生共 450 名，显示最近移出的 400 名。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '再显示 50 名' })).toBeTruthy();
  });

  it('in English', async () => {
    fake();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/keyattention';
    await renderApp('en');
    await screen.findByText(/2026000001/);
    await user.click(screen.getByRole('checkbox', { name: /removed/i }));
    expect(await screen.findByText('450 students were taken off the list; the 200 most recently removed are shown.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show 200 more' })).toBeTruthy();
  });
});
