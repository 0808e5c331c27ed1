/**
 * Instrument definitions as data (INSTRUMENTS.md). Scorers read their rules from here so the
 * rules can be reviewed, versioned and shown in the UI without reading code.
 *
 * Wording ships only for PHQ-9 and GAD-7 (released by Pfizer for free use) and the PHQ-A built on
 * the PHQ-9 wording. SCL-90, UPI, SDS/SAS, K10 and C-SSRS are scoring definitions only (item
 * numbers, no wording): a school loads its licensed wording as a file.
 */
import type { AlertLevel, InstrumentId } from './types';

export interface Band {
  id: string;
  /** Inclusive bounds. */
  min: number;
  max: number;
}

/** One rule on an item's raw answer; `levels` are ordered from the most severe down. */
export interface CriticalItemRule {
  item: number;
  code: string;
  levels: { atLeast: number; level: AlertLevel }[];
  /** Why the item is critical, for reviewers. */
  meaning: string;
}

export interface TotalFlagRule {
  code: string;
  atLeast: number;
  level: AlertLevel;
}

export type MissingRule =
  | { kind: 'prorate'; maxMissing: number }
  /** SDS/SAS: raw from the mean of the answered scored items, same arithmetic as prorating. */
  | { kind: 'mean'; maxMissing: number }
  /** UPI: no imputation; results only where no missing answer could change them. */
  | { kind: 'determinable_only' }
  /** C-SSRS: every required answer (per skip logic) must be present, else `incomplete`. */
  | { kind: 'required_answers' };

export interface OptionLabel {
  value: number;
  label: string;
}

export interface WordingItem {
  number: number;
  text: string;
  /** Overrides the form-level options (e.g. yes/no supplementary questions). */
  options?: OptionLabel[];
}

export interface Wording {
  language: 'zh-CN';
  title: string;
  instructions: string;
  options: OptionLabel[];
  items: WordingItem[];
  /** Where the text comes from and what must be checked before release. */
  source: string;
}

export interface SwitchDefinition {
  name: string;
  default: unknown;
  description: string;
}

export interface InstrumentDefinition {
  id: InstrumentId;
  version: string;
  name: { zh: string; en: string };
  /**
   * The title a student sees in student mode: neutral words (no 患者/patient, no diagnosis), so the
   * questionnaire reads as a self-check. Counselors keep seeing `name`.
   */
  studentTitle: { zh: string; en: string };
  itemCount: number;
  /** Answer scale of the items as entered. `null` for C-SSRS (yes/no/"NA"). */
  scale: { min: number; max: number } | null;
  /** Items whose answer scale differs from `scale` (PHQ-A supplementary yes/no questions). */
  itemScaleOverrides?: Readonly<Record<number, { min: number; max: number }>>;
  reverseItems: readonly number[];
  /** Items that count toward the total (all items unless stated). */
  scoredItems: readonly number[];
  totalRange: { min: number; max: number } | null;
  subscales: readonly { id: string; labelZh: string; items: readonly number[] }[];
  bands: readonly Band[];
  criticalItems: readonly CriticalItemRule[];
  totalFlags: readonly TotalFlagRule[];
  missingRule: MissingRule;
  switches: readonly SwitchDefinition[];
  wording: Wording | null;
  scoringOnly: boolean;
}

const DEFINITION_VERSION = '1.0.0';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The parts most instruments do not have: a definition states only the ones it has. */
type OptionalParts = 'reverseItems' | 'subscales' | 'bands' | 'criticalItems' | 'totalFlags' | 'switches' | 'wording';

type DefinitionParts = Omit<InstrumentDefinition, 'version' | 'scoredItems' | 'scoringOnly' | OptionalParts> &
  Partial<Pick<InstrumentDefinition, 'scoredItems' | OptionalParts>>;

