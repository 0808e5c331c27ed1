import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { IDLE_LOCK_MINUTES, PASSWORD_MIN_LENGTH } from '../../src-shared/contract/schemas';
import { CallError } from '../api/client';
import i18n from './index';
import { isErrorReason, isTextKey } from './keys';

/** One validation issue as it crosses the boundary (see contract/validate.ts). */
export interface Issue {
  path: (string | number)[];
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** Limits of the contract's field schemas, for issues that arrive without them (from the core). */
const FIELD_LIMITS: Record<string, { min: number; max: number; kind: 'text' | 'password' | 'number' }> = {
  username: { min: 2, max: 32, kind: 'text' },
  displayName: { min: 1, max: 64, kind: 'text' },
  schoolName: { min: 1, max: 100, kind: 'text' },
  recoveryCode: { min: 16, max: 128, kind: 'text' },
  password: { min: PASSWORD_MIN_LENGTH, max: 256, kind: 'password' },
  newPassword: { min: PASSWORD_MIN_LENGTH, max: 256, kind: 'password' },
  currentPassword: { min: 1, max: 256, kind: 'text' },
  idleLockMinutes: { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max, kind: 'number' },
};

function lastField(path: (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i -= 1) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A translated message for one issue; `field` overrides the field name found in the path. */
export function issueMessage(issue: Issue, t: TFunction = i18n.t, field?: string): string {
  const own = `validation.messages.${issue.message}`;
  if (isTextKey(own)) return t(own);
  const name = field ?? lastField(issue.path);
  const limits = name ? FIELD_LIMITS[name] : undefined;
  const min = issue.minimum !== undefined ? Number(issue.minimum) : limits?.min;
  const max = issue.maximum !== undefined ? Number(issue.maximum) : limits?.max;
  if (name === 'roles' && issue.code === 'too_small') return t('validation.rolesRequired');
  if (limits?.kind === 'number' && (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_type')) {
    return t('validation.numberRange', { min: limits.min, max: limits.max });
  }
  switch (issue.code) {
    case 'too_small':
      if (limits?.kind === 'password') return t('validation.passwordTooShort', { min });
      return min !== undefined && min > 1 ? t('validation.tooShort', { min }) : t('validation.required');
    case 'too_big':
      return max !== undefined ? t('validation.tooLong', { max }) : t('validation.invalid');
    case 'invalid_format':
    case 'invalid_string':
      return t('validation.invalidFormat');
    default:
      return t('validation.invalid');
  }
}

/** The seconds to wait, when the core asked for a pause (THROTTLED, or a failure that started one). */
export function retryAfterSeconds(error: unknown): number {
  if (!(error instanceof CallError)) return 0;
  const seconds = Number(error.details.retryAfterSeconds ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** One sentence for any error a call can end with: reason first, then code; never raw text. */
export function errorMessage(error: unknown, t: TFunction = i18n.t): string {
  if (!(error instanceof CallError)) return t('errors.codes.INTERNAL');
  if (error.code === 'THROTTLED') return t('errors.codes.THROTTLED', { seconds: retryAfterSeconds(error) });
  const reason = error.reason;
  // Details fill the placeholders ({{item}}, {{column}}...); they are data, never markup (React escapes).
  // `replace` keeps detail names (count, lng, ns...) from being read as i18next options.
  const replace = Object.fromEntries(Object.entries(error.details).filter(([, v]) => ['string', 'number'].includes(typeof v)));
  if (isErrorReason(reason)) return t(`errors.reasons.${reason}`, { replace });
  return t(`errors.codes.${error.code}`, { replace });
}

/** VALIDATION issues of a call, ready for antd's `form.setFields`; `mapPath` maps contract paths to form names. */
export function fieldErrors(
  error: unknown,
  t: TFunction = i18n.t,
  mapPath: (path: (string | number)[]) => string | undefined = lastField,
): { name: string; errors: string[] }[] {
  if (!(error instanceof CallError) || error.code !== 'VALIDATION') return [];
  const issues = Array.isArray(error.details.issues) ? error.details.issues : [];
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const name = mapPath(issue.path);
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), issueMessage(issue, t, lastField(issue.path))]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/**
 * An antd form rule that validates with a contract schema, so the form and the core agree.
 * Empty values get "please fill this in" unless `optional`.
 */
export function schemaRule(schema: z.ZodType, field: string, t: TFunction = i18n.t, optional = false) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') {
        if (optional) return;
        throw new Error(t('validation.required'));
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return;
      const first = parsed.error.issues[0] as unknown as Issue;
      throw new Error(issueMessage({ ...first, path: first.path ?? [] }, t, field));
    },
  };
}
