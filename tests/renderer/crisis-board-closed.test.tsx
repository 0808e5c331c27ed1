import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

/**
 * Issue 19: with closed events shown, the board asks for the most recently closed ones in steps
 * of 100 and says how many there are; every open event is always listed.
 */
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const NOW = '2035-06-01T10:00:00.000Z';
type Row = ChannelOutput<'crisis.board'>['rows'][number];

function row(i: number, closed: boolean): Row {
  return {
    id: `ev-${closed ? 'c' : 'o'}${i}`,
    eventNo: `CR-2035-${closed ? 'C' : 'O'}${String(i).padStart(4, '0')}`,
    student: { id: `stu-${i}`, studentNo: `20350${i}`, name: `测试学生${i}`, department: '文学院' },
    level: '1',
    status: closed ? 'closed' : 'open',
    discoveredAt: '2035-05-01T07:00:00.000Z',
    owner: null,
    stepsDone: 1,
    stepsTotal: 4,
    overdueSteps: closed ? 0 : 1,
    mostOverdueMs: closed ? 0 : 60_000,
    nextDueAt: null,
  };
}

function fake() {
  return installFakeBridge({
    'app.status': () => status.signedIn(COUNSELOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'crisis.levels': () => [{ key: '1', label: '一级', color: 'red', cadenceDays: 7 }],
    'students.facets': () => ({ departments: ['文学院'], grades: [], classes: [] }),
    'crisis.board': (input) => {
      const open = [row(1, false), row(2, false)];
      if (input.status !== 'all') return { now: NOW, rows: open };
      const closed = Array.from({ length: Math.min(input.closedLimit ?? 100, 250) }, (_, i) => row(i, true));
      return { now: NOW, rows: [...open, ...closed], closedTotal: 250 };
    },
  });
}

afterEach(() => {
  window.location.hash = '';
});

describe('crisis board: closed events in steps', () => {
  it('asks for 100 closed events, says how many there are, and "show more" asks for the next 100', async () => {
    const bridge = fake();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisis';
    await renderApp();
    await within(await screen.findByTestId('crisis-board')).findByText('CR-2035-O0001');
    expect(screen.queryByTestId('crisis-board-closed-more')).toBeNull();
    await user.click(screen.getByRole('switch'));
    const more = await screen.findByTestId('crisis-board-closed-more');
    expect(within(more).getByText('未结案事件全部列出。已结案事件共 250 起，显示最近结案的 100 起。')).toBeTruthy();
    expect(bridge.callsTo('crisis.board').at(-1) as ChannelInput<'crisis.board'>).toEqual({ status: 'all', closedLimit: 100 });
    await user.click(within(more).getByRole('button', { name: '再显示 100 起已结案事件' }));
    await waitFor(() => expect(bridge.callsTo('crisis.board').at(-1)).toEqual({ status: 'all', closedLimit: 200 }));
    expect(await screen.findByText('未结案事件全部列出。已结案事件共 250 起，显示最近结案的 200 起。')).toBeTruthy();
    await user.click(within(screen.getByTestId('crisis-board-closed-more')).getByRole('button', { name: '再显示 50 起已结案事件' }));
    await waitFor(() => expect(screen.queryByTestId('crisis-board-closed-more')).toBeNull());
    // The open events stay first on the board's first page.
    expect(within(screen.getByTestId('crisis-board')).getByText('CR-2035-O0001')).toBeTruthy();
  });

  it('in English', async () => {
    fake();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/crisis';
    await renderApp('en');
    await within(await screen.findByTestId('crisis-board')).findByText('CR-2035-O0001');
    await user.click(screen.getByRole('switch'));
    expect(await screen.findByText('Every open event is listed. Closed: the 100 most recently closed of 250.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show 100 more closed' })).toBeTruthy();
  });
});
