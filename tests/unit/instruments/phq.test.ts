import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { answers, findFlag, flagCodes } from './helpers';

describe('PHQ-9 vectors (INSTRUMENTS.md)', () => {
  it('[2,2,1,1,1,1,1,0,1] -> 10, moderate, positive, URGENT on item 9', () => {
    const r = scoreInstrument('phq9', [2, 2, 1, 1, 1, 1, 1, 0, 1]);
    expect(r).toMatchObject({ instrument: 'phq9', status: 'complete', missing: 0, total: 10, band: 'moderate', screenPositive: true });
    expect(r.flags).toEqual([{ code: 'PHQ9_ITEM9', level: 'URGENT', item: 9 }]);
    expect(r.criticalItems).toEqual([9]);
  });

  it('[0,1,0,0,1,0,0,0,3] -> 5, mild, CRITICAL on item 9', () => {
    const r = scoreInstrument('phq9', [0, 1, 0, 0, 1, 0, 0, 0, 3]);
    expect(r).toMatchObject({ total: 5, band: 'mild', screenPositive: false });
    expect(r.flags).toEqual([{ code: 'PHQ9_ITEM9', level: 'CRITICAL', item: 9 }]);
  });

  it('[2,2,null,1,1,1,1,0,0] -> prorated, missing 1, total 9, mild', () => {
    const r = scoreInstrument('phq9', [2, 2, null, 1, 1, 1, 1, 0, 0]);
    expect(r).toMatchObject({ status: 'prorated', missing: 1, missingItems: [3], total: 9, band: 'mild', screenPositive: false });
    expect(r.flags).toEqual([]);
  });
});

describe('PHQ-9 rules', () => {
  it('records the result identity and the options used', () => {
    const r = scoreInstrument('phq9', answers(9, 0));
    expect(r.version).toMatch(/\d/);
    expect(r.specVersion).toMatch(/\d/);
    expect(r.options).toEqual({ screenCutoff: 10 });
  });

  it('bands at every boundary', () => {
    const bandOf = (total: number) => {
      const items = answers(9, 0);
      for (let i = 0; i < total; i++) items[i % 8] += 1; // keep item 9 at 0
      return scoreInstrument('phq9', items).band;
    };
    expect([0, 4, 5, 9, 10, 14, 15, 19, 20, 24].map(bandOf)).toEqual([
      'minimal',
      'minimal',
      'mild',
      'mild',
      'moderate',
      'moderate',
      'moderately_severe',
      'moderately_severe',
      'severe',
      'severe',
    ]);
  });

  it('prorates 2 missing items and rounds half up', () => {
    // 7 answered, sum 10 -> 10 * 9 / 7 = 12.857 -> 13
    const r = scoreInstrument('phq9', [2, 2, 2, 2, 1, 1, null, null, 0]);
    expect(r).toMatchObject({ status: 'prorated', missing: 2, total: 13, band: 'moderate' });
    expect(scoreInstrument('phq9', [1, 1, 1, 1, 1, 0, 0, null, 0]).total).toBe(6); // 5.625
    // exact half: 8 answered, sum 4 -> 4.5 -> 5, which moves the band from minimal to mild
    expect(scoreInstrument('phq9', [1, 1, 1, 1, 0, 0, 0, null, 0])).toMatchObject({ total: 5, band: 'mild' });
  });

  it('is invalid with 3 missing items, but item 9 still fires on its raw answer', () => {
    const r = scoreInstrument('phq9', [null, null, null, 3, 3, 3, 3, 3, 2]);
    expect(r).toMatchObject({ status: 'invalid', missing: 3, total: null, band: null, screenPositive: null });
    expect(findFlag(r.flags, 'PHQ9_ITEM9')).toEqual({ code: 'PHQ9_ITEM9', level: 'CRITICAL', item: 9 });
  });

  it('raises PHQ9_ITEM9_UNANSWERED (REVIEW) when item 9 is missing, even on a prorated form', () => {
    const r = scoreInstrument('phq9', [1, 1, 1, 1, 1, 1, 1, 1, null]);
    expect(r.status).toBe('prorated');
    expect(r.flags).toEqual([{ code: 'PHQ9_ITEM9_UNANSWERED', level: 'REVIEW', item: 9 }]);
    expect(r.criticalItems).toEqual([]);
  });

  it('never imputes item 9: a missing item 9 on a high form is unanswered, not positive', () => {
    const r = scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 3, null]);
    expect(flagCodes(r.flags)).not.toContain('PHQ9_ITEM9');
    expect(flagCodes(r.flags)).toContain('PHQ9_ITEM9_UNANSWERED');
  });

  it('flags total >= 20 as HIGH, also when prorated', () => {
    expect(findFlag(scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 2, 0, 0]).flags, 'PHQ9_SEVERE')).toEqual({ code: 'PHQ9_SEVERE', level: 'HIGH' });
    expect(findFlag(scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 1, 0, 0]).flags, 'PHQ9_SEVERE')).toBeUndefined();
    const prorated = scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, null, null, 0]); // 18 * 9 / 7 = 23.1
    expect(prorated.total).toBe(23);
    expect(findFlag(prorated.flags, 'PHQ9_SEVERE')).toBeDefined();
  });

  it('sorts flags most severe first', () => {
    const r = scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 0, 1]);
    expect(r.flags.map((f) => f.level)).toEqual(['URGENT', 'HIGH']);
  });

  it('uses a configurable screen cutoff and echoes it', () => {
    const items = [1, 1, 1, 1, 1, 1, 1, 0, 0]; // 7
    expect(scoreInstrument('phq9', items).screenPositive).toBe(false);
    const r = scoreInstrument('phq9', items, { screenCutoff: 7 });
    expect(r.screenPositive).toBe(true);
    expect(r.options).toEqual({ screenCutoff: 7 });
  });
});

