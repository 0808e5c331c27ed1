import { eq, getTableName, is, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ReadDb } from './read-db';
import * as schema from './schema';

/**
 * The outbox event of a row inserted by a bulk operation (an import) does not repeat the row: its
 * payload is a reference, `{"id":…,"inRow":true}`, and the export reads the row from its table
 * (issue 19: "the outbox payload need not repeat what the assessment row holds"). A census
 * import's outbox was larger than its assessments (each form's answers and result twice).
 *
 * What the school server receives is the same: the export turns the reference back into the row
 * as drizzle reads it, which is what the insert would have stored (the unit of work's insert
 * returns exactly that, see tests/unit/core/unit-of-work.test.ts). A row changed since is sent
 * as it is now (the later update events carry the same fields, the receiver's insert replaces and
 * its update merges, so it ends with the same row); a row removed since (the archive's
 * destruction scrubs its events anyway) is sent as `{ id, destroyed: true }`, what the scrub
 * leaves, never its former content.
 */
const REFERENCE_END = ',"inRow":true}';

export function rowReference(id: string): string {
  return `{"id":${JSON.stringify(id)}${REFERENCE_END}`;
}

export function isRowReference(payload: string): boolean {
  if (!payload.endsWith(REFERENCE_END) || !payload.startsWith('{"id":')) return false;
  const parsed = JSON.parse(payload) as Record<string, unknown>;
  const keys = Object.keys(parsed);
  return keys.length === 2 && typeof parsed.id === 'string' && parsed.inRow === true;
}

type IdTable = SQLiteTable & { id: Parameters<typeof eq>[0] };

let tables: Map<string, IdTable> | null = null;

function tableNamed(name: string): IdTable | undefined {
  if (!tables) {
    tables = new Map();
    for (const value of Object.values(schema)) {
      if (is(value, SQLiteTable) && 'id' in value) tables.set(getTableName(value), value as IdTable);
    }
  }
  return tables.get(name);
}

/**
 * The export's view of outbox payloads: a reference becomes the row's JSON (one prepared read per
 * table), any other payload stays as it is.
 */
export function outboxPayloads(db: ReadDb): (row: { entity: string; entityId: string; payload: string }) => string {
  const reads = new Map<string, { get: (values: { id: string }) => unknown }>();
  const readOf = (entity: string) => {
    let read = reads.get(entity);
    if (!read) {
      const table = tableNamed(entity);
      read = table
        ? db
            .select()
            .from(table)
            .where(eq(table.id, sql.placeholder('id')))
            .prepare()
        : { get: () => undefined };
      reads.set(entity, read);
    }
    return read;
  };
  return (row) => {
    if (!isRowReference(row.payload)) return row.payload;
    const found = readOf(row.entity).get({ id: row.entityId });
    return JSON.stringify(found ?? { id: row.entityId, destroyed: true });
  };
}
