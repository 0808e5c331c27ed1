import type { Leaves } from '../types';
import type { auditlogZhCN } from './auditlog.zh-CN';

/** auditlog: English. */
export const auditlogEn: Leaves<typeof auditlogZhCN> = {
  title: 'Audit log',
  errors: {},
};
