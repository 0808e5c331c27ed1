import type { Leaves } from '../types';
import type { assessmentsZhCN } from './assessments.zh-CN';

export const assessmentsEn: Leaves<typeof assessmentsZhCN> = {
  title: 'Assessments',
};