/**
 * A definition at this version, with what it does not state empty: every item scored, no reverse
 * items, subscales, bands, critical items, flags or switches. Without shipped wording it is
 * scoring only (the school loads its licensed wording).
 */
function defineInstrument(parts: DefinitionParts): InstrumentDefinition {
  const { id, name, studentTitle, itemCount, scale, totalRange, missingRule, wording = null } = parts;
  return {
    id,
    version: DEFINITION_VERSION,
    name,
    studentTitle,
    itemCount,
    scale,
    ...(parts.itemScaleOverrides && { itemScaleOverrides: parts.itemScaleOverrides }),
    reverseItems: parts.reverseItems ?? [],
    scoredItems: parts.scoredItems ?? range(1, itemCount),
    totalRange,
    subscales: parts.subscales ?? [],
    bands: parts.bands ?? [],
    criticalItems: parts.criticalItems ?? [],
    totalFlags: parts.totalFlags ?? [],
    missingRule,
    switches: parts.switches ?? [],
    wording,
    scoringOnly: wording === null,
  };
}

/** Wording items numbered 1.. in the order given. */
const numbered = (texts: string[]): WordingItem[] => texts.map((text, i) => ({ number: i + 1, text }));

const FREQUENCY_OPTIONS_ZH: OptionLabel[] = [
  { value: 0, label: '完全不会' },
  { value: 1, label: '好几天' },
  { value: 2, label: '一半以上的天数' },
  { value: 3, label: '几乎每天' },
];

const YES_NO_ZH: OptionLabel[] = [
  { value: 1, label: '是' },
  { value: 0, label: '否' },
];

// 你, not the official form's 您: student mode addresses students one way throughout.
const PAST_TWO_WEEKS_ZH = '在过去两个星期，有多少时候你受到以下任何问题所困扰？';

const PHQ_BANDS: Band[] = [
  { id: 'minimal', min: 0, max: 4 },
  { id: 'mild', min: 5, max: 9 },
  { id: 'moderate', min: 10, max: 14 },
  { id: 'moderately_severe', min: 15, max: 19 },
  { id: 'severe', min: 20, max: 27 },
];

/** Item 9 levels are policy (INSTRUMENTS.md); a 0 never means "no risk", it only raises no flag. */
const PHQ_ITEM9_LEVELS: CriticalItemRule['levels'] = [
  { atLeast: 2, level: 'CRITICAL' },
  { atLeast: 1, level: 'URGENT' },
];

const SCREEN_CUTOFF_SWITCH: SwitchDefinition = {
  name: 'screenCutoff',
  default: 10,
  description: 'screenPositive when total >= screenCutoff (policy; Chinese studies suggest 7-10)',
};

export const PHQ9: InstrumentDefinition = defineInstrument({
  id: 'phq9',
  name: { zh: '患者健康问卷（PHQ-9）', en: 'Patient Health Questionnaire-9' },
  studentTitle: { zh: '心情自评问卷', en: 'Mood self-check' },
  itemCount: 9,
  scale: { min: 0, max: 3 },
  totalRange: { min: 0, max: 27 },
  bands: PHQ_BANDS,
  criticalItems: [{ item: 9, code: 'PHQ9_ITEM9', levels: PHQ_ITEM9_LEVELS, meaning: 'thoughts of death or self-harm' }],
  totalFlags: [{ code: 'PHQ9_SEVERE', atLeast: 20, level: 'HIGH' }],
  missingRule: { kind: 'prorate', maxMissing: 2 },
  switches: [SCREEN_CUTOFF_SWITCH],
  wording: {
    language: 'zh-CN',
    title: '患者健康问卷（PHQ-9）',
    instructions: PAST_TWO_WEEKS_ZH,
    options: FREQUENCY_OPTIONS_ZH,
    items: numbered([
      '做事时提不起劲或没有兴趣',
      '感到心情低落、沮丧或绝望',
      '入睡困难、睡不安稳或睡眠过多',
      '感觉疲倦或没有活力',
      '食欲不振或吃太多',
      '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
      '对事物专注有困难，例如阅读报纸或看电视时',
      '动作或说话速度缓慢到别人已经察觉？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
      '有不如死掉或用某种方式伤害自己的念头',
    ]),
    source: 'Official Simplified Chinese PHQ-9 (Pfizer, free use since 2010). Check punctuation against the ' + 'PDF from phqscreeners.com before release.',
  },
});

