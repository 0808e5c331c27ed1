import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Detail = ChannelOutput<'training.get'>;

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

const DETAIL: Detail = {
  id: 't1',
  title: '心理委员朋辈辅导技能培训',
  date: '2026-10-12',
  audience: 'peer_counselors',
  trainer: '王老师',
  hours: 2,
  location: '报告厅',
  department: null,
  invited: 1,
  attended: 1,
  createdBy: 'acc-2',
  createdAt: '2026-10-12T08:00:00.000Z',
  updatedAt: '2026-10-12T08:00:00.000Z',
  attendees: [{ id: 'at1', personKey: 'name:张三', accountId: null, registerPersonId: null, name: '张三', attended: true }],
};

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auth.lock': () => ({ locked: true as const }),
    'training.list': () => [{ ...DETAIL, attendees: undefined } as never],
    'training.get': () => DETAIL,
    'training.accounts': () => [
      { id: 'acc-7', displayName: '李辅导员', roles: ['liaison'], department: '文学院' },
      { id: 'acc-2', displayName: '王老师', roles: ['counselor'], department: null },
    ],
    // The work network register: one 心理委员 to pick (network.people, another helper's module).
    'network.people': () => ({
      schoolYear: '2026-2027',
      rows: [
        {
          id: 'np-1',
          schoolYear: '2026-2027',
          level: 'class',
          role: 'peer_counselor',
          name: '赵六',
          office: null,
          phone: null,
          department: '文学院',
          grade: '2026级',
          className: '汉语言1班',
          studentId: 's-9',
          studentNo: '2026000009',
          accountId: null,
          accountName: null,
          termFrom: null,
          termTo: null,
          note: null,
          retiredAt: null,
          label: '文学院 2026级汉语言1班 心理委员 赵六',
          createdAt: '2026-09-01T00:00:00.000Z',
          updatedAt: '2026-09-01T00:00:00.000Z',
        },
      ],
    }),
    'training.listSupervision': () => [],
    'training.supervisionTotals': () => ({ start: '2026-09-01', end: '2027-01-31', rows: [] }),
    'training.personHistory': (input) => ({
      personKey: input.personKey,
      name: '张三',
      sessions: [
        { sessionId: 't1', title: '心理委员朋辈辅导技能培训', date: '2026-10-12', audience: 'peer_counselors', hours: 2, attended: true },
        { sessionId: 't0', title: '心理委员上岗培训', date: '2026-09-20', audience: 'peer_counselors', hours: 1.5, attended: false },
      ],
      hoursByYear: [{ schoolYear: 2026, sessions: 1, hours: 2 }],
    }),
    ...extra,
  });
}

async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

describe('training attendance', () => {
  it('lists a training, edits its attendance (account, typed name, a tick taken off) and saves the whole list', async () => {
    const saved: ChannelInput<'training.setAttendance'>[] = [];
    const fake = signedInAs(COUNSELOR, {
      'training.setAttendance': (input) => {
        saved.push(input);
        return { ...DETAIL, invited: input.attendees.length, attended: input.attendees.filter((a) => a.attended).length };
      },
    });
    window.location.hash = '#/training';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const list = await screen.findByTestId('training-list');
    expect(await within(list).findByText('心理委员朋辈辅导技能培训')).toBeTruthy();
    expect(within(list).getByText('心理委员')).toBeTruthy();
    expect(within(list).getByText('1 / 1 人')).toBeTruthy();

    await user.click(within(list).getByText('心理委员朋辈辅导技能培训'));
    const editor = await screen.findByTestId('attendance-editor');
    expect(within(editor).getByText('张三')).toBeTruthy();

    await user.click(within(editor).getByLabelText('选择账号'));
    await user.click(await option('李辅导员'));
    // A 心理委员 from the work network register (no account).
    await user.click(within(editor).getByLabelText('工作网络'));
    await waitFor(() => expect([...document.querySelectorAll('.ant-select-item-option')].some((o) => o.textContent?.includes('赵六'))).toBe(true));
    await user.click([...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent?.includes('赵六')) as HTMLElement);
    await fill(user, within(editor).getByLabelText('姓名'), '王五');
    await user.click(within(editor).getByRole('button', { name: '添加' }));
    // The same person twice is refused on the spot.
    await fill(user, within(editor).getByLabelText('姓名'), '张三');
    await user.click(within(editor).getByRole('button', { name: '添加' }));
    expect(await within(editor).findByText('“张三”已在名单中。')).toBeTruthy();
    await user.click(within(editor).getByLabelText('出勤 王五'));

    await user.click(within(editor).getByRole('button', { name: '保存出勤' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      id: 't1',
      attendees: [
        { accountId: null, registerPersonId: null, name: '张三', attended: true },
        { accountId: 'acc-7', registerPersonId: null, name: '李辅导员', attended: true },
        { accountId: null, registerPersonId: 'np-1', name: '赵六', attended: true },
        { accountId: null, registerPersonId: null, name: '王五', attended: false },
      ],
    });
    expect(await screen.findByText('出勤已保存：出勤 3 人，名单 4 人。')).toBeTruthy();
    expect(fake.callsTo('training.setAttendance')).toHaveLength(1);
  });

  it("opens a person's training record with hours per school year in one click", async () => {
    const fake = signedInAs(COUNSELOR);
    window.location.hash = '#/training';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const list = await screen.findByTestId('training-list');
    await user.click(await within(list).findByText('心理委员朋辈辅导技能培训'));
    const editor = await screen.findByTestId('attendance-editor');
    await user.click(within(editor).getByRole('button', { name: '张三' }));
    const history = await screen.findByTestId('training-history');
    expect(within(history).getByText('2026–2027学年')).toBeTruthy();
    expect(within(history).getByText(/2 小时/)).toBeTruthy();
    expect(within(history).getByText('缺席')).toBeTruthy();
  });

  it('reads in English too', async () => {
    signedInAs(COUNSELOR);
    window.location.hash = '#/training';
    const user = userEvent.setup({ delay: null });
    await renderApp('en');
    const list = await screen.findByTestId('training-list');
    expect(await within(list).findByText('Peer counselors (class mental-health representatives)')).toBeTruthy();
    await user.click(within(list).getByText('心理委员朋辈辅导技能培训'));
    const editor = await screen.findByTestId('attendance-editor');
    expect(within(editor).getByRole('button', { name: 'Save attendance' })).toBeTruthy();
  });
});
