/** GAD-7. Input: 7 answers 0-3 (or null). Options: `{ screenCutoff?: integer 1-21 }`, default 10. */
import { z } from 'zod';
import { GAD7, bandFor } from './definitions';
import { baseResult, maxMissingOf, criticalItemFlags, proratedTotal, tally, totalFlags } from './common';
import { parseOptions, readScaleAnswers } from './validate';
import type { Gad7ScoreResult } from './types';

export const gad7OptionsSchema = z.strictObject({
  screenCutoff: z.number().int().min(1).max(21).default(10),
});

export type Gad7Options = z.output<typeof gad7OptionsSchema>;

export function scoreGad7(responses: unknown, rawOptions?: unknown): Gad7ScoreResult {
  const options = parseOptions(GAD7.id, gad7OptionsSchema, rawOptions);
  const answers = readScaleAnswers(GAD7, responses);
  const scored = tally(answers);
  const { status, total } = proratedTotal(scored, GAD7.itemCount, maxMissingOf(GAD7));
  const items = criticalItemFlags(GAD7.criticalItems, answers);
  const base = baseResult(GAD7, options, {
    status,
    missingItems: scored.missingItems,
    total,
    band: bandFor(total, GAD7.bands),
    screenPositive: total === null ? null : total >= options.screenCutoff,
    flags: [...items.flags, ...totalFlags(GAD7.totalFlags, total, scored.sum)],
    criticalItems: items.criticalItems,
  });
  return { ...base, instrument: 'gad7' };
}
