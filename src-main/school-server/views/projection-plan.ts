import type { BundleEvent } from '../../core/sync/bundle/codec';
import { finishStatements, markEntries, markStudents, rekeyEntries, rekeyStudents, type Statement } from './merged-key-attention';
import { viewOpsFor, type ReceivedRow } from './view-ops';
import { VIEW_TABLES, viewStatements, writeViewParams, type ViewOp, type ViewTable, type ViewTableId } from './view-tables';

/**
 * Every projection statement of one bundle, in the order that keeps the merged key-attention list
 * right: the merged keys the bundle can move are marked as they are, the views change (upserts in
 * multi-row batches: a bundle holds tens of thousands of rows, and one statement per row was most
 * of the time spent applying it), the moved entries are keyed again and marked as they are now,
 * and the marked students' merged rows are computed again.
 *
 * `referenced` holds the ids of students that full-profile entries of this workstation point to;
 * a student row changes a merged key only through them.
 */
export function projectionPlan(received: readonly ReceivedRow[], referenced: Set<string>, style: UpsertStyle = 'values'): PlanStatement[] {
  const ops = received.flatMap(viewOpsFor);
  if (ops.length === 0) return [];
  const ws = received[0].workstationId;
  const entries = new Set<string>();
  for (const op of ops) {
    if (op.table !== 'keyAttention') continue;
    entries.add(op.key.entry_id);
    const local = op.row?.student_local_id;
    if (typeof local === 'string') referenced.add(local);
  }
  const students = new Set(ops.filter((op) => op.table === 'students' && referenced.has(op.key.local_id)).map((op) => op.key.local_id));
  const marks = [...chunks(entries).map((ids) => markEntries(ws, ids)), ...chunks(students).map((ids) => markStudents(ws, ids))];
  if (marks.length === 0) return changes(ops, style);
  return [
    ...marks,
    ...changes(ops, style),
    ...chunks(entries).map((ids) => rekeyEntries(ws, ids)),
    ...chunks(students).map((ids) => rekeyStudents(ws, ids)),
    ...marks,
    ...finishStatements(),
  ];
}

/**
 * How the upserts are written: `values`, multi-row INSERT … VALUES of 100 rows (SQLite binds them
 * fast and has no array parameters); `unnest`, one INSERT … SELECT FROM unnest(column arrays) per
 * table and bundle (PostgreSQL: one statement parsed and one round trip instead of hundreds).
 */
export type UpsertStyle = 'values' | 'unnest';

/** A statement of the plan; with the `unnest` style a parameter may be a whole column as an array. */
export interface PlanStatement {
  sql: string;
  params: unknown[];
}

const ENTITY_COLUMNS = ['workstation_id', 'profile', 'entity', 'entity_id', 'row', 'seq', 'hlc', 'changed_at'];
const ENTITY_KEY = ['workstation_id', 'profile', 'entity', 'entity_id'];

/** The bundle's rows as each store keeps them (`stored`: the row's JSON, sealed where the store seals), 100 to a statement. */
export function entityUpserts(ws: string, profile: string, rows: readonly { event: BundleEvent; stored: string }[]): Statement[] {
  const statements: Statement[] = [];
  const width = ENTITY_COLUMNS.length;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const end = Math.min(rows.length, i + ROWS_PER_STATEMENT);
    // The parameters are written straight into one array: no array per row, no flattening.
    const params: Statement['params'] = new Array((end - i) * width);
    let k = 0;
    for (let r = i; r < end; r += 1) {
      const { event, stored } = rows[r];
      params[k++] = ws;
      params[k++] = profile;
      params[k++] = event.entity;
      params[k++] = event.entityId;
      params[k++] = stored;
      params[k++] = event.seq;
      params[k++] = event.hlc;
      params[k++] = event.createdAt;
    }
    statements.push({ sql: upsertText('entities', ENTITY_COLUMNS, ENTITY_KEY, end - i), params });
  }
  return statements;
}

/** The bundle's final rows as the projections read them. */
export function receivedRows(ws: string, profile: string, written: readonly { event: BundleEvent; row: Record<string, unknown> | null }[]): ReceivedRow[] {
  return written.map(({ event, row }) => ({ workstationId: ws, profile, entity: event.entity, entityId: event.entityId, row, changedAt: event.createdAt }));
}

const ID_CHUNK = 400;
const ROWS_PER_STATEMENT = 100;

function chunks(ids: Set<string>): string[][] {
  const list = [...ids];
  const result: string[][] = [];
  for (let i = 0; i < list.length; i += ID_CHUNK) result.push(list.slice(i, i + ID_CHUNK));
  return result;
}

/** Deletes one by one (few), upserts per table in batches of rows. Keys are distinct within a bundle (its events are folded per row). */
function changes(ops: readonly ViewOp[], style: UpsertStyle): PlanStatement[] {
  const statements: PlanStatement[] = [];
  const upserts = new Map<ViewTableId, ViewOp[]>();
  for (const op of ops) {
    if (op.row === null) statements.push(viewStatements(op));
    else {
      const list = upserts.get(op.table) ?? [];
      list.push(op);
      upserts.set(op.table, list);
    }
  }
  for (const [id, list] of upserts) {
    const table: ViewTable = VIEW_TABLES[id];
    if (style === 'unnest') {
      const width = table.columns.length;
      const row: unknown[] = new Array(width);
      const columns = table.columns.map(() => new Array<unknown>(list.length));
      list.forEach((op, r) => {
        writeViewParams(op, row, 0);
        for (let j = 0; j < width; j += 1) columns[j][r] = row[j];
      });
      statements.push({ sql: unnestUpsertText(table), params: columns });
      continue;
    }
    for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT) {
      const end = Math.min(list.length, i + ROWS_PER_STATEMENT);
      const params: Statement['params'] = new Array((end - i) * table.columns.length);
      let k = 0;
      for (let r = i; r < end; r += 1) k = writeViewParams(list[r], params, k);
      statements.push({ sql: upsertText(table.name, table.columns, table.key, end - i), params });
    }
  }
  return statements;
}

/** INSERT … SELECT FROM unnest(one array per column) ON CONFLICT DO UPDATE (PostgreSQL), made once per table. */
function unnestUpsertText(table: ViewTable): string {
  let sql = UNNEST_TEXTS.get(table.name);
  if (sql === undefined) {
    const arrays = table.columns.map((c) => `?::${table.integers?.includes(c) ? 'integer' : 'text'}[]`);
    const updates = table.columns.filter((c) => !table.key.includes(c)).map((c) => `${c} = excluded.${c}`);
    sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})
      ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    UNNEST_TEXTS.set(table.name, sql);
  }
  return sql;
}

const UNNEST_TEXTS = new Map<string, string>();

/** One INSERT … VALUES (…), (…) ON CONFLICT DO UPDATE for rows of distinct keys; the same text for both stores. */
function upsertText(table: string, columns: readonly string[], key: readonly string[], rowCount: number): string {
  const textKey = `${table}|${rowCount}`;
  let sql = UPSERT_TEXTS.get(textKey);
  if (sql === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rowCount }, () => tuple).join(', ')}
      ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    UPSERT_TEXTS.set(textKey, sql);
  }
  return sql;
}

/** The text per table and batch size, made once (the same string also finds its prepared statement at once). */
const UPSERT_TEXTS = new Map<string, string>();
