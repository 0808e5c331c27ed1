import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, RETIRED_TERMS, UPI_VARIANT_HELP } from '../../../src-shared/labels/glossary';
import { assessmentsZhCN } from '../../../src-renderer/i18n/modules/assessments.zh-CN';
import { censusZhCN } from '../../../src-renderer/i18n/modules/census.zh-CN';

/** Where census, statistics and alert words live: the Chinese i18n modules, the shared labels, the exports. */
function sources(): { path: string; text: string }[] {
  const root = process.cwd();
  const modules = join(root, 'src-renderer/i18n/modules');
  const labels = join(root, 'src-shared/labels');
  return [
    ...readdirSync(modules)
      .filter((f) => f.endsWith('.zh-CN.ts'))
      .map((f) => join(modules, f)),
    ...readdirSync(labels)
      .filter((f) => f.endsWith('.ts') && f !== 'glossary.ts')
      .map((f) => join(labels, f)),
    join(root, 'src-main/core/census/census-export.ts'),
    join(root, 'src-main/core/statistics/statistics-export.ts'),
  ].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe('one term per thing', () => {
  it('no retired term is used where census, statistics and alerts speak', () => {
    const found: string[] = [];
    for (const { path, text } of sources()) {
      for (const retired of Object.keys(RETIRED_TERMS)) {
        // 阳性率 is retired only on its own: 筛查阳性率 is the chosen term.
        const pattern = retired === '阳性率' ? /(?<!筛查)阳性率/g : new RegExp(retired, 'g');
        if (pattern.test(text)) found.push(`${retired} → ${RETIRED_TERMS[retired]} in ${path}`);
      }
      if (/SCL-90 阳性/.test(text)) found.push(`SCL-90 阳性 → SCL-90 筛查阳性 in ${path}`);
    }
    expect(found).toEqual([]);
  });

  it('the census words are the glossary words', () => {
    expect(censusZhCN.statistics.columns.screened).toBe(GLOSSARY.screenedCount[0]);
    expect(censusZhCN.statistics.columns.roster).toBe(GLOSSARY.rosterCount[0]);
  });

  it('UPI schemes B and C are explained where they are chosen, in both languages', () => {
    expect(censusZhCN.create.variantHelp).toBe(UPI_VARIANT_HELP[0]);
    expect(assessmentsZhCN.instruments.variantHelp).toBe(UPI_VARIANT_HELP[0]);
    expect(UPI_VARIANT_HELP[0]).toMatch(/方案 B.*方案 C/s);
    expect(UPI_VARIANT_HELP[1]).toMatch(/Scheme B.*Scheme C/s);
  });
});
