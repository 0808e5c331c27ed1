import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SqliteDatabase } from './database';

/**
 * Inserts through a statement prepared once per table. Drizzle's query builder prepares a new
 * statement per call, which made bulk imports through the unit of work several times slower.
 * Values still go through drizzle's column codecs (json, boolean modes) and its defaults, so
 * the returned row is what drizzle would read back, without asking SQLite for it again.
 */
export class RowWriter {
  private readonly statements = new Map<string, { statement: Statement<unknown[]>; columns: [string, Column][] }>();

  constructor(private readonly sqlite: SqliteDatabase) {}

  insert<T extends SQLiteTable>(table: T, row: T['$inferInsert']): T['$inferSelect'] {
    const { statement, columns } = this.statementFor(table);
    const complete: Record<string, unknown> = {};
    const params: unknown[] = [];
    for (const [key, column] of columns) {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined) value = column.defaultFn ? column.defaultFn() : (column.default ?? null);
      complete[key] = value;
      params.push(value === null ? null : column.mapToDriverValue(value));
    }
    statement.run(...params);
    return complete as T['$inferSelect'];
  }

  private statementFor(table: SQLiteTable) {
    const name = getTableName(table);
    let entry = this.statements.get(name);
    if (!entry) {
      const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
      const quoted = columns.map(([, column]) => `"${column.name}"`).join(', ');
      const statement = this.sqlite.prepare<unknown[]>(`INSERT INTO "${name}" (${quoted}) VALUES (${columns.map(() => '?').join(', ')})`);
      entry = { statement, columns };
      this.statements.set(name, entry);
    }
    return entry;
  }
}
