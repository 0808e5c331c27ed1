import { setImmediate as nextTurn } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GarbageBudget, collectGarbageNow } from '../../../src-main/core/util/full-gc';

/**
 * Issue 19 goal 3: a large import collects its garbage between its phases (collectGarbageNow).
 * It must really collect, and must not leave a `gc` global behind for other code.
 */
describe('collectGarbageNow', () => {
  it('collects an object nothing holds any more', async () => {
    let held: object | null = { rows: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const ref = new WeakRef(held);
    held = null;
    // A WeakRef's target stays alive until the turn that last read it ends.
    await nextTurn();
    collectGarbageNow();
    expect(ref.deref()).toBeUndefined();
    expect(held).toBeNull();
  });

  it('leaves no gc function in this context or in a context made afterwards, and can run again', () => {
    collectGarbageNow();
    collectGarbageNow();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe('GarbageBudget', () => {
  it('collects once the heap has grown past its budget since the last collection', async () => {
    const budget = new GarbageBudget(1);
    let dropped: object | null = { rows: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const ref = new WeakRef(dropped);
    dropped = null;
    await nextTurn();
    // ~4 MB still held: past the 1 MB budget.
    const held = Array.from({ length: 100_000 }, (_, i) => ({ i, text: `row ${i}` }));
    budget.check();
    expect(ref.deref()).toBeUndefined();
    expect(held).toHaveLength(100_000);
  });
});
