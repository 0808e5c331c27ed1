import type { Leaves } from '../types';
import type { printZhCN } from './print.zh-CN';

/** print: English. */
export const printEn: Leaves<typeof printZhCN> = {
  title: 'Print',
  errors: {},
};
