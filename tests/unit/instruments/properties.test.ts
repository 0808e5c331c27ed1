import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCL90_FACTORS,
  getInstrumentDefinition,
  listInstruments,
  scoreInstrument,
  type InstrumentDefinition,
  type InstrumentId,
} from '../../../src-shared/instruments';
import { divRoundHalfUp } from '../../../src-shared/instruments/rounding';

const RUNS = { numRuns: 300 };
const SCALED = listInstruments().filter((d) => d.scale !== null);
const MAX_MISSING: Partial<Record<InstrumentId, number>> = { phq9: 2, phqa: 2, gad7: 1, scl90: 9, k10: 1, sds: 2, sas: 2 };
const UPI_RECORDED = { asksForCounseling: false, auxiliaryAffirmative: 0 };

function scaleOf(d: InstrumentDefinition, item: number): { min: number; max: number } {
  return d.itemScaleOverrides?.[item] ?? d.scale!;
}

/** Answers for every item; `nullFreq` 0 gives complete forms, n gives a null about 1 time in n. */
function formArb(d: InstrumentDefinition, nullFreq = 0): fc.Arbitrary<(number | null)[]> {
  const items = Array.from({ length: d.itemCount }, (_, i) => {
    const { min, max } = scaleOf(d, i + 1);
    const value = fc.integer({ min, max });
    return nullFreq ? fc.option(value, { nil: null, freq: nullFreq }) : value;
  });
  return fc.tuple(...items);
}

/** The total a form would have if `value` were given for every missing scored item. */
function completedTotal(d: InstrumentDefinition, form: (number | null)[], value: 'min' | 'max'): number {
  return d.scoredItems.reduce((sum, item) => {
    const answer = form[item - 1];
    const scale = scaleOf(d, item);
    if (answer !== null) return sum + (d.reverseItems.includes(item) ? scale.min + scale.max - answer : answer);
    return sum + scale[value];
  }, 0);
}

const optionsFor = (id: InstrumentId) => (id === 'upi' ? UPI_RECORDED : undefined);

describe('properties: totals stay in range', () => {
  it.each(SCALED.map((d) => d.id))('%s: complete forms score within the total range', (id) => {
    const d = getInstrumentDefinition(id);
    fc.assert(
      fc.property(formArb(d), (form) => {
        const r = scoreInstrument(id, form, optionsFor(id));
        expect(r.status).toBe('complete');
        expect(r.total).not.toBeNull();
        expect(r.total!).toBeGreaterThanOrEqual(d.totalRange!.min);
        expect(r.total!).toBeLessThanOrEqual(d.totalRange!.max);
        if (d.bands.length > 0) expect(r.band).not.toBeNull();
      }),
      RUNS,
    );
  });

  it.each(SCALED.map((d) => d.id).filter((id) => id !== 'upi'))('%s: prorated totals stay between the lowest and highest completion', (id) => {
    const d = getInstrumentDefinition(id);
    fc.assert(
      fc.property(formArb(d, 6), (form) => {
        const r = scoreInstrument(id, form);
        if (r.total === null) return;
        expect(r.total).toBeGreaterThanOrEqual(completedTotal(d, form, 'min'));
        expect(r.total).toBeLessThanOrEqual(completedTotal(d, form, 'max'));
      }),
      RUNS,
    );
  });
});

describe('properties: missing-data limits', () => {
  it.each(Object.entries(MAX_MISSING))('%s: prorating only within %i missing, invalid beyond', (id, limit) => {
    const d = getInstrumentDefinition(id);
    const scored = new Set(d.scoredItems);
    fc.assert(
      fc.property(formArb(d, 4), (form) => {
        const r = scoreInstrument(id, form);
        const missing = form.filter((answer, i) => answer === null && scored.has(i + 1)).length;
        expect(r.missing).toBe(missing);
        if (missing === 0) expect(r.status).toBe('complete');
        else if (missing <= limit!) expect(r.status).toBe('prorated');
        else expect(r).toMatchObject({ status: 'invalid', total: null, screenPositive: null });
        expect(r.total === null).toBe(missing > limit!);
      }),
      RUNS,
    );
  });
});

