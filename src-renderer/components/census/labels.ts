import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { INSTRUMENT_SHORT_NAMES } from '../../../src-shared/labels/instrument-labels';
import { isTextKey } from '../../i18n/keys';
import { textOr } from '../../i18n/keys';

export type CensusBatch = ChannelOutput<'census.listBatches'>[number];
/** One page of the interview list (the screen always asks for pages). */
export type FollowupPage = Extract<ChannelOutput<'census.followups'>, { rows: unknown }>;
export type Followup = FollowupPage['rows'][number];
export type FollowupOutcome = NonNullable<Followup['outcome']>;
export type CensusStatistics = ChannelOutput<'census.statistics'>['current'];

/** Short instrument names, the same in every language (as printed on the forms); unknown ids as they are. */
export const instrumentShort = (id: string): string => INSTRUMENT_SHORT_NAMES[id] ?? id;

/** The core's urgency: 0 critical item, 1 UPI category 1, 2 SCL-90 positive screen, 3 UPI category 2. */
export const URGENCY_COLORS: Record<number, string> = { 0: 'red', 1: 'orange', 2: 'gold', 3: 'blue' };

/** Flag codes of critical items: instrument and item number, named from the one label source (screening.items). */
const ITEM_CODES: Record<string, { instrument: string; item: number }> = {
  UPI_ITEM25: { instrument: 'upi', item: 25 },
  SCL90_ITEM15: { instrument: 'scl90', item: 15 },
  SCL90_ITEM59: { instrument: 'scl90', item: 59 },
  SCL90_ITEM63: { instrument: 'scl90', item: 63 },
  PHQ9_ITEM9: { instrument: 'phq9', item: 9 },
  PHQA_ITEM9: { instrument: 'phqa', item: 9 },
  SDS_ITEM19: { instrument: 'sds', item: 19 },
};

const CODE_PREFIX: Record<string, string> = { UPI: 'upi', SCL90: 'scl90', PHQ9: 'phq9', PHQA: 'phqa', SDS: 'sds', GAD7: 'gad7', K10: 'k10' };

/** UPI 一类 / 二类 / 三类 (or 类别未定), the same words on every page. */
export function upiCategoryLabel(category: number | string | null | undefined, t: TFunction): string {
  const key = category === null || category === undefined || category === 'none' ? 'undetermined' : String(category);
  return textOr(`screening.upiCategory.${key}`, t('screening.upiCategory.undetermined'), t);
}

/** "UPI 一类": the category with its instrument. */
export const upiCategoryName = (category: number | string | null | undefined, t: TFunction): string =>
  t('screening.upiCategoryOf', { category: upiCategoryLabel(category, t) });

/** A critical item: UPI 第25题（自杀意念）; the item's name comes from screening.items. */
export function itemLabel(code: string, t: TFunction, item?: number | null): string | null {
  const known = ITEM_CODES[code];
  const itemKey = `screening.items.${code}`;
  const name = isTextKey(itemKey) ? t(itemKey) : null;
  if (!known && !name) return null;
  const instrument = instrumentShort(known?.instrument ?? CODE_PREFIX[code.split('_')[0]] ?? code.split('_')[0]);
  const number = known?.item ?? item;
  if (name && number) return t('screening.itemRef', { instrument, item: number, name });
  if (name) return t('screening.instrumentFinding', { instrument, name });
  return t('screening.itemNumber', { instrument, item: number });
}

export function urgencyLabel(urgency: number, t: TFunction): string {
  if (urgency === 0) return t('screening.criticalItem');
  if (urgency === 1) return upiCategoryName(1, t);
  if (urgency === 2) return t('screening.scl90Positive');
  if (urgency === 3) return upiCategoryName(2, t);
  return String(urgency);
}

/** A screening reason code (a flag code or a category) as words; unknown codes show as they are. */
export function reasonLabel(code: string, t: TFunction): string {
  if (code === 'UPI_CATEGORY_1') return upiCategoryName(1, t);
  if (code === 'UPI_CATEGORY_2') return upiCategoryName(2, t);
  if (code === 'UPI_CATEGORY_UNDETERMINED') return upiCategoryName(null, t);
  if (code === 'SCL90_POSITIVE') return t('screening.scl90Positive');
  return itemLabel(code, t) ?? code;
}

export function reasonColor(code: string): string {
  if (code === 'UPI_CATEGORY_1' || code === 'UPI_CATEGORY_UNDETERMINED') return URGENCY_COLORS[1];
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
