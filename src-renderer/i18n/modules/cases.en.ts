import type { Leaves } from '../types';
import type { casesZhCN } from './cases.zh-CN';

/** cases: English. */
export const casesEn: Leaves<typeof casesZhCN> = {
  title: 'Cases',
  errors: {},
};
