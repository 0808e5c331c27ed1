import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';

/**
 * The director's key-attention list merged per student, kept as a projection of its own
 * (view_key_attention_students: one row per student across workstations, with the highest level,
 * the earliest next review and the number of holders) so that a page of it is read through an
 * index instead of merging every entry of the school on each request.
 *
 * Each entry of view_key_attention carries the key of the student it counts for (`merged_key`):
 * the 学号 (from the workstation's student row for the full profile, from the roster entry itself
 * for the departments profile), or `#workstation#entry` while no 学号 is known, so an entry never
 * vanishes and never merges with a stranger. Whenever an entry or a student row it points to
 * changes, the keys it had and has are marked in ka_dirty, and at the end of the bundle those
 * students' merged rows are computed again, in the same transaction.
 */

export interface Statement {
  sql: string;
  /** A parameter is a text array only in statements made for PostgreSQL (`asArray`). */
  params: (string | number | null | string[])[];
}

/** The work table of one application: the student keys whose merged row must be computed again. */
export const MERGED_KEY_ATTENTION_DDL = `
CREATE TABLE IF NOT EXISTS ka_dirty (student_key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS view_key_attention_merged ON view_key_attention (merged_key);
CREATE INDEX IF NOT EXISTS view_key_attention_student ON view_key_attention (workstation_id, student_local_id);
CREATE INDEX IF NOT EXISTS view_key_attention_students_order ON view_key_attention_students (level_rank, student_key);
`;

/** Position in the level scheme as SQL (0 = highest); unknown levels rank after every known one. */
const RANK_SQL = `CASE k.level ${DEFAULT_CRISIS_LEVELS.map((l, i) => `WHEN '${l.key}' THEN ${i}`).join(' ')} ELSE ${DEFAULT_CRISIS_LEVELS.length} END`;
const LEVEL_OF_RANK_SQL = `CASE MIN(${RANK_SQL}) ${DEFAULT_CRISIS_LEVELS.map((l, i) => `WHEN ${i} THEN '${l.key}'`).join(' ')} ELSE MIN(k.level) END`;

const ACTIVE = `(k.status IS NULL OR k.status <> 'removed')`;
/** A roster entry that is the same entry as an active full-profile one of its workstation counts once (as the full one). */
export const NOT_SHADOWED = `NOT (k.profile = 'departments' AND EXISTS (
  SELECT 1 FROM view_key_attention f
  WHERE f.workstation_id = k.workstation_id AND f.entry_id = k.entry_id AND f.profile = 'full' AND (f.status IS NULL OR f.status <> 'removed')))`;
const COUNTED = `${ACTIVE} AND ${NOT_SHADOWED}`;

/** The student an entry counts for, from the rows as they are now. */
const KEY_SQL = `COALESCE(
  CASE WHEN profile = 'full'
    THEN (SELECT s.student_no FROM view_students s WHERE s.workstation_id = view_key_attention.workstation_id AND s.local_id = view_key_attention.student_local_id)
    ELSE student_no END,
  '#' || workstation_id || '#' || entry_id)`;

/**
 * Ids matched in a statement: `IN (?, …)` (both stores, a few hundred at a time), or with `asArray`
 * one text array, `= ANY(?::text[])` (PostgreSQL: all of a bundle's ids in one statement parsed once).
 */
const matching = (column: string, ids: readonly string[], asArray: boolean): { sql: string; params: IdParam[] } =>
  asArray ? { sql: `${column} = ANY(?::text[])`, params: [[...ids]] } : { sql: `${column} IN (${ids.map(() => '?').join(', ')})`, params: [...ids] };
type IdParam = string | string[];

export const markEntries = (ws: string, entryIds: readonly string[], asArray = false): Statement => {
  const ids = matching('entry_id', entryIds, asArray);
  return {
    sql: `INSERT INTO ka_dirty (student_key) SELECT merged_key FROM view_key_attention WHERE workstation_id = ? AND ${ids.sql} AND merged_key IS NOT NULL`,
    params: [ws, ...ids.params],
  };
};
export const rekeyEntries = (ws: string, entryIds: readonly string[], asArray = false): Statement => {
  const ids = matching('entry_id', entryIds, asArray);
  return { sql: `UPDATE view_key_attention SET merged_key = ${KEY_SQL} WHERE workstation_id = ? AND ${ids.sql}`, params: [ws, ...ids.params] };
};
export const markStudents = (ws: string, localIds: readonly string[], asArray = false): Statement => {
  const ids = matching('student_local_id', localIds, asArray);
  return {
    sql: `INSERT INTO ka_dirty (student_key) SELECT merged_key FROM view_key_attention WHERE workstation_id = ? AND ${ids.sql} AND profile = 'full' AND merged_key IS NOT NULL`,
    params: [ws, ...ids.params],
  };
};
export const rekeyStudents = (ws: string, localIds: readonly string[], asArray = false): Statement => {
  const ids = matching('student_local_id', localIds, asArray);
  return {
    sql: `UPDATE view_key_attention SET merged_key = ${KEY_SQL} WHERE workstation_id = ? AND ${ids.sql} AND profile = 'full'`,
    params: [ws, ...ids.params],
  };
};

/** The full-profile entries' student ids of one workstation: only those students' changes can move a key. */
export function referencedStudentsQuery(ws: string): Statement {
  return { sql: `SELECT DISTINCT student_local_id FROM view_key_attention WHERE workstation_id = ? AND profile = 'full'`, params: [ws] };
}

const MERGED_COLUMNS = 'student_key, student_no, level, level_rank, next_review_on, holders';
const mergedSelect = (where: string) => `
  SELECT k.merged_key, CASE WHEN k.merged_key LIKE '#%' THEN NULL ELSE k.merged_key END, ${LEVEL_OF_RANK_SQL}, MIN(${RANK_SQL}),
         MIN(k.next_review_on), COUNT(*)
  FROM view_key_attention k
  WHERE ${where} AND ${COUNTED}
  GROUP BY k.merged_key`;

/** After the bundle's changes: the marked students' merged rows, computed again. */
export function finishStatements(): Statement[] {
  return [
    { sql: 'DELETE FROM view_key_attention_students WHERE student_key IN (SELECT student_key FROM ka_dirty)', params: [] },
    {
      sql: `INSERT INTO view_key_attention_students (${MERGED_COLUMNS}) ${mergedSelect('k.merged_key IN (SELECT student_key FROM ka_dirty)')}`,
      params: [],
    },
    { sql: 'DELETE FROM ka_dirty', params: [] },
  ];
}

/** A store from before this projection: every entry keyed and every merged row computed, in one transaction. */
export const NEEDS_REBUILD_QUERY = 'SELECT 1 AS missing FROM view_key_attention WHERE merged_key IS NULL LIMIT 1';
export function rebuildStatements(): Statement[] {
  return [
    { sql: `UPDATE view_key_attention SET merged_key = ${KEY_SQL}`, params: [] },
    { sql: 'DELETE FROM view_key_attention_students', params: [] },
    { sql: `INSERT INTO view_key_attention_students (${MERGED_COLUMNS}) ${mergedSelect('k.merged_key IS NOT NULL')}`, params: [] },
    { sql: 'DELETE FROM ka_dirty', params: [] },
  ];
}
