/**
 * One measured import in a process of its own, so its time and its peak memory (maxRSS) are the
 * import's alone: `node --import tsx bench/import-child.ts <job.json>`. Prints one JSON line.
 *
 * Jobs:
 * - `floor`: the fastest read of the file this bench can do plus a plain bulk insert of its raw
 *   rows into unencrypted SQLite: what no import can beat. The read is the app's own streaming
 *   reader (src-main/core/util/xlsx-rows.ts), the fastest here: exceljs's streaming reader, the
 *   floor's reader until 2026-12-06, took 1.5x (census, 20,000 x 157 cells) to 2x (roster,
 *   200,000 rows) its time, with 50-200 MB more memory.
 * - `roster`: the roster import as the CLI runs it (a mapping given, no preview), in-process core.
 * - `prepare`: a store with the census's roster imported (run once, copied for each census round).
 * - `census`: the prepared store copied in (else the roster imported first, not timed), then the
 *   census import through the core worker, with a trivial call every 20 ms whose latencies are
 *   reported. With the roster imported in another process, this process's peak is the census's.
 */
import Database from 'better-sqlite3';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../src-main/core/core';
import { applyConnectionPragmas } from '../src-main/core/store/database';
import { CoreClient } from '../src-main/core/worker/core-client';
import { silentLog } from '../src-main/core/util/log';
import { readXlsxRows } from '../src-main/core/util/xlsx-rows';

interface Job {
  kind: 'floor' | 'roster' | 'census' | 'prepare';
  dir: string;
  file: string;
  rosterFile?: string;
  /** A store made by a `prepare` job: copied, so each round starts from the same one. */
  preparedStore?: string;
  mapping?: Record<string, string>;
  expectRows: number;
}

const ADMIN = { username: 'bench', displayName: 'Bench', password: 'bench password 1' };

/** The process's memory before the timed part: Node, tsx's transpiler and the loaded core. */
function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

let peakWasReset = false;

/**
 * Start the peak over from the current RSS (Linux: `5` into /proc/self/clear_refs), so the figure
 * is the import's peak, not sign-in's: its scrypt (N = 2^17, r = 8) alone takes 128 MB for a moment.
 */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    peakWasReset = true;
  } catch {
    // Elsewhere the process's lifetime peak (maxRSS) is reported.
  }
}

/** The peak RSS since resetPeak (the core's worker thread included), else of the whole process. */
function peakMb(): number {
  const hwm = peakWasReset ? /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] : undefined;
  return Math.round((hwm ? Number(hwm) : process.resourceUsage().maxRSS) / 1024);
}

function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function floor(job: Job): Promise<Record<string, number>> {
  resetPeak();
  const start = process.hrtime.bigint();
  const plain = new Database(join(job.dir, 'floor.db'));
  applyConnectionPragmas(plain);
  let insert: Database.Statement | null = null;
  let width = 0;
  let rows = 0;
  const batch: unknown[][] = [];
  const flush = plain.transaction((items: unknown[][]) => {
    for (const item of items) insert!.run(...item);
  });
  await readXlsxRows(readFileSync(job.file), (_fileRow, cells) => {
    if (!insert) {
      width = cells.length;
      plain.exec(`CREATE TABLE raw (${cells.map((_, i) => `c${i} TEXT`).join(', ')})`);
      insert = plain.prepare(`INSERT INTO raw VALUES (${cells.map(() => '?').join(', ')})`);
      return;
    }
    batch.push(Array.from({ length: width }, (_, i) => cells[i] ?? null));
    rows++;
    if (batch.length >= 5_000) flush(batch.splice(0));
  });
  flush(batch.splice(0));
  plain.close();
  if (rows !== job.expectRows) throw new Error(`floor read ${rows} rows of ${job.expectRows}`);
  return { ms: since(start) };
}

async function roster(job: Job): Promise<Record<string, number>> {
  const core = new Core({ dataDir: join(job.dir, 'store'), log: silentLog });
  await core.call('setup.initialize', { schoolName: 'Bench School', admin: ADMIN });
  const signIn = await core.call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  if (!signIn.ok) throw new Error(signIn.error.code);
  const contentBase64 = readFileSync(job.file).toString('base64');
  const restRssMb = rssMb();
  resetPeak();
  const start = process.hrtime.bigint();
  const result = await core.call('roster.import', { fileName: 'roster.xlsx', contentBase64, mapping: job.mapping });
  const ms = since(start);
  if (!result.ok || (result.value as { created: number }).created !== job.expectRows) throw new Error(`roster import: ${JSON.stringify(result).slice(0, 300)}`);
  core.dispose();
  return { ms, restRssMb };
}

function coreCaller(dataDir: string) {
  const client = new CoreClient({ dataDir });
  const call = async (channel: string, input: unknown) => {
    const result = await client.invoke(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.details).slice(0, 300)}`);
    return result.value as Record<string, any>;
  };
  return { client, call };
}

async function importRoster(call: ReturnType<typeof coreCaller>['call'], rosterPath: string): Promise<void> {
  await call('setup.initialize', { schoolName: 'Bench School', admin: ADMIN });
  await call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const rosterFile = { fileName: 'roster.xlsx', contentBase64: readFileSync(rosterPath).toString('base64') };
  await call('roster.import', { ...rosterFile, mapping: (await call('roster.preview', rosterFile)).mapping });
}

async function prepare(job: Job): Promise<Record<string, number>> {
  const { client, call } = coreCaller(join(job.dir, 'store'));
  await importRoster(call, job.rosterFile!);
  await client.close();
  return { ms: 0 };
}

async function census(job: Job): Promise<Record<string, number>> {
  const dataDir = join(job.dir, 'store');
  if (job.preparedStore) cpSync(job.preparedStore, dataDir, { recursive: true });
  const { client, call } = coreCaller(dataDir);
  if (job.preparedStore) await call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  else await importRoster(call, job.rosterFile!);
  const batch = await call('census.createBatch', { name: 'bench', cohort: 'bench' });
  const contentBase64 = readFileSync(job.file).toString('base64');

  const restRssMb = rssMb();
  resetPeak();
  const latencies: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const t = process.hrtime.bigint();
      await call('app.status', {});
      latencies.push(since(t));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const start = process.hrtime.bigint();
  const summary = await call('census.import', { batchId: batch.id, fileName: 'census.xlsx', contentBase64 });
  const ms = since(start);
  running = false;
  await probe;
  await client.close();
  if (summary.imported !== job.expectRows) throw new Error(`census import imported ${summary.imported} of ${job.expectRows}`);
  latencies.sort((a, b) => a - b);
  return { ms, restRssMb, probeP99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0, probes: latencies.length };
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Job;
const run = { floor, roster, census, prepare }[job.kind];
const figures = await run(job);
process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb: peakMb() })}\n`);
