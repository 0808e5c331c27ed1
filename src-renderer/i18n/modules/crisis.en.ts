import type { Leaves } from '../types';
import type { crisisZhCN } from './crisis.zh-CN';

/** crisis: English. */
export const crisisEn: Leaves<typeof crisisZhCN> = {
  title: 'Crisis intervention',
  errors: {},
};
