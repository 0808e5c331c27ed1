import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en';
import { LANGUAGE_STORAGE_KEY, LANGUAGES } from '../../src-renderer/i18n';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { LANGUAGE_KEY } from '../../src-renderer/lock/bridge';
import { EARLY_LANGUAGE_KEY } from '../../src-renderer/lock/page-early';
import { LANGUAGE_BOOT_SCRIPT } from '../../src-shared/csp';
import { LOCK_LANGUAGES, LOCK_TEXTS, reasonText } from '../../src-renderer/lock/texts';

/** The lock screen's own texts (lock/texts.ts) are copies: they must say what the full resources say. */
const RESOURCES = { 'zh-CN': zhCN, en } as const;

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('lock screen texts', () => {
  it.each(LOCK_LANGUAGES)('equal the full resources in %s', (language) => {
    for (const [key, text] of Object.entries(LOCK_TEXTS[language])) {
      expect(text, key).toBe(lookup(RESOURCES[language], key));
    }
  });

  it('cover every error code of the full resources', () => {
    for (const language of LOCK_LANGUAGES) {
      for (const code of Object.keys(RESOURCES[language].errors.codes)) {
        expect(LOCK_TEXTS[language], code).toHaveProperty([`errors.codes.${code}`]);
      }
    }
  });

  it('translate the sign-in reasons from the same module as the main window', () => {
    expect(reasonText('zh-CN', 'wrongCredentials', {})).toBe(zhCN.errors.reasons.wrongCredentials);
    expect(reasonText('en', 'accountDisabled', {})).toBe(en.errors.reasons.accountDisabled);
    expect(reasonText('en', 'mappingColumnMissing', { column: 'X' })).toBe('The file has no column “X”.');
    expect(reasonText('zh-CN', 'noSuchReason', {})).toBeNull();
    expect(reasonText('zh-CN', 'toString', {})).toBeNull();
  });

  it('use the same languages and storage key as i18n', () => {
    expect([...LOCK_LANGUAGES]).toEqual([...LANGUAGES]);
    expect(LANGUAGE_KEY).toBe(LANGUAGE_STORAGE_KEY);
    // The page's first scripts read and write the same key: the inline one in <head>, page-early's.
    expect(LANGUAGE_BOOT_SCRIPT).toContain(`localStorage.getItem('${LANGUAGE_KEY}')`);
    expect(EARLY_LANGUAGE_KEY).toBe(LANGUAGE_KEY);
  });
});
