import { describe, expect, it } from 'vitest';
import { divFloor, divRoundHalfUp, meanAtLeast, prorate, roundMeanHalfUp, toTenths } from '../../../src-shared/instruments/rounding';

describe('rounding', () => {
  it('rounds exact halves up', () => {
    expect(divRoundHalfUp(15, 2)).toBe(8);
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(14, 4)).toBe(4); // 3.5
    expect(divRoundHalfUp(13, 4)).toBe(3); // 3.25
    expect(divRoundHalfUp(0, 7)).toBe(0);
  });

  it('floors', () => {
    expect(divFloor(50 * 5, 4)).toBe(62);
    expect(divFloor(8, 4)).toBe(2);
  });

  it('prorates as round_half_up(sum * N / answered)', () => {
    expect(prorate(8, 8, 9)).toBe(9);
    expect(prorate(5, 6, 9)).toBe(8); // 7.5 -> 8
    expect(prorate(7, 7, 9)).toBe(9);
  });

  it('compares means in integers, including 0.1 steps that float math gets wrong', () => {
    expect(0.1 * 3 * 10).not.toBe(3); // why the comparison is done in tenths
    expect(meanAtLeast(20, 10, toTenths(2))).toBe(true);
    expect(meanAtLeast(19, 10, toTenths(2))).toBe(false);
    expect(meanAtLeast(23, 10, toTenths(2.3))).toBe(true);
    expect(() => toTenths(2.35)).toThrow(RangeError);
  });

  it('rejects non-integers and a zero denominator', () => {
    expect(() => divRoundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1, 0)).toThrow(RangeError);
  });

  it('rounds means for display half up', () => {
    expect(roundMeanHalfUp(1, 8)).toBe(0.13); // 0.125
    expect(roundMeanHalfUp(180, 90)).toBe(2);
  });
});
