import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_ERROR_REASONS } from '../../../src-shared/contract/cases';
import { CRISIS_ERROR_REASONS } from '../../../src-shared/contract/crisis';
import { FAMILY_ERROR_REASONS } from '../../../src-shared/contract/family';
import { FOLLOWUPS_ERROR_REASONS } from '../../../src-shared/contract/followups';
import { KEYATTENTION_ERROR_REASONS } from '../../../src-shared/contract/keyattention';
import { NOTES_ERROR_REASONS } from '../../../src-shared/contract/notes';
import { REFERRALS_ERROR_REASONS } from '../../../src-shared/contract/referrals';
import { REPORTS_ERROR_REASONS } from '../../../src-shared/contract/reports';
import { en } from '../../../src-renderer/i18n/en';
import type { ReasonTexts } from '../../../src-renderer/i18n/types';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';

const root = resolve(__dirname, '../../..');
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Modules whose error reasons are a contract list (the others still only have their i18n `errors`). */
const LISTS = {
  cases: CASES_ERROR_REASONS,
  crisis: CRISIS_ERROR_REASONS,
  family: FAMILY_ERROR_REASONS,
  followups: FOLLOWUPS_ERROR_REASONS,
  keyattention: KEYATTENTION_ERROR_REASONS,
  notes: NOTES_ERROR_REASONS,
  referrals: REFERRALS_ERROR_REASONS,
  reports: REPORTS_ERROR_REASONS,
} as const;

describe('error reasons: a contract list per module, translations typed by it', () => {
  it('a module text table lacking one of its reasons does not type-check', () => {
    // @ts-expect-error familyContactNotFound and the others are missing
    const missing: ReasonTexts<typeof FAMILY_ERROR_REASONS> = { familyContactNotEligible: '…' };
    // @ts-expect-error a reason not in the list is refused too
    const unknown: ReasonTexts<readonly ['a']> = { a: '…', b: '…' };
    expect([missing, unknown]).toHaveLength(2);
  });

  it('each listed module translates exactly its list, in both languages', () => {
    for (const [module, list] of Object.entries(LISTS)) {
      const zh = (zhCN as unknown as Record<string, { errors: object }>)[module] ?? null;
      const zhErrors = zh ? Object.keys(zh.errors) : [];
      if (zh) expect(zhErrors.sort(), module).toEqual([...list].sort());
      for (const reason of list) {
        expect(zhCN.errors.reasons, `${module}: ${reason}`).toHaveProperty(reason);
        expect(en.errors.reasons, `${module}: ${reason}`).toHaveProperty(reason);
      }
    }
  });

  it("every reason a listed module's core sends is in a list (or one of the shared reasons)", () => {
    const listed = new Set<string>(Object.values(LISTS).flat());
    const offenders = Object.keys(LISTS).flatMap((module) =>
      filesUnder(join(root, 'src-main/core', module)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/reason:\s*'([A-Za-z_]+)'/g)]
          .map((m) => m[1])
          .filter((reason) => !listed.has(reason) && reason !== 'studentNotFound')
          .map((reason) => `${module}: ${reason}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
