import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { Clock } from '../util/clock';
import { HybridLogicalClock } from '../util/hlc';
import type { BackgroundCheckpoint } from './background-checkpoint';
import { openEncryptedDatabase, type SqliteDatabase } from './database';
import { migrateToLatest, readSchemaVersion, type MigrationOutcome } from './migrate';
import { readOnlyDb } from './read-db';
import { readOnlySqlite, type ReadSqlite } from './read-sqlite';
import * as schema from './schema';
import { UnitOfWork, SYSTEM_ACTOR, type Db } from './unit-of-work';

/** Connection options a host chooses: see OpenOptions.busyTimeoutMs. */
export interface StoreOptions {
  busyTimeoutMs?: number;
}

/** An unlocked store: the connection, drizzle over it, and the unit of work. */
export interface OpenStore {
  /** Hand-written SQL, for reads only: its prepare refuses any statement that writes (read-sqlite.ts). */
  sqlite: ReadSqlite;
  db: Db;
  uow: UnitOfWork;
  databaseId: string;
  workstationId: string;
  migration: MigrationOutcome;
  schemaVersion(): number;
  /** Threads that hold the store open meanwhile (a long import's checkpoint): joined before it closes. */
  background: BackgroundWork;
  close(): void;
}

/** How long closing the store waits for a thread of its own; closing after that is still safe. */
const CLOSE_JOIN_MS = 10_000;

/**
 * Work on other threads with their own connection to the store (background-checkpoint.ts). Closing
 * the store joins them, so that no connection outlives the unlocked session, and so does whatever
 * needs the WAL to itself (destruction's compaction: a checkpoint running elsewhere would leave
 * removed rows in the WAL).
 */
export class BackgroundWork {
  private running: BackgroundCheckpoint[] = [];

  add(work: BackgroundCheckpoint): void {
    this.running = this.running.filter((w) => !w.done());
    this.running.push(work);
  }

  /** Blocks until every thread has let go of the store, at most `ms` in all; true once they have. */
  joinAll(ms: number): boolean {
    const deadline = Date.now() + ms;
    this.running = this.running.filter((w) => !w.join(Math.max(0, deadline - Date.now())));
    return this.running.length === 0;
  }
}

/** Each open store's writable connection, reachable through connectionHatch alone. */
const connectionOf = new WeakMap<OpenStore, SqliteDatabase>();

/**
 * The one way to the store's writable connection outside the unit of work, for what cannot be a
 * unit of work's row change and does not touch the records' content:
 * - destruction's compaction (archive/destruction.ts compactDatabase): VACUUM and the WAL's
 *   truncation, which SQLite runs only outside a transaction, after the audited deletes;
 * - tests and benchmarks that seed fixtures directly or tamper with rows as an attacker would
 *   (to prove the triggers and the audit chain catch it).
 * Everything else reads through `store.sqlite` / `store.db` and writes through `store.uow`; the
 * destruction's guard row and outbox scrub go through the `destructionHatch` inside its unit of
 * work. tests/unit/core/read-db.test.ts lists the callers in src-main and fails on a new one.
 */
export function connectionHatch(store: OpenStore): SqliteDatabase {
  const connection = connectionOf.get(store);
  if (!connection) throw new Error('connectionHatch: not an open store');
  return connection;
}

function readMeta(sqlite: SqliteDatabase, id: string): string | undefined {
  return sqlite.prepare<[string], { value: string }>('SELECT value FROM meta WHERE id = ?').get(id)?.value;
}

/** Wraps an open, migrated connection; exported for the benchmark's plain-SQLite baseline. */
export function assemble(sqlite: SqliteDatabase, clock: Clock, migration: MigrationOutcome): OpenStore {
  const reader = readOnlySqlite(sqlite);
  const db = readOnlyDb(reader);
  const workstationId = readMeta(sqlite, 'workstationId') ?? 'unset';
  const hlc = new HybridLogicalClock(clock, workstationId.slice(0, 8));
  hlc.restore(sqlite.prepare<[], { hlc: string }>('SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1').get()?.hlc);
  const background = new BackgroundWork();
  const store: OpenStore = {
    sqlite: reader,
    db,
    uow: new UnitOfWork(drizzle(sqlite, { schema }), db, sqlite, clock, hlc, workstationId),
    databaseId: readMeta(sqlite, 'databaseId') ?? '',
    workstationId,
    migration,
    schemaVersion: () => readSchemaVersion(sqlite),
    background,
    close: () => {
      background.joinAll(CLOSE_JOIN_MS);
      if (sqlite.open) sqlite.close();
    },
  };
  connectionOf.set(store, sqlite);
  return store;
}

/** First run: a new encrypted file at the latest schema, stamped with the key ring's id. */
export function createStore(file: string, key: Buffer, databaseId: string, clock: Clock, options: StoreOptions = {}): OpenStore {
  const sqlite = openEncryptedDatabase(file, key, { create: true, ...options });
  try {
    const migration = migrateToLatest(sqlite, file);
    const workstationId = randomUUID();
    const bootstrap = assemble(sqlite, clock, migration);
    bootstrap.uow.run(SYSTEM_ACTOR, (tx) => {
      tx.insert(schema.meta, { id: 'databaseId', value: databaseId });
      tx.insert(schema.meta, { id: 'workstationId', value: workstationId });
    });
    return assemble(sqlite, clock, migration);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Unlock: open with the key, check the file belongs to this key ring, then migrate. */
export function openStore(file: string, key: Buffer, expectedDatabaseId: string, clock: Clock, options: StoreOptions = {}): OpenStore {
  const sqlite = openEncryptedDatabase(file, key, { create: false, ...options });
  try {
    // Opens with this key yet holds no store of ours (no meta table): damaged, not a key problem,
    // and migrating would write a new store into someone's file.
    const hasMeta = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    if (!hasMeta) throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
    const databaseId = readMeta(sqlite, 'databaseId');
    if (databaseId !== undefined && databaseId !== expectedDatabaseId) {
      throw new AppError('KEYRING_INVALID', { reason: 'keyringMismatch' });
    }
    const migration = migrateToLatest(sqlite, file);
    return assemble(sqlite, clock, migration);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
