import type { Leaves } from '../types';
import type { groupsZhCN } from './groups.zh-CN';

/** groups: English. */
export const groupsEn: Leaves<typeof groupsZhCN> = {
  title: 'Group counseling',
  errors: {},
};
