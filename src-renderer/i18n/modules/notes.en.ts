import type { Leaves } from '../types';
import type { notesZhCN } from './notes.zh-CN';

/** notes: English. */
export const notesEn: Leaves<typeof notesZhCN> = {
  title: 'Session notes',
  errors: {},
};
