/**
 * SCL-90. Input: 90 answers 1-5 (or null); with `scaleOrigin: 0` the answers are 0-4 and are
 * converted by +1 before anything else, so every rule below reads the 1-5 scale.
 * Options: `{ scaleOrigin?: 0 | 1, screen?: { totalAbove?, pstAbove?, factorMeanAtLeast? } }`.
 */
import { z } from 'zod';
import { SCL90, SCL90_FACTORS, SCL90_FACTOR_FLAGS, SCL90_FACTOR_MIN_ANSWERED_PERCENT, type Scl90Factor } from './definitions';
import { baseResult, maxMissingOf, criticalItemFlags, proratedTotal, tally } from './common';
import { meanAtLeast, toTenths } from './rounding';
import { SCL90_NORMS_JIN_1986, zScore } from './scl90-norms';
import { parseOptions, readScaleAnswers } from './validate';
import type { Answer, Flag, Scl90ScoreResult, ScreenPositive } from './types';

const isMultipleOfTenth = (value: number): boolean => Math.abs(Math.round(value * 10) - value * 10) < 1e-9;

export const scl90OptionsSchema = z.strictObject({
  scaleOrigin: z.union([z.literal(0), z.literal(1)]).default(1),
  screen: z
    .strictObject({
      totalAbove: z.number().int().min(90).max(450).default(160),
      pstAbove: z.number().int().min(0).max(90).default(43),
      factorMeanAtLeast: z.number().min(1).max(5).refine(isMultipleOfTenth, { message: 'must be a multiple of 0.1' }).default(2),
    })
    .prefault({}),
});

export type Scl90Options = z.output<typeof scl90OptionsSchema>;
type ScreenRule = Scl90Options['screen'];

const ITEM_MIN = 1;
const ITEM_MAX = 5;
const POSITIVE_AT = 2;

function factorAnswers(answers: readonly Answer[], factor: Scl90Factor): Answer[] {
  return factor.items.map((item) => answers[item - 1]);
}

/** Mean of the answered items when at least 80 % of the factor is answered, else null. */
function factorMean(answers: readonly Answer[], factor: Scl90Factor): number | null {
  const { sum, answered } = tally(factorAnswers(answers, factor));
  const enough = answered * 100 >= SCL90_FACTOR_MIN_ANSWERED_PERCENT * factor.items.length;
  return enough && answered > 0 ? sum / answered : null;
}

/** Chinese screen convention on a fully answered form (all comparisons in integers). */
function screensPositive(values: readonly number[], rule: ScreenRule): boolean {
  const total = values.reduce((a, b) => a + b, 0);
  const pst = values.filter((value) => value >= POSITIVE_AT).length;
  const tenths = toTenths(rule.factorMeanAtLeast);
  const factorHit = SCL90_FACTORS.some((factor) => {
    if (!factor.primary) return false;
    const sum = factor.items.reduce((acc, item) => acc + values[item - 1], 0);
    return meanAtLeast(sum, factor.items.length, tenths);
  });
  return total > rule.totalAbove || pst > rule.pstAbove || factorHit;
}

/**
 * Every screen criterion rises with every answer, so the lowest and highest completions of the
 * missing items bound the result: if they disagree, the missing items could change it.
 */
function screenPositive(answers: readonly Answer[], rule: ScreenRule): ScreenPositive {
  if (
    screensPositive(
      answers.map((a) => a ?? ITEM_MIN),
      rule,
    )
  )
    return true;
  if (
    !screensPositive(
      answers.map((a) => a ?? ITEM_MAX),
      rule,
    )
  )
    return false;
  return 'indeterminate';
}

/** Factor flags read the reported mean; without one, they fire only if certain (missing items at 1). */
function factorFlags(answers: readonly Answer[], factors: Record<string, number | null>): Flag[] {
  return SCL90_FACTOR_FLAGS.filter((rule) => {
    const factor = SCL90_FACTORS.find((f) => f.id === rule.factor)!;
    const tenths = toTenths(rule.meanAtLeast);
    const { sum, answered } = tally(factorAnswers(answers, factor));
    const mean = factors[rule.factor];
    if (mean !== null && mean !== undefined) return meanAtLeast(sum, answered, tenths);
    const lowestSum = sum + (factor.items.length - answered) * ITEM_MIN;
    return meanAtLeast(lowestSum, factor.items.length, tenths);
  }).map((rule) => ({ code: rule.code, level: rule.level }));
}

function nullFactors(): Record<string, number | null> {
  return Object.fromEntries(SCL90_FACTORS.map((factor) => [factor.id, null]));
}

export function scoreScl90(responses: unknown, rawOptions?: unknown): Scl90ScoreResult {
  const options = parseOptions(SCL90.id, scl90OptionsSchema, rawOptions);
  const origin = options.scaleOrigin;
  const entered = readScaleAnswers(SCL90, responses, { min: origin, max: origin + 4 });
  const answers = entered.map((a) => (a === null ? null : a + (1 - origin)));
  const all = tally(answers);
  const { status, total } = proratedTotal(all, SCL90.itemCount, maxMissingOf(SCL90));
  const valid = status !== 'invalid';

  const factors = valid ? Object.fromEntries(SCL90_FACTORS.map((factor) => [factor.id, factorMean(answers, factor)])) : nullFactors();
  const pst = valid ? answers.filter((a) => a !== null && a >= POSITIVE_AT).length : null;
  // gsi and psdi come from the answered items; psdi = mean of the positive items.
  const gsi = valid ? all.sum / all.answered : null;
  const psdi = pst ? (all.sum - (all.answered - pst)) / pst : null;

  const items = criticalItemFlags(SCL90.criticalItems, answers);
  const norms = SCL90_NORMS_JIN_1986;
  const zScores: Record<string, number | null> = {
    total: zScore(norms, 'total', total),
    gsi: zScore(norms, 'gsi', gsi),
    // pst counts answered items only, so it is compared to the norm only on a complete form.
    pst: zScore(norms, 'pst', status === 'complete' ? pst : null),
    ...Object.fromEntries(SCL90_FACTORS.map((factor) => [factor.id, zScore(norms, factor.id, factors[factor.id])])),
  };
  const base = baseResult(SCL90, options, {
    status,
    missingItems: all.missingItems,
    total,
    band: null,
    screenPositive: valid ? screenPositive(answers, options.screen) : null,
    flags: [...items.flags, ...factorFlags(answers, factors)],
    criticalItems: items.criticalItems,
  });
  // Object.assign into base, not `{ ...base, gsi, … }` (same keys, same order): V8 11 (Node 20)
  // gives each object made by a spread followed by new keys a map of its own, so every result and
  // all it holds outlived the young generation until a major GC (a 20,000-student census import
  // scores 40,000 forms twice; its heap grew by ~90 MB of them per pass).
  return Object.assign(base, { instrument: 'scl90' as const, gsi, pst, psdi, factors, zScores, normTable: norms.id });
}
