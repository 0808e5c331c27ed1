/**
 * Instrument keys and alert codes in words, both languages, built from the instrument
 * definitions (src-shared/instruments/definitions.ts): `phq9` → PHQ-9, `PHQ9_ITEM9` → PHQ-9 第9题
 * （死亡或自伤念头）. The student file's timeline reads it; a code never reaches the screen.
 *
 * tests/unit/shared/instrument-labels.test.ts walks every instrument and every rule code the
 * definitions and scorers hold and fails when one lacks words here.
 */
import { DEFINITIONS, SCL90_FACTOR_FLAGS } from '../instruments/definitions';
import type { InstrumentId } from '../instruments/types';

export type LabelLanguage = 'zh-CN' | 'en';
type Pair = readonly [zh: string, en: string];

/** Short names, as printed on the forms: the same in both languages (and on every page of the app). */
export const INSTRUMENT_SHORT_NAMES: Readonly<Record<string, string>> = {
  phq9: 'PHQ-9',
  phqa: 'PHQ-A',
  gad7: 'GAD-7',
  cssrs_screen: 'C-SSRS',
  scl90: 'SCL-90',
  upi: 'UPI',
  k10: 'K10',
  sds: 'SDS',
  sas: 'SAS',
} satisfies Record<InstrumentId, string>;

/** Which instrument a code's prefix names (`SCL90_ITEM15` → scl90). */
const CODE_PREFIX: Record<string, string> = {
  PHQ9: 'phq9',
  PHQA: 'phqa',
  GAD7: 'gad7',
  CSSRS: 'cssrs_screen',
  SCL90: 'scl90',
  UPI: 'upi',
  K10: 'k10',
  SDS: 'sds',
  SAS: 'sas',
};

/** What a critical item asks about, by its rule code (the definitions' `meaning`, in Chinese too). */
export const CRITICAL_ITEM_MEANINGS: Record<string, Pair> = {
  PHQ9_ITEM9: ['死亡或自伤念头', 'thoughts of death or self-harm'],
  PHQA_ITEM9: ['死亡或自伤念头', 'thoughts of death or self-harm'],
  PHQA_PAST_MONTH_THOUGHTS: ['近一个月想过结束生命', 'serious thoughts of ending one’s life in the past month'],
  PHQA_LIFETIME_ATTEMPT: ['曾有自杀尝试', 'suicide attempt at any time in life'],
  SCL90_ITEM15: ['自杀意念', 'suicidal thoughts'],
  SCL90_ITEM59: ['想到死亡', 'thoughts of death'],
  SCL90_ITEM63: ['伤害他人的冲动', 'urges to harm others'],
  UPI_ITEM25: ['自杀意念', 'suicidal thoughts'],
  SDS_ITEM19: ['消极的死亡愿望', 'passive death wish'],
};

/** Rule codes that are not an item: totals, factors, triage, categories, and the report module's. */
export const FLAG_LABELS: Record<string, Pair> = {
  PHQ9_SEVERE: ['PHQ-9 总分≥20', 'PHQ-9 total ≥ 20'],
  PHQA_SEVERE: ['PHQ-A 总分≥20', 'PHQ-A total ≥ 20'],
  GAD7_SEVERE: ['GAD-7 总分≥15', 'GAD-7 total ≥ 15'],
  K10_VERY_HIGH: ['K10 总分≥30', 'K10 total ≥ 30'],
  SCL90_PSYCHOTICISM: ['SCL-90 精神病性因子≥3', 'SCL-90 psychoticism ≥ 3'],
  SCL90_POSITIVE: ['SCL-90 筛查阳性', 'SCL-90 positive screen'],
  CSSRS_TRIAGE_HIGH: ['C-SSRS 高风险', 'C-SSRS high risk'],
  CSSRS_TRIAGE_MODERATE: ['C-SSRS 中风险', 'C-SSRS moderate risk'],
  CSSRS_TRIAGE_LOW: ['C-SSRS 低风险', 'C-SSRS low risk'],
  CSSRS_INCOMPLETE: ['C-SSRS 未答完', 'C-SSRS incomplete'],
  CSSRS_SKIP_VIOLATION: ['C-SSRS 违反跳题规则的作答', 'C-SSRS answer against the skip rule'],
  UPI_CATEGORY_1: ['UPI 一类', 'UPI category 1'],
  UPI_CATEGORY_2: ['UPI 二类', 'UPI category 2'],
  UPI_CATEGORY_UNDETERMINED: ['UPI 类别未定', 'UPI category undetermined'],
  UPI_VALIDITY_CHECK: ['UPI 测伪题需核查', 'UPI validity items to check'],
  REPORT_TALK_OF_DEATH: ['上报：谈及死亡', 'Report: talk of death'],
  REPORT_SELF_HARM: ['上报：自伤迹象', 'Report: signs of self-harm'],
  REPORT_URGENT: ['上报：紧急上报', 'Report: urgent'],
};

