import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SqliteDatabase } from './database';
import type * as schema from './schema';

/** The full drizzle database: only the unit of work (and the store's own plumbing) holds one. */
export type WritableDb = BetterSQLite3Database<typeof schema>;

/**
 * What every service reads through: drizzle's select builders, nothing that writes. Writes go
 * through the unit of work (`tx.insert/update/delete`), which adds the audit and outbox events;
 * a `db.insert(...)` anywhere else does not type-check. The object is the same drizzle instance
 * at run time: the type is the rule (see tests/unit/core/read-db.test.ts).
 */
export type ReadDb = Pick<WritableDb, 'select' | 'selectDistinct' | '$count' | 'query'>;

/** A prepared statement that can only be read from: no `run`, no way back to its connection. */
export interface ReadStatement<P extends unknown[] = unknown[], R = unknown> {
  readonly source: string;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  expand(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
  columns(): ReturnType<ReturnType<SqliteDatabase['prepare']>['columns']>;
}

/** Raw SQL for reads only (statistics, the audit log's hand-written queries): prepared reads. */
export interface ReadSqlite {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(source: string): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
}

/**
 * The connection behind a ReadSqlite that refuses, at prepare time, any statement that would
 * write (SQLite's own answer: `Statement.readonly`), so even `DELETE … RETURNING` passed to
 * `.get()` cannot slip past the type.
 */
export function readOnlySqlite(sqlite: SqliteDatabase): ReadSqlite {
  return {
    prepare(source: string) {
      const statement = sqlite.prepare(source);
      // A programming error, not a user's: it reaches the caller as INTERNAL.
      if (!statement.readonly) throw new Error('A write outside the unit of work (ReadSqlite takes reads only)');
      return statement;
    },
  } as ReadSqlite;
}
