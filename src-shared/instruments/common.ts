/** Scoring steps shared by the families. */
import { prorate } from './rounding';
import { SCORING_SPEC_VERSION, type AlertLevel, type Answer, type BaseScoreResult, type Flag, type ScoreStatus } from './types';
import { bandFor, type CriticalItemRule, type InstrumentDefinition, type TotalFlagRule } from './definitions';

export interface Tally {
  sum: number;
  answered: number;
  missingItems: number[];
}

/** Sum of the answered items; `itemNumbers[i]` is the published number of `values[i]`. */
export function tally(values: readonly Answer[], itemNumbers?: readonly number[]): Tally {
  let sum = 0;
  let answered = 0;
  const missingItems: number[] = [];
  values.forEach((value, index) => {
    if (value === null) missingItems.push(itemNumbers ? itemNumbers[index] : index + 1);
    else {
      sum += value;
      answered += 1;
    }
  });
  return { sum, answered, missingItems };
}

/** How many items may be missing before the form is invalid. */
export function maxMissingOf(definition: InstrumentDefinition): number {
  const rule = definition.missingRule;
  return rule.kind === 'prorate' || rule.kind === 'mean' ? rule.maxMissing : 0;
}

/** Total within the missing limit (prorated when items are missing), else invalid. */
export function proratedTotal({ sum, answered, missingItems }: Tally, itemCount: number, maxMissing: number): { status: ScoreStatus; total: number | null } {
  if (missingItems.length > maxMissing || answered === 0) return { status: 'invalid', total: null };
  if (missingItems.length === 0) return { status: 'complete', total: sum };
  return { status: 'prorated', total: prorate(sum, answered, itemCount) };
}

/**
 * Critical items are judged on the raw answer, never an imputed one, and fire even when the form
 * is invalid: a student who marks item 9 must reach a counselor whatever else is missing.
 * A missing critical item raises a `*_UNANSWERED` review flag, since silence is not "no risk".
 */
export function criticalItemFlags(rules: readonly CriticalItemRule[], answers: readonly Answer[]): { flags: Flag[]; criticalItems: number[] } {
  const flags: Flag[] = [];
  const criticalItems: number[] = [];
  for (const rule of rules) {
    const answer = answers[rule.item - 1];
    if (answer === null) {
      flags.push({ code: `${rule.code}_UNANSWERED`, level: 'REVIEW', item: rule.item });
      continue;
    }
    const hit = rule.levels.find((level) => answer >= level.atLeast);
    if (hit) {
      flags.push({ code: rule.code, level: hit.level, item: rule.item });
      criticalItems.push(rule.item);
    }
  }
  return { flags, criticalItems };
}

/**
 * Total-score flags. On an invalid form the total is unknown, but if the lowest total any
 * completion could reach already meets the threshold, the flag is certain and is raised.
 */
export function totalFlags(rules: readonly TotalFlagRule[], total: number | null, lowestPossibleTotal: number): Flag[] {
  const value = Math.max(total ?? lowestPossibleTotal, lowestPossibleTotal);
  return rules.filter((rule) => value >= rule.atLeast).map((rule) => ({ code: rule.code, level: rule.level }));
}

const LEVEL_ORDER: Record<AlertLevel, number> = { CRITICAL: 0, URGENT: 1, HIGH: 2, REVIEW: 3 };

/** Most severe first, otherwise in the order raised. */
export function bySeverity(flags: Flag[]): Flag[] {
  return flags
    .map((flag, index) => ({ flag, index }))
    .sort((a, b) => LEVEL_ORDER[a.flag.level] - LEVEL_ORDER[b.flag.level] || a.index - b.index)
    .map(({ flag }) => flag);
}

/** The fields every result shares; family scorers add their own. */
export function baseResult(
  definition: InstrumentDefinition,
  options: Record<string, unknown>,
  fields: Omit<BaseScoreResult, 'instrument' | 'version' | 'specVersion' | 'options' | 'missing'>,
): BaseScoreResult {
  return {
    instrument: definition.id,
    version: definition.version,
    specVersion: SCORING_SPEC_VERSION,
    options,
    status: fields.status,
    missing: fields.missingItems.length,
    missingItems: fields.missingItems,
    total: fields.total,
    band: fields.band,
    screenPositive: fields.screenPositive,
    flags: bySeverity(fields.flags),
    criticalItems: [...fields.criticalItems].sort((a, b) => a - b),
  };
}

/**
 * The PHQ screeners' rule (PHQ-9, PHQ-A, GAD-7): the first `scoredCount` answers make the total,
 * prorated within the missing limit; its band; positive at or above the screen cutoff. Critical
 * items are read from every answer (PHQ-A's supplementary questions are not scored but are critical).
 */
export function screenerResult(
  definition: InstrumentDefinition,
  answers: readonly Answer[],
  scoredCount: number,
  options: Record<string, unknown> & { screenCutoff: number },
): BaseScoreResult {
  const scored = tally(answers.slice(0, scoredCount));
  const { status, total } = proratedTotal(scored, scoredCount, maxMissingOf(definition));
  const items = criticalItemFlags(definition.criticalItems, answers);
  // Missing items can score 0, so the answered sum is the lowest possible total.
  return baseResult(definition, options, {
    status,
    missingItems: scored.missingItems,
    total,
    band: bandFor(total, definition.bands),
    screenPositive: total === null ? null : total >= options.screenCutoff,
    flags: [...items.flags, ...totalFlags(definition.totalFlags, total, scored.sum)],
    criticalItems: items.criticalItems,
  });
}