const UNKNOWN_INSTRUMENT: Pair = ['其他量表', 'another questionnaire'];
const UNKNOWN_FLAG: Pair = ['其他预警', 'another alert'];

const pick = (pair: Pair, lang: LabelLanguage) => pair[lang === 'en' ? 1 : 0];

/** `phq9` → PHQ-9; an unknown key → 其他量表 (never the key). */
export function instrumentLabel(id: string, lang: LabelLanguage): string {
  return INSTRUMENT_SHORT_NAMES[id] ?? pick(UNKNOWN_INSTRUMENT, lang);
}

/** The critical-item rules of every instrument, by code: which instrument and which item. */
const ITEM_RULES = new Map<string, { instrument: string; item: number }>(
  Object.values(DEFINITIONS).flatMap((def) => def.criticalItems.map((rule) => [rule.code, { instrument: def.id, item: rule.item }] as const)),
);

function itemText(instrument: string, item: number, meaning: Pair | undefined, lang: LabelLanguage): string {
  const short = instrumentLabel(instrument, lang);
  if (lang === 'en') return meaning ? `${short} item ${item} (${meaning[1]})` : `${short} item ${item}`;
  return meaning ? `${short} 第${item}题（${meaning[0]}）` : `${short} 第${item}题`;
}

/**
 * An alert or rule code in words: `PHQ9_ITEM9` → PHQ-9 第9题（死亡或自伤念头）; `…_UNANSWERED`
 * (a critical item left blank) → …未作答; a total, triage or category by its label. `item` names
 * the item where the code itself does not (a skip violation). Unknown → 其他预警.
 */
export function flagLabel(code: string, lang: LabelLanguage, item?: number | null): string {
  if (code.endsWith('_UNANSWERED')) {
    const base = code.slice(0, -'_UNANSWERED'.length);
    const rule = ITEM_RULES.get(base);
    if (rule) return `${itemText(rule.instrument, rule.item, CRITICAL_ITEM_MEANINGS[base], lang)}${lang === 'en' ? ' not answered' : '未作答'}`;
  }
  const rule = ITEM_RULES.get(code);
  if (rule) return itemText(rule.instrument, rule.item, CRITICAL_ITEM_MEANINGS[code], lang);
  const label = FLAG_LABELS[code];
  if (label) {
    const text = pick(label, lang);
    return item ? `${text}${lang === 'en' ? ` (item ${item})` : `（第${item}题）`}` : text;
  }
  const instrument = CODE_PREFIX[code.split('_')[0] ?? ''];
  if (instrument && item) return itemText(instrument, item, undefined, lang);
  return pick(UNKNOWN_FLAG, lang);
}

/** Every rule code the definitions hold (for the completeness test). */
export function definedRuleCodes(): string[] {
  return [
    ...Object.values(DEFINITIONS).flatMap((def) => [
      ...def.criticalItems.map((r) => r.code),
      ...def.criticalItems.map((r) => `${r.code}_UNANSWERED`),
      ...def.totalFlags.map((r) => r.code),
    ]),
    ...SCL90_FACTOR_FLAGS.map((f) => f.code),
  ];
}