/**
 * PHQ-A: PHQ-9 scoring plus two supplementary yes/no questions. The published form does not number
 * the supplementary questions; this engine numbers them 10 (past-month serious thoughts of ending
 * one's life) and 11 (lifetime suicide attempt). The unscored "past year" and "how difficult"
 * questions are not part of the input.
 */
export const PHQA: InstrumentDefinition = {
  ...PHQ9,
  id: 'phqa',
  name: { zh: '患者健康问卷青少年版（PHQ-A）', en: 'PHQ-9 modified for adolescents (PHQ-A)' },
  studentTitle: { zh: '心情自评问卷', en: 'Mood self-check' },
  itemCount: 11,
  itemScaleOverrides: { 10: { min: 0, max: 1 }, 11: { min: 0, max: 1 } },
  scoredItems: range(1, 9),
  criticalItems: [
    { item: 9, code: 'PHQA_ITEM9', levels: PHQ_ITEM9_LEVELS, meaning: 'thoughts of death or self-harm' },
    {
      item: 10,
      code: 'PHQA_PAST_MONTH_THOUGHTS',
      levels: [{ atLeast: 1, level: 'CRITICAL' }],
      meaning: 'serious thoughts of ending one’s life in the past month',
    },
    {
      item: 11,
      code: 'PHQA_LIFETIME_ATTEMPT',
      levels: [{ atLeast: 1, level: 'URGENT' }],
      meaning: 'suicide attempt at any time in life',
    },
  ],
  totalFlags: [{ code: 'PHQA_SEVERE', atLeast: 20, level: 'HIGH' }],
  wording: {
    language: 'zh-CN',
    title: '患者健康问卷青少年版（PHQ-A）',
    instructions: '在过去两个星期，有多少时候你受到以下任何问题所困扰？',
    options: FREQUENCY_OPTIONS_ZH,
    items: [
      { number: 1, text: '感到心情低落、沮丧、烦躁易怒或绝望' },
      { number: 2, text: '做事时提不起劲或没有兴趣' },
      { number: 3, text: '入睡困难、睡不安稳或睡眠过多' },
      { number: 4, text: '食欲不振、体重减轻或吃太多' },
      { number: 5, text: '感觉疲倦或没有活力' },
      { number: 6, text: '觉得自己很糟——或觉得自己很失败，或让自己或家人失望' },
      { number: 7, text: '对事物专注有困难，例如做功课、阅读或看电视时' },
      {
        number: 8,
        text: '动作或说话速度缓慢到别人已经察觉？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
      },
      { number: 9, text: '有不如死掉或用某种方式伤害自己的念头' },
      { number: 10, text: '在过去一个月里，你是否曾经认真地想过结束自己的生命？', options: YES_NO_ZH },
      { number: 11, text: '在你的一生中，你是否曾经尝试过自杀？', options: YES_NO_ZH },
    ],
    source:
      'Adapted by this project from the official Chinese PHQ-9 following the English PHQ-A ' +
      '(Johnson et al., 2002). NOT an official translation: have it reviewed before release.',
  },
};

