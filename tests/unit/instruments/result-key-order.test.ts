import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../src-shared/instruments';
import { answers } from './helpers';

/**
 * The stored result is the scorer's object as JSON, and an assessment row's audit digest covers
 * that text: its keys keep the order they had when the result was `{ ...base, <instrument's own> }`
 * (scl90 and upi now build it with Object.assign into the base, issue 19 goal 3).
 */
const BASE_KEYS = [
  'instrument',
  'version',
  'specVersion',
  'options',
  'status',
  'missing',
  'missingItems',
  'total',
  'band',
  'screenPositive',
  'flags',
  'criticalItems',
];

describe('scored results keep their key order', () => {
  it('SCL-90: the base keys, then its own', () => {
    const result = scoreInstrument('scl90', answers(90, 2));
    expect(Object.keys(result)).toEqual([...BASE_KEYS, 'gsi', 'pst', 'psdi', 'factors', 'zScores', 'normTable']);
    expect(result.instrument).toBe('scl90');
  });

  it('UPI: the base keys, then its own', () => {
    const result = scoreInstrument('upi', answers(60, 0));
    expect(Object.keys(result)).toEqual([...BASE_KEYS, 'lieYes', 'category', 'possibleCategories', 'keyItemsYes']);
    expect(result.instrument).toBe('upi');
  });

  it('two results of the same form are equal and share nothing mutable', () => {
    const first = scoreInstrument('scl90', answers(90, 3));
    const second = scoreInstrument('scl90', answers(90, 3));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.flags).not.toBe(first.flags);
  });
});
