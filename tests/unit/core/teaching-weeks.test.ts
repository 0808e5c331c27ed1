import { describe, expect, it } from 'vitest';
import { localDayBounds, mondayOf, teachingWeekOf, WORKING_HOURS, zonedInstant } from '../../../src-shared/calendar/calendar-time';
import { findFirstFreeSlot } from '../../../src-main/core/calendar/slot-finder';

const term = { firstMonday: '2026-09-07', weeks: 18 };

describe('teaching weeks (教学周)', () => {
  it('turns the week at local Monday 00:00 in Asia/Shanghai, whatever the UTC date says', () => {
    const zone = 'Asia/Shanghai';
    // Sunday 2026-09-13 23:30 local is 15:30 UTC the same day; Monday 00:30 local is Sunday 16:30 UTC.
    expect(teachingWeekOf('2026-09-13T15:30:00Z', term, zone)).toBe(1);
    expect(teachingWeekOf('2026-09-13T16:30:00Z', term, zone)).toBe(2);
    expect(teachingWeekOf('2026-09-06T15:59:59Z', term, zone)).toBeNull(); // Sunday before the term, 23:59:59 local
    expect(teachingWeekOf('2026-09-06T16:00:00Z', term, zone)).toBe(1); // Monday 00:00 local
  });

  it('gives null before and after the term and counts its last week', () => {
    const zone = 'Asia/Shanghai';
    expect(teachingWeekOf('2026-08-31T04:00:00Z', term, zone)).toBeNull();
    // Week 18 is 2027-01-04 .. 2027-01-10; 2027-01-11 is past the term.
    expect(teachingWeekOf('2027-01-10T12:00:00Z', term, zone)).toBe(18);
    expect(teachingWeekOf('2027-01-10T16:30:00Z', term, zone)).toBeNull();
    expect(teachingWeekOf('2026-09-08T02:00:00Z', null, zone)).toBeNull();
  });

  it('uses the zone it is given: the same instant is a different local day in New York', () => {
    // Monday 2026-09-14 01:00 UTC is still Sunday evening in New York.
    expect(teachingWeekOf('2026-09-14T01:00:00Z', term, 'Asia/Shanghai')).toBe(2);
    expect(teachingWeekOf('2026-09-14T01:00:00Z', term, 'America/New_York')).toBe(1);
  });

  it('counts calendar days across a DST change (Europe/Berlin, 2026-10-25)', () => {
    const zone = 'Europe/Berlin';
    const autumn = { firstMonday: '2026-10-19', weeks: 2 };
    // Sunday 25 October 23:30 CET (22:30 UTC) is still week 1; Monday 00:30 (23:30 UTC) is week 2.
    expect(teachingWeekOf('2026-10-25T22:30:00Z', autumn, zone)).toBe(1);
    expect(teachingWeekOf('2026-10-25T23:30:00Z', autumn, zone)).toBe(2);
    expect(localDayBounds('2026-10-25', zone)).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
  });

  it('finds the Monday of any day of the week', () => {
    expect(mondayOf('2026-09-13')).toBe('2026-09-07');
    expect(mondayOf('2026-09-14')).toBe('2026-09-14');
    expect(mondayOf('2026-09-09')).toBe('2026-09-07');
  });
});

describe('slot finder', () => {
  const zone = 'Asia/Shanghai';
  const wang = { id: 'wang', displayName: '王老师' };
  const room = { id: 'r1', name: '咨询室一' };
  const local = (date: string, time: string) => zonedInstant(date, time, zone).toISOString();

  it('starts on the working-hours grid and treats back-to-back as free', () => {
    const busy = [{ counselorId: 'wang', roomId: 'r1', startsAt: local('2026-09-08', '08:00'), endsAt: local('2026-09-08', '08:30') }];
    const slot = findFirstFreeSlot({ from: local('2026-09-08', '07:00'), zone, hours: WORKING_HOURS, workingDays: 1, counselors: [wang], rooms: [room], busy });
    expect(slot).toEqual({ startsAt: local('2026-09-08', '08:30'), endsAt: local('2026-09-08', '09:20'), counselor: wang, room });
  });

  it('skips busy slots and the weekend', () => {
    const busy = ['08:30', '09:30', '10:30', '11:30', '12:30', '13:30', '14:30', '15:30', '16:30'].map((time) => ({
      counselorId: 'wang',
      roomId: null,
      startsAt: local('2026-09-11', time),
      endsAt: local('2026-09-11', `${time.slice(0, 2)}:40`),
    }));
    const slot = findFirstFreeSlot({ from: local('2026-09-11', '07:00'), zone, hours: WORKING_HOURS, workingDays: 2, counselors: [wang], rooms: [], busy });
    expect(slot).toMatchObject({ startsAt: local('2026-09-14', '08:30'), room: null });
  });
});
