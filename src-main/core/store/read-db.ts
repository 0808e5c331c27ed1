import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
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
