import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_IDS } from '../../../src-shared/instruments';
import { CSSRS_TRIAGE_LEVELS, DEFINITIONS } from '../../../src-shared/instruments/definitions';
import { definedRuleCodes, flagLabel, instrumentLabel } from '../../../src-shared/labels/instrument-labels';

const FALLBACKS = /其他预警|其他量表|another alert|another questionnaire/;

/** Alert codes written as literals by the scorers (src-shared/instruments) and the core (reports). */
function literalCodes(): string[] {
  const codes = new Set<string>();
  const scan = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.ts')) continue;
      for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/code: '([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    }
  };
  scan(join(__dirname, '../../../src-shared/instruments'));
  scan(join(__dirname, '../../../src-main/core/reports'));
  return [...codes];
}

describe('instrument keys and alert codes in words (one dictionary for the timeline)', () => {
  it('the examples of the issue', () => {
    expect(flagLabel('PHQ9_ITEM9', 'zh-CN')).toBe('PHQ-9 第9题（死亡或自伤念头）');
    expect(flagLabel('PHQ9_ITEM9', 'en')).toBe('PHQ-9 item 9 (thoughts of death or self-harm)');
    expect(instrumentLabel('phq9', 'zh-CN')).toBe('PHQ-9');
    expect(flagLabel('PHQ9_ITEM9_UNANSWERED', 'zh-CN')).toBe('PHQ-9 第9题（死亡或自伤念头）未作答');
    expect(flagLabel('CSSRS_SKIP_VIOLATION', 'zh-CN', 4)).toBe('C-SSRS 违反跳题规则的作答（第4题）');
    // Unknown: words, never the code.
    expect(flagLabel('SOMETHING_NEW', 'zh-CN')).toBe('其他预警');
    expect(instrumentLabel('new_scale', 'en')).toBe('another questionnaire');
  });

  it('every instrument has a name and every rule code of the definitions, scorers and reports has words in both languages', () => {
    for (const id of INSTRUMENT_IDS) expect(instrumentLabel(id, 'zh-CN'), id).not.toMatch(FALLBACKS);
    const triage = Object.keys(CSSRS_TRIAGE_LEVELS).map((t) => `CSSRS_TRIAGE_${t.toUpperCase()}`);
    const codes = [...new Set([...definedRuleCodes(), ...literalCodes(), ...triage])];
    expect(codes.length).toBeGreaterThan(25);
    const missing = codes.flatMap((code) =>
      (['zh-CN', 'en'] as const).filter((lang) => FALLBACKS.test(flagLabel(code, lang))).map((lang) => `${lang}: ${code}`),
    );
    expect(missing).toEqual([]);
    // Each critical item names its item number from the definitions.
    for (const def of Object.values(DEFINITIONS)) for (const rule of def.criticalItems) expect(flagLabel(rule.code, 'zh-CN')).toContain(`第${rule.item}题`);
  });
});
