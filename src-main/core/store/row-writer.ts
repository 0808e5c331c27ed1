import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { SQLiteTextJson, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SqliteDatabase } from './database';

interface TableWriter {
  statement: Statement<unknown[]>;
  columns: { key: string; column: Column; jsonKey: string; json: boolean }[];
}

/**
 * Inserts through a statement prepared once per table. Drizzle's query builder prepares a new
 * statement per call, which made bulk imports through the unit of work several times slower.
 * Values still go through drizzle's column codecs (json, boolean modes) and its defaults, so
 * the returned row is what drizzle would read back, without asking SQLite for it again.
 */
export class RowWriter {
  private readonly statements = new Map<string, TableWriter>();

  constructor(private readonly sqlite: SqliteDatabase) {}

  insert<T extends SQLiteTable>(table: T, row: T['$inferInsert']): T['$inferSelect'] {
    return this.insertWithJson(table, row).row;
  }

  /**
   * The insert, and the row's JSON (`JSON.stringify(row)`, what the audit event digests): a json
   * column's text is the one its codec made for SQLite, not a second serialisation of the same
   * answers and results.
   */
  insertWithJson<T extends SQLiteTable>(table: T, row: T['$inferInsert']): { row: T['$inferSelect']; json: string } {
    const { statement, columns } = this.statementFor(table);
    const complete: Record<string, unknown> = {};
    const params: unknown[] = new Array(columns.length);
    let json = '';
    for (let i = 0; i < columns.length; i++) {
      const { key, column, jsonKey } = columns[i];
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined) value = column.defaultFn ? column.defaultFn() : (column.default ?? null);
      complete[key] = value;
      const driver = value === null ? null : column.mapToDriverValue(value);
      params[i] = driver;
      // As JSON.stringify(complete) writes it: a value it leaves out (undefined, a function) has no key.
      const text = columns[i].json && typeof driver === 'string' ? driver : (JSON.stringify(value) as string | undefined);
      if (text !== undefined) json += `${json === '' ? '{' : ','}${jsonKey}${text}`;
    }
    statement.run(params);
    return { row: complete as T['$inferSelect'], json: json === '' ? '{}' : `${json}}` };
  }

  private statementFor(table: SQLiteTable): TableWriter {
    const name = getTableName(table);
    let entry = this.statements.get(name);
    if (!entry) {
      const columns = Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => ({
        key,
        column,
        jsonKey: `${JSON.stringify(key)}:`,
        json: is(column, SQLiteTextJson),
      }));
      const quoted = columns.map(({ column }) => `"${column.name}"`).join(', ');
      const statement = this.sqlite.prepare<unknown[]>(`INSERT INTO "${name}" (${quoted}) VALUES (${columns.map(() => '?').join(', ')})`);
      entry = { statement, columns };
      this.statements.set(name, entry);
    }
    return entry;
  }
}
