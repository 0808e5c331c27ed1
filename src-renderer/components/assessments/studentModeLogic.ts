/**
 * The pure rules of the on-screen questionnaire: which items are asked (C-SSRS skip logic), where
 * to resume, what is still unanswered.
 */
import type { Answer } from './types';

/** C-SSRS screener (items 1-7 = q1..q6, q6b): q3-q5 only after q2 = yes, q6b only after q6 = yes. */
const CSSRS_DEPENDENTS: Record<number, number[]> = { 2: [3, 4, 5], 6: [7] };
const CSSRS_PARENT: Record<number, number> = { 3: 2, 4: 2, 5: 2, 7: 6 };

export function isAsked(instrument: string, item: number, responses: readonly Answer[]): boolean {
  if (instrument !== 'cssrs_screen') return true;
  const parent = CSSRS_PARENT[item];
  return parent === undefined || responses[parent - 1] === 1;
}

/**
 * The other answers that change with this one: a C-SSRS "no" on q2/q6 marks its follow-up items
 * "not asked" ("NA"); a "yes" reopens follow-ups that were marked so.
 */
export function dependentAnswers(instrument: string, item: number, value: Answer, responses: readonly Answer[]): { item: number; value: Answer }[] {
  if (instrument !== 'cssrs_screen') return [];
  const dependents = CSSRS_DEPENDENTS[item] ?? [];
  if (value === 1) return dependents.filter((d) => responses[d - 1] === 'NA').map((d) => ({ item: d, value: null }));
  if (value === 0) return dependents.filter((d) => responses[d - 1] !== 'NA').map((d) => ({ item: d, value: 'NA' as const }));
  return [];
}

/** Item numbers that are asked and still have no answer. */
export function unansweredItems(instrument: string, itemCount: number, responses: readonly Answer[]): number[] {
  const missing: number[] = [];
  for (let item = 1; item <= itemCount; item += 1) {
    if (isAsked(instrument, item, responses) && (responses[item - 1] ?? null) === null) missing.push(item);
  }
  return missing;
}

/** The next (or previous) asked item from `item`, or null at the end. */
export function stepItem(instrument: string, itemCount: number, item: number, direction: 1 | -1, responses: readonly Answer[]): number | null {
  for (let next = item + direction; next >= 1 && next <= itemCount; next += direction) {
    if (isAsked(instrument, next, responses)) return next;
  }
  return null;
}

/** Where a (re)opened form starts: the first unanswered asked item, else the last asked one. */
export function resumeItem(instrument: string, itemCount: number, responses: readonly Answer[]): number {
  const missing = unansweredItems(instrument, itemCount, responses);
  if (missing.length > 0) return missing[0];
  for (let item = itemCount; item >= 1; item -= 1) if (isAsked(instrument, item, responses)) return item;
  return 1;
}
