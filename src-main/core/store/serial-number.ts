import { like, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ReadDb } from './read-db';

/**
 * The next number of a series such as 2026-0001 (cases) or CR-2026-0001 (crisis events): one more
 * than the highest `column` value starting with `prefix`, four digits at least. Read inside the
 * write transaction that inserts it, so two writers cannot take the same number.
 */
export function nextSerialNumber(db: ReadDb, table: SQLiteTable, column: SQLiteColumn, prefix: string): string {
  const row = db
    .select({ max: sql<string | null>`max(${column})` })
    .from(table)
    .where(like(column, `${prefix}%`))
    .get();
  const last = row?.max ? Number(row.max.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}
