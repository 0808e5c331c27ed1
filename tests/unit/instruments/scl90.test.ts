import { describe, expect, it } from 'vitest';
import { SCL90_FACTORS, SCL90_NORMS_JIN_1986, scoreInstrument } from '../../../src-shared/instruments';
import { answers, expectInputError, findFlag, flagCodes } from './helpers';

const score = (values: unknown[], options?: unknown) => scoreInstrument('scl90', values, options);
const itemsOf = (id: string) => SCL90_FACTORS.find((f) => f.id === id)!.items;
const PRIMARY = SCL90_FACTORS.filter((f) => f.primary);

/** Items that can be raised to 2 while every primary factor mean stays below 2 (n - 1 per factor). */
const SAFE_POSITIVE_ITEMS = [...itemsOf('additional'), ...PRIMARY.flatMap((f) => f.items.slice(1))];

describe('SCL-90 vector (INSTRUMENTS.md)', () => {
  it('all 2 -> total 180, gsi 2, pst 90, psdi 2, every factor 2, screenPositive, item 15 URGENT', () => {
    const r = score(answers(90, 2));
    expect(r).toMatchObject({ status: 'complete', total: 180, gsi: 2, pst: 90, psdi: 2, screenPositive: true, band: null });
    for (const factor of SCL90_FACTORS) expect(r.factors[factor.id]).toBe(2);
    expect(Object.keys(r.factors)).toHaveLength(10);
    expect(r.flags).toEqual([{ code: 'SCL90_ITEM15', level: 'URGENT', item: 15 }]);
    expect(r.criticalItems).toEqual([15]);
  });
});

describe('SCL-90 factor lists (regression against wrong public versions)', () => {
  it('partition 1..90 exactly with the published factor sizes', () => {
    const all = SCL90_FACTORS.flatMap((f) => f.items).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(SCL90_FACTORS.map((f) => f.items.length)).toEqual([12, 10, 9, 13, 10, 6, 7, 6, 10, 7]);
  });

  it('item 2 is anxiety, 15 is depression, 66 is additional', () => {
    expect(itemsOf('anxiety')).toContain(2);
    expect(itemsOf('depression')).toContain(15);
    expect(itemsOf('additional')).toContain(66);
  });

  it('a single item moves exactly its own factor (a list that drops it would not move)', () => {
    const moved = (item: number) => {
      const r = score(answers(90, 1, { [item]: 5 }));
      return Object.entries(r.factors).filter(([, mean]) => mean !== 1);
    };
    expect(moved(2)).toEqual([['anxiety', 1.4]]);
    expect(moved(15)).toEqual([['depression', 17 / 13]]);
    expect(moved(66)).toEqual([['additional', 11 / 7]]);
  });

  it('a response pattern tells the right lists from contiguous ranges', () => {
    // Contiguous "factors" of the same sizes: 1-12, 13-22, 23-31, 32-44, 45-54, ...
    let start = 1;
    const contiguous = SCL90_FACTORS.map((f) => {
      const items = Array.from({ length: f.items.length }, (_, i) => start + i);
      start += f.items.length;
      return { id: f.id, items };
    });
    for (const factor of SCL90_FACTORS) {
      const pattern = answers(90, 1);
      for (const item of factor.items) pattern[item - 1] = 5;
      const r = score(pattern);
      expect(r.factors[factor.id]).toBe(5);
      for (const other of SCL90_FACTORS) if (other.id !== factor.id) expect(r.factors[other.id]).toBe(1);
      const wrong = contiguous.find((c) => c.id === factor.id)!;
      const wrongMean = wrong.items.reduce((s, item) => s + pattern[item - 1], 0) / wrong.items.length;
      expect(wrongMean).not.toBe(5);
    }
  });
});

describe('SCL-90 scores', () => {
  it('all 1 -> no symptoms: pst 0, psdi null, negative screen, no flags', () => {
    const r = score(answers(90, 1));
    expect(r).toMatchObject({ total: 90, gsi: 1, pst: 0, psdi: null, screenPositive: false, flags: [] });
  });

  it('psdi is the mean of the positive items', () => {
    const values = answers(90, 1);
    for (let item = 21; item <= 30; item++) values[item - 1] = 3;
    const r = score(values);
    expect(r).toMatchObject({ total: 110, pst: 10, psdi: 3 });
  });

  it('z-scores against the stored norm table', () => {
    const r = score(answers(90, 2));
    expect(r.normTable).toBe(SCL90_NORMS_JIN_1986.id);
    expect(r.zScores.somatization).toBeCloseTo((2 - 1.37) / 0.48, 10);
    expect(r.zScores.total).toBeCloseTo((180 - 129.96) / 38.76, 10);
    expect(r.zScores.additional).toBeNull();
    expect(SCL90_NORMS_JIN_1986.verified).toBe(false); // flip only after checking the handbook
  });
});

