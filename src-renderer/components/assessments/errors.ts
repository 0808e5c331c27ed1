import type { TFunction } from 'i18next';
import { CallError } from '../../api/client';
import type { Action } from '../../api/mutations';
import { errorMessage } from '../../i18n/errors';
import { shortName } from './labels';

/**
 * `errorMessage`, with the scorer's instrument id (`phq9`) shown as its name (`PHQ-9`) in
 * messages such as "PHQ-9 第 3 题：7 超出 0–3 的范围".
 */
export function assessmentErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof CallError && typeof error.details.instrument === 'string') {
    const named = new CallError(error.channel, error.code, { ...error.details, instrument: shortName(error.details.instrument) });
    return errorMessage(named, t);
  }
  return errorMessage(error, t);
}

/** A write's shown failure (useAction's `error`), worded as above; null when there is none to show. */
export function assessmentActionError(action: Pick<Action<never, unknown>, 'error' | 'failure'>, t: TFunction): string | null {
  return action.error === null ? null : assessmentErrorMessage(action.failure, t);
}

/** The item a scorer error is about (VALIDATION details carry `item`), if any. */
export function errorItem(error: unknown): number | null {
  if (!(error instanceof CallError) || error.code !== 'VALIDATION') return null;
  const item = error.details.item;
  return typeof item === 'number' && Number.isInteger(item) ? item : null;
}