export const GAD7: InstrumentDefinition = defineInstrument({
  id: 'gad7',
  name: { zh: '广泛性焦虑量表（GAD-7）', en: 'Generalized Anxiety Disorder-7' },
  studentTitle: { zh: '焦虑自评问卷', en: 'Worry and tension self-check' },
  itemCount: 7,
  scale: { min: 0, max: 3 },
  totalRange: { min: 0, max: 21 },
  bands: [
    { id: 'minimal', min: 0, max: 4 },
    { id: 'mild', min: 5, max: 9 },
    { id: 'moderate', min: 10, max: 14 },
    { id: 'severe', min: 15, max: 21 },
  ],
  totalFlags: [{ code: 'GAD7_SEVERE', atLeast: 15, level: 'HIGH' }],
  missingRule: { kind: 'prorate', maxMissing: 1 },
  switches: [{ ...SCREEN_CUTOFF_SWITCH, description: 'screenPositive when total >= screenCutoff (policy)' }],
  wording: {
    language: 'zh-CN',
    title: '广泛性焦虑量表（GAD-7）',
    instructions: PAST_TWO_WEEKS_ZH,
    options: FREQUENCY_OPTIONS_ZH,
    items: numbered([
      '感觉紧张，焦虑或急切',
      '不能够停止或控制担忧',
      '对各种各样的事情担忧过多',
      '很难放松下来',
      '由于不安而无法静坐',
      '变得容易烦恼或急躁',
      '感到似乎将有可怕的事情发生而害怕',
    ]),
    source: 'Official Simplified Chinese GAD-7 (Pfizer, free use since 2010). Check punctuation against the ' + 'PDF from phqscreeners.com before release.',
  },
});

/** C-SSRS screener items, in input order: q1..q6 then q6b as item 7. */
export const CSSRS_ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6b'] as const;

/** Triage -> alert level (INSTRUMENTS.md). */
export const CSSRS_TRIAGE_LEVELS = { high: 'CRITICAL', moderate: 'URGENT', low: 'REVIEW' } as const;

/** Triage, not a total: no item is scored. */
export const CSSRS_SCREEN: InstrumentDefinition = defineInstrument({
  id: 'cssrs_screen',
  name: { zh: '哥伦比亚自杀严重程度评定量表（筛查版）', en: 'Columbia Suicide Severity Rating Scale, screener' },
  studentTitle: { zh: '近况与安全问卷', en: 'How you are doing: safety questions' },
  itemCount: 7,
  scale: null,
  scoredItems: [],
  totalRange: null,
  missingRule: { kind: 'required_answers' },
});

export interface Scl90Factor {
  id: string;
  labelZh: string;
  items: readonly number[];
  /** The nine primary factors enter the screen rule; `additional` does not. */
  primary: boolean;
}

/**
 * SCL-90 factor item lists (INSTRUMENTS.md). They partition 1..90 exactly. Several public copies
 * drop item 2, 15 or 66 or use contiguous ranges; those are wrong (see the regression tests).
 */
export const SCL90_FACTORS: readonly Scl90Factor[] = [
  { id: 'somatization', labelZh: '躯体化', items: [1, 4, 12, 27, 40, 42, 48, 49, 52, 53, 56, 58], primary: true },
  { id: 'obsessive_compulsive', labelZh: '强迫', items: [3, 9, 10, 28, 38, 45, 46, 51, 55, 65], primary: true },
  { id: 'interpersonal_sensitivity', labelZh: '人际关系敏感', items: [6, 21, 34, 36, 37, 41, 61, 69, 73], primary: true },
  { id: 'depression', labelZh: '抑郁', items: [5, 14, 15, 20, 22, 26, 29, 30, 31, 32, 54, 71, 79], primary: true },
  { id: 'anxiety', labelZh: '焦虑', items: [2, 17, 23, 33, 39, 57, 72, 78, 80, 86], primary: true },
  { id: 'hostility', labelZh: '敌对', items: [11, 24, 63, 67, 74, 81], primary: true },
  { id: 'phobic_anxiety', labelZh: '恐怖', items: [13, 25, 47, 50, 70, 75, 82], primary: true },
  { id: 'paranoid_ideation', labelZh: '偏执', items: [8, 18, 43, 68, 76, 83], primary: true },
  { id: 'psychoticism', labelZh: '精神病性', items: [7, 16, 35, 62, 77, 84, 85, 87, 88, 90], primary: true },
  { id: 'additional', labelZh: '其他', items: [19, 44, 59, 60, 64, 66, 89], primary: false },
];

