import type { Leaves } from '../types';
import type { followupsZhCN } from './followups.zh-CN';

/** followups: English. */
export const followupsEn: Leaves<typeof followupsZhCN> = {
  title: 'Follow-ups and leave',
  errors: {},
};
