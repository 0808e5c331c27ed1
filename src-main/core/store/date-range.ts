import { gte, lte, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** A list filter's from/to on a day column as conditions: both days included, an end left out is open. */
export function betweenDays(column: SQLiteColumn, filter: { from?: string; to?: string }): SQL[] {
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(gte(column, filter.from));
  if (filter.to) conditions.push(lte(column, filter.to));
  return conditions;
}
