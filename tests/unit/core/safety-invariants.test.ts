import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants, disposeTemplate, disposeWorld, requiredUrgency, runSafetyModel, setUpWorld } from './safety-model';

/**
 * Issue 14, "an invariant test that keeps it true": random sequences of imports, assessments,
 * acknowledgements, crisis work, key attention, interviews, account and department changes and
 * destruction attempts, with the eight safety invariants checked after every step
 * (tests/unit/core/safety-model.ts). A fixed seed and a bounded number of runs here; the bench
 * (`BENCH_ONLY=safety npm run bench`, SAFETY_RUNS=…) runs many more with other seeds.
 */
const SEED = Number(process.env.SAFETY_SEED ?? 20261205);
const RUNS = Number(process.env.SAFETY_RUNS ?? 6);
const MAX_COMMANDS = Number(process.env.SAFETY_MAX_COMMANDS ?? 40);

describe('safety invariants (model-based)', () => {
  afterAll(disposeTemplate);

  it('the undetermined UPI category counts as on-list required, at the most severe category still possible', () => {
    expect(requiredUrgency([{ instrument: 'upi', result: { category: null, possibleCategories: [1, 3], flags: [] } }])).toBe(1);
    expect(requiredUrgency([{ instrument: 'upi', result: { category: null, possibleCategories: [2, 3], flags: [] } }])).toBe(3);
    expect(requiredUrgency([{ instrument: 'upi', result: { category: 3, possibleCategories: [3], flags: [] } }])).toBeNull();
    expect(requiredUrgency([{ instrument: 'scl90', result: { screenPositive: true, flags: [] } }])).toBe(2);
    expect(requiredUrgency([{ instrument: 'scl90', result: { screenPositive: false, flags: [{ code: 'SCL90_ITEM15', level: 'URGENT', item: 15 }] } }])).toBe(0);
  });

  it('holds on a freshly set-up centre', async () => {
    const world = await setUpWorld();
    try {
      expect(await checkInvariants(world, null)).toEqual([]);
    } finally {
      disposeWorld(world);
    }
  });

  it(`holds after every step of ${RUNS} random sequences of up to ${MAX_COMMANDS} operations as several roles (seed ${SEED})`, async () => {
    const { runs } = await runSafetyModel({ seed: SEED, numRuns: RUNS, maxCommands: MAX_COMMANDS, shrink: process.env.SAFETY_SHRINK === '1' });
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  }, 240_000);
});
