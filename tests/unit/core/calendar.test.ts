import { describe, expect, it } from 'vitest';
import { expectError, expectOk, openTestCase, setUpCore } from './helpers';

const ZONE = 'Asia/Shanghai';
/** Local Shanghai wall-clock time on a date, as the UTC instant the calendar stores. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

async function withCalendar() {
  const made = await setUpCore();
  const { core } = made;
  const account = async (username: string, displayName: string, roles: string[], department?: string) =>
    expectOk(await core.call('accounts.create', { username, displayName, roles, password: `${username} password 1`, ...(department && { department }) }));
  const wang = await account('wang', '王老师', ['counselor']);
  const li = await account('li', '李老师', ['counselor']);
  const student = async (studentNo: string, name: string) => expectOk(await core.call('students.create', { studentNo, name, department: '文学院' }));
  const jia = await student('2026100001', '测试学生甲');
  const yi = await student('2026100002', '测试学生乙');
  const bing = await student('2026100003', '测试学生丙');
  const room1 = expectOk(await core.call('calendar.createRoom', { name: '咨询室一' }));
  const room2 = expectOk(await core.call('calendar.createRoom', { name: '咨询室二' }));
  const book = (input: Record<string, unknown>) =>
    core.call('calendar.create', { studentId: jia.id, counselorId: wang.id, roomId: room1.id, kind: 'session', ...input });
  const signInAs = async (username: string) => {
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username, password: `${username} password 1` }));
    expectOk(await core.call('auth.changePassword', { currentPassword: `${username} password 1`, newPassword: `${username} password 2` }));
  };
  return { ...made, account, wang, li, jia, yi, bing, room1, room2, book, signInAs };
}

const rowCount = (core: any, table: string) => core.vault.requireStore().sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('calendar: rooms and the term', () => {
  it('creates, renames and deactivates rooms; an inactive room takes no new bookings', async () => {
    const { core, room1, room2, book } = await withCalendar();
    expectError(await core.call('calendar.createRoom', { name: '咨询室一' }), 'CONFLICT', 'calendarRoomNameTaken');
    expect(expectOk(await core.call('calendar.renameRoom', { roomId: room1.id, name: '沙盘室' })).name).toBe('沙盘室');
    expectError(await core.call('calendar.renameRoom', { roomId: room1.id, name: '咨询室二' }), 'CONFLICT', 'calendarRoomNameTaken');
    expectOk(await core.call('calendar.setRoomActive', { roomId: room2.id, active: false }));
    expect(expectOk(await core.call('calendar.rooms', {})).map((r: any) => r.name)).toEqual(['沙盘室']);
    expect(expectOk(await core.call('calendar.rooms', { includeInactive: true }))).toHaveLength(2);
    expectError(await book({ roomId: room2.id, startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }), 'CONFLICT', 'calendarRoomInactive');
  });

  it('stores the teaching-week term, refuses a first day that is not a Monday, and clears it', async () => {
    const { core } = await withCalendar();
    expect(expectOk(await core.call('calendar.term', {}))).toBeNull();
    expectOk(await core.call('calendar.setTerm', { term: { firstMonday: '2026-09-07', weeks: 18 } }));
    expect(expectOk(await core.call('calendar.term', {}))).toEqual({ firstMonday: '2026-09-07', weeks: 18 });
    expectError(await core.call('calendar.setTerm', { term: { firstMonday: '2026-09-08', weeks: 18 } }), 'VALIDATION');
    expectOk(await core.call('calendar.setTerm', { term: null }));
    expect(expectOk(await core.call('calendar.term', {}))).toBeNull();
  });
});

describe('calendar: appointments', () => {
  it('books an appointment with names for the calendar, and refuses an end before the start with a field error', async () => {
    const { core, book, wang, room1 } = await withCalendar();
    const made = expectOk(await book({ startsAt: '2026-09-08T10:00:00+08:00', endsAt: '2026-09-08T10:50:00+08:00', remark: '第一次来' }));
    expect(made).toMatchObject({
      status: 'scheduled',
      startsAt: '2026-09-08T02:00:00.000Z',
      endsAt: '2026-09-08T02:50:00.000Z',
      counselor: { id: wang.id, displayName: '王老师' },
      room: { id: room1.id, name: '咨询室一' },
      student: { name: '测试学生甲', studentNo: '2026100001' },
    });
    const error = expectError(
      await book({ startsAt: at('2026-09-08', '14:00'), endsAt: at('2026-09-08', '14:00') }),
      'VALIDATION',
      'appointmentEndsBeforeStart',
    );
    expect(error.details.issues).toEqual([expect.objectContaining({ path: ['endsAt'] })]);
    expectError(
      await book({ counselorId: 'nobody', startsAt: at('2026-09-08', '15:00'), endsAt: at('2026-09-08', '15:50') }),
      'VALIDATION',
      'appointmentCounselorInvalid',
    );
  });

  it('refuses the same counselor or the same room at an overlapping time, naming the clash; back-to-back is fine', async () => {
    const { core, book, li, yi, room2 } = await withCalendar();
    const first = expectOk(await book({ startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    const busy = expectError(
      await book({ studentId: yi.id, roomId: room2.id, startsAt: at('2026-09-08', '10:30'), endsAt: at('2026-09-08', '11:20') }),
      'CONFLICT',
      'appointmentCounselorBusy',
    );
    expect(busy.details).toMatchObject({ counselorName: '王老师', otherAppointmentId: first.id, otherStartsAt: first.startsAt, otherEndsAt: first.endsAt });
    const roomBusy = expectError(
      await book({ studentId: yi.id, counselorId: li.id, startsAt: at('2026-09-08', '09:30'), endsAt: at('2026-09-08', '10:20') }),
      'CONFLICT',
      'appointmentRoomBusy',
    );
    expect(roomBusy.details).toMatchObject({ roomName: '咨询室一', otherStartsAt: first.startsAt });
    // End == next start is not a clash, on either side.
    expectOk(await book({ studentId: yi.id, startsAt: at('2026-09-08', '10:50'), endsAt: at('2026-09-08', '11:40') }));
    expectOk(await book({ studentId: yi.id, startsAt: at('2026-09-08', '09:10'), endsAt: at('2026-09-08', '10:00') }));
    expect(rowCount(core, 'appointments')).toBe(3);
  });

  it('frees a cancelled slot for a new booking, keeping the reason', async () => {
    const { core, book, yi } = await withCalendar();
    const first = expectOk(await book({ startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    const cancelled = expectOk(await core.call('calendar.cancel', { appointmentId: first.id, reason: '学生请假' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '学生请假' });
    expectOk(await book({ studentId: yi.id, startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    expectError(await core.call('calendar.cancel', { appointmentId: first.id, reason: '再取消' }), 'CONFLICT', 'appointmentStatusTransition');
    // The audit names the change, not the reason's text.
    const details = core.vault
      .requireStore()
      .sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'appointments' AND action = 'cancel'")
      .pluck()
      .get() as string;
    expect(details).not.toContain('学生请假');
  });

  it('moves an appointment, and refuses a move into a clash leaving it unchanged', async () => {
    const { core, book, yi, li, room2 } = await withCalendar();
    const a = expectOk(await book({ startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    const b = expectOk(await book({ studentId: yi.id, roomId: room2.id, startsAt: at('2026-09-08', '14:00'), endsAt: at('2026-09-08', '14:50') }));
    const moved = expectOk(await core.call('calendar.move', { appointmentId: a.id, startsAt: at('2026-09-09', '09:00'), endsAt: at('2026-09-09', '09:50') }));
    expect(moved).toMatchObject({ startsAt: at('2026-09-09', '09:00'), status: 'scheduled' });
    // Moving b onto a's new time with the same counselor clashes: nothing changes.
    expectError(
      await core.call('calendar.move', { appointmentId: b.id, startsAt: at('2026-09-09', '09:20'), endsAt: at('2026-09-09', '10:10') }),
      'CONFLICT',
      'appointmentCounselorBusy',
    );
    const range = expectOk(await core.call('calendar.range', { from: at('2026-09-07', '00:00'), to: at('2026-09-14', '00:00') }));
    expect(range.find((x: any) => x.id === b.id)).toMatchObject({ startsAt: b.startsAt, endsAt: b.endsAt, room: { id: room2.id } });
    // With another counselor, the same time is fine; the room follows.
    expect(
      expectOk(
        await core.call('calendar.move', { appointmentId: b.id, counselorId: li.id, startsAt: at('2026-09-09', '09:20'), endsAt: at('2026-09-09', '10:10') }),
      ),
    ).toMatchObject({
      counselor: { displayName: '李老师' },
      room: { id: room2.id },
    });
    // Moving itself onto its own time is no clash with itself.
    expectOk(await core.call('calendar.move', { appointmentId: a.id, startsAt: at('2026-09-09', '09:10'), endsAt: at('2026-09-09', '10:00'), roomId: null }));
  });

  it('runs the status machine: check-in then done; no-show from either active state; final states stay final', async () => {
    const { core, book } = await withCalendar();
    const slot = (h: string) => ({ startsAt: at('2026-09-08', `${h}:00`), endsAt: at('2026-09-08', `${h}:50`) });
    const a = expectOk(await book(slot('09')));
    expectError(await core.call('calendar.setStatus', { appointmentId: a.id, status: 'done' }), 'CONFLICT', 'appointmentStatusTransition');
    expect(expectOk(await core.call('calendar.setStatus', { appointmentId: a.id, status: 'checked_in' })).status).toBe('checked_in');
    expectError(
      await core.call('calendar.move', { appointmentId: a.id, startsAt: slot('11').startsAt, endsAt: slot('11').endsAt }),
      'CONFLICT',
      'appointmentNotMovable',
    );
    expect(expectOk(await core.call('calendar.setStatus', { appointmentId: a.id, status: 'done' })).status).toBe('done');
    expectError(await core.call('calendar.setStatus', { appointmentId: a.id, status: 'no_show' }), 'CONFLICT', 'appointmentStatusTransition');
    expectError(await core.call('calendar.cancel', { appointmentId: a.id, reason: '太晚了' }), 'CONFLICT', 'appointmentStatusTransition');

    const b = expectOk(await book(slot('10')));
    expect(expectOk(await core.call('calendar.setStatus', { appointmentId: b.id, status: 'no_show' })).status).toBe('no_show');
    expectError(await core.call('calendar.setStatus', { appointmentId: b.id, status: 'checked_in' }), 'CONFLICT', 'appointmentStatusTransition');
    const c = expectOk(await book(slot('11')));
    expectOk(await core.call('calendar.setStatus', { appointmentId: c.id, status: 'checked_in' }));
    expect(expectOk(await core.call('calendar.setStatus', { appointmentId: c.id, status: 'no_show' })).status).toBe('no_show');
    // A done or no-show appointment no longer holds the slot.
    expectOk(await book(slot('09')));
    const actions = core.vault
      .requireStore()
      .sqlite.prepare("SELECT action FROM audit_events WHERE entity = 'appointments' AND entity_id = ? ORDER BY seq")
      .pluck()
      .all(a.id);
    expect(actions).toEqual(['create', 'set-status', 'set-status']);
  });

  it('lists by range with counselor or room filters, by case, and today per person', async () => {
    const { core, clock, book, wang, li, jia, yi, room2, signInAs } = await withCalendar();
    const theCase = openTestCase(core, { studentId: jia.id, counselorId: wang.id });
    clock.set(at('2026-09-08', '08:00'));
    const a = expectOk(await book({ caseId: theCase.id, startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    const b = expectOk(
      await book({ studentId: yi.id, counselorId: li.id, roomId: room2.id, startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }),
    );
    const c = expectOk(
      await book({ studentId: yi.id, counselorId: li.id, roomId: null, startsAt: at('2026-09-09', '10:00'), endsAt: at('2026-09-09', '10:50') }),
    );
    expectError(
      await book({ studentId: yi.id, caseId: theCase.id, startsAt: at('2026-09-10', '10:00'), endsAt: at('2026-09-10', '10:50') }),
      'VALIDATION',
      'appointmentCaseOtherStudent',
    );
    const week = { from: at('2026-09-07', '00:00'), to: at('2026-09-14', '00:00') };
    expect(expectOk(await core.call('calendar.range', week)).map((x: any) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(expectOk(await core.call('calendar.range', { ...week, counselorId: li.id })).map((x: any) => x.id)).toEqual([b.id, c.id]);
    expect(expectOk(await core.call('calendar.range', { ...week, roomId: room2.id })).map((x: any) => x.id)).toEqual([b.id]);
    expect(expectOk(await core.call('calendar.forCase', { caseId: theCase.id })).map((x: any) => x.id)).toEqual([a.id]);

    await signInAs('li');
    expect(expectOk(await core.call('calendar.today', { timeZone: ZONE })).map((x: any) => x.id)).toEqual([b.id]);
    // Reception runs the front desk: everyone's day.
    await core.call('auth.lock', {});
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: 'correct horse 01' }));
    await core.call('accounts.create', { username: 'desk', displayName: '前台甲', roles: ['reception'], password: 'desk password 1' });
    await signInAs('desk');
    expect(expectOk(await core.call('calendar.today', { timeZone: ZONE })).map((x: any) => x.id)).toEqual([a.id, b.id]);
  });

  it('lets reception schedule and refuses a liaison', async () => {
    const { core, account, book, signInAs, yi, jia, wang } = await withCalendar();
    await account('desk', '前台甲', ['reception']);
    await account('dept', '院系老师', ['liaison'], '文学院');
    await signInAs('desk');
    expectOk(await book({ startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    expectOk(await core.call('waitlist.add', { studentId: yi.id, priority: 1 }));
    expectOk(await core.call('calendar.counselors', {}));
    await core.call('auth.lock', {});
    await signInAs('dept');
    expectError(await book({ startsAt: at('2026-09-08', '11:00'), endsAt: at('2026-09-08', '11:50') }), 'FORBIDDEN');
    expectError(await core.call('calendar.range', { from: at('2026-09-07', '00:00'), to: at('2026-09-14', '00:00') }), 'FORBIDDEN');
    expectError(await core.call('waitlist.add', { studentId: jia.id, priority: 1, preferredCounselorId: wang.id }), 'FORBIDDEN');
    expectError(await core.call('waitlist.list', {}), 'FORBIDDEN');
    expectError(await core.call('calendar.createRoom', { name: '新房间' }), 'FORBIDDEN');
  });

  it('shows appointments on the student file with date, kind and status only', async () => {
    const { core, book, jia } = await withCalendar();
    const a = expectOk(await book({ kind: 'intake', remark: '私人备注不应出现', startsAt: at('2026-09-08', '10:00'), endsAt: at('2026-09-08', '10:50') }));
    const timeline = expectOk(await core.call('students.timeline', { studentId: jia.id }));
    const entry = timeline.find((e: any) => e.kind === 'appointment');
    expect(entry).toEqual({
      at: a.startsAt,
      kind: 'appointment',
      titleKey: 'calendar.timeline.appointment',
      values: { kind: 'i18n:calendar.kinds.intake', status: 'i18n:calendar.statuses.scheduled' },
      level: null,
      ref: { type: 'appointment', id: a.id },
    });
    expect(JSON.stringify(timeline)).not.toContain('私人备注');
  });
});

describe('calendar: the waitlist', () => {
  it('lists waiting students by priority then by age, and refuses a second entry for the same student', async () => {
    const { core, clock, jia, yi, bing } = await withCalendar();
    const add = async (studentId: string, priority: number) => {
      clock.advance(60_000);
      return expectOk(await core.call('waitlist.add', { studentId, priority }));
    };
    const first = await add(jia.id, 2);
    const second = await add(yi.id, 3);
    const third = await add(bing.id, 2);
    await core.call('waitlist.remove', { entryId: second.id });
    const urgent = await add(yi.id, 1);
    expect(expectOk(await core.call('waitlist.list', {})).map((e: any) => e.id)).toEqual([urgent.id, first.id, third.id]);
    expectError(await core.call('waitlist.add', { studentId: jia.id, priority: 1 }), 'CONFLICT', 'waitlistAlreadyWaiting');
    expectError(await core.call('waitlist.remove', { entryId: second.id }), 'CONFLICT', 'waitlistNotWaiting');
  });

  it('offers the earliest free slot in working hours, stepping around busy counselors, rooms and weekends', async () => {
    const { core, clock, book, wang, li, yi, bing, room2 } = await withCalendar();
    // Friday 2026-09-11, 15:40 local: the 16:30 slot is the last of the day.
    clock.set(at('2026-09-11', '15:40'));
    expectOk(await core.call('calendar.setRoomActive', { roomId: room2.id, active: false }));
    const entry = expectOk(await core.call('waitlist.add', { studentId: yi.id, priority: 1, preferredCounselorId: wang.id }));
    const offer = async () => expectOk(await core.call('waitlist.offer', { entryId: entry.id, timeZone: ZONE })).slot;
    expect(await offer()).toMatchObject({
      startsAt: at('2026-09-11', '16:30'),
      endsAt: at('2026-09-11', '17:20'),
      counselor: { id: wang.id },
      room: { name: '咨询室一' },
    });

    // Wang is busy then: the next slot is Monday morning (the weekend is skipped).
    expectOk(await book({ startsAt: at('2026-09-11', '16:30'), endsAt: at('2026-09-11', '17:20') }));
    expect((await offer()).startsAt).toBe(at('2026-09-14', '08:30'));
    // The only room is taken at 08:30 by Li: the slot moves on, although Wang is free.
    expectOk(await book({ studentId: bing.id, counselorId: li.id, startsAt: at('2026-09-14', '08:00'), endsAt: at('2026-09-14', '09:00') }));
    expect((await offer()).startsAt).toBe(at('2026-09-14', '09:30'));

    // Without a preference, the first free counselor is offered: Li has Monday 08:30 free but no room; Wang is busy at 09:30.
    expectOk(await book({ studentId: bing.id, roomId: null, startsAt: at('2026-09-14', '09:30'), endsAt: at('2026-09-14', '10:20') }));
    const open = expectOk(await core.call('waitlist.add', { studentId: bing.id, priority: 2 }));
    const anyone = expectOk(await core.call('waitlist.offer', { entryId: open.id, timeZone: ZONE, from: at('2026-09-14', '09:00') })).slot;
    expect(anyone).toMatchObject({ startsAt: at('2026-09-14', '09:30'), counselor: { id: li.id } });

    // Nothing left in the window (Friday, after the last slot started): null.
    const none = expectOk(await core.call('waitlist.offer', { entryId: entry.id, timeZone: ZONE, from: at('2026-09-11', '16:40'), workingDays: 1 })).slot;
    expect(none).toBeNull();
  });

  it('schedules an offered slot: the appointment and the entry change together, or neither does', async () => {
    const { core, clock, book, wang, yi, room1 } = await withCalendar();
    clock.set(at('2026-09-08', '08:00'));
    const entry = expectOk(await core.call('waitlist.add', { studentId: yi.id, priority: 1, preferredCounselorId: wang.id }));
    const { slot } = expectOk(await core.call('waitlist.offer', { entryId: entry.id, timeZone: ZONE }));
    // Someone books the slot first: scheduling is refused and the entry still waits.
    const taken = expectOk(await book({ startsAt: slot.startsAt, endsAt: slot.endsAt }));
    const booking = { entryId: entry.id, counselorId: slot.counselor.id, roomId: slot.room.id, startsAt: slot.startsAt, endsAt: slot.endsAt };
    expectError(await core.call('waitlist.schedule', booking), 'CONFLICT', 'appointmentCounselorBusy');
    expect(expectOk(await core.call('waitlist.list', {})).map((e: any) => e.id)).toEqual([entry.id]);
    expectOk(await core.call('calendar.cancel', { appointmentId: taken.id, reason: '改期' }));
    const done = expectOk(await core.call('waitlist.schedule', booking));
    expect(done.entry).toMatchObject({ status: 'scheduled', appointmentId: done.appointment.id });
    expect(done.appointment).toMatchObject({
      student: { id: yi.id },
      counselor: { id: wang.id },
      room: { id: room1.id },
      kind: 'intake',
      waitlistEntryId: entry.id,
    });
    expect(expectOk(await core.call('waitlist.list', {}))).toEqual([]);
    expectError(await core.call('waitlist.schedule', booking), 'CONFLICT', 'waitlistNotWaiting');
  });
});
