import type { Leaves } from '../types';
import type { activitiesZhCN } from './activities.zh-CN';

/** activities: English. */
export const activitiesEn: Leaves<typeof activitiesZhCN> = {
  title: 'Education activities',
  errors: {},
};
