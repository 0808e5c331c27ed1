/**
 * Integer arithmetic for scoring. Scores are small integers, so every rounding and threshold
 * decision is made on integer numerators and denominators: `7.5` computed as `0.1 * 75` can land
 * on `7.499999…` in floating point, and a student must never fall under a threshold by that.
 */

function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** `round_half_up(numerator / denominator)` for non-negative integers. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  assertNonNegativeInteger(numerator, 'numerator');
  assertNonNegativeInteger(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('denominator must be positive');
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

/** `floor(numerator / denominator)` for non-negative integers. */
export function divFloor(numerator: number, denominator: number): number {
  assertNonNegativeInteger(numerator, 'numerator');
  assertNonNegativeInteger(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('denominator must be positive');
  return Math.floor(numerator / denominator);
}

/** Prorated total: `round_half_up(sum * itemCount / answered)` (INSTRUMENTS.md, common rules). */
export function prorate(sum: number, answered: number, itemCount: number): number {
  return divRoundHalfUp(sum * itemCount, answered);
}

/**
 * Thresholds on means are configured in tenths (2 -> 20, 2.5 -> 25) so that
 * "mean >= t" becomes the integer comparison `sum * 10 >= tenths * n`.
 */
export function toTenths(threshold: number): number {
  const tenths = Math.round(threshold * 10);
  if (Math.abs(tenths - threshold * 10) > 1e-9) {
    throw new RangeError(`threshold ${threshold} is not a multiple of 0.1`);
  }
  return tenths;
}

/** `sum / count >= tenths / 10`, compared in integers. */
export function meanAtLeast(sum: number, count: number, tenths: number): boolean {
  return sum * 10 >= tenths * count;
}

/** Half-up rounding of a mean to `decimals` places, for display only (thresholds never use it). */
export function roundMeanHalfUp(sum: number, count: number, decimals = 2): number {
  const scale = 10 ** decimals;
  return divRoundHalfUp(sum * scale, count) / scale;
}
