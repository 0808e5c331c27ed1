import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { expectInputError, findFlag, flagCodes, yesAt } from './helpers';

const RECORDED = { asksForCounseling: false, auxiliaryAffirmative: 0 };
const VECTOR_YES = [1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 21, 22, 23, 24, 27, 28, 29, 30, 31];
/** Ordinary (non-key, non-lie) items, for building totals. */
const ORDINARY = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => ![5, 20, 35, 50, 8, 16, 25, 26].includes(n));
const LIE_TWO = [5, 20]; // a lie score of 2 keeps the validity flag out of the way

const score = (values: unknown[], options: unknown = RECORDED) => scoreInstrument('upi', values, options);
const withTotal = (total: number, extraYes: number[] = []) => yesAt(60, [...ORDINARY.slice(0, total), ...extraYes, ...LIE_TWO]);

describe('UPI vector (INSTRUMENTS.md)', () => {
  it('25 counted items yes -> total 25, category 1', () => {
    const r = score(yesAt(60, VECTOR_YES));
    expect(r).toMatchObject({ status: 'complete', total: 25, category: 1, possibleCategories: [1], lieYes: 0 });
    expect(findFlag(r.flags, 'UPI_CATEGORY_1')).toEqual({ code: 'UPI_CATEGORY_1', level: 'HIGH' });
  });

  it('is category 1 even when the auxiliary inputs were asked and left blank (nothing could change it)', () => {
    const r = score(yesAt(60, VECTOR_YES), { asksForCounseling: null, auxiliaryAffirmative: null });
    expect(r).toMatchObject({ status: 'incomplete', total: 25, category: 1 });
    expect(r.options).toEqual({ variant: 'B', asksForCounseling: null, auxiliaryAffirmative: null });
  });
});

describe('UPI auxiliary inputs not given (a 60-item platform export)', () => {
  it('count as "no": a 60-item form without options has a determined category', () => {
    for (const options of [undefined, null, {}, { variant: 'B' }]) {
      const r = score(withTotal(3), options);
      expect(r, JSON.stringify(options)).toMatchObject({ status: 'complete', category: 3, possibleCategories: [3] });
      expect(r.options).toMatchObject({ asksForCounseling: false, auxiliaryAffirmative: 0 });
      expect(flagCodes(r.flags)).not.toContain('UPI_CATEGORY_UNDETERMINED');
    }
    expect(score(withTotal(21), undefined)).toMatchObject({ status: 'complete', category: 2 });
    expect(score(withTotal(0, [8]), undefined)).toMatchObject({ status: 'complete', category: 2 });
  });

  it('only an explicit null leaves one of them unknown', () => {
    expect(score(withTotal(3), { asksForCounseling: null })).toMatchObject({ category: null, possibleCategories: [1, 3] });
    expect(score(withTotal(3), { auxiliaryAffirmative: null })).toMatchObject({ category: null, possibleCategories: [1, 2, 3] });
  });
});

describe('UPI totals and lie scale', () => {
  it('lie items do not count: all yes -> total 56, lieYes 4', () => {
    const r = score(Array(60).fill(1));
    expect(r).toMatchObject({ total: 56, lieYes: 4, category: 1, keyItemsYes: [8, 16, 25, 26] });
    expect(r.flags).toEqual([
      { code: 'UPI_ITEM25', level: 'URGENT', item: 25 },
      { code: 'UPI_CATEGORY_1', level: 'HIGH' },
      { code: 'UPI_VALIDITY_CHECK', level: 'REVIEW' },
    ]);
  });

  it.each([
    [0, true],
    [1, false],
    [2, false],
    [3, false],
    [4, true],
  ])('lieYes %i -> validity check %s (review only, never invalid)', (lieYes, flagged) => {
    const r = score(yesAt(60, [5, 20, 35, 50].slice(0, lieYes)));
    expect(r.lieYes).toBe(lieYes);
    expect(flagCodes(r.flags).includes('UPI_VALIDITY_CHECK')).toBe(flagged);
    expect(r.status).toBe('complete');
  });
});

