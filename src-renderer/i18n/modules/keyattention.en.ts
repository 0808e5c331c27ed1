import type { Leaves } from '../types';
import type { keyattentionZhCN } from './keyattention.zh-CN';

/** keyattention: English. */
export const keyattentionEn: Leaves<typeof keyattentionZhCN> = {
  title: 'Key-attention list',
  errors: {},
};
