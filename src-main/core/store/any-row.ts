import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ReadDb } from './read-db';

/** Whether `table` has at least one row matching `where` (reads one row at most). */
export function anyRow(db: ReadDb, table: SQLiteTable, where: SQL | undefined): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(table)
      .where(where)
      .limit(1)
      .all().length > 0
  );
}
