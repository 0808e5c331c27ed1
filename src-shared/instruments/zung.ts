/**
 * Zung SDS and SAS. Input: 20 answers 1-4 (or null) as marked on the form (not yet reversed).
 * Options: `{ rounding?: 'floor' | 'half_up' }` for standard = raw * 1.25 (default floor).
 * `total` equals `raw`; the bands are read on the standard score.
 */
import { z } from 'zod';
import { SDS, SAS, bandFor, type InstrumentDefinition } from './definitions';
import { baseResult, maxMissingOf, criticalItemFlags, proratedTotal, tally } from './common';
import { divFloor, divRoundHalfUp } from './rounding';
import { parseOptions, readScaleAnswers } from './validate';
import type { Answer, ZungScoreResult } from './types';

export const zungOptionsSchema = z.strictObject({
  rounding: z.enum(['floor', 'half_up']).default('floor'),
});

export type ZungOptions = z.output<typeof zungOptionsSchema>;

const REVERSE_BASE = 5;

function scoredAnswers(definition: InstrumentDefinition, answers: readonly Answer[]): Answer[] {
  return answers.map((answer, index) => (answer !== null && definition.reverseItems.includes(index + 1) ? REVERSE_BASE - answer : answer));
}

/** standard = raw * 1.25 = raw * 5 / 4, rounded in integers. */
export function standardScore(raw: number, rounding: ZungOptions['rounding']): number {
  return rounding === 'half_up' ? divRoundHalfUp(raw * 5, 4) : divFloor(raw * 5, 4);
}

function scoreZung(definition: InstrumentDefinition, responses: unknown, rawOptions: unknown): ZungScoreResult {
  const options = parseOptions(definition.id, zungOptionsSchema, rawOptions);
  const answers = readScaleAnswers(definition, responses);
  const scored = tally(scoredAnswers(definition, answers));
  // raw from the mean of the answered scored items = round_half_up(sum * 20 / answered).
  const { status, total: raw } = proratedTotal(scored, definition.itemCount, maxMissingOf(definition));
  const standard = raw === null ? null : standardScore(raw, options.rounding);
  // Critical items read the answer as marked: SDS item 19 is forward scored, so it is the same.
  const items = criticalItemFlags(definition.criticalItems, answers);
  const base = baseResult(definition, options, {
    status,
    missingItems: scored.missingItems,
    total: raw,
    band: bandFor(standard, definition.bands),
    screenPositive: null,
    flags: items.flags,
    criticalItems: items.criticalItems,
  });
  return { ...base, instrument: definition.id as ZungScoreResult['instrument'], raw, standard };
}

export function scoreSds(responses: unknown, options?: unknown): ZungScoreResult {
  return scoreZung(SDS, responses, options);
}

export function scoreSas(responses: unknown, options?: unknown): ZungScoreResult {
  return scoreZung(SAS, responses, options);
}