/** Factor-mean flags (policy): psychoticism mean >= 3 -> HIGH. */
export const SCL90_FACTOR_FLAGS = [{ factor: 'psychoticism', code: 'SCL90_PSYCHOTICISM', meanAtLeast: 3, level: 'HIGH' }] as const satisfies readonly {
  factor: string;
  code: string;
  meanAtLeast: number;
  level: AlertLevel;
}[];

/** A factor mean is reported only when at least 80 % of its items are answered. */
export const SCL90_FACTOR_MIN_ANSWERED_PERCENT = 80;

export const SCL90: InstrumentDefinition = defineInstrument({
  id: 'scl90',
  name: { zh: '症状自评量表（SCL-90）', en: 'Symptom Checklist-90' },
  studentTitle: { zh: '身心状况自评问卷', en: 'Wellbeing self-check' },
  itemCount: 90,
  scale: { min: 1, max: 5 },
  totalRange: { min: 90, max: 450 },
  subscales: SCL90_FACTORS.map(({ id, labelZh, items }) => ({ id, labelZh, items })),
  criticalItems: [
    {
      item: 15,
      code: 'SCL90_ITEM15',
      levels: [
        { atLeast: 4, level: 'CRITICAL' },
        { atLeast: 2, level: 'URGENT' },
      ],
      meaning: 'suicidal thoughts',
    },
    { item: 59, code: 'SCL90_ITEM59', levels: [{ atLeast: 3, level: 'REVIEW' }], meaning: 'thoughts of death' },
    { item: 63, code: 'SCL90_ITEM63', levels: [{ atLeast: 3, level: 'HIGH' }], meaning: 'urges to harm others' },
  ],
  missingRule: { kind: 'prorate', maxMissing: 9 },
  switches: [
    { name: 'scaleOrigin', default: 1, description: 'answers entered 1-5 (default) or 0-4 (converted by +1)' },
    {
      name: 'screen',
      default: { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 },
      description: 'screenPositive when total > totalAbove, or pst > pstAbove, or a primary factor mean >= factorMeanAtLeast',
    },
  ],
});

export const UPI_LIE_ITEMS = [5, 20, 35, 50] as const;
/** Key items: 8, 16, 26 and 25 (suicidal thoughts), which has its own rule. */
export const UPI_KEY_ITEMS = [8, 16, 25, 26] as const;
export const UPI_SUICIDAL_THOUGHTS_ITEM = 25;

export const UPI: InstrumentDefinition = defineInstrument({
  id: 'upi',
  name: { zh: '大学生人格问卷（UPI）', en: 'University Personality Inventory' },
  studentTitle: { zh: '大学生心理状况问卷', en: 'Student wellbeing questionnaire' },
  itemCount: 60,
  scale: { min: 0, max: 1 },
  scoredItems: range(1, 60).filter((n) => !(UPI_LIE_ITEMS as readonly number[]).includes(n)),
  totalRange: { min: 0, max: 56 },
  subscales: [{ id: 'lie', labelZh: '测伪题', items: UPI_LIE_ITEMS }],
  criticalItems: [{ item: 25, code: 'UPI_ITEM25', levels: [{ atLeast: 1, level: 'URGENT' }], meaning: 'suicidal thoughts' }],
  missingRule: { kind: 'determinable_only' },
  switches: [
    { name: 'variant', default: 'B', description: 'B (default) or C: 2+ of items 8/16/26 also give category 1' },
    { name: 'asksForCounseling', default: false, description: 'student asks for counseling (explicit input; not given = no; null = asked, left blank)' },
    {
      name: 'auxiliaryAffirmative',
      default: 0,
      description: 'number of affirmative auxiliary questions (explicit input; not given = 0; null = asked, left blank)',
    },
  ],
});

