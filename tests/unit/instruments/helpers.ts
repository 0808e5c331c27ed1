import { expect } from 'vitest';
import { InstrumentInputError, type Flag } from '../../../src-shared/instruments';

/** `length` answers all equal to `value`, with `overrides` keyed by 1-based item number. */
export function answers<T>(length: number, value: T, overrides: Record<number, T> = {}): T[] {
  return Array.from({ length }, (_, i) => (i + 1 in overrides ? overrides[i + 1] : value));
}

/** An array with the given 1-based items set to 1 and the rest to 0. */
export function yesAt(length: number, items: readonly number[]): number[] {
  return Array.from({ length }, (_, i) => (items.includes(i + 1) ? 1 : 0));
}

export function flagCodes(flags: readonly Flag[]): string[] {
  return flags.map((flag) => flag.code);
}

export function findFlag(flags: readonly Flag[], code: string): Flag | undefined {
  return flags.find((flag) => flag.code === code);
}

export function expectInputError(run: () => unknown, code: string, reason?: string): InstrumentInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InstrumentInputError);
    const inputError = error as InstrumentInputError;
    expect(inputError.code).toBe(code);
    expect(inputError.message).toMatch(/\w/);
    if (reason) expect(inputError.details.reason).toBe(reason);
    return inputError;
  }
  throw new Error(`expected InstrumentInputError ${code}`);
}
