import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../src-main/core/core';
import { ROSTER_HEADERS, rosterRows, xlsx } from '../tests/support/synthetic';

import { applyConnectionPragmas, openEncryptedDatabase } from '../src-main/core/store/database';
import { newDatabaseKey } from '../src-main/core/keys/keyring';
import { migrateToLatest } from '../src-main/core/store/migrate';
import { assemble, type OpenStore } from '../src-main/core/store/open-store';
import { accounts, meta } from '../src-main/core/store/schema/kernel';
import { SYSTEM_ACTOR } from '../src-main/core/store/unit-of-work';
import { systemClock } from '../src-main/core/util/clock';
import { silentLog } from '../src-main/core/util/log';
import { benchImports } from './imports';
import { alternate, type Figure } from './pairs';

/**
 * `npm run bench`: each figure is measured against a baseline in the same run, on this machine,
 * and reported as a ratio, so a slow or busy machine does not fake a regression.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 100;
const root = mkdtempSync(join(tmpdir(), 'counsel-bench-'));

type Row = Figure;
const results: Row[] = [];

function storeAt(name: string, encrypted: boolean): OpenStore {
  const file = join(root, `${name}.db`);
  const sqlite = encrypted ? openEncryptedDatabase(file, newDatabaseKey(), { create: true }) : new Database(file);
  if (!encrypted) applyConnectionPragmas(sqlite);
  const migration = migrateToLatest(sqlite, file);
  const store = assemble(sqlite, systemClock, migration);
  store.uow.run(SYSTEM_ACTOR, (tx) => tx.insert(meta, { id: 'workstationId', value: randomUUID() }));
  return store;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Inserts through the unit of work (row + audit event + outbox event), BATCH per transaction. */
function insertRows(store: OpenStore): { ms: number; ids: string[] } {
  const ids: string[] = [];
  const at = new Date().toISOString();
  const ms = time(() => {
    for (let start = 0; start < ROWS; start += BATCH) {
      store.uow.run(SYSTEM_ACTOR, (tx) => {
        for (let i = start; i < Math.min(start + BATCH, ROWS); i++) {
          const id = `acc-${i}`;
          ids.push(id);
          tx.insert(accounts, { id, username: `user${i}`, displayName: `测试用户${i}`, roles: ['counselor'], createdAt: at, updatedAt: at });
        }
      });
    }
  });
  return { ms, ids };
}

function pointReads(store: OpenStore, ids: string[]): number {
  const select = store.sqlite.prepare('SELECT * FROM accounts WHERE id = ?');
  const order = ids.map((id, i) => ids[(i * 7919) % ids.length]);
  return time(() => {
    for (const id of order) select.get(id);
  });
}

function compare(figure: string, value: number, baseline: number, maxRatio: number): void {
  const ratio = value / baseline;
  results.push({ figure, value, unit: 'ms', baseline, ratio, target: `<= ${maxRatio}x`, pass: ratio <= maxRatio });
}

async function unlockTime(): Promise<number> {
  const dataDir = join(root, 'unlock');
  const core = new Core({ dataDir, log: silentLog });
  await core.call('setup.initialize', { schoolName: 'Bench School', admin: { username: 'bench', displayName: 'Bench', password: 'bench password 1' } });
  const start = process.hrtime.bigint();
  const result = await core.call('auth.signIn', { username: 'bench', password: 'bench password 1' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!result.ok) throw new Error(`unlock failed: ${result.error.code}`);
  core.dispose();
  return ms;
}

async function signedInCore(name: string): Promise<Core> {
  const core = new Core({ dataDir: join(root, name), log: silentLog });
  await core.call('setup.initialize', { schoolName: 'Bench School', admin: { username: 'bench', displayName: 'Bench', password: 'bench password 1' } });
  const result = await core.call('auth.signIn', { username: 'bench', password: 'bench password 1' });
  if (!result.ok) throw new Error(`sign-in failed: ${result.error.code}`);
  return core;
}

/** What a person at the screen waits for (preview, then import), then search over 100,000 students. */
async function rosterSearch(): Promise<void> {
  const rows = Number(process.env.BENCH_ROSTER_ROWS ?? 50_000);
  const file = await xlsx(ROSTER_HEADERS, rosterRows(rows));
  const contentBase64 = file.toString('base64');
  // What a person at the screen waits for in all: the preview, then the import (parse reused).
  const core = await signedInCore('roster');
  const start = process.hrtime.bigint();
  const preview = await core.call('roster.preview', { fileName: 'roster.xlsx', contentBase64 });
  if (!preview.ok) throw new Error(preview.error.code);
  const result = await core.call('roster.import', { fileName: 'roster.xlsx', contentBase64, mapping: (preview.value as { mapping: object }).mapping });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!result.ok || (result.value as { created: number }).created !== rows) throw new Error('roster import did not create every row');
  results.push({ figure: `roster preview + import of ${rows} rows, seconds (information)`, value: ms / 1000, unit: 's' });

  // Search over 100,000 students: top the store up to that size, then time mixed queries.
  const more = 100_000 - rows;
  const extra = await xlsx(ROSTER_HEADERS, rosterRows(more, rows));
  const extraPreview = await core.call('roster.preview', { fileName: 'more.xlsx', contentBase64: extra.toString('base64') });
  if (!extraPreview.ok) throw new Error(extraPreview.error.code);
  await core.call('roster.import', {
    fileName: 'more.xlsx',
    contentBase64: extra.toString('base64'),
    mapping: (extraPreview.value as { mapping: object }).mapping,
  });
  const queries = ['2026000', '20260123', '2026099999', '张', '张晨', '王欣怡', 'zc', 'zhang', 'wxy', 'lihao', 'gy'];
  const times: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const query of queries) {
      const t = process.hrtime.bigint();
      const found = await core.call('students.search', { query, limit: 50 });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!found.ok) throw new Error('search failed');
    }
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(times.length * 0.95)];
  results.push({
    figure: 'student search over 100,000 (学号 prefix, name, pinyin), p95 inside the core',
    value: p95,
    unit: 'ms',
    target: '<= 20 ms',
    pass: p95 <= 20,
  });
  core.dispose();
}

