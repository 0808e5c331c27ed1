import type { Leaves } from '../types';
import type { statisticsZhCN } from './statistics.zh-CN';

/** statistics: English. */
export const statisticsEn: Leaves<typeof statisticsZhCN> = {
  title: 'Statistics',
  errors: {},
};
