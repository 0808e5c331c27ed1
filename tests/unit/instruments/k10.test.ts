import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { answers, expectInputError } from './helpers';

const withTotal = (total: number) => {
  const values = answers(10, 1);
  for (let extra = total - 10, i = 0; extra > 0; i++) {
    const add = Math.min(4, extra);
    values[i] += add;
    extra -= add;
  }
  return values;
};

describe('K10', () => {
  it('reports both band sets at every boundary', () => {
    const bands = (total: number) => {
      const r = scoreInstrument('k10', withTotal(total));
      expect(r.total).toBe(total);
      expect(r.band).toBe(r.bandAbs);
      return [r.bandAbs, r.bandCrufad];
    };
    expect(bands(10)).toEqual(['low', 'well']);
    expect(bands(15)).toEqual(['low', 'well']);
    expect(bands(16)).toEqual(['moderate', 'well']);
    expect(bands(19)).toEqual(['moderate', 'well']);
    expect(bands(20)).toEqual(['moderate', 'mild']);
    expect(bands(21)).toEqual(['moderate', 'mild']);
    expect(bands(22)).toEqual(['high', 'mild']);
    expect(bands(24)).toEqual(['high', 'mild']);
    expect(bands(25)).toEqual(['high', 'moderate']);
    expect(bands(29)).toEqual(['high', 'moderate']);
    expect(bands(30)).toEqual(['very_high', 'severe']);
    expect(bands(50)).toEqual(['very_high', 'severe']);
  });

  it('total >= 30 -> HIGH', () => {
    expect(scoreInstrument('k10', withTotal(30)).flags).toEqual([{ code: 'K10_VERY_HIGH', level: 'HIGH' }]);
    expect(scoreInstrument('k10', withTotal(29)).flags).toEqual([]);
  });

  it('prorates one missing item; two missing is invalid', () => {
    const one = scoreInstrument('k10', [2, 2, 2, 2, 2, 2, 2, 2, 3, null]); // 19 * 10 / 9 = 21.1
    expect(one).toMatchObject({ status: 'prorated', missing: 1, total: 21, bandAbs: 'moderate', bandCrufad: 'mild' });
    const two = scoreInstrument('k10', [2, 2, 2, 2, 2, 2, 2, 2, null, null]);
    expect(two).toMatchObject({ status: 'invalid', total: null, bandAbs: null, bandCrufad: null, band: null });
  });

  it('raises HIGH on an invalid form when the lowest completion already reaches 30', () => {
    const r = scoreInstrument('k10', [5, 5, 5, 5, 5, 2, 1, 1, null, null]); // 29 + 2 = 31
    expect(r.status).toBe('invalid');
    expect(r.flags).toEqual([{ code: 'K10_VERY_HIGH', level: 'HIGH' }]);
  });

  it('rejects 0 (the scale is 1-5)', () => {
    expectInputError(() => scoreInstrument('k10', answers(10, 0)), 'BAD_RESPONSES', 'OUT_OF_RANGE');
  });
});
