import type { Leaves } from '../types';
import type { referralsZhCN } from './referrals.zh-CN';

/** referrals: English. */
export const referralsEn: Leaves<typeof referralsZhCN> = {
  title: 'Referrals and disclosures',
  errors: {},
};
