import { describe, expect, it } from 'vitest';
import {
  INSTRUMENT_IDS,
  InstrumentInputError,
  getInstrumentDefinition,
  listInstruments,
  resolveOptions,
  scoreInstrument,
  type InstrumentDefinition,
} from '../../../src-shared/instruments';
import { expectInputError } from './helpers';

const SCALED = listInstruments().filter((d): d is InstrumentDefinition & { scale: { min: number; max: number } } => d.scale !== null);
const validAnswers = (d: InstrumentDefinition) => Array.from({ length: d.itemCount }, () => d.scale?.min ?? 0);

describe('instrument registry', () => {
  it('lists every instrument in INSTRUMENT_IDS order', () => {
    expect(INSTRUMENT_IDS).toEqual(['phq9', 'phqa', 'gad7', 'cssrs_screen', 'scl90', 'upi', 'k10', 'sds', 'sas']);
    expect(listInstruments().map((d) => d.id)).toEqual([...INSTRUMENT_IDS]);
    for (const id of INSTRUMENT_IDS) expect(getInstrumentDefinition(id).id).toBe(id);
  });

  it('ships wording only for PHQ-9, PHQ-A and GAD-7, in Simplified Chinese with the official option labels', () => {
    for (const d of listInstruments()) {
      const withWording = ['phq9', 'phqa', 'gad7'].includes(d.id);
      expect(d.scoringOnly).toBe(!withWording);
      expect(d.wording === null).toBe(!withWording);
      if (!d.wording) continue;
      expect(d.wording.language).toBe('zh-CN');
      expect(d.wording.items.map((item) => item.number)).toEqual(Array.from({ length: d.itemCount }, (_, i) => i + 1));
      expect(d.wording.options.map((o) => o.label)).toEqual(['完全不会', '好几天', '一半以上的天数', '几乎每天']);
    }
    expect(getInstrumentDefinition('phq9').wording!.items[8].text).toBe('有不如死掉或用某种方式伤害自己的念头');
    expect(getInstrumentDefinition('gad7').wording!.items[0].text).toBe('感觉紧张，焦虑或急切');
  });

  it('definitions are internally consistent', () => {
    for (const d of listInstruments()) {
      for (const rule of d.criticalItems) expect(rule.item).toBeGreaterThanOrEqual(1);
      for (const rule of d.criticalItems) expect(rule.item).toBeLessThanOrEqual(d.itemCount);
      for (const item of d.reverseItems) expect(d.scoredItems).toContain(item);
      for (const rule of d.criticalItems) {
        const thresholds = rule.levels.map((l) => l.atLeast);
        expect(thresholds).toEqual([...thresholds].sort((a, b) => b - a)); // most severe first
      }
    }
  });

  it('resolves options with defaults filled in', () => {
    expect(resolveOptions('phq9')).toEqual({ screenCutoff: 10 });
    expect(resolveOptions('sds', null)).toEqual({ rounding: 'floor' });
    expect(resolveOptions('upi', { variant: 'C' })).toEqual({ variant: 'C', asksForCounseling: false, auxiliaryAffirmative: 0 });
  });
});

describe('unknown instruments', () => {
  it.each(['xyz', '', 'PHQ9', 'phq-9', 'toString', '__proto__'])('%j -> UNKNOWN_INSTRUMENT', (id) => {
    const error = expectInputError(() => scoreInstrument(id, []), 'UNKNOWN_INSTRUMENT', 'UNKNOWN_INSTRUMENT');
    expect(error.details.known).toEqual([...INSTRUMENT_IDS]);
    expectInputError(() => getInstrumentDefinition(id), 'UNKNOWN_INSTRUMENT');
  });

  it('non-string ids are unknown too', () => {
    expectInputError(() => scoreInstrument(undefined as unknown as string, []), 'UNKNOWN_INSTRUMENT');
    expectInputError(() => scoreInstrument(7 as unknown as string, []), 'UNKNOWN_INSTRUMENT');
  });
});

