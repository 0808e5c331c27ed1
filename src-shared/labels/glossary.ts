/**
 * One term per thing across the census, the statistics, the alerts and their exports. The renderer's
 * modules and the core's .xlsx exports use these words; tests/unit/core/glossary.test.ts fails when
 * a word this file retires comes back in an i18n module or an export. Every entry is [简体中文, English].
 *
 * Chosen:
 * - 应测人数 (expected on the roster) / 参测人数 (took part) / 参测率: not 实测 or 参与人数.
 * - 筛查阳性 / 筛查阳性率: never bare 阳性 (a screen is not a diagnosis).
 * - UPI 一类 / 二类 / 三类: not 第一类 / I 类.
 */
type Pair = readonly [zh: string, en: string];

export const GLOSSARY = {
  rosterCount: ['应测人数', 'Expected'],
  screenedCount: ['参测人数', 'Screened'],
  participationRate: ['参测率', 'Participation'],
  screenPositive: ['筛查阳性', 'Screen-positive'],
  screenPositiveRate: ['筛查阳性率', 'Screen-positive rate'],
  upiCategory1: ['UPI 一类', 'UPI category 1'],
  upiCategory2: ['UPI 二类', 'UPI category 2'],
  upiCategory3: ['UPI 三类', 'UPI category 3'],
} as const satisfies Record<string, Pair>;

/** Words retired in favour of the ones above, with the term that replaces each. */
export const RETIRED_TERMS: Record<string, string> = {
  实测: '参测',
  参与率: '参测率',
  参与情况: '参测情况',
  第一类: '一类',
  第二类: '二类',
  第三类: '三类',
  阳性率: '筛查阳性率',
};

/** What UPI 方案 B and C mean, shown where a scheme is chosen (batch rules, instrument settings). */
export const UPI_VARIANT_HELP: Pair = [
  '方案 B（默认）：总分≥25、第25题为“是”、主动要求咨询、或辅助问题肯定 2 个以上，归为一类；总分 20–24、第 8/16/26 题之一为“是”、或辅助问题肯定 1 个，归为二类；其余为三类。方案 C：在 B 的基础上，第 8、16、26 题中 2 题以上为“是”也归为一类，一类人数因此更多、更灵敏。',
  'Scheme B (default): total ≥ 25, item 25 "yes", asking for counseling, or 2+ affirmative auxiliary questions make category 1; total 20–24, one of items 8/16/26 "yes", or 1 affirmative auxiliary question make category 2; the rest are category 3. Scheme C: as B, and 2+ of items 8, 16, 26 "yes" also make category 1, so category 1 is larger and the screen more sensitive.',
];
