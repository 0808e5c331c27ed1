/**
 * How assessment data reads in the UI: instrument names from the definitions, bands and flag codes
 * translated, answer labels from the instrument's scale. Screening wording only ("possible",
 * "positive screen", "symptom level"): the center does not diagnose.
 */
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { getInstrumentDefinition, isInstrumentId, studentFormFor, type InstrumentId, type OptionLabel } from '../../../src-shared/instruments';
import type { AlertLevel } from '../../../src-shared/instruments';
import { currentLanguage } from '../../i18n';
import { upiCategoryName } from '../census/labels';
import { localTime } from '../../../src-shared/labels/local-time';
import { INSTRUMENT_SHORT_NAMES } from '../../../src-shared/labels/instrument-labels';
import { isTextKey } from '../../i18n/keys';

/** The instrument's full name in the interface language (Chinese from the definitions by default). */
export function instrumentName(id: string | null | undefined): string {
  if (!id) return '';
  if (!isInstrumentId(id)) return id;
  const name = getInstrumentDefinition(id).name;
  return currentLanguage() === 'en' ? name.en : name.zh;
}

/** Short names, the same in every language; unknown ids as they are. */
export function shortName(id: string | null | undefined): string {
  if (!id) return '';
  return isInstrumentId(id) ? INSTRUMENT_SHORT_NAMES[id] : id;
}

/** Tag colours of the alert levels. */
export const LEVEL_COLORS: Record<AlertLevel, string> = {
  CRITICAL: 'red',
  URGENT: 'orange',
  HIGH: 'gold',
  REVIEW: 'blue',
};

const BAND_SETS: Partial<Record<InstrumentId, string>> = {
  phq9: 'phq',
  phqa: 'phq',
  gad7: 'gad',
  k10: 'k10',
  sds: 'sds',
  sas: 'sas',
};

/** A band id translated for its instrument; unknown ids are shown as they are. */
export function bandLabel(t: TFunction, instrument: string, band: string | null | undefined, set?: 'k10Crufad'): string {
  if (!band) return '';
  const family = set ?? (isInstrumentId(instrument) ? BAND_SETS[instrument] : undefined);
  const key = `assessments.bands.${family}.${band}`;
  return family && isTextKey(key) ? t(key) : band;
}

function unansweredBase(code: string): string | null {
  return code.endsWith('_UNANSWERED') ? code.slice(0, -'_UNANSWERED'.length) : null;
}

const UPI_CATEGORY_FLAGS: Record<string, number | null> = { UPI_CATEGORY_1: 1, UPI_CATEGORY_2: 2, UPI_CATEGORY_UNDETERMINED: null };

/** The short label of a flag code (for a tag). */
export function flagLabel(t: TFunction, flag: { code: string; item?: number | null }): string {
  if (unansweredBase(flag.code)) return t('assessments.flags.unanswered', { item: flag.item ?? '?' });
  // Items and UPI categories have one name on every page: the screening module (issue 14 item 9).
  if (flag.code in UPI_CATEGORY_FLAGS) return upiCategoryName(UPI_CATEGORY_FLAGS[flag.code], t);
  const itemKey = `screening.items.${flag.code}`;
  if (isTextKey(itemKey)) {
    const raw = t(itemKey);
    const name = raw.charAt(0).toUpperCase() + raw.slice(1);
    const item = flag.item ?? (Number(/_ITEM(\d+)$/.exec(flag.code)?.[1]) || null);
    return item ? t('assessments.flags.itemNamed', { item, name: raw }) : name;
  }
  const key = `assessments.flags.labels.${flag.code}`;
  if (isTextKey(key)) return t(key);
  return flag.item ? `${flag.code} · ${t('assessments.flags.item', { item: flag.item })}` : flag.code;
}

/** "PHQ-9 第9题 死亡或自伤念头": the instrument, then the flag's own label (which names the item). */
export function findingTitle(t: TFunction, instrument: string | null, finding: { code: string; item?: number | null }): string {
  return `${shortName(instrument)} ${flagLabel(t, finding)}`;
}

/** One line on what the flag means and what to do. */
export function flagExplanation(t: TFunction, flag: { code: string; item?: number | null }): string {
  if (unansweredBase(flag.code)) return t('assessments.flags.unansweredExplain');
  const key = `assessments.flags.explain.${flag.code}`;
  return isTextKey(key) ? t(key, { item: flag.item ?? '?' }) : '';
}

export interface AnswerChoice {
  value: number | 'NA';
  label: string;
}

/**
 * The answer options of each item as shown on paper and on screen: shipped wording where there is
 * one, the standard Chinese scale labels otherwise; C-SSRS adds "not asked".
 */
export function itemChoices(instrument: InstrumentId, t: TFunction): { number: number; text: string | null; options: AnswerChoice[] }[] {
  const form = studentFormFor(getInstrumentDefinition(instrument), null);
  return form.items.map((item) => ({
    number: item.number,
    text: item.text,
    options: [
      ...item.options.map((option: OptionLabel) => ({ value: option.value, label: option.label })),
      ...(instrument === 'cssrs_screen' ? [{ value: 'NA' as const, label: t('assessments.paper.na') }] : []),
    ],
  }));
}

/** The label of one stored answer. */
export function answerLabel(t: TFunction, instrument: InstrumentId, item: number, value: number | null | 'NA'): string {
  if (value === null) return t('assessments.detail.missing');
  if (value === 'NA') return t('assessments.detail.notAsked');
  const options = itemChoices(instrument, t)[item - 1]?.options ?? [];
  const choice = options.find((option) => option.value === value);
  if (!choice) return String(value);
  // Yes/no items read as the word; scaled items keep the number as printed on paper.
  const yesNo = options.every((option) => option.value === 0 || option.value === 1 || option.value === 'NA');
  return yesNo ? choice.label : `${value} · ${choice.label}`;
}

/**
 * When an assessment happened. Paper forms carry a date only (stored as midnight UTC), so they
 * show the date; on-screen ones show local date and time.
 */
export function assessmentWhen(a: { mode: string; startedAt: string; completedAt: string | null }): string {
  const at = a.completedAt ?? a.startedAt;
  if (a.mode === 'paper') return at.slice(0, 10);
  return localTime(at);
}