describe('bad responses', () => {
  it.each(INSTRUMENT_IDS)('%s: not an array, or the wrong length', (id) => {
    const d = getInstrumentDefinition(id);
    expectInputError(() => scoreInstrument(id, 'nope'), 'BAD_RESPONSES', 'NOT_AN_ARRAY');
    expectInputError(() => scoreInstrument(id, { 0: 1 }), 'BAD_RESPONSES', 'NOT_AN_ARRAY');
    expectInputError(() => scoreInstrument(id, null), 'BAD_RESPONSES', 'NOT_AN_ARRAY');
    const short = expectInputError(() => scoreInstrument(id, validAnswers(d).slice(1)), 'BAD_RESPONSES', 'WRONG_LENGTH');
    expect(short.details).toMatchObject({ expected: d.itemCount, actual: d.itemCount - 1 });
    expectInputError(() => scoreInstrument(id, [...validAnswers(d), d.scale?.min ?? 0]), 'BAD_RESPONSES', 'WRONG_LENGTH');
  });

  it.each(SCALED.map((d) => d.id))('%s: out of range, non-integer or non-number answers are rejected, never clamped', (id) => {
    const d = getInstrumentDefinition(id);
    const { min, max } = d.scale!;
    const at = (value: unknown, item = 1) => validAnswers(d).map((v, i) => (i === item - 1 ? value : v));
    const above = expectInputError(() => scoreInstrument(id, at(max + 1, 2)), 'BAD_RESPONSES', 'OUT_OF_RANGE');
    expect(above.details).toMatchObject({ instrument: id, item: 2, value: max + 1, min, max });
    expectInputError(() => scoreInstrument(id, at(min - 1)), 'BAD_RESPONSES', 'OUT_OF_RANGE');
    expectInputError(() => scoreInstrument(id, at(min + 0.5)), 'BAD_RESPONSES', 'NOT_AN_INTEGER');
    expectInputError(() => scoreInstrument(id, at(String(min))), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => scoreInstrument(id, at(Number.NaN)), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => scoreInstrument(id, at(Number.POSITIVE_INFINITY)), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => scoreInstrument(id, at(true)), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => scoreInstrument(id, at(undefined)), 'BAD_RESPONSES', 'NOT_A_NUMBER');
    expectInputError(() => scoreInstrument(id, at('NA')), 'BAD_RESPONSES', 'NOT_A_NUMBER');
  });

  it('a sparse array hole is not a missing answer', () => {
    const holey = new Array(9);
    for (let i = 1; i < 9; i++) holey[i] = 0;
    expectInputError(() => scoreInstrument('phq9', holey), 'BAD_RESPONSES', 'NOT_A_NUMBER');
  });

  it('error details are JSON-safe and the message is English', () => {
    const error = expectInputError(() => scoreInstrument('gad7', [0, 0, 0, 0, 0, 0, { x: 1 }]), 'BAD_RESPONSES');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'BAD_RESPONSES', details: { item: 7, value: 'object' } });
    expect(error.message).toBe('Item 7 of gad7: expected an integer 0-3 or null.');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('bad options', () => {
  it.each(INSTRUMENT_IDS)('%s: non-object options and unknown keys', (id) => {
    const responses = id === 'cssrs_screen' ? [0, 0, 'NA', 'NA', 'NA', 0, 'NA'] : validAnswers(getInstrumentDefinition(id));
    expect(() => scoreInstrument(id, responses)).not.toThrow();
    expect(() => scoreInstrument(id, responses, null)).not.toThrow();
    for (const bad of [5, 'x', [], true]) expectInputError(() => scoreInstrument(id, responses, bad), 'BAD_OPTIONS', 'INVALID_OPTIONS');
    const unknownKey = expectInputError(() => scoreInstrument(id, responses, { nonsense: 1 }), 'BAD_OPTIONS');
    expect(unknownKey.details.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
  });

  it('screen cutoffs must be integers within the total range', () => {
    for (const screenCutoff of [0, 1.5, 28, '10']) expectInputError(() => scoreInstrument('phq9', Array(9).fill(0), { screenCutoff }), 'BAD_OPTIONS');
    expectInputError(() => scoreInstrument('gad7', Array(7).fill(0), { screenCutoff: 22 }), 'BAD_OPTIONS');
    const error = expectInputError(() => scoreInstrument('phq9', Array(9).fill(0), { screenCutoff: 40 }), 'BAD_OPTIONS');
    expect(error.details.issues).toEqual([expect.objectContaining({ path: ['screenCutoff'] })]);
    expect(error.message).toMatch(/^Invalid options for phq9: screenCutoff: /);
  });

  it('checks the instrument before anything else', () => {
    expect(() => scoreInstrument('nope', 'bad', 'bad')).toThrow(InstrumentInputError);
    expectInputError(() => scoreInstrument('nope', 'bad', 'bad'), 'UNKNOWN_INSTRUMENT');
  });
});
