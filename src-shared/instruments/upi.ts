/**
 * UPI. Input shape:
 *   responses: 60 answers in published order, 1 (yes), 0 (no) or null (missing);
 *   options:   { variant?: 'B' | 'C',
 *                asksForCounseling?: boolean | null,      // the student asks for counseling
 *                auxiliaryAffirmative?: integer >= 0 | null } // affirmative auxiliary questions
 * The two auxiliary inputs are explicit facts recorded by the counselor or the form, never guessed
 * from free text. Not given (most 60-item platform exports never ask them) they count as "no"
 * (false / 0), so a complete 60-item form has a determined category (INSTRUMENTS.md, UPI). Only
 * an explicit `null` (asked, left blank) is an unknown, treated like a missing answer: the
 * category is then reported only when no missing answer or unknown input could change it.
 */
import { z } from 'zod';
import { UPI, UPI_KEY_ITEMS, UPI_LIE_ITEMS, UPI_SUICIDAL_THOUGHTS_ITEM } from './definitions';
import { baseResult, criticalItemFlags } from './common';
import { parseOptions, readScaleAnswers } from './validate';
import type { Answer, Flag, UpiCategory, UpiScoreResult } from './types';

export const upiOptionsSchema = z.strictObject({
  variant: z.enum(['B', 'C']).default('B'),
  // Not given = not asked = "no"; only an explicit null is unknown.
  asksForCounseling: z.boolean().nullable().default(false),
  // A generous bound: the UPI has only a few auxiliary questions.
  auxiliaryAffirmative: z.number().int().min(0).max(10).nullable().default(0),
});

export type UpiOptions = z.output<typeof upiOptionsSchema>;

const COUNTED_ITEMS = UPI.scoredItems;

interface CategoryInputs {
  total: number;
  item25Yes: boolean;
  keyItemsYes: number;
  asksForCounseling: boolean;
  auxiliaryAffirmative: number;
}

function categorize(input: CategoryInputs, variant: 'B' | 'C'): UpiCategory {
  const categoryOne =
    input.total >= 25 || input.item25Yes || input.asksForCounseling || input.auxiliaryAffirmative >= 2 || (variant === 'C' && input.keyItemsYes >= 2);
  if (categoryOne) return 1;
  if (input.total >= 20 || input.keyItemsYes >= 1 || input.auxiliaryAffirmative === 1) return 2;
  return 3;
}

/** The values an answer could take: itself when given, 0 or 1 when missing. */
const possibleAnswers = (answer: Answer): number[] => (answer === null ? [0, 1] : [answer]);

/**
 * Categories reachable over every completion of the missing answers and unrecorded inputs.
 * Missing ordinary items only add to the total, so they are enumerated as a count (0..m);
 * items 8/16/25/26 and the auxiliary inputs are enumerated individually. At most
 * 57 x 16 x 2 x 3 cases.
 */
function possibleCategories(answers: readonly Answer[], options: UpiOptions): UpiCategory[] {
  const answer = (item: number): Answer => answers[item - 1];
  const ordinary = COUNTED_ITEMS.filter((item) => !(UPI_KEY_ITEMS as readonly number[]).includes(item));
  const ordinaryYes = ordinary.filter((item) => answer(item) === 1).length;
  const ordinaryMissing = ordinary.filter((item) => answer(item) === null).length;
  const asksValues = options.asksForCounseling === null ? [false, true] : [options.asksForCounseling];
  const auxValues = options.auxiliaryAffirmative === null ? [0, 1, 2] : [options.auxiliaryAffirmative];
  const found = new Set<UpiCategory>();
  for (const a8 of possibleAnswers(answer(8)))
    for (const a16 of possibleAnswers(answer(16)))
      for (const a25 of possibleAnswers(answer(UPI_SUICIDAL_THOUGHTS_ITEM)))
        for (const a26 of possibleAnswers(answer(26)))
          for (let extra = 0; extra <= ordinaryMissing; extra++)
            for (const asksForCounseling of asksValues)
              for (const auxiliaryAffirmative of auxValues) {
                const keyItemsYes = a8 + a16 + a26;
                const total = ordinaryYes + extra + keyItemsYes + a25;
                found.add(categorize({ total, item25Yes: a25 === 1, keyItemsYes, asksForCounseling, auxiliaryAffirmative }, options.variant));
              }
  return [...found].sort((a, b) => a - b);
}

function countYes(answers: readonly Answer[], items: readonly number[]): number | null {
  const values = items.map((item) => answers[item - 1]);
  return values.includes(null) ? null : values.filter((value) => value === 1).length;
}

function categoryFlags(category: UpiCategory | null): Flag[] {
  if (category === 1) return [{ code: 'UPI_CATEGORY_1', level: 'HIGH' }];
  if (category === 2) return [{ code: 'UPI_CATEGORY_2', level: 'REVIEW' }];
  // Undetermined always leaves category 1 or 2 possible, so a person has to look at it.
  if (category === null) return [{ code: 'UPI_CATEGORY_UNDETERMINED', level: 'REVIEW' }];
  return [];
}

export function scoreUpi(responses: unknown, rawOptions?: unknown): UpiScoreResult {
  const options = parseOptions(UPI.id, upiOptionsSchema, rawOptions);
  const answers = readScaleAnswers(UPI, responses);
  const missingItems = answers.flatMap((answer, index) => (answer === null ? [index + 1] : []));
  const inputsRecorded = options.asksForCounseling !== null && options.auxiliaryAffirmative !== null;
  const possible = possibleCategories(answers, options);
  const category = possible.length === 1 ? possible[0] : null;
  const lieYes = countYes(answers, UPI_LIE_ITEMS);
  const items = criticalItemFlags(UPI.criticalItems, answers);
  // A lie score of 0 or 4 asks for a look at validity; it never invalidates the form by itself.
  const validity: Flag[] = lieYes === 0 || lieYes === 4 ? [{ code: 'UPI_VALIDITY_CHECK', level: 'REVIEW' }] : [];
  const base = baseResult(UPI, options, {
    status: missingItems.length === 0 && inputsRecorded ? 'complete' : 'incomplete',
    missingItems,
    total: countYes(answers, COUNTED_ITEMS),
    band: null,
    screenPositive: null,
    flags: [...items.flags, ...categoryFlags(category), ...validity],
    criticalItems: items.criticalItems,
  });
  // Object.assign into base, not `{ ...base, lieYes, … }`: see scoreScl90.
  return Object.assign(base, {
    instrument: 'upi' as const,
    lieYes,
    category,
    possibleCategories: possible,
    keyItemsYes: UPI_KEY_ITEMS.filter((item) => answers[item - 1] === 1),
  });
}
