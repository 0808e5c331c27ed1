import type { Leaves } from '../types';
import type { syncZhCN } from './sync.zh-CN';

/** sync: English. */
export const syncEn: Leaves<typeof syncZhCN> = {
  title: 'Export to school server',
  errors: {},
};
