/**
 * K10. Input: 10 answers 1-5 (or null). No options. Two band sets are reported: `bandAbs`
 * (also `band`) and `bandCrufad`. There is no screen rule in the spec, so `screenPositive` is null.
 */
import { z } from 'zod';
import { K10, K10_BANDS_CRUFAD, bandFor } from './definitions';
import { baseResult, maxMissingOf, criticalItemFlags, proratedTotal, tally, totalFlags } from './common';
import { parseOptions, readScaleAnswers } from './validate';
import type { K10ScoreResult } from './types';

export const k10OptionsSchema = z.strictObject({});

export function scoreK10(responses: unknown, rawOptions?: unknown): K10ScoreResult {
  const options = parseOptions(K10.id, k10OptionsSchema, rawOptions);
  const answers = readScaleAnswers(K10, responses);
  const scored = tally(answers);
  const { status, total } = proratedTotal(scored, K10.itemCount, maxMissingOf(K10));
  // A missing K10 item scores at least 1.
  const lowestPossibleTotal = scored.sum + scored.missingItems.length;
  const items = criticalItemFlags(K10.criticalItems, answers);
  const bandAbs = bandFor(total, K10.bands);
  const base = baseResult(K10, options, {
    status,
    missingItems: scored.missingItems,
    total,
    band: bandAbs,
    screenPositive: null,
    flags: [...items.flags, ...totalFlags(K10.totalFlags, total, lowestPossibleTotal)],
    criticalItems: items.criticalItems,
  });
  return { ...base, instrument: 'k10', bandAbs, bandCrufad: bandFor(total, K10_BANDS_CRUFAD) };
}
