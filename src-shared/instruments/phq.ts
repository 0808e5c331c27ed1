/**
 * PHQ-9 and PHQ-A. Input: answers 0-3 (or null) in published order; PHQ-A adds two yes/no answers
 * (1/0/null) as items 10 (past-month serious thoughts of ending one's life) and 11 (lifetime
 * attempt). Options: `{ screenCutoff?: integer 1-27 }`, default 10.
 */
import { z } from 'zod';
import { PHQ9, PHQA, type InstrumentDefinition } from './definitions';
import { screenerResult } from './common';
import { parseOptions, readScaleAnswers } from './validate';
import type { PhqScoreResult } from './types';

export const phqOptionsSchema = z.strictObject({
  screenCutoff: z.number().int().min(1).max(27).default(10),
});

export type PhqOptions = z.output<typeof phqOptionsSchema>;

const PHQ_SCORED_ITEMS = 9;

function scorePhqFamily(definition: InstrumentDefinition, responses: unknown, rawOptions: unknown): PhqScoreResult {
  const options = parseOptions(definition.id, phqOptionsSchema, rawOptions);
  const base = screenerResult(definition, readScaleAnswers(definition, responses), PHQ_SCORED_ITEMS, options);
  return { ...base, instrument: definition.id as PhqScoreResult['instrument'] };
}

export function scorePhq9(responses: unknown, options?: unknown): PhqScoreResult {
  return scorePhqFamily(PHQ9, responses, options);
}

export function scorePhqa(responses: unknown, options?: unknown): PhqScoreResult {
  return scorePhqFamily(PHQA, responses, options);
}
