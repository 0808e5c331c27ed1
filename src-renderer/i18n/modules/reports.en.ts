import type { Leaves } from '../types';
import type { reportsZhCN } from './reports.zh-CN';

/** reports: English. */
export const reportsEn: Leaves<typeof reportsZhCN> = {
  title: 'Reports and triage',
  errors: {},
};
