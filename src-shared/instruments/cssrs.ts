/**
 * C-SSRS screener. Input: `[q1, q2, q3, q4, q5, q6, q6b]` (q6b is item 7), each 1 (yes), 0 (no),
 * null (missing) or "NA" (not asked per skip logic). No options.
 *
 * Skip logic: q3-q5 are asked only when q2 = yes, q6b only when q6 = yes. A required answer that is
 * missing (null, or "NA" where the item had to be asked) makes the form `incomplete`; the triage is
 * then computed from the yes answers present. We do not reject such forms: a data-entry slip on q1
 * must not discard a recorded "yes" on q4.
 */
import { z } from 'zod';
import { CSSRS_SCREEN, CSSRS_TRIAGE_LEVELS } from './definitions';
import { baseResult } from './common';
import { expectResponseArray, parseOptions } from './validate';
import { InstrumentInputError, type CssrsAnswer, type CssrsScoreResult, type CssrsTriage, type Flag } from './types';

export const cssrsOptionsSchema = z.strictObject({});

const Q = { q1: 1, q2: 2, q3: 3, q4: 4, q5: 5, q6: 6, q6b: 7 } as const;
const ALWAYS_ASKED: readonly number[] = [Q.q1, Q.q2, Q.q6];
const ASKED_WHEN_Q2_YES: readonly number[] = [Q.q3, Q.q4, Q.q5];

function readCssrsAnswers(responses: unknown): CssrsAnswer[] {
  const values = expectResponseArray(CSSRS_SCREEN.id, responses, CSSRS_SCREEN.itemCount);
  return values.map((value, index) => {
    if (value === 0 || value === 1 || value === null || value === 'NA') return value;
    throw new InstrumentInputError('BAD_RESPONSES', `Item ${index + 1} of cssrs_screen: expected 1 (yes), 0 (no), null (missing) or "NA" (not asked).`, {
      reason: 'NOT_AN_ANSWER',
      instrument: CSSRS_SCREEN.id,
      item: index + 1,
      value: String(value),
      allowed: [1, 0, null, 'NA'],
    });
  });
}

class CssrsForm {
  constructor(private readonly answers: readonly CssrsAnswer[]) {}

  answer(item: number): CssrsAnswer {
    return this.answers[item - 1];
  }

  yes(item: number): boolean {
    return this.answer(item) === 1;
  }

  given(item: number): boolean {
    const answer = this.answer(item);
    return answer === 0 || answer === 1;
  }

  /** Items that had to be answered; when q2 or q6 is itself missing we cannot know more. */
  requiredItems(): number[] {
    const required = [...ALWAYS_ASKED];
    if (this.yes(Q.q2)) required.push(...ASKED_WHEN_Q2_YES);
    if (this.yes(Q.q6)) required.push(Q.q6b);
    return required.sort((a, b) => a - b);
  }

  missingItems(): number[] {
    return this.requiredItems().filter((item) => !this.given(item));
  }

  /** Answers given although the skip logic says the item is not asked. */
  skipViolations(): number[] {
    const violations = this.answer(Q.q2) === 0 ? ASKED_WHEN_Q2_YES.filter((item) => this.given(item)) : [];
    if (this.answer(Q.q6) === 0 && this.given(Q.q6b)) violations.push(Q.q6b);
    return violations;
  }
}

/**
 * Items supporting each triage level. Q6 yes with q6b missing counts as recent. A q6b "yes" given
 * against the skip logic (q6 no or missing) still means behaviour in the past 3 months, which
 * implies lifetime behaviour: it is used on the safe side.
 */
function triageEvidence(form: CssrsForm): Record<Exclude<CssrsTriage, 'none'>, number[]> {
  const recentBehaviour = form.yes(Q.q6b) || (form.yes(Q.q6) && !form.given(Q.q6b));
  const high: number[] = [Q.q4, Q.q5].filter((item) => form.yes(item));
  if (recentBehaviour) high.push(...[Q.q6, Q.q6b].filter((item) => form.yes(item)));
  const moderate: number[] = form.yes(Q.q3) ? [Q.q3] : [];
  if (form.yes(Q.q6) && form.answer(Q.q6b) === 0) moderate.push(Q.q6);
  const low = [Q.q1, Q.q2].filter((item) => form.yes(item));
  return { high, moderate, low };
}

export function scoreCssrs(responses: unknown, rawOptions?: unknown): CssrsScoreResult {
  const options = parseOptions(CSSRS_SCREEN.id, cssrsOptionsSchema, rawOptions);
  const form = new CssrsForm(readCssrsAnswers(responses));
  const evidence = triageEvidence(form);
  const triage: CssrsTriage = (['high', 'moderate', 'low'] as const).find((level) => evidence[level].length > 0) ?? 'none';
  const missingItems = form.missingItems();
  const flags: Flag[] = [];
  // The triage flag has no item: it is one judgement over several answers, so the alert source
  // (assessment, no item) stays the same when a corrected answer moves the evidence.
  if (triage !== 'none') flags.push({ code: `CSSRS_TRIAGE_${triage.toUpperCase()}`, level: CSSRS_TRIAGE_LEVELS[triage] });
  if (missingItems.length > 0) flags.push({ code: 'CSSRS_INCOMPLETE', level: 'URGENT' });
  for (const item of form.skipViolations()) flags.push({ code: 'CSSRS_SKIP_VIOLATION', level: 'REVIEW', item });
  const base = baseResult(CSSRS_SCREEN, options, {
    status: missingItems.length > 0 ? 'incomplete' : 'complete',
    missingItems,
    total: null,
    band: null,
    screenPositive: null,
    flags,
    criticalItems: triage === 'none' ? [] : evidence[triage],
  });
  return { ...base, instrument: 'cssrs_screen', triage };
}
