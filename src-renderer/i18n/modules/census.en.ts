import type { Leaves } from '../types';
import type { censusZhCN } from './census.zh-CN';

export const censusEn: Leaves<typeof censusZhCN> = {
  title: 'Freshman census',
};