describe('PHQ-A', () => {
  const base = [1, 2, 1, 1, 1, 1, 1, 1, 1]; // items 1 and 2 are swapped on the form; scoring is the same sum

  it('scores like PHQ-9 and has its own flag codes', () => {
    const r = scoreInstrument('phqa', [...base, 0, 0]);
    expect(r).toMatchObject({ instrument: 'phqa', total: 10, band: 'moderate', screenPositive: true, status: 'complete' });
    expect(r.flags).toEqual([{ code: 'PHQA_ITEM9', level: 'URGENT', item: 9 }]);
  });

  it('past-month serious thoughts (item 10) -> CRITICAL; lifetime attempt (item 11) -> URGENT', () => {
    const r = scoreInstrument('phqa', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(r.flags).toEqual([
      { code: 'PHQA_PAST_MONTH_THOUGHTS', level: 'CRITICAL', item: 10 },
      { code: 'PHQA_LIFETIME_ATTEMPT', level: 'URGENT', item: 11 },
    ]);
    expect(r.criticalItems).toEqual([10, 11]);
    expect(r.total).toBe(0);
  });

  it('unanswered supplementary questions raise review flags but do not count as missing score items', () => {
    const r = scoreInstrument('phqa', [...base, null, null]);
    expect(r.status).toBe('complete');
    expect(r.missing).toBe(0);
    expect(flagCodes(r.flags)).toEqual(expect.arrayContaining(['PHQA_PAST_MONTH_THOUGHTS_UNANSWERED', 'PHQA_LIFETIME_ATTEMPT_UNANSWERED']));
  });

  it('supplementary answers are yes/no only', () => {
    expect(() => scoreInstrument('phqa', [...base, 2, 0])).toThrow(/outside the scale 0-1/);
    expect(() => scoreInstrument('phqa', base)).toThrow(/exactly 11/);
  });

  it('supplementary flags fire on an invalid form', () => {
    const r = scoreInstrument('phqa', [null, null, null, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(r.status).toBe('invalid');
    expect(findFlag(r.flags, 'PHQA_PAST_MONTH_THOUGHTS')?.level).toBe('CRITICAL');
  });
});
