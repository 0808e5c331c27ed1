import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';

/**
 * Inserts through a statement prepared once per table and column set. Drizzle's query builder
 * prepares a new statement per call, which made bulk imports through the unit of work several
 * times slower; values still go through drizzle's own column codecs (json, boolean modes), so
 * rows look exactly as drizzle would write and read them.
 */
export class RowWriter {
  private readonly statements = new Map<string, Statement<unknown[]>>();


  constructor(private readonly sqlite: SqliteDatabase) {}

  insert<T extends SQLiteTable>(table: T, row: T['$inferInsert']): T['$inferSelect'] {
    const columns = getTableColumns(table) as Record<string, Column>;
    const entries = Object.entries(columns).flatMap(([key, column]) => {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined && column.defaultFn) value = column.defaultFn();
      return value === undefined ? [] : [[key, column, value] as const];
    });
    const statement = this.statementFor(table, entries.map(([, column]) => column.name));
    const params: unknown[] = entries.map(([, column, value]) => (value === null ? null : column.mapToDriverValue(value)));
    const raw = statement.get(...params) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(columns).map(([key, column]) => {
        const value = raw[column.name];
        return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
      }),
    ) as T['$inferSelect'];
  }

  private statementFor(table: SQLiteTable, names: string[]) {
    const tableName = getTableName(table);
    const key = `${tableName}|${names.join(',')}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const quoted = names.map((n) => `"${n}"`).join(', ');
      statement = this.sqlite.prepare<unknown[]>(`INSERT INTO "${tableName}" (${quoted}) VALUES (${names.map(() => '?').join(', ')}) RETURNING *`);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
