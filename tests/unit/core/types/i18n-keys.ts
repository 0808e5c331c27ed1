/**
 * Type-level test, checked by tsc (never run): i18next keys are typed from zh-CN's tree
 * (types/i18next-resources.d.ts), so a key that names no text fails the type check.
 */
import type { TFunction } from 'i18next';
import { isTextKey, reasonText, textOr, type TextKey } from '../../../../src-renderer/i18n/keys';
import type { Resource } from '../../../../src-renderer/i18n/types';

export function typedKeys(t: TFunction, fromCore: string, kind: keyof Resource['training']['audiences']): string[] {
  return [
    t('errors.codes.INTERNAL'),
    // @ts-expect-error no such key
    t('no.such.key'),
    // @ts-expect-error a typo in the last part is caught too
    t('errors.codes.INTERNL'),
    // A key built from a union of literal kinds is a typed key.
    t(`training.audiences.${kind}`),
    // @ts-expect-error built from any string it is not: it must pass isTextKey / textOr / reasonText
    t(`training.audiences.${fromCore}`),
    isTextKey(fromCore) ? t(fromCore) : fromCore,
    textOr(`training.audiences.${fromCore}`, fromCore, t),
    reasonText(fromCore, t),
  ];
}

// @ts-expect-error a TextKey is one of the keys, not any string
export const notAKey: TextKey = 'no.such.key';
