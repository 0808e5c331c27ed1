import { afterEach, describe, expect, it, vi } from 'vitest';

// The flag's effect on memory is a figure of `npm run bench` (issue 19 goal 3); here: that every
// core sets it, since nothing else would show that the setting fell away.
const setFlagsFromString = vi.fn();
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString }));

const { makeCore } = await import('./helpers');
const { HEAP_GROWING_PERCENT } = await import('../../../src-main/core/util/heap-growth');

describe('heap growth', () => {
  afterEach(() => setFlagsFromString.mockClear());

  it('a core bounds how far the heap grows between full collections, once per thread', () => {
    makeCore();
    makeCore();
    expect(HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(HEAP_GROWING_PERCENT).toBeLessThanOrEqual(100);
    expect(setFlagsFromString.mock.calls).toEqual([[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]]);
  });
});
