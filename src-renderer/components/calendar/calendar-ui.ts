import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Appointment } from '../../../src-shared/contract';
import { CallError } from '../../api/client';
import { errorMessage } from '../../i18n/errors';
import { reasonText, textOr } from '../../i18n/keys';

export const STATUS_COLORS: Record<Appointment['status'], string> = {
  scheduled: 'blue',
  checked_in: 'gold',
  done: 'green',
  no_show: 'red',
  cancelled: 'default',
};

export const STATUS_BACKGROUND: Record<Appointment['status'], string> = {
  scheduled: '#e6f4ff',
  checked_in: '#fffbe6',
  done: '#f6ffed',
  no_show: '#fff1f0',
  cancelled: '#fafafa',
};

/** 9月8日 周二 10:00–10:50 in the workstation's zone. */
export function timeRange(startsAt: string, endsAt: string, t: TFunction, withDate = true): string {
  const start = dayjs(startsAt);
  const range = `${start.format('HH:mm')}–${dayjs(endsAt).format('HH:mm')}`;
  if (!withDate) return range;
  return `${start.format('YYYY-MM-DD')} ${textOr(`calendar.weekdays.${start.day()}`, '', t)} ${range}`;
}

/**
 * A clash names who or what is busy and when, in local time (the core sends UTC instants);
 * every other error goes through the shared translation.
 */
export function calendarErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof CallError && error.code === 'CONFLICT') {
    const d = error.details;
    const times = { start: dayjs(String(d.otherStartsAt)).format('HH:mm'), end: dayjs(String(d.otherEndsAt)).format('HH:mm') };
    if (error.reason === 'appointmentCounselorBusy') return t('calendar.conflict.counselor', { name: String(d.counselorName ?? ''), ...times });
    if (error.reason === 'appointmentRoomBusy') return t('calendar.conflict.room', { name: String(d.roomName ?? ''), ...times });
  }
  return errorMessage(error, t);
}

/** The form field a core VALIDATION reason belongs to, with its translated text. */
export function calendarFieldError(error: unknown, t: TFunction): { name: string; errors: string[] } | null {
  if (!(error instanceof CallError) || error.code !== 'VALIDATION' || !error.reason) return null;
  const field = {
    appointmentEndsBeforeStart: 'duration',
    appointmentTooLong: 'duration',
    appointmentCounselorInvalid: 'counselorId',
    appointmentCaseOtherStudent: 'studentId',
  }[error.reason];
  return field ? { name: field, errors: [reasonText(error.reason, t)] } : null;
}
