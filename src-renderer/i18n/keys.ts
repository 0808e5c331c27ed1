import type { ParseKeys, TFunction } from 'i18next';
import i18n from './index';
import type { Resource } from './types';

/** Every text key (checked against zh-CN's tree: types/i18next-resources.d.ts). */
export type TextKey = ParseKeys;

/**
 * The one way to use a key that is truly built from data at runtime (a code or a field name sent
 * by the core, an audit detail): true when the key names a text, so `isTextKey(k) ? t(k) : other`
 * type-checks and never puts a raw key on screen. Keys made of known kinds need no check: type the
 * kind as the contract's union and `t(\`x.${kind}\`)` is a typed key.
 */
export function isTextKey(key: string): key is TextKey {
  return i18n.exists(key);
}

/** A reason the renderer has words for (the union of every module's error-reason list). */
export type ErrorReason = keyof Resource['errors']['reasons'];

export function isErrorReason(reason: string | undefined): reason is ErrorReason {
  return reason !== undefined && i18n.exists(`errors.reasons.${reason}`);
}

/**
 * Words for an error reason that came from the core (typed `string` there): the reason's text, or,
 * for a reason the renderer does not know (a newer core), the translated generic message of `code`.
 * `replace` fills the text's placeholders ({{item}}, {{column}}…).
 */
export function reasonText(
  reason: string | undefined,
  t: TFunction = i18n.t,
  replace: Record<string, unknown> = {},
  code: keyof Resource['errors']['codes'] = 'VALIDATION',
): string {
  return isErrorReason(reason) ? t(`errors.reasons.${reason}`, { replace }) : t(`errors.codes.${code}`, { replace });
}

/** `key`'s text when there is one, else `fallback` (for keys built from data; see isTextKey). */
export function textOr(key: string, fallback: string, t: TFunction = i18n.t, options: Record<string, unknown> = {}): string {
  return isTextKey(key) ? t(key, options) : fallback;
}
