/** GAD-7. Input: 7 answers 0-3 (or null). Options: `{ screenCutoff?: integer 1-21 }`, default 10. */
import { z } from 'zod';
import { GAD7 } from './definitions';
import { screenerResult } from './common';
import { parseOptions, readScaleAnswers } from './validate';
import type { Gad7ScoreResult } from './types';

export const gad7OptionsSchema = z.strictObject({
  screenCutoff: z.number().int().min(1).max(21).default(10),
});

export type Gad7Options = z.output<typeof gad7OptionsSchema>;

export function scoreGad7(responses: unknown, rawOptions?: unknown): Gad7ScoreResult {
  const options = parseOptions(GAD7.id, gad7OptionsSchema, rawOptions);
  const base = screenerResult(GAD7, readScaleAnswers(GAD7, responses), GAD7.itemCount, options);
  return { ...base, instrument: 'gad7' };
}