describe('UPI category (variant B)', () => {
  it('by total: >= 25 -> 1, 20-24 -> 2, else 3', () => {
    expect(score(withTotal(25)).category).toBe(1);
    expect(score(withTotal(24)).category).toBe(2);
    expect(score(withTotal(20)).category).toBe(2);
    expect(score(withTotal(19)).category).toBe(3);
    expect(score(withTotal(19)).flags).toEqual([]);
  });

  it('item 25 yes -> category 1 and URGENT on item 25', () => {
    const r = score(withTotal(0, [25]));
    expect(r.category).toBe(1);
    expect(r.criticalItems).toEqual([25]);
    expect(findFlag(r.flags, 'UPI_ITEM25')).toEqual({ code: 'UPI_ITEM25', level: 'URGENT', item: 25 });
  });

  it('any of items 8/16/26 -> category 2', () => {
    for (const item of [8, 16, 26]) {
      const r = score(withTotal(0, [item]));
      expect(r.category).toBe(2);
      expect(r.flags).toEqual([{ code: 'UPI_CATEGORY_2', level: 'REVIEW' }]);
    }
  });

  it('asking for counseling -> 1; 2+ auxiliary -> 1; exactly 1 auxiliary -> 2', () => {
    expect(score(withTotal(0), { asksForCounseling: true, auxiliaryAffirmative: 0 }).category).toBe(1);
    expect(score(withTotal(0), { asksForCounseling: false, auxiliaryAffirmative: 2 }).category).toBe(1);
    expect(score(withTotal(0), { asksForCounseling: false, auxiliaryAffirmative: 1 }).category).toBe(2);
  });

  it('variant C: 2+ of items 8/16/26 also give category 1', () => {
    const values = withTotal(0, [8, 26]);
    expect(score(values).category).toBe(2);
    const c = score(values, { ...RECORDED, variant: 'C' });
    expect(c.category).toBe(1);
    expect(c.options).toEqual({ variant: 'C', asksForCounseling: false, auxiliaryAffirmative: 0 });
    expect(score(withTotal(0, [16]), { ...RECORDED, variant: 'C' }).category).toBe(2);
  });
});

describe('UPI incomplete forms', () => {
  it('reports a category only when no answer could change it', () => {
    const high = withTotal(25) as (number | null)[];
    high[59] = null; // item 60 missing: category 1 regardless
    expect(score(high)).toMatchObject({ status: 'incomplete', missing: 1, missingItems: [60], total: null, category: 1 });

    const edge = withTotal(24) as (number | null)[];
    edge[59] = null; // yes would make 25
    const r = score(edge);
    expect(r).toMatchObject({ category: null, possibleCategories: [1, 2], total: null });
    expect(r.flags).toEqual([{ code: 'UPI_CATEGORY_UNDETERMINED', level: 'REVIEW' }]);
  });

  it('a missing item 25 leaves category 1 open and raises UPI_ITEM25_UNANSWERED', () => {
    const values = withTotal(3) as (number | null)[];
    values[24] = null;
    const r = score(values);
    expect(r.category).toBeNull();
    expect(r.possibleCategories).toEqual([1, 3]);
    expect(findFlag(r.flags, 'UPI_ITEM25_UNANSWERED')).toEqual({ code: 'UPI_ITEM25_UNANSWERED', level: 'REVIEW', item: 25 });
  });

  it('a missing key item 8 can only move 3 -> 2', () => {
    const values = withTotal(3) as (number | null)[];
    values[7] = null;
    expect(score(values).possibleCategories).toEqual([2, 3]);
    expect(score(values, { ...RECORDED, variant: 'C' }).possibleCategories).toEqual([2, 3]);
  });

  it('auxiliary inputs asked and left blank (explicit null) are unknowns, never guessed', () => {
    const blank = { asksForCounseling: null, auxiliaryAffirmative: null };
    expect(score(withTotal(3), blank)).toMatchObject({ status: 'incomplete', category: null, possibleCategories: [1, 2, 3] });
    expect(score(withTotal(3), { asksForCounseling: false, auxiliaryAffirmative: null })).toMatchObject({ category: null, possibleCategories: [1, 2, 3] });
    expect(score(withTotal(3), { asksForCounseling: null, auxiliaryAffirmative: 0 })).toMatchObject({ category: null, possibleCategories: [1, 3] });
    expect(score(withTotal(3), { asksForCounseling: false, auxiliaryAffirmative: 0 })).toMatchObject({ status: 'complete', category: 3 });
  });

  it('lieYes is null when a lie item is missing, and no validity flag is guessed', () => {
    const values = yesAt(60, []) as (number | null)[];
    values[4] = null;
    const r = score(values);
    expect(r.lieYes).toBeNull();
    expect(r.total).toBe(0);
    expect(r.category).toBe(3);
    expect(flagCodes(r.flags)).not.toContain('UPI_VALIDITY_CHECK');
  });
});

describe('UPI input validation', () => {
  it('answers are 1, 0 or null', () => {
    expectInputError(() => score(Array(60).fill(2)), 'BAD_RESPONSES', 'OUT_OF_RANGE');
    expectInputError(() => score(Array(60).fill(true)), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => score(Array(59).fill(0)), 'BAD_RESPONSES', 'WRONG_LENGTH');
  });

  it('options are validated', () => {
    expectInputError(() => score(Array(60).fill(0), { variant: 'A' }), 'BAD_OPTIONS');
    expectInputError(() => score(Array(60).fill(0), { asksForCounseling: 'yes' }), 'BAD_OPTIONS');
    expectInputError(() => score(Array(60).fill(0), { auxiliaryAffirmative: -1 }), 'BAD_OPTIONS');
    expectInputError(() => score(Array(60).fill(0), { auxiliaryAffirmative: 1.5 }), 'BAD_OPTIONS');
  });
});