describe('properties: critical answers always flag', () => {
  const cases = SCALED.flatMap((d) =>
    d.criticalItems.flatMap((rule) =>
      rule.levels.map((level) => ({ id: d.id, item: rule.item, code: rule.code, atLeast: level.atLeast, level: level.level, rule })),
    ),
  );

  it.each(cases.map((c) => [`${c.id} item ${c.item} >= ${c.atLeast} -> ${c.level}`, c] as const))('%s', (_, c) => {
    const d = getInstrumentDefinition(c.id);
    const stronger = c.rule.levels.find((l) => l.atLeast > c.atLeast)?.atLeast ?? scaleOf(d, c.item).max + 1;
    fc.assert(
      fc.property(formArb(d, 3), fc.integer({ min: c.atLeast, max: stronger - 1 }), (form, answer) => {
        form[c.item - 1] = answer;
        const r = scoreInstrument(c.id, form, optionsFor(c.id));
        expect(r.flags).toContainEqual({ code: c.code, level: c.level, item: c.item });
        expect(r.criticalItems).toContain(c.item);
      }),
      RUNS,
    );
  });

  const criticalItems = SCALED.flatMap((d) => d.criticalItems.map((rule) => [d.id, rule.item, rule.code] as const));
  it.each(criticalItems)('%s item %i missing -> %s_UNANSWERED', (id, item, code) => {
    const d = getInstrumentDefinition(id);
    fc.assert(
      fc.property(formArb(d, 3), (form) => {
        form[item - 1] = null;
        const r = scoreInstrument(id, form, optionsFor(id));
        expect(r.flags).toContainEqual({ code: `${code}_UNANSWERED`, level: 'REVIEW', item });
        expect(r.flags.some((f) => f.code === code)).toBe(false);
      }),
      RUNS,
    );
  });

  const cssrsAnswer = fc.constantFrom<0 | 1 | null | 'NA'>(0, 1, null, 'NA');
  it('C-SSRS: Q4 or Q5 yes is always high/CRITICAL, whatever else', () => {
    fc.assert(
      fc.property(fc.array(cssrsAnswer, { minLength: 7, maxLength: 7 }), fc.constantFrom(3, 4), (form, index) => {
        form[index] = 1;
        const r = scoreInstrument('cssrs_screen', form);
        expect(r.triage).toBe('high');
        expect(r.flags).toContainEqual({ code: 'CSSRS_TRIAGE_HIGH', level: 'CRITICAL' });
      }),
      RUNS,
    );
  });

  it('C-SSRS: any yes gives at least a REVIEW triage flag; a missing required answer is incomplete', () => {
    fc.assert(
      fc.property(fc.array(cssrsAnswer, { minLength: 7, maxLength: 7 }), (form) => {
        const r = scoreInstrument('cssrs_screen', form);
        expect(r.triage === 'none').toBe(!form.includes(1));
        expect(r.status === 'incomplete').toBe(r.flags.some((f) => f.code === 'CSSRS_INCOMPLETE'));
        if (form[0] === null || form[1] === null || form[5] === null) expect(r.status).toBe('incomplete');
      }),
      RUNS,
    );
  });

  it('UPI: item 25 yes is always URGENT and category 1', () => {
    const upi = getInstrumentDefinition('upi');
    fc.assert(
      fc.property(formArb(upi, 5), fc.option(fc.boolean(), { nil: null }), (form, asks) => {
        form[24] = 1;
        const r = scoreInstrument('upi', form, { asksForCounseling: asks });
        expect(r.flags).toContainEqual({ code: 'UPI_ITEM25', level: 'URGENT', item: 25 });
        expect(r.category).toBe(1);
      }),
      RUNS,
    );
  });
});

describe('properties: SCL-90', () => {
  it('the factor lists partition 1..90 exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), (item) => {
        expect(SCL90_FACTORS.filter((f) => f.items.includes(item))).toHaveLength(1);
      }),
    );
    expect(SCL90_FACTORS.reduce((n, f) => n + f.items.length, 0)).toBe(90);
  });

  it('a determinate screen holds for every completion of the missing items', () => {
    const d = getInstrumentDefinition('scl90');
    fc.assert(
      fc.property(formArb(d, 12), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 90, maxLength: 90 }), (form, fill) => {
        const r = scoreInstrument('scl90', form);
        if (r.status === 'invalid' || r.screenPositive === 'indeterminate') return;
        const completed = form.map((answer, i) => answer ?? fill[i]);
        expect(scoreInstrument('scl90', completed).screenPositive).toBe(r.screenPositive);
      }),
      RUNS,
    );
  });

  it('factor means and gsi stay in 1..5; complete forms are never indeterminate', () => {
    const d = getInstrumentDefinition('scl90');
    fc.assert(
      fc.property(formArb(d, 15), (form) => {
        const r = scoreInstrument('scl90', form);
        for (const mean of [...Object.values(r.factors), r.gsi, r.psdi]) {
          if (mean === null) continue;
          expect(mean).toBeGreaterThanOrEqual(1);
          expect(mean).toBeLessThanOrEqual(5);
        }
        if (r.status === 'complete') expect(typeof r.screenPositive).toBe('boolean');
      }),
      RUNS,
    );
  });
});

describe('properties: UPI categories', () => {
  it('a reported category holds for every completion; possibleCategories covers them', () => {
    const d = getInstrumentDefinition('upi');
    const inputs = fc.record({
      asksForCounseling: fc.option(fc.boolean(), { nil: null }),
      auxiliaryAffirmative: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      variant: fc.constantFrom('B', 'C'),
    });
    fc.assert(
      fc.property(
        formArb(d, 8),
        inputs,
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 60, maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (form, options, fill, asks, aux) => {
          const r = scoreInstrument('upi', form, options);
          const completed = scoreInstrument(
            'upi',
            form.map((a, i) => a ?? fill[i]),
            {
              variant: options.variant,
              asksForCounseling: options.asksForCounseling ?? asks,
              auxiliaryAffirmative: options.auxiliaryAffirmative ?? aux,
            },
          );
          expect(completed.category).not.toBeNull();
          expect(r.possibleCategories).toContain(completed.category);
          if (r.category !== null) expect(completed.category).toBe(r.category);
        },
      ),
      RUNS,
    );
  });
});

describe('properties: rounding', () => {
  it('divRoundHalfUp agrees with exact half-up rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1_000 }), (n, d) => {
        const q = divRoundHalfUp(n, d);
        expect(2 * n).toBeGreaterThanOrEqual((2 * q - 1) * d);
        expect(2 * n).toBeLessThan((2 * q + 1) * d);
      }),
    );
  });
});
