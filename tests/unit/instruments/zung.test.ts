import { describe, expect, it } from 'vitest';
import { getInstrumentDefinition, scoreInstrument } from '../../../src-shared/instruments';
import { answers, expectInputError, findFlag } from './helpers';

describe('SDS/SAS vectors (INSTRUMENTS.md)', () => {
  it('SDS all 1 -> raw 50 (reverse items), standard 62, mild', () => {
    const r = scoreInstrument('sds', answers(20, 1));
    expect(r).toMatchObject({ status: 'complete', raw: 50, total: 50, standard: 62, band: 'mild', screenPositive: null });
    expect(r.options).toEqual({ rounding: 'floor' });
  });

  it('SAS all 1 -> raw 35, standard 43, normal', () => {
    expect(scoreInstrument('sas', answers(20, 1))).toMatchObject({ raw: 35, standard: 43, band: 'normal' });
  });
});

describe('SDS/SAS scoring', () => {
  it('reverse items are exactly the published ones', () => {
    expect(getInstrumentDefinition('sds').reverseItems).toEqual([2, 5, 6, 11, 12, 14, 16, 17, 18, 20]);
    expect(getInstrumentDefinition('sas').reverseItems).toEqual([5, 9, 13, 17, 19]);
    // each reverse item answered 4 scores 1; all 4 -> 10 * 4 + 10 * 1 = 50
    expect(scoreInstrument('sds', answers(20, 4)).raw).toBe(50);
    expect(scoreInstrument('sas', answers(20, 4)).raw).toBe(65);
  });

  it('a single reverse item scores 5 - x', () => {
    const base = scoreInstrument('sds', answers(20, 1)).raw!;
    expect(scoreInstrument('sds', answers(20, 1, { 2: 4 })).raw).toBe(base - 3);
    expect(scoreInstrument('sds', answers(20, 1, { 1: 4 })).raw).toBe(base + 3);
  });

  it('the half_up switch rounds the standard score half up', () => {
    const r = scoreInstrument('sds', answers(20, 1), { rounding: 'half_up' });
    expect(r).toMatchObject({ raw: 50, standard: 63, band: 'moderate', options: { rounding: 'half_up' } });
    // raw 35 -> 43.75: floor 43, half up 44
    expect(scoreInstrument('sas', answers(20, 1), { rounding: 'half_up' }).standard).toBe(44);
    expectInputError(() => scoreInstrument('sds', answers(20, 1), { rounding: 'ceil' }), 'BAD_OPTIONS');
  });

  it('bands on the standard score at the boundaries', () => {
    // SDS: forward items raise the raw score one by one from 50 (all 1)
    const sdsAt = (raw: number) => {
      const values = answers(20, 1);
      const forward = [1, 3, 4, 7, 8, 9, 10, 13, 15, 19];
      for (let extra = raw - 50, i = 0; extra > 0; i++) {
        const add = Math.min(3, extra);
        values[forward[i] - 1] += add;
        extra -= add;
      }
      return scoreInstrument('sds', values);
    };
    expect(sdsAt(42 + 8)).toMatchObject({ standard: 62, band: 'mild' });
    expect(sdsAt(51)).toMatchObject({ standard: 63, band: 'moderate' });
    expect(sdsAt(58)).toMatchObject({ standard: 72, band: 'moderate' });
    expect(sdsAt(59)).toMatchObject({ standard: 73, band: 'severe' });
    const sasAt = (raw: number) => {
      const values = answers(20, 1);
      for (let extra = raw - 35, i = 0; extra > 0; i++) {
        if ([5, 9, 13, 17, 19].includes(i + 1)) continue;
        const add = Math.min(3, extra);
        values[i] += add;
        extra -= add;
      }
      return scoreInstrument('sas', values);
    };
    expect(sasAt(39)).toMatchObject({ standard: 48, band: 'normal' });
    expect(sasAt(40)).toMatchObject({ standard: 50, band: 'mild' });
    expect(sasAt(48)).toMatchObject({ standard: 60, band: 'moderate' });
    expect(sasAt(56)).toMatchObject({ standard: 70, band: 'severe' });
  });

  it('up to 2 missing: raw from the mean of the answered scored items', () => {
    const values = answers<number | null>(20, 1, { 2: null, 5: null }); // two reverse items
    // answered scored: 8 reverse items -> 4 each (32) + 10 forward -> 1 each (10) = 42 over 18
    const r = scoreInstrument('sds', values);
    expect(r).toMatchObject({ status: 'prorated', missing: 2, raw: 47, standard: 58 }); // 42 * 20 / 18 = 46.67
    const invalid = scoreInstrument('sds', answers<number | null>(20, 1, { 1: null, 2: null, 3: null }));
    expect(invalid).toMatchObject({ status: 'invalid', raw: null, standard: null, band: null, total: null });
  });
});

describe('SDS item 19 (passive death wish, forward scored)', () => {
  it.each([
    [1, undefined],
    [2, 'REVIEW'],
    [3, 'URGENT'],
    [4, 'URGENT'],
  ])('answer %i -> %s', (value, level) => {
    const r = scoreInstrument('sds', answers(20, 1, { 19: value }));
    expect(findFlag(r.flags, 'SDS_ITEM19')?.level).toBe(level);
    if (level) expect(findFlag(r.flags, 'SDS_ITEM19')?.item).toBe(19);
  });

  it('fires on an invalid form; missing -> SDS_ITEM19_UNANSWERED', () => {
    const r = scoreInstrument('sds', answers<number | null>(20, null, { 19: 3 }));
    expect(r.status).toBe('invalid');
    expect(r.flags).toEqual([{ code: 'SDS_ITEM19', level: 'URGENT', item: 19 }]);
    expect(scoreInstrument('sds', answers<number | null>(20, 1, { 19: null })).flags).toEqual([{ code: 'SDS_ITEM19_UNANSWERED', level: 'REVIEW', item: 19 }]);
  });

  it('SAS has no critical item', () => {
    expect(scoreInstrument('sas', answers(20, 4)).flags).toEqual([]);
  });
});
