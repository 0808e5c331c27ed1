import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROSTER_FIELDS } from '../src-shared/contract/roster';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../tests/support/census-files';
import { ROSTER_HEADERS, rosterRows, xlsx } from '../tests/support/synthetic';
import { bundleForBench } from './bundle';
import { alternate, type Figure } from './pairs';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'import-child.ts');

/**
 * How a child is started: bundled, as the app runs its core (see bundleForBench), or from source
 * under tsx with BENCH_FROM_SOURCE=1 (the memory figures then include the transpiler).
 */
async function childCommand(): Promise<string[]> {
  if (process.env.BENCH_FROM_SOURCE === '1') return ['--import', 'tsx', CHILD];
  return [join(await bundleForBench({ 'import-child': CHILD }), 'import-child.js')];
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  restRssMb?: number;
  probeP99?: number;
  probes?: number;
}

/** Runs one job in a fresh process (its own memory peak), in a fresh folder (kept when asked: a prepared store). */
function child(command: string[], root: string, job: Record<string, unknown>, keep = false): ChildResult & { dir: string } {
  const dir = mkdtempSync(join(root, `${String(job.kind)}-`));
  const jobFile = join(dir, 'job.json');
  writeFileSync(jobFile, JSON.stringify({ ...job, dir }));
  const out = spawnSync(process.execPath, [...command, jobFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (!keep) rmSync(dir, { recursive: true, force: true });
  if (out.status !== 0) throw new Error(`bench child ${String(job.kind)} failed: ${out.stderr.slice(-2000)}`);
  return { ...(JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildResult), dir };
}

/**
 * A peak against its ceiling; the label says how much of it the process held before the import
 * began, and the peak of the floor's process reading the same file (the streaming reader keeps
 * the file's shared strings, so even the floor grows with the file).
 */
const MB = (limit: number, value: number, rest: number, figure: string, floorPeak?: number): Figure => ({
  figure: `${figure} (before the import: ${rest} MB${floorPeak ? `; the floor's process: ${floorPeak} MB` : ''})`,
  value,
  unit: 'MB',
  target: `<= ${limit} MB`,
  pass: value <= limit,
});

/**
 * The import and its floor in alternate rounds (see `alternate`), each in its own process, with
 * the worst memory peaks of each side over the rounds; `eachRound` sees every round of the import.
 */
type RunChild = (job: Record<string, unknown>, keep?: boolean) => ChildResult & { dir: string };

async function againstFloor(run: RunChild, job: Record<string, unknown>, floorJob: Record<string, unknown>, eachRound?: (result: ChildResult) => void) {
  let peak = 0;
  let rest = 0;
  let floorPeak = 0;
  const pair = await alternate(
    async () => {
      const result = run(job);
      peak = Math.max(peak, result.maxRssMb);
      rest = Math.max(rest, result.restRssMb ?? 0);
      eachRound?.(result);
      return result.ms;
    },
    async () => {
      const result = run(floorJob);
      floorPeak = Math.max(floorPeak, result.maxRssMb);
      return result.ms;
    },
  );
  return { pair, peak, rest, floorPeak };
}

/**
 * Roster and census imports against their floor (issue 19 goals 1 and 3): each side runs in its own
 * process, alternating three times; the best of each is compared and the spread shown.
 */
export async function benchImports(which: { roster: boolean; census: boolean }): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'counsel-bench-imports-'));
  const figures: Figure[] = [];
  const command = await childCommand();
  const run: RunChild = (job, keep) => child(command, root, job, keep);
  try {
    if (which.roster) {
      const rows = Number(process.env.BENCH_ROSTER_ROWS ?? 50_000);
      const file = join(root, 'roster.xlsx');
      writeFileSync(file, await xlsx(ROSTER_HEADERS, rosterRows(rows)));
      const mapping = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [ROSTER_FIELDS[i], h]));
      const { pair, peak, rest, floorPeak } = await againstFloor(
        run,
        { kind: 'roster', file, mapping, expectRows: rows },
        { kind: 'floor', file, expectRows: rows },
      );
      figures.push(pair.figure(`roster import of ${rows} rows (.xlsx) vs its floor (streaming read + plain bulk insert)`, 1.5));
      figures.push(MB(300, peak, rest, `peak memory (RSS) of the roster import of ${rows} rows`, floorPeak));

      const large = Number(process.env.BENCH_LARGE_ROWS ?? 200_000);
      if (large > 0) {
        const bigFile = join(root, 'roster-large.xlsx');
        writeFileSync(bigFile, await xlsx(ROSTER_HEADERS, rosterRows(large)));
        const big = run({ kind: 'roster', file: bigFile, mapping, expectRows: large });
        const bigFloor = run({ kind: 'floor', file: bigFile, expectRows: large });
        figures.push({ figure: `roster import of ${large} rows, seconds (information)`, value: big.ms / 1000, unit: 's' });
        figures.push(MB(300, big.maxRssMb, big.restRssMb ?? 0, `peak memory (RSS) of the roster import of ${large} rows`, bigFloor.maxRssMb));
      }
    }
    if (which.census) {
      const count = Number(process.env.BENCH_CENSUS_ROWS ?? 20_000);
      const file = join(root, 'census.xlsx');
      const rosterFile = join(root, 'census-roster.xlsx');
      writeFileSync(
        file,
        await xlsx(
          CENSUS_HEADERS,
          censusStudents(count).map((s) => censusRow(s, 'numbers')),
        ),
      );
      writeFileSync(rosterFile, await xlsx(ROSTER_HEADERS, rosterRows(count)));
      // The roster is imported once, in a process of its own: each round's peak is the census import's.
      const preparedStore = join(run({ kind: 'prepare', file, rosterFile, expectRows: count }, true).dir, 'store');
      let probeP99 = 0;
      let probes = 0;
      const { pair, peak, rest, floorPeak } = await againstFloor(
        run,
        { kind: 'census', file, preparedStore, expectRows: count },
        { kind: 'floor', file, expectRows: count },
        (result) => {
          // The worst of the rounds: the rule is about every import, not the luckiest one.
          probeP99 = Math.max(probeP99, result.probeP99 ?? 0);
          probes += result.probes ?? 0;
        },
      );
      figures.push(pair.figure(`census import of ${count} students (SCL-90 + UPI, .xlsx) vs its floor (streaming read + plain bulk insert)`, 1.5));
      figures.push({
        figure: `census import of ${count} students, seconds (target <= 20 s)`,
        value: pair.ours / 1000,
        unit: 's',
        target: '<= 20 s',
        pass: pair.ours <= 20_000,
      });
      figures.push({
        figure: `trivial call (app.status) during the census import, worst p99 of the rounds (${probes} calls)`,
        value: probeP99,
        unit: 'ms',
        target: '<= 100 ms',
        pass: probeP99 <= 100,
      });
      figures.push(MB(400, peak, rest, `peak memory (RSS) of the census import of ${count} students`, floorPeak));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
}