describe('SCL-90 screen rule', () => {
  it('total > 160 alone', () => {
    const values = answers(90, 1);
    // raise every factor to n - 1 extra points (means stay < 2), the additional factor to 5
    for (const factor of PRIMARY) {
      let extra = factor.items.length - 1;
      for (const item of factor.items) {
        const add = Math.min(4, extra);
        values[item - 1] += add;
        extra -= add;
      }
    }
    for (const item of itemsOf('additional')) values[item - 1] = 5;
    const r = score(values);
    expect(r.total).toBeGreaterThan(160);
    expect(r.pst).toBeLessThanOrEqual(43);
    for (const factor of PRIMARY) expect(r.factors[factor.id]!).toBeLessThan(2);
    expect(r.screenPositive).toBe(true);
    expect(score(values, { screen: { totalAbove: 200 } }).screenPositive).toBe(false);
  });

  it('pst > 43 alone (44 positive items, no factor mean at 2)', () => {
    const at = (count: number) => {
      const values = answers(90, 1);
      for (const item of SAFE_POSITIVE_ITEMS.slice(0, count)) values[item - 1] = 2;
      return score(values);
    };
    expect(at(43)).toMatchObject({ pst: 43, screenPositive: false });
    expect(at(44)).toMatchObject({ pst: 44, screenPositive: true });
  });

  it('a primary factor mean >= 2, but not the additional factor', () => {
    const depression = answers(90, 1);
    for (const item of itemsOf('depression')) depression[item - 1] = 2;
    expect(score(depression).screenPositive).toBe(true);
    depression[itemsOf('depression')[0] - 1] = 1;
    expect(score(depression).screenPositive).toBe(false);
    const additional = answers(90, 1);
    for (const item of itemsOf('additional')) additional[item - 1] = 5;
    expect(score(additional).screenPositive).toBe(false);
  });

  it('cutoffs are configurable, validated and echoed with defaults filled in', () => {
    const r = score(answers(90, 2), { screen: { factorMeanAtLeast: 2.5, pstAbove: 90, totalAbove: 300 } });
    expect(r.screenPositive).toBe(false);
    expect(r.options).toEqual({ scaleOrigin: 1, screen: { totalAbove: 300, pstAbove: 90, factorMeanAtLeast: 2.5 } });
    expect(score(answers(90, 1)).options).toEqual({ scaleOrigin: 1, screen: { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 } });
    expect(score(answers(90, 1), { screen: { pstAbove: 50 } }).options).toMatchObject({ screen: { totalAbove: 160, pstAbove: 50 } });
    expectInputError(() => score(answers(90, 1), { screen: { factorMeanAtLeast: 2.05 } }), 'BAD_OPTIONS');
    expectInputError(() => score(answers(90, 1), { screen: { totalAbove: 160.5 } }), 'BAD_OPTIONS');
  });
});

describe('SCL-90 scaleOrigin 0', () => {
  it('converts 0-4 answers by +1', () => {
    const r = score(answers(90, 1), { scaleOrigin: 0 });
    expect(r).toMatchObject({ total: 180, gsi: 2, pst: 90, psdi: 2, screenPositive: true });
    expect(r.options).toMatchObject({ scaleOrigin: 0 });
    expect(r.flags).toEqual([{ code: 'SCL90_ITEM15', level: 'URGENT', item: 15 }]);
  });

  it('critical items read the converted answer: 0-4 input 3 on item 15 is 4 -> CRITICAL', () => {
    const r = score(answers(90, 0, { 15: 3 }), { scaleOrigin: 0 });
    expect(findFlag(r.flags, 'SCL90_ITEM15')?.level).toBe('CRITICAL');
  });

  it('validates against the chosen origin', () => {
    expectInputError(() => score(answers(90, 0)), 'BAD_RESPONSES', 'OUT_OF_RANGE');
    expectInputError(() => score(answers(90, 5), { scaleOrigin: 0 }), 'BAD_RESPONSES', 'OUT_OF_RANGE');
    expectInputError(() => score(answers(90, 1), { scaleOrigin: 2 }), 'BAD_OPTIONS');
  });
});

