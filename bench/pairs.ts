/** One line of the benchmark table. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
  /** How far apart the rounds of each side were: (slowest − fastest) / fastest, ours / baseline. */
  spread?: string;
}

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function spreadOf(times: number[]): string {
  const min = Math.min(...times);
  return `${Math.round(((Math.max(...times) - min) / min) * 100)}%`;
}

/**
 * Measures ours and the baseline in turn, ROUNDS times, alternating which goes first so neither
 * side always runs on a warmer (or busier) machine, and keeps the best of each: a shared 2-core PC
 * only ever makes a run slower, so the fastest round is the truest.
 */
export async function alternate(ours: () => Promise<number>, baseline: () => Promise<number>, rounds = ROUNDS) {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      mine.push(await ours());
      theirs.push(await baseline());
    } else {
      theirs.push(await baseline());
      mine.push(await ours());
    }
  }
  const best = { ours: Math.min(...mine), baseline: Math.min(...theirs) };
  const spread = `${spreadOf(mine)} / ${spreadOf(theirs)}`;
  return {
    ...best,
    spread,
    figure(figure: string, maxRatio: number): Figure {
      const ratio = best.ours / best.baseline;
      return { figure, value: best.ours, unit: 'ms', baseline: best.baseline, ratio, target: `<= ${maxRatio}x`, pass: ratio <= maxRatio, spread };
    },
  };
}
