import type { Leaves } from '../types';
import type { studentsZhCN } from './students.zh-CN';

export const studentsEn: Leaves<typeof studentsZhCN> = {
  title: 'Student files',
};
