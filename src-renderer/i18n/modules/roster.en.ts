import type { Leaves } from '../types';
import type { rosterZhCN } from './roster.zh-CN';

export const rosterEn: Leaves<typeof rosterZhCN> = {
  title: 'Import roster',
};
