import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { findFlag } from './helpers';

describe('GAD-7', () => {
  it('vector [3,3,2,2,2,2,1] -> 15, severe, HIGH', () => {
    const r = scoreInstrument('gad7', [3, 3, 2, 2, 2, 2, 1]);
    expect(r).toMatchObject({ total: 15, band: 'severe', screenPositive: true, status: 'complete' });
    expect(r.flags).toEqual([{ code: 'GAD7_SEVERE', level: 'HIGH' }]);
  });

  it('bands and screen at the boundaries', () => {
    const at = (total: number) => {
      const items = [0, 0, 0, 0, 0, 0, 0];
      for (let i = 0; i < total; i++) items[i % 7] += 1;
      return scoreInstrument('gad7', items);
    };
    expect([4, 5, 9, 10, 14, 15, 21].map((t) => at(t).band)).toEqual(['minimal', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'severe']);
    expect(at(9).screenPositive).toBe(false);
    expect(at(10).screenPositive).toBe(true);
    expect(findFlag(at(14).flags, 'GAD7_SEVERE')).toBeUndefined();
  });

  it('prorates one missing item', () => {
    const r = scoreInstrument('gad7', [1, 1, 1, 1, 1, 2, null]); // 7 * 7 / 6 = 8.17
    expect(r).toMatchObject({ status: 'prorated', missing: 1, total: 8 });
    expect(scoreInstrument('gad7', [2, 2, 2, 2, 2, 1, null]).total).toBe(13); // 11 * 7 / 6 = 12.83
  });

  it('is invalid with two missing items', () => {
    const r = scoreInstrument('gad7', [1, 1, 1, 1, 1, null, null]);
    expect(r).toMatchObject({ status: 'invalid', total: null, band: null, screenPositive: null, missing: 2 });
    expect(r.flags).toEqual([]);
  });

  it('still raises the HIGH flag on an invalid form when the answered items alone reach 15', () => {
    const r = scoreInstrument('gad7', [3, 3, 3, 3, 3, null, null]);
    expect(r.status).toBe('invalid');
    expect(r.flags).toEqual([{ code: 'GAD7_SEVERE', level: 'HIGH' }]);
  });

  it('accepts a configurable screen cutoff', () => {
    expect(scoreInstrument('gad7', [1, 1, 1, 1, 1, 1, 2], { screenCutoff: 8 }).screenPositive).toBe(true);
  });
});
