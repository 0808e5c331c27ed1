import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src-main/core/core';
import { applyConnectionPragmas, openEncryptedDatabase } from '../src-main/core/store/database';
import { newDatabaseKey } from '../src-main/core/keys/keyring';
import { migrateToLatest } from '../src-main/core/store/migrate';
import { assemble, type OpenStore } from '../src-main/core/store/open-store';
import { accounts, meta } from '../src-main/core/store/schema';
import { SYSTEM_ACTOR } from '../src-main/core/store/unit-of-work';
import { systemClock } from '../src-main/core/util/clock';
import { silentLog } from '../src-main/core/util/log';

/**
 * `npm run bench`: each figure is measured against a baseline in the same run, on this machine,
 * and reported as a ratio, so a slow or busy machine does not fake a regression.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 100;
const root = mkdtempSync(join(tmpdir(), 'counsel-bench-'));

interface Row {
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
}
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

async function main(): Promise<void> {
  console.log(`counsel bench: ${ROWS} rows, ${BATCH} per unit of work, data in ${root}`);
  const plain = storeAt('plain', false);
  const encrypted = storeAt('encrypted', true);
  // Alternate the order so neither side always runs on a warmer machine.
  const plainInsert = insertRows(plain);
  const encryptedInsert = insertRows(encrypted);
  compare(`${ROWS} inserts through the unit of work, encrypted vs plain`, encryptedInsert.ms, plainInsert.ms, 1.5);
  const encryptedReads = pointReads(encrypted, encryptedInsert.ids);
  const plainReads = pointReads(plain, plainInsert.ids);
  compare(`${ROWS} point reads, encrypted vs plain`, encryptedReads, plainReads, 1.3);
  plain.close();
  encrypted.close();
  results.push({ figure: 'one unlock (scrypt key slot + open + migrate check)', value: await unlockTime(), unit: 'ms' });

  console.log('');
  console.log('| figure | value | baseline | ratio | target | ok |');
  console.log('|---|---:|---:|---:|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.figure} | ${r.value.toFixed(0)} ${r.unit} | ${r.baseline?.toFixed(0) ?? '-'} | ${r.ratio?.toFixed(2) ?? '-'} | ${r.target ?? '-'} | ${r.pass === undefined ? '-' : r.pass ? 'yes' : 'NO'} |`,
    );
  }
  rmSync(root, { recursive: true, force: true });
  if (results.some((r) => r.pass === false)) process.exitCode = 1;
}

await main();
