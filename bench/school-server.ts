import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateSigningKeyPair, sealBundle, type BundleEvent } from '../src-main/core/sync/bundle/codec';
import { CIPHER } from '../src-main/core/store/database';
import { createReceiverServer } from '../src-main/school-server/http';
import { serverSigningKey, trustWorkstation } from '../src-main/school-server/keys';
import { PgReceiverStore } from '../src-main/school-server/pg-store';
import { Receiver } from '../src-main/school-server/receiver';
import { SqliteReceiverStore } from '../src-main/school-server/sqlite-store';
import type { ReceiverStore } from '../src-main/school-server/store';
import { WebApi } from '../src-main/school-server/web/api';
import { addUser } from '../src-main/school-server/web/users';
import { alternate, type Figure } from './pairs';

/**
 * Issue 18's scale: 30 workstations × 20,000 events applied by the receiver (verify, decrypt,
 * seal the rows, update the projections) against the plain insert of the same rows, on SQLite and
 * on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), and the director's JSON API p95 at
 * that size. Sizes: BENCH_SCHOOL_WORKSTATIONS, BENCH_SCHOOL_EVENTS.
 */

const WORKSTATIONS = Number(process.env.BENCH_SCHOOL_WORKSTATIONS ?? 30);
const EVENTS = Number(process.env.BENCH_SCHOOL_EVENTS ?? 20_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const API_CALLS = 40;

/** One workstation's outbox: students (shared 学号 across workstations), accounts, cases, sessions, crisis events, key attention; about 10 % updates. */
export function workstationEvents(w: number, count: number): BundleEvent[] {
  const events: BundleEvent[] = [];
  const at = '2026-10-01T08:00:00.000Z';
  const push = (entity: string, entityId: string, op: BundleEvent['op'], payload: Record<string, unknown>) =>
    events.push({ seq: events.length + 1, hlc: `${at}-${String(events.length).padStart(6, '0')}-w${w}`, entity, entityId, op, payload, createdAt: at });
  push('accounts', `acc-${w}`, 'insert', { id: `acc-${w}`, displayName: `测试老师${w}` });
  for (let i = 0; events.length < count; i += 1) {
    const kind = i % 10;
    const n = i;
    // Students overlap between workstations (the same 学号 on several PCs), as in a real school.
    const studentNo = `2026${String((n * 7 + w * 131) % 40_000).padStart(6, '0')}`;
    if (kind < 4)
      push('students', `s-${n}`, 'insert', {
        id: `s-${n}`,
        studentNo,
        name: `测试学生${n}`,
        department: `院系${n % 20}`,
        className: `班${n % 30}`,
        status: 'enrolled',
        phone: '13800000000',
        updatedAt: at,
      });
    else if (kind === 4)
      push('cases', `c-${n}`, 'insert', { id: `c-${n}`, studentId: `s-${n - 4}`, status: 'active', riskLevel: 'low', openedAt: at, closingSummary: null });
    else if (kind < 7)
      push('session_notes', `n-${n}`, 'insert', { id: `n-${n}`, caseId: `c-${n - (n % 10) + 4}`, sessionAt: at, body: '合成会谈记录'.repeat(10) });
    else if (kind === 7 && n % 100 === 7)
      push('crisis_events', `e-${n}`, 'insert', {
        id: `e-${n}`,
        eventNo: `CR-${w}-${n}`,
        studentId: `s-${n - 7}`,
        level: '1',
        status: 'open',
        ownerId: `acc-${w}`,
        discoveredAt: at,
        description: '合成',
      });
    else if (kind === 8 && n % 20 === 8)
      push('key_attention', `k-${n}`, 'insert', {
        id: `k-${n}`,
        studentId: `s-${n - 8}`,
        level: String(1 + (n % 3)),
        reason: '合成',
        responsible: { counselorId: `acc-${w}` },
        nextReviewOn: '2026-12-01',
        status: 'active',
      });
    else push('students', `s-${n - kind}`, 'update', { className: `班${(n + 1) % 30}`, updatedAt: at });
  }
  return events;
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Sealed {
  manifestFile: string;
  payload: Uint8Array;
  events: BundleEvent[];
  id: string;
}

async function applyAll(store: ReceiverStore, dir: string, identity: string, sealed: Sealed[]): Promise<number> {
  const receiver = new Receiver({ dir, identity, store, signingKeyPem: serverSigningKey(dir).privateKeyPem });
  const t = process.hrtime.bigint();
  // As `school-server import FOLDER` applies them: the next bundle is verified on a worker while one is applied.
  const results = await receiver.receiveAll(sealed.map((s) => () => s));
  results.forEach((result, i) => {
    if ('error' in result || result.outcome !== 'applied') throw new Error(`bench: ${sealed[i].id} was not applied (${JSON.stringify(result)})`);
  });
  return msSince(t);
}

/** The director's pages' calls, each API_CALLS times, over HTTP: p95 of all of them. */
async function apiP95(
  store: ReceiverStore,
  dir: string,
  identity: string,
): Promise<{ p95: number; worst: string; coldStatisticsMs: number; wholeKeyAttentionMs: number }> {
  const receiver = new Receiver({ dir, identity, store, signingKeyPem: serverSigningKey(dir).privateKeyPem });
  await addUser(store, { username: 'bench-director', role: 'director', password: 'bench director password' }, new Date().toISOString(), {
    N: 2 ** 10,
    r: 8,
    p: 1,
  });
  const server = createReceiverServer(receiver, () => undefined, new WebApi(receiver));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      body: JSON.stringify({ username: 'bench-director', password: 'bench director password' }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const times: { path: string; ms: number }[] = [];
    // The year's statistics are computed once per applied bundle and then kept: the first call is reported on its own.
    let t0 = process.hrtime.bigint();
    const first = await fetch(`${base}/api/statistics?year=2026`, { headers: { cookie } });
    await first.arrayBuffer();
    const coldStatisticsMs = msSince(t0);
    for (let i = 0; i < API_CALLS; i += 1) {
      // The calls the director's pages make: the key-attention tab reads 50 students a page.
      for (const path of ['/api/crisis', `/api/keyattention?offset=${(i % 10) * 50}&limit=50`, '/api/statistics?year=2026', '/api/workstations']) {
        const t = process.hrtime.bigint();
        const res = await fetch(`${base}${path}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`bench: ${path} answered ${res.status}`);
        times.push({ path, ms: msSince(t) });
      }
    }
    times.sort((a, b) => a.ms - b.ms);
    t0 = process.hrtime.bigint();
    const whole = await fetch(`${base}/api/keyattention`, { headers: { cookie } });
    await whole.arrayBuffer();
    return {
      p95: times[Math.floor(times.length * 0.95)].ms,
      worst: times[times.length - 1].path.split('?')[0],
      coldStatisticsMs,
      wholeKeyAttentionMs: msSince(t0),
    };
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/** The receiver against the plain insert of the same rows on one database: at most twice as slow. */
function applyFigure(store: string, size: string, applyMs: number, plainMs: number): Figure {
  const ratio = applyMs / plainMs;
  return {
    figure: `school server: apply ${size} on ${store} vs plain insert of the rows, seconds`,
    value: applyMs / 1000,
    unit: 's',
    baseline: plainMs / 1000,
    ratio,
    target: '<= 2x plain insert',
    pass: ratio <= 2,
  };
}

/**
 * The director's API on one database: the p95 target, then, not targets but what a director meets,
 * the first statistics call after an import and the whole list without paging.
 */
function apiFigures(store: string, size: string, api: Awaited<ReturnType<typeof apiP95>>): Figure[] {
  return [
    {
      figure: `school server: director's JSON API p95 at ${size} on ${store} (slowest: ${api.worst})`,
      value: api.p95,
      unit: 'ms',
      target: '<= 200 ms',
      pass: api.p95 <= 200,
    },
    {
      figure: `school server: first statistics call after the import at ${size} on ${store} (then kept until the next bundle)`,
      value: api.coldStatisticsMs,
      unit: 'ms',
    },
    {
      figure: `school server: the whole merged key-attention list in one call at ${size} on ${store} (the page reads 50 at a time)`,
      value: api.wholeKeyAttentionMs,
      unit: 'ms',
    },
  ];
}

export async function benchSchoolServer(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'counsel-bench-school-'));
  const figures: Figure[] = [];
  const size = `${WORKSTATIONS} workstations × ${EVENTS} events`;
  try {
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const sealed: Sealed[] = [];
    const keys: { id: string; publicKeyPem: string }[] = [];
    for (let w = 0; w < WORKSTATIONS; w += 1) {
      const key = generateSigningKeyPair();
      const id = `ws-${String(w).padStart(2, '0')}`;
      const events = workstationEvents(w, EVENTS);
      const s = await sealBundle({
        workstationId: id,
        profile: 'full',
        events,
        recipient,
        privateKeyPem: key.privateKeyPem,
        createdAt: new Date().toISOString(),
        workstationName: `${w + 1} 号工作站`,
      });
      sealed.push({ manifestFile: s.manifestFile, payload: s.payload, events, id });
      keys.push({ id, publicKeyPem: key.publicKeyPem });
    }
    const trustAll = (dir: string) => keys.forEach((k) => trustWorkstation(dir, k.id, k.publicKeyPem));

    // SQLite: plain insert of the same rows (one transaction per workstation) vs the receiver. The
    // receiver's file is always encrypted, so the floor is the same rows into a file encrypted the
    // same way (cipher, WAL, synchronous = FULL: each COMMIT synced, page cache); an unencrypted
    // file is shown beside it. Each run writes a new file.
    let plainRun = 0;
    const plainInsertMs = (encrypted: boolean): number => {
      const file = join(root, `plain-${plainRun++}.db`);
      const plain = new Database(file);
      if (encrypted) {
        plain.pragma(`cipher='${CIPHER}'`);
        plain.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
      }
      plain.pragma('journal_mode = WAL');
      plain.pragma('synchronous = FULL');
      plain.pragma(`cache_size = -${128 * 1024}`);
      plain.exec('CREATE TABLE rows (workstation_id TEXT, entity TEXT, entity_id TEXT, row TEXT, PRIMARY KEY (workstation_id, entity, entity_id))');
      const insert = plain.prepare('INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?)');
      const start = process.hrtime.bigint();
      for (const s of sealed) plain.transaction(() => s.events.forEach((e) => insert.run(s.id, e.entity, e.entityId, JSON.stringify(e.payload))))();
      const ms = msSince(start);
      plain.close();
      rmSync(file, { force: true });
      return ms;
    };
    const unencryptedSqliteMs = plainInsertMs(false);
    // Each side ROUNDS times, alternating (pairs.ts); every round applies into a new store. A store
    // is closed after its round, which waits for the import's checkpoint thread, so that no round
    // runs beside the last one's copying; the last store stays open for the director's API.
    let round = 0;
    let sqlite: SqliteReceiverStore | null = null;
    let sqliteDir = '';
    const untilCopied: number[] = [];
    const sqliteRounds = await alternate(
      async () => {
        await sqlite?.close();
        sqliteDir = join(root, `sqlite-${round++}`);
        trustAll(sqliteDir);
        sqlite = new SqliteReceiverStore(join(sqliteDir, 'receiver.db'), randomBytes(32));
        const applied = await applyAll(sqlite, sqliteDir, identity, sealed);
        const start = process.hrtime.bigint();
        sqlite.checkpointSettled(600_000);
        untilCopied.push(applied + msSince(start));
        return applied;
      },
      async () => plainInsertMs(true),
    );
    figures.push({
      ...applyFigure('SQLite (verify, decrypt, seal, projections)', size, sqliteRounds.ours, sqliteRounds.baseline),
      spread: sqliteRounds.spread,
    });
    figures.push({
      figure: `school server: the same import on SQLite until its log is copied into the file (a thread of its own does that after the last bundle; information)`,
      value: Math.min(...untilCopied) / 1000,
      unit: 's',
    });
    figures.push({
      figure: `school server: the same plain insert into an unencrypted SQLite file (information: the cipher's share of the floor)`,
      value: unencryptedSqliteMs / 1000,
      unit: 's',
    });
    const lastSqlite = sqlite as SqliteReceiverStore | null;
    figures.push(...apiFigures('SQLite', size, await apiP95(lastSqlite!, sqliteDir, identity)));
    await lastSqlite!.close();

    if (PG_URL) {
      const schema = `bench_${process.pid}`;
      const plainSchema = `bench_plain_${process.pid}`;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${plainSchema}`);
        await client.query(
          `CREATE TABLE ${plainSchema}.rows (workstation_id TEXT, entity TEXT, entity_id TEXT, row JSONB, PRIMARY KEY (workstation_id, entity, entity_id))`,
        );
        const plainPgMs = async (): Promise<number> => {
          await client.query(`TRUNCATE ${plainSchema}.rows`);
          const start = process.hrtime.bigint();
          // 100 rows a statement, as the receiver writes them: a round trip per row would flatter the receiver.
          for (const s of sealed) {
            await client.query('BEGIN');
            for (let i = 0; i < s.events.length; i += 100) {
              // Rows of one statement must have distinct keys; the bench's updates repeat a student's key.
              const batch = [...new Map(s.events.slice(i, i + 100).map((e) => [`${e.entity}\u0000${e.entityId}`, e])).values()];
              await client.query(
                `INSERT INTO ${plainSchema}.rows VALUES ${batch.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4}::jsonb)`).join(', ')}
                 ON CONFLICT (workstation_id, entity, entity_id) DO UPDATE SET row = EXCLUDED.row`,
                batch.flatMap((e) => [s.id, e.entity, e.entityId, JSON.stringify(e.payload)]),
              );
            }
            await client.query('COMMIT');
          }
          return msSince(start);
        };
        // As on SQLite: each round into a new schema, the last one kept for the director's API.
        let pgRound = 0;
        let store: PgReceiverStore | null = null;
        let pgDir = '';
        try {
          const pgRounds = await alternate(async () => {
            await store?.close();
            if (store) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            pgDir = join(root, `pg-${pgRound++}`);
            trustAll(pgDir);
            store = await PgReceiverStore.connect(PG_URL, { schema, key: randomBytes(32) });
            return applyAll(store, pgDir, identity, sealed);
          }, plainPgMs);
          figures.push({ ...applyFigure('PostgreSQL', size, pgRounds.ours, pgRounds.baseline), spread: pgRounds.spread });
          figures.push(...apiFigures('PostgreSQL', size, await apiP95(store!, pgDir, identity)));
        } finally {
          await (store as PgReceiverStore | null)?.close();
        }
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS ${plainSchema} CASCADE`).catch(() => undefined);
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await client.end();
      }
    }
    return figures;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchSchoolServer().then((rows) => console.table(rows));
}