export const K10_BANDS_CRUFAD: readonly Band[] = [
  { id: 'well', min: 10, max: 19 },
  { id: 'mild', min: 20, max: 24 },
  { id: 'moderate', min: 25, max: 29 },
  { id: 'severe', min: 30, max: 50 },
];

export const K10: InstrumentDefinition = defineInstrument({
  id: 'k10',
  name: { zh: 'Kessler心理困扰量表（K10）', en: 'Kessler Psychological Distress Scale' },
  studentTitle: { zh: '心理感受自评问卷', en: 'Feelings self-check' },
  itemCount: 10,
  scale: { min: 1, max: 5 },
  totalRange: { min: 10, max: 50 },
  /** ABS bands; `band` in the result is the ABS band, CRUfAD is reported beside it. */
  bands: [
    { id: 'low', min: 10, max: 15 },
    { id: 'moderate', min: 16, max: 21 },
    { id: 'high', min: 22, max: 29 },
    { id: 'very_high', min: 30, max: 50 },
  ],
  totalFlags: [{ code: 'K10_VERY_HIGH', atLeast: 30, level: 'HIGH' }],
  missingRule: { kind: 'prorate', maxMissing: 1 },
});

const ZUNG_SWITCHES: SwitchDefinition[] = [{ name: 'rounding', default: 'floor', description: 'standard = floor(raw * 1.25) (default) or half_up' }];

/** Bands on the standard score (Chinese norms). */
export const SDS: InstrumentDefinition = defineInstrument({
  id: 'sds',
  name: { zh: '抑郁自评量表（SDS）', en: 'Zung Self-Rating Depression Scale' },
  studentTitle: { zh: '情绪状况自评问卷', en: 'Mood and energy self-check' },
  itemCount: 20,
  scale: { min: 1, max: 4 },
  reverseItems: [2, 5, 6, 11, 12, 14, 16, 17, 18, 20],
  totalRange: { min: 20, max: 80 },
  bands: [
    { id: 'normal', min: 25, max: 52 },
    { id: 'mild', min: 53, max: 62 },
    { id: 'moderate', min: 63, max: 72 },
    { id: 'severe', min: 73, max: 100 },
  ],
  criticalItems: [
    {
      item: 19,
      code: 'SDS_ITEM19',
      levels: [
        { atLeast: 3, level: 'URGENT' },
        { atLeast: 2, level: 'REVIEW' },
      ],
      meaning: 'passive death wish (forward scored)',
    },
  ],
  missingRule: { kind: 'mean', maxMissing: 2 },
  switches: ZUNG_SWITCHES,
});

export const SAS: InstrumentDefinition = {
  ...SDS,
  id: 'sas',
  name: { zh: '焦虑自评量表（SAS）', en: 'Zung Self-Rating Anxiety Scale' },
  studentTitle: { zh: '身心紧张自评问卷', en: 'Stress and tension self-check' },
  reverseItems: [5, 9, 13, 17, 19],
  bands: [
    { id: 'normal', min: 25, max: 49 },
    { id: 'mild', min: 50, max: 59 },
    { id: 'moderate', min: 60, max: 69 },
    { id: 'severe', min: 70, max: 100 },
  ],
  criticalItems: [],
};

export const DEFINITIONS: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  phq9: PHQ9,
  phqa: PHQA,
  gad7: GAD7,
  cssrs_screen: CSSRS_SCREEN,
  scl90: SCL90,
  upi: UPI,
  k10: K10,
  sds: SDS,
  sas: SAS,
};

/** The band containing `value`, or `null` (value outside every band, or no value). */
export function bandFor(value: number | null, bands: readonly Band[]): string | null {
  if (value === null) return null;
  return bands.find((band) => value >= band.min && value <= band.max)?.id ?? null;
}
