import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import i18n from '../../i18n';

export type CensusBatch = ChannelOutput<'census.listBatches'>[number];
export type Followup = ChannelOutput<'census.followups'>[number];
export type FollowupOutcome = NonNullable<Followup['outcome']>;
export type CensusStatistics = ChannelOutput<'census.statistics'>['current'];

/** Short instrument names, the same in every language (as printed on the forms). */
export const INSTRUMENT_SHORT: Record<string, string> = {
  phq9: 'PHQ-9',
  phqa: 'PHQ-A',
  gad7: 'GAD-7',
  cssrs_screen: 'C-SSRS',
  scl90: 'SCL-90',
  upi: 'UPI',
  k10: 'K10',
  sds: 'SDS',
  sas: 'SAS',
};

export const instrumentShort = (id: string): string => INSTRUMENT_SHORT[id] ?? id;

/** The core's urgency: 0 critical item, 1 UPI category 1, 2 SCL-90 positive screen, 3 UPI category 2. */
export const URGENCY_COLORS: Record<number, string> = { 0: 'red', 1: 'orange', 2: 'gold', 3: 'blue' };

export function urgencyLabel(urgency: number, t: TFunction): string {
  const key = `census.urgency.${urgency}`;
  return i18n.exists(key) ? t(key) : String(urgency);
}

/** A screening reason code (a flag code or a category) as words; unknown codes show as they are. */
export function reasonLabel(code: string, t: TFunction): string {
  const key = `census.reasons.${code}`;
  return i18n.exists(key) ? t(key) : code;
}

export function reasonColor(code: string): string {
  if (code === 'UPI_CATEGORY_1') return URGENCY_COLORS[1];
  if (code === 'SCL90_POSITIVE') return URGENCY_COLORS[2];
  if (code === 'UPI_CATEGORY_2') return URGENCY_COLORS[3];
  return URGENCY_COLORS[0];
}

export const OUTCOME_COLORS: Record<FollowupOutcome, string> = { cleared: 'green', watch: 'gold', key_attention: 'orange', crisis: 'red' };

/** 2026-09-01 – 2026-09-15, or one side, or nothing. */
export function periodText(batch: Pick<CensusBatch, 'periodStart' | 'periodEnd'>): string {
  if (!batch.periodStart && !batch.periodEnd) return '';
  return `${batch.periodStart ?? '…'} – ${batch.periodEnd ?? '…'}`;
}

export function departmentLabel(department: string | null, t: TFunction): string {
  return department ?? t('census.noDepartment');
}

/** A share as a percentage with one decimal, or a dash when there is nothing to divide by. */
export function percent(part: number, whole: number | null | undefined): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}
