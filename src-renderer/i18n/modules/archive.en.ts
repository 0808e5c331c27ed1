import type { Leaves } from '../types';
import type { archiveZhCN } from './archive.zh-CN';

/** archive: English. */
export const archiveEn: Leaves<typeof archiveZhCN> = {
  title: 'Archive',
  errors: {},
};
