import type { Leaves } from '../types';
import type { backupZhCN } from './backup.zh-CN';

/** backup: English. */
export const backupEn: Leaves<typeof backupZhCN> = {
  title: 'Backup and restore',
  errors: {},
};