describe('SCL-90 missing data', () => {
  const withMissing = (count: number, value = 2) =>
    answers<number | null>(90, value, Object.fromEntries(Array.from({ length: count }, (_, i) => [80 + i, null])));

  it('prorates the total with up to 9 missing; gsi from answered items', () => {
    const values = answers<number | null>(90, 1, { 1: 3, 2: 3, 3: 3 });
    for (let item = 82; item <= 90; item++) values[item - 1] = null;
    const r = score(values);
    // 81 answered, sum 87 -> 87 * 90 / 81 = 96.67 -> 97
    expect(r).toMatchObject({ status: 'prorated', missing: 9, total: 97, pst: 3 });
    expect(r.gsi).toBeCloseTo(87 / 81, 12);
    expect(r.zScores.pst).toBeNull();
  });

  it('is invalid with 10 missing, yet critical items still fire', () => {
    const values = withMissing(10);
    values[14] = 5;
    values[62] = 4;
    const r = score(values);
    expect(r).toMatchObject({ status: 'invalid', missing: 10, total: null, gsi: null, pst: null, psdi: null, screenPositive: null });
    expect(Object.values(r.factors).every((m) => m === null)).toBe(true);
    expect(r.flags).toEqual([
      { code: 'SCL90_ITEM15', level: 'CRITICAL', item: 15 },
      { code: 'SCL90_ITEM63', level: 'HIGH', item: 63 },
    ]);
  });

  it('a factor needs 80 % of its items answered', () => {
    const hostility = itemsOf('hostility'); // 6 items: 5 needed
    const one = score(answers(90, 2, { [hostility[0]]: null }));
    expect(one.factors.hostility).toBe(2);
    const two = score(answers(90, 2, { [hostility[0]]: null, [hostility[1]]: null }));
    expect(two.factors.hostility).toBeNull();
    const depression = itemsOf('depression'); // 13 items: 11 needed
    expect(score(answers(90, 2, { [depression[0]]: null, [depression[1]]: null })).factors.depression).toBe(2);
    expect(score(answers(90, 2, { [depression[0]]: null, [depression[1]]: null, [depression[2]]: null })).factors.depression).toBeNull();
  });

  it('screenPositive is "indeterminate" only when the missing items could change it', () => {
    const base = answers<number | null>(90, 1);
    for (const item of SAFE_POSITIVE_ITEMS.slice(0, 43)) base[item - 1] = 2;
    const free = SAFE_POSITIVE_ITEMS[43];
    expect(score(base).screenPositive).toBe(false);
    base[free - 1] = null; // answering it >= 2 would make pst 44
    expect(score(base)).toMatchObject({ status: 'prorated', screenPositive: 'indeterminate' });
    expect(score(answers(90, 1, { 7: null })).screenPositive).toBe(false);
    expect(score(answers(90, 2, { 7: null })).screenPositive).toBe(true);
  });
});

describe('SCL-90 critical items', () => {
  it.each([
    [1, undefined],
    [2, 'URGENT'],
    [3, 'URGENT'],
    [4, 'CRITICAL'],
    [5, 'CRITICAL'],
  ])('item 15 = %i -> %s', (value, level) => {
    expect(findFlag(score(answers(90, 1, { 15: value })).flags, 'SCL90_ITEM15')?.level).toBe(level);
  });

  it('item 59 >= 3 -> REVIEW; item 63 >= 3 -> HIGH', () => {
    expect(score(answers(90, 1, { 59: 2, 63: 2 })).flags).toEqual([]);
    expect(score(answers(90, 1, { 59: 3, 63: 3 })).flags).toEqual([
      { code: 'SCL90_ITEM63', level: 'HIGH', item: 63 },
      { code: 'SCL90_ITEM59', level: 'REVIEW', item: 59 },
    ]);
  });

  it('missing critical items raise *_UNANSWERED review flags', () => {
    const r = score(answers(90, 1, { 15: null, 59: null, 63: null }));
    expect(r.flags).toEqual([
      { code: 'SCL90_ITEM15_UNANSWERED', level: 'REVIEW', item: 15 },
      { code: 'SCL90_ITEM59_UNANSWERED', level: 'REVIEW', item: 59 },
      { code: 'SCL90_ITEM63_UNANSWERED', level: 'REVIEW', item: 63 },
    ]);
  });

  it('psychoticism mean >= 3 -> HIGH', () => {
    const psychoticism = itemsOf('psychoticism');
    const values = answers(90, 1);
    for (const item of psychoticism) values[item - 1] = 3;
    expect(findFlag(score(values).flags, 'SCL90_PSYCHOTICISM')).toEqual({ code: 'SCL90_PSYCHOTICISM', level: 'HIGH' });
    values[psychoticism[0] - 1] = 2;
    expect(flagCodes(score(values).flags)).not.toContain('SCL90_PSYCHOTICISM');
  });

  it('psychoticism fires on an invalid form when certain (missing items counted at 1)', () => {
    const psychoticism = itemsOf('psychoticism');
    const values = answers<number | null>(90, null);
    for (const item of psychoticism.slice(0, 7)) values[item - 1] = 5; // 35 + 3 * 1 = 38 >= 30
    const r = score(values);
    expect(r.status).toBe('invalid');
    expect(flagCodes(r.flags)).toContain('SCL90_PSYCHOTICISM');
    for (const item of psychoticism.slice(0, 7)) values[item - 1] = 3; // 21 + 3 = 24 < 30
    expect(flagCodes(score(values).flags)).not.toContain('SCL90_PSYCHOTICISM');
  });
});
