import 'i18next';
import type { Resource } from '../src-renderer/i18n/types';

/**
 * Typed i18next keys: `t('no.such.key')` is a type error. The resources are zh-CN's tree of keys
 * (en must have the same ones, `Resource` checks it). A key built at runtime must be typed by its
 * parts (a union of literal kinds), or pass `isTextKey` / `reasonText` (src-renderer/i18n/keys.ts).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resource };
  }
}
