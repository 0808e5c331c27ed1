import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SqliteDatabase } from './database';
import type { ReadSqlite } from './read-sqlite';
import * as schema from './schema';

/** The full drizzle database: only the unit of work (and the store's own plumbing) holds one. */
export type WritableDb = BetterSQLite3Database<typeof schema>;

/**
 * What every service reads through: drizzle's select builders, nothing that writes. Writes go
 * through the unit of work (`tx.insert/update/delete`), which adds the audit and outbox events;
 * a `db.insert(...)` anywhere else does not type-check, and at run time (readOnlyDb) it fails
 * too (see tests/unit/core/read-db.test.ts).
 */
export type ReadDb = Pick<WritableDb, 'select' | 'selectDistinct' | '$count' | 'query'>;

/**
 * Drizzle over a read-only connection (readOnlySqlite): drizzle prepares every query on its
 * client, so a write reached through a cast (`(db as any).insert`, `.run(sql)`) is refused at
 * prepare, and `$client` leads to the read-only wrapper, not to the writable connection.
 */
export function readOnlyDb(reader: ReadSqlite): ReadDb {
  return drizzle({ client: reader as unknown as SqliteDatabase, schema });
}
