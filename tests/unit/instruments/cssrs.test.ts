import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { expectInputError, findFlag, flagCodes } from './helpers';

const score = (answers: unknown[]) => scoreInstrument('cssrs_screen', answers);

describe('C-SSRS screener vectors (INSTRUMENTS.md)', () => {
  it('[1,1,1,1,0,0,"NA"] -> high', () => {
    const r = score([1, 1, 1, 1, 0, 0, 'NA']);
    expect(r).toMatchObject({ triage: 'high', status: 'complete', total: null, screenPositive: null });
    expect(r.flags).toEqual([{ code: 'CSSRS_TRIAGE_HIGH', level: 'CRITICAL' }]);
    expect(r.criticalItems).toEqual([4]);
  });

  it('[0,0,"NA","NA","NA",1,0] -> moderate', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 1, 0]);
    expect(r).toMatchObject({ triage: 'moderate', status: 'complete' });
    expect(r.flags).toEqual([{ code: 'CSSRS_TRIAGE_MODERATE', level: 'URGENT' }]);
  });
});

describe('C-SSRS triage', () => {
  it.each([
    [[0, 0, 'NA', 'NA', 'NA', 0, 'NA'], 'none', []],
    [[1, 0, 'NA', 'NA', 'NA', 0, 'NA'], 'low', [1]],
    [[0, 1, 0, 0, 0, 0, 'NA'], 'low', [2]],
    [[1, 1, 1, 0, 0, 0, 'NA'], 'moderate', [3]],
    [[1, 1, 0, 0, 1, 0, 'NA'], 'high', [5]],
    [[0, 0, 'NA', 'NA', 'NA', 1, 1], 'high', [6, 7]],
    [[1, 1, 1, 0, 0, 1, 0], 'moderate', [3, 6]],
  ] as const)('%j -> %s', (answers, triage, items) => {
    const r = score([...answers]);
    expect(r.triage).toBe(triage);
    expect(r.criticalItems).toEqual(items);
    expect(r.status).toBe('complete');
  });

  it('maps triage to alert levels', () => {
    expect(score([1, 0, 'NA', 'NA', 'NA', 0, 'NA']).flags).toEqual([{ code: 'CSSRS_TRIAGE_LOW', level: 'REVIEW' }]);
    expect(score([0, 0, 'NA', 'NA', 'NA', 0, 'NA']).flags).toEqual([]);
  });

  it('"NA" on skipped items is not missing', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 0, 'NA']);
    expect(r.missing).toBe(0);
  });
});

describe('C-SSRS incomplete forms', () => {
  it('Q6 yes with Q6b missing counts as recent (high) and is incomplete', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 1, null]);
    expect(r).toMatchObject({ triage: 'high', status: 'incomplete', missing: 1, missingItems: [7] });
    expect(r.flags).toEqual([
      { code: 'CSSRS_TRIAGE_HIGH', level: 'CRITICAL' },
      { code: 'CSSRS_INCOMPLETE', level: 'URGENT' },
    ]);
  });

  it('Q6 yes with Q6b "NA" (required, so missing) also counts as recent', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 1, 'NA']);
    expect(r).toMatchObject({ triage: 'high', status: 'incomplete', missingItems: [7] });
  });

  it('Q2 yes makes Q3-Q5 required; triage comes from the yes answers present', () => {
    const r = score([1, 1, 1, null, 'NA', 0, 'NA']);
    expect(r).toMatchObject({ triage: 'moderate', status: 'incomplete', missingItems: [4, 5] });
    expect(findFlag(r.flags, 'CSSRS_INCOMPLETE')).toEqual({ code: 'CSSRS_INCOMPLETE', level: 'URGENT' });
  });

  it('a missing always-asked item is incomplete even with no yes at all', () => {
    const r = score([null, 0, 'NA', 'NA', 'NA', 0, 'NA']);
    expect(r).toMatchObject({ triage: 'none', status: 'incomplete', missingItems: [1] });
    expect(r.flags).toEqual([{ code: 'CSSRS_INCOMPLETE', level: 'URGENT' }]);
  });

  it('"NA" on an always-asked item is a missing answer, and a yes elsewhere is kept', () => {
    const r = score(['NA', 1, 0, 1, 0, 0, 'NA']);
    expect(r).toMatchObject({ triage: 'high', status: 'incomplete', missingItems: [1] });
  });

  it('with Q2 missing, answers to Q3-Q5 are used and not called skip violations', () => {
    const r = score([1, null, 0, 0, 1, 0, 'NA']);
    expect(r).toMatchObject({ triage: 'high', status: 'incomplete', missingItems: [2] });
    expect(flagCodes(r.flags)).not.toContain('CSSRS_SKIP_VIOLATION');
  });
});

describe('C-SSRS skip violations', () => {
  it('answers to Q3-Q5 after Q2 = no are kept, used and flagged per item', () => {
    const r = score([1, 0, 0, 1, 'NA', 0, 'NA']);
    expect(r.triage).toBe('high');
    expect(r.status).toBe('complete');
    expect(r.flags.filter((f) => f.code === 'CSSRS_SKIP_VIOLATION')).toEqual([
      { code: 'CSSRS_SKIP_VIOLATION', level: 'REVIEW', item: 3 },
      { code: 'CSSRS_SKIP_VIOLATION', level: 'REVIEW', item: 4 },
    ]);
  });

  it('a Q6b yes after Q6 = no is kept on the safe side (recent behaviour implies lifetime)', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 0, 1]);
    expect(r.triage).toBe('high');
    expect(findFlag(r.flags, 'CSSRS_SKIP_VIOLATION')).toEqual({ code: 'CSSRS_SKIP_VIOLATION', level: 'REVIEW', item: 7 });
  });

  it('a Q6b no after Q6 = no is a violation but changes nothing', () => {
    const r = score([0, 0, 'NA', 'NA', 'NA', 0, 0]);
    expect(r.triage).toBe('none');
    expect(flagCodes(r.flags)).toEqual(['CSSRS_SKIP_VIOLATION']);
  });
});

describe('C-SSRS input validation', () => {
  it('rejects values other than 1, 0, null, "NA"', () => {
    expectInputError(() => score([2, 0, 'NA', 'NA', 'NA', 0, 'NA']), 'BAD_RESPONSES', 'NOT_AN_ANSWER');
    expectInputError(() => score([true, 0, 'NA', 'NA', 'NA', 0, 'NA']), 'BAD_RESPONSES', 'NOT_AN_ANSWER');
    expectInputError(() => score(['yes', 0, 'NA', 'NA', 'NA', 0, 'NA']), 'BAD_RESPONSES', 'NOT_AN_ANSWER');
    expectInputError(() => score([0, 0, 'NA', 'NA', 'NA', 0]), 'BAD_RESPONSES', 'WRONG_LENGTH');
  });

  it('takes no options', () => {
    expectInputError(() => scoreInstrument('cssrs_screen', [0, 0, 'NA', 'NA', 'NA', 0, 'NA'], { strict: true }), 'BAD_OPTIONS');
  });
});
