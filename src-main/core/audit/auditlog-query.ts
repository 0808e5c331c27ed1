import type { AuditEntry, AuditLogFilter } from '../../../src-shared/contract/auditlog';
import type { SqliteDatabase } from '../store/database';
import { auditCategory, categoryCondition } from './auditlog-categories';
import { STUDENT_RECORDS_CTE } from './auditlog-student';

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  workstation_id: string;
}

type Params = Record<string, string | number>;

/** Stored times are `toISOString()` strings; bounds are normalised the same way so text order is time order. */
function instant(value: string): string {
  return new Date(value).toISOString();
}

/** The FROM and WHERE of a filtered read: through the student's records when a student is chosen. */
function filtered(filter: AuditLogFilter): { sql: string; params: Params; positional: string[] } {
  const where: string[] = [];
  const params: Params = {};
  let positional: string[] = [];
  if (filter.actorId) {
    where.push('e.actor_id = @actorId');
    params.actorId = filter.actorId;
  }
  if (filter.from) {
    where.push('e.at >= @from');
    params.from = instant(filter.from);
  }
  if (filter.to) {
    where.push('e.at < @to');
    params.to = instant(filter.to);
  }
  const category = categoryCondition(filter.categories ?? [], 'e.action');
  if (category) {
    // Category lists are bound positionally (named and positional parameters mix in better-sqlite3).
    where.push(category.sql);
    positional = category.params;
  }
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (filter.studentId) {
    params.studentId = filter.studentId;
    // CROSS JOIN keeps SQLite's join order: the student's few records first, each probing the index.
    return {
      sql: `WITH ${STUDENT_RECORDS_CTE}
        SELECT {columns} FROM student_records r CROSS JOIN audit_events e ON e.entity = r.entity AND e.entity_id = r.id
        LEFT JOIN accounts a ON a.id = e.actor_id ${condition}`,
      params,
      positional,
    };
  }
  return { sql: `SELECT {columns} FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id ${condition}`, params, positional };
}

const COLUMNS = 'e.seq, e.at, e.actor_id, a.display_name AS actor_name, e.action, e.entity, e.entity_id, e.details, e.workstation_id';

export function countAuditEvents(sqlite: SqliteDatabase, filter: AuditLogFilter): number {
  const { sql, params, positional } = filtered(filter);
  return sqlite.prepare(sql.replace('{columns}', 'count(*)')).pluck().get(...positional, params) as number;
}

/** Newest first. */
export function pageOfAuditEvents(sqlite: SqliteDatabase, filter: AuditLogFilter, offset: number, limit: number): AuditRow[] {
  const { sql, params, positional } = filtered(filter);
  return sqlite
    .prepare<unknown[], AuditRow>(`${sql.replace('{columns}', COLUMNS)} ORDER BY e.seq DESC LIMIT @limit OFFSET @offset`)
    .all(...positional, { ...params, limit, offset });
}

/**
 * Oldest first, for the export. Read whole rather than iterated: better-sqlite3 keeps the
 * connection busy during an iteration, and the subjects are looked up on the same connection.
 */
export function allAuditEvents(sqlite: SqliteDatabase, filter: AuditLogFilter, limit: number): AuditRow[] {
  const { sql, params, positional } = filtered(filter);
  return sqlite.prepare<unknown[], AuditRow>(`${sql.replace('{columns}', COLUMNS)} ORDER BY e.seq ASC LIMIT @limit`).all(...positional, { ...params, limit });
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Human names for the records a page mentions, looked up once per page: students (name 学号),
 * cases and notes (case number), crisis events (event number), accounts (display name).
 */
export function subjectsFor(sqlite: SqliteDatabase, rows: readonly AuditRow[]): Map<string, string> {
  const byEntity = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.entity_id) continue;
    if (!byEntity.has(row.entity)) byEntity.set(row.entity, new Set());
    byEntity.get(row.entity)!.add(row.entity_id);
  }
  const names = new Map<string, string>();
  const lookup = (entity: string, query: string) => {
    const ids = [...(byEntity.get(entity) ?? [])];
    if (!ids.length) return;
    const found = sqlite.prepare<string[], { id: string; label: string }>(query.replace('{ids}', ids.map(() => '?').join(', '))).all(...ids);
    for (const { id, label } of found) names.set(`${entity}:${id}`, label);
  };
  lookup('students', "SELECT id, name || '（' || student_no || '）' AS label FROM students WHERE id IN ({ids})");
  lookup('cases', 'SELECT id, case_no AS label FROM cases WHERE id IN ({ids})');
  lookup('session_notes', 'SELECT n.id, c.case_no AS label FROM session_notes n JOIN cases c ON c.id = n.case_id WHERE n.id IN ({ids})');
  lookup('crisis_events', 'SELECT id, event_no AS label FROM crisis_events WHERE id IN ({ids})');
  lookup('accounts', 'SELECT id, display_name AS label FROM accounts WHERE id IN ({ids})');
  return names;
}

export function toEntry(row: AuditRow, subjects: Map<string, string>, workstationId: string): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? row.actor_id } : null,
    action: row.action,
    category: auditCategory(row.action),
    entity: row.entity,
    entityId: row.entity_id,
    subject: row.entity_id ? (subjects.get(`${row.entity}:${row.entity_id}`) ?? null) : null,
    details: parseDetails(row.details),
    workstationId: row.workstation_id,
    thisWorkstation: row.workstation_id === workstationId,
  };
}
