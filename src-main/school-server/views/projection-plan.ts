import { finishStatements, markEntries, markStudents, rekeyEntries, rekeyStudents } from './merged-key-attention';
import type { ViewChanges } from './view-ops';
import { removeText, VIEW_TABLES, type ViewTable } from './view-tables';

/**
 * Every projection statement of one bundle, in the order that keeps the merged key-attention list
 * right: the merged keys the bundle can move are marked as they are, the views change (see
 * UpsertStyle), the moved entries are keyed again and marked as they are now,
 * and the marked students' merged rows are computed again.
 *
 * `referenced` holds the ids of students that full-profile entries of this workstation point to;
 * a student row changes a merged key only through them.
 */
export function projectionPlan(ws: string, changes: ViewChanges, referenced: Set<string>, style: UpsertStyle = 'rows'): PlanStatement[] {
  if (changes.upserts.size === 0 && changes.removals.size === 0) return [];
  const entries = changes.entries;
  for (const id of changes.entryStudents) referenced.add(id);
  const students = new Set(changes.students.filter((id) => referenced.has(id)));
  // PostgreSQL takes each list as one array; SQLite a few hundred ids at a time.
  const asArray = style === 'unnest';
  const groups = (ids: Set<string>): string[][] => (!asArray ? chunks(ids) : ids.size > 0 ? [[...ids]] : []);
  const marks = [...groups(entries).map((ids) => markEntries(ws, ids, asArray)), ...groups(students).map((ids) => markStudents(ws, ids, asArray))];
  if (marks.length === 0) return viewWrites(ws, changes, style);
  return [
    ...marks,
    ...viewWrites(ws, changes, style),
    ...groups(entries).map((ids) => rekeyEntries(ws, ids, asArray)),
    ...groups(students).map((ids) => rekeyStudents(ws, ids, asArray)),
    ...marks,
    ...finishStatements(),
  ];
}

/**
 * How the upserts are written: `rows`, one single-row INSERT … ON CONFLICT run once per row
 * (SQLite: a prepared statement bound row by row was about twice as fast as 100-row VALUES texts);
 * `unnest`, one INSERT … SELECT FROM unnest(column arrays) per table and bundle (PostgreSQL: one
 * statement parsed and one round trip instead of hundreds).
 */
export type UpsertStyle = 'rows' | 'unnest';

/**
 * A statement of the plan; with the `unnest` style a parameter may be a whole column as an array.
 * With `rowWidth` (the `rows` style) the parameters hold several rows of that many values, and the
 * statement is run once per row.
 */
export interface PlanStatement {
  sql: string;
  params: unknown[];
  rowWidth?: number;
}

const ENTITY_COLUMNS = ['workstation_id', 'profile', 'entity', 'entity_id', 'row', 'seq', 'hlc', 'changed_at'];
const ENTITY_KEY = ['workstation_id', 'profile', 'entity', 'entity_id'];

/** The upsert of one of a bundle's rows as a store keeps it: (workstation, profile, entity, id, row's JSON, seq, hlc, changed_at). */
export function entityUpsertText(): string {
  return upsertText('entities', ENTITY_COLUMNS, ENTITY_KEY);
}

const ID_CHUNK = 400;

function chunks(ids: Set<string>): string[][] {
  const list = [...ids];
  const result: string[][] = [];
  for (let i = 0; i < list.length; i += ID_CHUNK) result.push(list.slice(i, i + ID_CHUNK));
  return result;
}

/** Deletes one by one (few), upserts per table (row by row, or one statement of column arrays). Keys are distinct within a bundle (its events are folded per row). */
function viewWrites(ws: string, changes: ViewChanges, style: UpsertStyle): PlanStatement[] {
  const statements: PlanStatement[] = [];
  for (const [id, keys] of changes.removals) {
    const width = VIEW_TABLES[id].key.length;
    for (let i = 0; i < keys.length; i += width) statements.push({ sql: removeText(id), params: keys.slice(i, i + width) });
  }
  for (const [id, values] of changes.upserts) {
    const table: ViewTable = VIEW_TABLES[id];
    const width = table.columns.length;
    const rows = values.length / width;
    if (style === 'unnest') {
      const columns = table.columns.map((_, j) => {
        const column = new Array<unknown>(rows);
        for (let r = 0; r < rows; r += 1) column[r] = values[r * width + j];
        return column;
      });
      statements.push({ sql: unnestUpsertText(table), params: [...columns, ws] });
      continue;
    }
    statements.push({ sql: upsertText(table.name, table.columns, table.key), params: values, rowWidth: width });
  }
  return statements;
}

/**
 * The upsert of a table's rows from one array per column (PostgreSQL), made once per table: the
 * rows already kept are updated and the others inserted, in one statement. Not INSERT … ON
 * CONFLICT, which costs the server a speculative insertion per row: no one else writes these rows
 * meanwhile (bundles are applied one at a time: the PostgreSQL store's apply lock, SQLite's single
 * writer).
 * The last parameter is the workstation, so the update looks at that workstation's rows only.
 */
function unnestUpsertText(table: ViewTable): string {
  let sql = UNNEST_TEXTS.get(table.name);
  if (sql === undefined) {
    const arrays = table.columns.map((c) => `?::${table.integers?.includes(c) ? 'integer' : 'text'}[]`);
    const values = table.columns.filter((c) => !table.key.includes(c));
    const keyMatch = (a: string, b: string) => table.key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
    if (table.key[0] !== 'workstation_id') throw new Error(`view ${table.name}: its key does not start with the workstation`);
    sql = `WITH u AS (SELECT * FROM unnest(${arrays.join(', ')}) AS u(${table.columns.join(', ')})),
      kept AS (${
        values.length === 0
          ? `SELECT ${table.key.map((k) => `t.${k}`).join(', ')} FROM ${table.name} t JOIN u ON ${keyMatch('t', 'u')} WHERE t.workstation_id = ?`
          : `UPDATE ${table.name} t SET ${values.map((c) => `${c} = u.${c}`).join(', ')} FROM u WHERE ${keyMatch('t', 'u')} AND t.workstation_id = ?
        RETURNING ${table.key.map((k) => `t.${k}`).join(', ')}`
      })
      INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM u WHERE NOT EXISTS (SELECT 1 FROM kept WHERE ${keyMatch('kept', 'u')})`;
    UNNEST_TEXTS.set(table.name, sql);
  }
  return sql;
}

const UNNEST_TEXTS = new Map<string, string>();

/** One row's INSERT … ON CONFLICT DO UPDATE, made once per table. */
function upsertText(table: string, columns: readonly string[], key: readonly string[]): string {
  let sql = UPSERT_TEXTS.get(table);
  if (sql === undefined) {
    const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
      ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    UPSERT_TEXTS.set(table, sql);
  }
  return sql;
}

/** The text per table, made once (the same string also finds its prepared statement at once). */
const UPSERT_TEXTS = new Map<string, string>();
