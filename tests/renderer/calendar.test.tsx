import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { mondayOf } from '../../src-shared/calendar/calendar-time';
import type { Appointment, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const RECEPTION = session({ accountId: 'acc-3', username: 'li.jiedai', displayName: '李接待', roles: ['reception'] });
const LIAISON = session({ accountId: 'acc-4', username: 'dept', displayName: '院系老师', roles: ['liaison'] });
const TODAY = dayjs().format('YYYY-MM-DD');
const local = (time: string) => dayjs(`${TODAY}T${time}:00`).toISOString();

const EXISTING: Appointment = {
  id: 'ap1',
  student: { id: 's2', studentNo: '2026100002', name: '测试学生乙' },
  counselor: { id: 'acc-2', displayName: '王老师' },
  room: { id: 'r1', name: '咨询室一' },
  caseId: null,
  kind: 'session',
  startsAt: local('10:00'),
  endsAt: local('10:50'),
  status: 'scheduled',
  remark: null,
  cancelReason: null,
  waitlistEntryId: null,
  createdAt: local('08:00'),
};

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'calendar.range': () => [EXISTING],
    'calendar.today': () => [EXISTING],
    'calendar.counselors': () => [
      { id: 'acc-2', displayName: '王老师' },
      { id: 'acc-5', displayName: '赵老师' },
    ],
    'calendar.rooms': () => [{ id: 'r1', name: '咨询室一', active: true }],
    'calendar.term': () => ({ firstMonday: mondayOf(TODAY), weeks: 18 }),
    'waitlist.list': () => [],
    'students.search': (input) => ({
      total: 1,
      rows: input.query
        ? [
            {
              id: 's1',
              studentNo: '2026100001',
              name: '测试学生甲',
              gender: null,
              department: '文学院',
              grade: null,
              className: null,
              status: 'enrolled' as const,
            },
          ]
        : [],
    }),
    ...extra,
  });
}

async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

describe('calendar', () => {
  it('shows the week with its teaching week, and a clash refused by the core in words, saving nothing', async () => {
    const fake = signedInAs(RECEPTION, {
      'calendar.create': () =>
        fail('CONFLICT', {
          reason: 'appointmentCounselorBusy',
          counselorId: 'acc-2',
          counselorName: '王老师',
          otherAppointmentId: 'ap1',
          otherStartsAt: local('10:00'),
          otherEndsAt: local('10:50'),
        }),
    });
    window.location.hash = '#/calendar';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText('第1教学周')).toBeTruthy();
    expect(await screen.findByRole('button', { name: /测试学生乙 10:00–10:50 王老师/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: `新建预约 ${TODAY} 10:30` }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByRole('combobox', { name: '学生' }), '测试');
    await user.click(await option('测试学生甲（2026100001） · 文学院'));
    await user.click(within(dialog).getByRole('combobox', { name: '咨询师' }));
    await user.click(await option('王老师'));
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    expect(await within(dialog).findByText('王老师 在 10:00–10:50 已有预约，请换一个时间或咨询师。')).toBeTruthy();
    expect(fake.callsTo('calendar.create')).toEqual([
      { studentId: 's1', counselorId: 'acc-2', roomId: null, caseId: null, kind: 'session', remark: null, startsAt: local('10:30'), endsAt: local('11:20') },
    ]);
    // The modal stays open with the choices, for another time or counselor.
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('checks an appointment in from the week view', async () => {
    const fake = signedInAs(RECEPTION, { 'calendar.setStatus': (input) => ({ ...EXISTING, status: input.status }) });
    window.location.hash = '#/calendar';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /测试学生乙 10:00–10:50 王老师/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /签\s*到/ }));
    await waitFor(() => expect(fake.callsTo('calendar.setStatus')).toEqual([{ appointmentId: 'ap1', status: 'checked_in' }]));
  });

  it('安排最早空档 shows the offered slot, then books exactly that slot', async () => {
    const entry = {
      id: 'w1',
      student: { id: 's3', studentNo: '2026100003', name: '测试学生丙' },
      priority: 1,
      preferredCounselor: null,
      caseId: null,
      remark: null,
      status: 'waiting' as const,
      appointmentId: null,
      createdAt: local('08:00'),
    };
    const slot = { startsAt: local('14:30'), endsAt: local('15:20'), counselor: { id: 'acc-5', displayName: '赵老师' }, room: { id: 'r1', name: '咨询室一' } };
    const fake = signedInAs(RECEPTION, {
      'waitlist.list': () => (fake.callsTo('waitlist.schedule').length > 0 ? [] : [entry]),
      'waitlist.offer': () => ({ slot }),
      'waitlist.schedule': () => ({
        entry: { ...entry, status: 'scheduled' as const, appointmentId: 'ap9' },
        appointment: { ...EXISTING, id: 'ap9', student: entry.student, startsAt: slot.startsAt, endsAt: slot.endsAt },
      }),
    });
    window.location.hash = '#/calendar';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText('测试学生丙')).toBeTruthy();
    expect(screen.getByText('优先')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '安排最早空档' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/14:30–15:20/)).toBeTruthy();
    expect(within(dialog).getByText('赵老师')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '确认预约' }));
    await waitFor(() =>
      expect(fake.callsTo('waitlist.schedule')).toEqual([
        { entryId: 'w1', counselorId: 'acc-5', roomId: 'r1', startsAt: slot.startsAt, endsAt: slot.endsAt, kind: 'intake' },
      ]),
    );
    expect(await screen.findByText('暂无候补学生。')).toBeTruthy();
  });

  it("the workbench shows today's appointments to the calendar's roles", async () => {
    signedInAs(RECEPTION);
    window.location.hash = '#/workbench';
    await renderApp();
    expect(await screen.findByText('今日预约')).toBeTruthy();
    expect(await screen.findByText(/测试学生乙/)).toBeTruthy();
  });

  it('the workbench shows no appointments panel to a liaison', async () => {
    const liaison = signedInAs(LIAISON);
    window.location.hash = '#/workbench';
    await renderApp();
    await screen.findAllByText(/院系老师/);
    expect(screen.queryByText('今日预约')).toBeNull();
    expect(liaison.callsTo('calendar.today')).toEqual([]);
  });
});
