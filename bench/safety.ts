import { collectViolations, coverage, disposeTemplate, runSafetyModel, timing } from '../tests/unit/core/safety-model';
import type { Figure } from './pairs';

/**
 * The issue-14 safety invariants under many more random sequences than `npm test` runs: a new
 * seed each time unless BENCH_SAFETY_SEED is set. BENCH_SAFETY_RUNS (default 60) sequences of up
 * to BENCH_SAFETY_COMMANDS (default 80) operations. A violation fails the figure and prints its
 * steps; BENCH_SAFETY_SHRINK=1 shrinks it to the shortest failing sequence first (slow).
 */
export async function benchSafety(): Promise<Figure[]> {
  const numRuns = Number(process.env.BENCH_SAFETY_RUNS ?? 60);
  const maxCommands = Number(process.env.BENCH_SAFETY_COMMANDS ?? 80);
  const seed = Number(process.env.BENCH_SAFETY_SEED ?? Date.now() % 2 ** 31);
  const shrink = process.env.BENCH_SAFETY_SHRINK === '1';
  const start = process.hrtime.bigint();
  let steps = 0;
  let failure: string | null = null;
  try {
    if (shrink) {
      steps = (await runSafetyModel({ seed, numRuns, maxCommands, shrink })).steps;
    } else {
      // Every kind of violation once, with the steps that led to it, rather than only the first.
      const found = await collectViolations({ seed, numRuns, maxCommands });
      steps = [...coverage.entries()].filter(([k]) => k.startsWith('alerts.list ->')).reduce((n, [, c]) => n + c, 0);
      if (found.size) failure = [...found.values()].join('\n\n');
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    disposeTemplate();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (failure) console.error(`safety invariants violated (seed ${seed}):\n${failure}`);
  if (process.env.BENCH_SAFETY_VERBOSE === '1') {
    // What the sequences reached (channel -> outcome) and where the time went.
    console.log(
      [...coverage]
        .sort()
        .map(([k, n]) => `${String(n).padStart(6)}  ${k}`)
        .join('\n'),
    );
    console.log(JSON.stringify(timing));
  }
  return [
    {
      figure: `safety invariants (issue 14) over ${numRuns} random sequences of up to ${maxCommands} operations, seed ${seed}: violations`,
      value: failure ? 1 : 0,
      unit: failure ? 'found' : 'none',
      target: 'none',
      pass: !failure,
    },
    { figure: 'safety invariants: operations checked (information)', value: steps, unit: 'steps' },
    { figure: 'safety invariants: time, seconds (information)', value: seconds, unit: 's' },
  ];
}
