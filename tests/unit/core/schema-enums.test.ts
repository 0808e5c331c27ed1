import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as contract from '../../../src-shared/contract';
import * as actions from '../../../src-shared/contract/actions';
import * as archive from '../../../src-shared/contract/archive';
import * as backup from '../../../src-shared/contract/backup';
import * as sync from '../../../src-shared/contract/sync';
import { CASE_STATUSES } from '../../../src-shared/contract/cases';
import { ALERT_LEVELS } from '../../../src-shared/contract/assessments';
import * as schema from '../../../src-main/core/store/schema';

const root = resolve(__dirname, '../../..');
function schemaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return schemaFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Enum columns the contract never shows (internal bookkeeping): their values may stay in the schema. */
const INTERNAL_ENUMS = ['outbox.op'];

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
// The index leaves a few modules out; their lists count too.
const contractLists = ([contract, actions, archive, backup, sync].flatMap((module) => Object.values(module)) as unknown[]).filter(
  (value): value is readonly string[] => Array.isArray(value) && value.every((v) => typeof v === 'string'),
);

describe('drizzle column enums take their values from the contract', () => {
  it('no table schema writes an enum as a literal list', () => {
    const offenders = schemaFiles(join(root, 'src-main/core/store/schema')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(\w+): text\('\w+', \{\s*enum: \[/g)].map((m) => `${relative(root, file).split('\\').join('/')}: ${m[1]}`),
    );
    expect(offenders).toEqual(['src-main/core/store/schema/kernel.ts: op']);
  });

  it("every enum column's values are one of the contract's lists (same values, same order)", () => {
    const enumColumns = tables.flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((column) => column.enumValues?.length)
        .map((column) => ({ name: `${getTableName(table)}.${column.name}`, values: column.enumValues as string[] })),
    );
    expect(enumColumns.length).toBeGreaterThan(40);
    const unmatched = enumColumns
      .filter(({ name }) => !INTERNAL_ENUMS.includes(name))
      .filter(({ values }) => !contractLists.some((list) => list === values || JSON.stringify(list) === JSON.stringify(values)))
      .map(({ name }) => name);
    expect(unmatched).toEqual([]);
  });

  it('the column holds the contract list itself, so adding a value in the contract reaches the table type', () => {
    expect(schema.cases.status.enumValues).toEqual([...CASE_STATUSES]);
    expect(schema.alerts.level.enumValues).toEqual([...ALERT_LEVELS]);
  });
});