/** Benchmarks that live in their own modules (one per issue), run after the store figures. */
const MODULE_BENCHES: { name: string; file: string; run: string }[] = [
  { name: 'statistics', file: './statistics.ts', run: 'benchStatistics' },
  { name: 'sync', file: './sync.ts', run: 'benchSync' },
  { name: 'school-server', file: './school-server.ts', run: 'benchSchoolServer' },
  { name: 'safety', file: './safety.ts', run: 'benchSafety' },
  { name: 'decade', file: './decade.ts', run: 'benchDecade' },
  { name: 'startup', file: './startup.ts', run: 'benchStartup' },
];

/** The benches asked for: `npm run bench -- --only census,roster` (or BENCH_ONLY=…); default: everything. */
function onlyList(): string[] | null {
  const flag = process.argv.indexOf('--only');
  const value = flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_ONLY;
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

function selected(name: string): boolean {
  const only = onlyList();
  return !only || only.includes(name);
}

function formatRow(r: Row): string {
  const digits = r.unit === 's' ? 1 : 0;
  return `| ${r.figure} | ${r.value.toFixed(digits)} ${r.unit} | ${r.baseline?.toFixed(digits) ?? '-'} | ${r.ratio?.toFixed(2) ?? '-'} | ${r.spread ?? '-'} | ${r.target ?? '-'} | ${r.pass === undefined ? '-' : r.pass ? 'yes' : 'NO'} |`;
}

/** docs/benchmarks.md is regenerated by every full run, so the figures in the repository are this machine's. */
function writeReport(lines: string[]): void {
  const header = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    'Each baseline is measured in the same run on the same machine; a ratio compares the figure with it. Where a figure has a spread, both sides ran three times, alternating which went first, and the best of each is shown; the spread is (slowest − fastest) / fastest of ours / of the baseline.',
    'Time per read against store size at 10 %, 50 % and 100 % of the decade fixture: [benchmarks-growth.svg](benchmarks-growth.svg).',
    '',
  ];
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md'), `${[...header, ...lines].join('\n')}\n`);
}

async function main(): Promise<void> {
  console.log(`counsel bench: ${ROWS} rows, ${BATCH} per unit of work, data in ${root}`);
  if (selected('store')) await storeFigures();
  if (!process.env.BENCH_ONLY_STORE) {
    if (selected('roster') || selected('census')) results.push(...(await benchImports({ roster: selected('roster'), census: selected('census') })));
    if (selected('roster')) await rosterSearch();
    for (const bench of MODULE_BENCHES) {
      if (!selected(bench.name)) continue;
      const module = (await import(bench.file)) as Record<string, () => Promise<Row[]>>;
      results.push(...(await module[bench.run]()));
    }
  }

  const table = ['| figure | value | baseline | ratio | spread | target | ok |', '|---|---:|---:|---:|---:|---|---|', ...results.map(formatRow)];
  console.log('');
  for (const line of table) console.log(line);
  if (!onlyList() && !process.env.BENCH_ONLY_STORE) writeReport(table);
  rmSync(root, { recursive: true, force: true });
  if (results.some((r) => r.pass === false)) process.exitCode = 1;
}

async function storeFigures(): Promise<void> {
  // Each round inserts into fresh stores; the last pair is kept for the reads.
  let round = 0;
  let plain = storeAt('plain-0', false);
  let encrypted = storeAt('encrypted-0', true);
  let plainIds: string[] = [];
  let encryptedIds: string[] = [];
  const inserts = await alternate(
    async () => {
      if (encryptedIds.length) (encrypted.close(), (encrypted = storeAt(`encrypted-${++round}`, true)));
      const run = insertRows(encrypted);
      encryptedIds = run.ids;
      return run.ms;
    },
    async () => {
      if (plainIds.length) (plain.close(), (plain = storeAt(`plain-${++round}`, false)));
      const run = insertRows(plain);
      plainIds = run.ids;
      return run.ms;
    },
  );
  results.push(inserts.figure(`${ROWS} inserts through the unit of work, encrypted vs plain`, 1.5));
  // Reads are short and sensitive to whatever else the machine does: best of three, alternating.
  let encryptedReads = Number.POSITIVE_INFINITY;
  let plainReads = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    plainReads = Math.min(plainReads, pointReads(plain, plainIds));
    encryptedReads = Math.min(encryptedReads, pointReads(encrypted, encryptedIds));
  }
  compare(`${ROWS} point reads, encrypted vs plain`, encryptedReads, plainReads, 1.3);
  plain.close();
  encrypted.close();
  results.push({ figure: 'one unlock (scrypt key slot + open + migrate check)', value: await unlockTime(), unit: 'ms' });
}

await main();
