import type { Leaves } from '../types';
import type { calendarZhCN } from './calendar.zh-CN';

/** calendar: English. */
export const calendarEn: Leaves<typeof calendarZhCN> = {
  title: 'Calendar',
  errors: {},
};
