import type { AuditEntry, AuditLogFilter } from '../../../src-shared/contract/auditlog';
import type { ReadSqlite } from '../store/read-sqlite';
import { actionsOfCategories, auditCategory, categoryCondition, isListedAction } from './auditlog-categories';
import { walkEntries, type FetchBelow, type WalkEntry, type WalkHead } from './auditlog-walk';
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

interface Narrowing {
  /** Only the events numbered first..last (one bulk operation). */
  range?: { first: number; last: number };
  /** Only the events numbered below `@below` (a walk's next batch). */
  below?: boolean;
  /** One action (`@action`) instead of the filter's categories: one index range of the walk. */
  action?: string;
}

/** The FROM and WHERE of a filtered read: through the student's records when a student is chosen. */
function filtered(filter: AuditLogFilter, narrowing: Narrowing = {}): { sql: string; params: Params; positional: string[] } {
  const where: string[] = [];
  const params: Params = {};
  const { range, below, action } = narrowing;
  if (range) {
    where.push('e.seq BETWEEN @first AND @last');
    params.first = range.first;
    params.last = range.last;
  }
  if (below) where.push('e.seq < @below');
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
  if (action !== undefined) {
    where.push('e.action = @action');
    params.action = action;
  } else {
    const category = categoryCondition(filter.categories ?? [], 'e.action');
    if (category) {
      // Category lists are bound positionally (named and positional parameters mix in better-sqlite3).
      where.push(category.sql);
      positional = category.params;
    }
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

function hasFilter(filter: AuditLogFilter): boolean {
  return Boolean(filter.actorId || filter.studentId || filter.from || filter.to || filter.categories?.length);
}

export function countAuditEvents(sqlite: ReadSqlite, filter: AuditLogFilter): number {
  const { sql, params, positional } = filtered(filter);
  return sqlite
    .prepare(sql.replace('{columns}', 'count(*)'))
    .pluck()
    .get(...positional, params) as number;
}

/**
 * Every action the log holds, by hopping through the action index (one probe per distinct
 * action, not a pass over the events): what `change` (any action no category lists) stands for.
 */
function actionsInLog(sqlite: ReadSqlite): string[] {
  const next = sqlite.prepare<[string], string | null>('SELECT min(action) FROM audit_events WHERE action > ?').pluck();
  const out: string[] = [];
  for (let action = next.get(''); action != null; action = next.get(action)) out.push(action);
  return out;
}

/**
 * The index ranges the walk merges: one per action when categories are chosen (each read newest
 * first through `audit_events_action`), else one (the actor's index, the time index or the
 * table itself, as SQLite chooses). A student's events come through their records (few).
 */
function rangesOf(sqlite: ReadSqlite, filter: AuditLogFilter): FetchBelow[] {
  const select = (narrowing: Narrowing) => {
    const { sql, params, positional } = filtered(filter, { ...narrowing, below: true });
    const statement = sqlite.prepare<unknown[], WalkHead>(`${sql.replace('{columns}', 'e.seq AS seq, e.bulk AS bulk')} ORDER BY e.seq DESC LIMIT @limit`);
    return (below: number, limit: number) => statement.all(...positional, { ...params, below, limit });
  };
  if (filter.studentId || !filter.categories?.length) return [select({})];
  const { named, change } = actionsOfCategories(filter.categories);
  const actions = change ? [...new Set([...named, ...actionsInLog(sqlite).filter((action) => !isListedAction(action))])] : named;
  return actions.map((action) => select({ action }));
}

export interface AuditPageRow extends AuditRow {
  /** Set when the row stands for a bulk operation: its id, all its events, those matching the filter. */
  group?: { bulk: string; rows: number; matching: number };
}

/**
 * The events of bulk operation `bulk` around event `seq`: [first, last]. A bulk operation is one
 * transaction (UnitOfWork.run / runLongTransaction with its `bulk`, ids never reused), so its
 * events are consecutive: the first and last of its id in the bulk index are its bounds.
 */
export function bulkRange(sqlite: ReadSqlite, bulk: string, seq: number): { first: number; last: number } | null {
  const member = sqlite.prepare<[number, string], number>('SELECT seq FROM audit_events WHERE seq = ? AND bulk = ?').pluck();
  if (member.get(seq, bulk) === undefined) return null;
  const first = sqlite.prepare<[string], number>('SELECT min(seq) FROM audit_events WHERE bulk = ?').pluck().get(bulk)!;
  const last = sqlite.prepare<[string], number>('SELECT max(seq) FROM audit_events WHERE bulk = ?').pluck().get(bulk)!;
  return { first, last };
}

/** The filter narrowed to one bulk operation's events. */
function inRange(filter: AuditLogFilter, range: { first: number; last: number }) {
  return filtered(filter, { range });
}

function matchingInRange(sqlite: ReadSqlite, filter: AuditLogFilter, range: { first: number; last: number }): number {
  if (!hasFilter(filter)) return range.last - range.first + 1;
  const q = inRange(filter, range);
  return sqlite
    .prepare(q.sql.replace('{columns}', 'count(*)'))
    .pluck()
    .get(...q.positional, q.params) as number;
}

/** How far the list counts ahead of the page asked for: twenty pages, then "more than". */
export const AUDIT_COUNT_AHEAD_PAGES = 20;

/**
 * Newest first, one row per entry: a plain event as it is; a bulk operation as its last event
 * (the one that carries its counts, such as the import's summary), with `group`, whether or not
 * that last event itself matches the filter (so a filter still finds the events inside a group).
 *
 * The total counts entries up to twenty pages past this one; beyond that `capped` says there are
 * more (counting millions of events would take seconds; those pages stay reachable page by page).
 */
export function pageOfAuditEntries(
  sqlite: ReadSqlite,
  filter: AuditLogFilter,
  offset: number,
  limit: number,
): { total: number; capped: boolean; rows: AuditPageRow[] } {
  const countUpTo = offset + limit * AUDIT_COUNT_AHEAD_PAGES;
  const heads: WalkEntry[] = [];
  let counted = 0;
  for (const entry of walkEntries(rangesOf(sqlite, filter), (bulk, seq) => bulkRange(sqlite, bulk, seq))) {
    if (counted >= offset && counted < offset + limit) heads.push(entry);
    counted += 1;
    if (counted > countUpTo) break;
  }
  const bySeq = sqlite.prepare<[number], AuditRow>(`SELECT ${COLUMNS} FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.seq = ?`);
  const rows = heads.map(({ seq, bulk, range }): AuditPageRow => {
    if (!bulk || !range) return bySeq.get(seq)!;
    return { ...bySeq.get(range.last)!, group: { bulk, rows: range.last - range.first + 1, matching: matchingInRange(sqlite, filter, range) } };
  });
  const capped = counted > countUpTo;
  return { total: capped ? countUpTo : counted, capped, rows };
}

/** How many entries (a bulk operation counts once) match the filter: counted whole, for tests and tools. */
export function countAuditEntries(sqlite: ReadSqlite, filter: AuditLogFilter): number {
  const walk = walkEntries(rangesOf(sqlite, filter), (bulk, seq) => bulkRange(sqlite, bulk, seq));
  let counted = 0;
  while (!walk.next().done) counted += 1;
  return counted;
}

/** The events of one bulk operation that match the filter, oldest first. */
export function pageOfBulkEvents(
  sqlite: ReadSqlite,
  filter: AuditLogFilter,
  bulk: string,
  seq: number,
  offset: number,
  limit: number,
): { total: number; rows: AuditRow[] } {
  const range = bulkRange(sqlite, bulk, seq);
  if (!range) return { total: 0, rows: [] };
  const q = inRange(filter, range);
  const total = matchingInRange(sqlite, filter, range);
  const rows = sqlite
    .prepare<unknown[], AuditRow>(`${q.sql.replace('{columns}', COLUMNS)} ORDER BY e.seq ASC LIMIT @limit OFFSET @offset`)
    .all(...q.positional, { ...q.params, limit, offset });
  return { total, rows };
}

/** Newest first. */
export function pageOfAuditEvents(sqlite: ReadSqlite, filter: AuditLogFilter, offset: number, limit: number): AuditRow[] {
  const { sql, params, positional } = filtered(filter);
  return sqlite
    .prepare<unknown[], AuditRow>(`${sql.replace('{columns}', COLUMNS)} ORDER BY e.seq DESC LIMIT @limit OFFSET @offset`)
    .all(...positional, { ...params, limit, offset });
}

/**
 * Oldest first, for the export. Read whole rather than iterated: better-sqlite3 keeps the
 * connection busy during an iteration, and the subjects are looked up on the same connection.
 */
export function allAuditEvents(sqlite: ReadSqlite, filter: AuditLogFilter, limit: number): AuditRow[] {
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

const STUDENT_LABEL = "s.name || '（' || s.student_no || '）'";

/** How a person knows a record of each kind: the SELECT of (id, label) for the ids `{ids}`. */
const NAMED: Record<string, string> = {
  students: `SELECT s.id, ${STUDENT_LABEL} AS label FROM students s WHERE s.id IN ({ids})`,
  cases: 'SELECT id, case_no AS label FROM cases WHERE id IN ({ids})',
  session_notes: 'SELECT n.id, c.case_no AS label FROM session_notes n JOIN cases c ON c.id = n.case_id WHERE n.id IN ({ids})',
  crisis_events: 'SELECT id, event_no AS label FROM crisis_events WHERE id IN ({ids})',
  accounts: 'SELECT id, display_name AS label FROM accounts WHERE id IN ({ids})',
  census_batches: 'SELECT id, name AS label FROM census_batches WHERE id IN ({ids})',
  counseling_groups: 'SELECT id, name AS label FROM counseling_groups WHERE id IN ({ids})',
  rooms: 'SELECT id, name AS label FROM rooms WHERE id IN ({ids})',
  backup_runs: 'SELECT id, file_name AS label FROM backup_runs WHERE id IN ({ids})',
  crisis_steps: "SELECT x.id, e.event_no || ' · ' || x.title AS label FROM crisis_steps x JOIN crisis_events e ON e.id = x.event_id WHERE x.id IN ({ids})",
  crisis_level_changes: 'SELECT x.id, e.event_no AS label FROM crisis_level_changes x JOIN crisis_events e ON e.id = x.event_id WHERE x.id IN ({ids})',
  crisis_notifications: 'SELECT x.id, e.event_no AS label FROM crisis_notifications x JOIN crisis_events e ON e.id = x.event_id WHERE x.id IN ({ids})',
};

/** Records that belong to one student: known by the student's name and 学号. */
const OF_STUDENT = [
  'key_attention_history',
  'return_assessments',
  'waitlist_entries',
  'group_members',
  'intakes',
  'assessments',
  'alerts',
  'reports',
  'referrals',
  'safety_plans',
  'disclosures',
  'followup_tasks',
  'leave_records',
  'key_attention',
  'appointments',
  'census_followups',
];
for (const table of OF_STUDENT) {
  NAMED[table] = `SELECT x.id, ${STUDENT_LABEL} AS label FROM ${table} x JOIN students s ON s.id = x.student_id WHERE x.id IN ({ids})`;
}

const UUID_ANYWHERE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a details object holds, at any depth. */
function idsIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID_ANYWHERE.test(value)) into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => idsIn(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => idsIn(v, into));
}

function lookupNames(sqlite: ReadSqlite, query: string, ids: readonly string[], onFound: (id: string, label: string) => void): void {
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const found = sqlite.prepare<string[], { id: string; label: string }>(query.replace('{ids}', slice.map(() => '?').join(', '))).all(...slice);
    for (const { id, label } of found) if (label) onFound(id, label);
  }
}

/**
 * Human names for the records a page mentions, looked up once per page: the entry's own record
 * (`entity:id` keys: students by name 学号, cases and notes by case number, crisis events by
 * event number, accounts by display name, batches by name, a student's records by the student)
 * and every record an id in the details points at (`id` keys; ids are UUIDs, unique across tables).
 */
export function subjectsFor(sqlite: ReadSqlite, rows: readonly AuditRow[]): Map<string, string> {
  const byEntity = new Map<string, Set<string>>();
  const mentioned = new Set<string>();
  for (const row of rows) {
    if (row.entity_id) {
      if (!byEntity.has(row.entity)) byEntity.set(row.entity, new Set());
      byEntity.get(row.entity)!.add(row.entity_id);
    }
    if (row.details.length > 2) idsIn(parseDetails(row.details), mentioned);
  }
  const names = new Map<string, string>();
  stepTitles(sqlite, rows, names);
  for (const [entity, ids] of byEntity) {
    const query = NAMED[entity];
    if (query) lookupNames(sqlite, query, [...ids], (id, label) => names.set(`${entity}:${id}`, label));
  }
  if (mentioned.size) {
    // Students, accounts, events, batches first: a name found there wins over the student of a record.
    const ids = [...mentioned];
    for (const query of Object.values(NAMED)) {
      const open = ids.filter((id) => !names.has(id));
      if (!open.length) break;
      lookupNames(sqlite, query, open, (id, label) => names.set(id, label));
    }
  }
  return names;
}

/** A crisis step is audited by its template key (`safety_plan`): the step's own title names it. */
function stepKeyOf(details: Record<string, unknown>): string | null {
  return typeof details.eventId === 'string' && typeof details.key === 'string' ? `step:${details.eventId}:${details.key}` : null;
}

function stepTitles(sqlite: ReadSqlite, rows: readonly AuditRow[], names: Map<string, string>): void {
  const query = sqlite.prepare<[string, string], string>('SELECT title FROM crisis_steps WHERE event_id = ? AND key = ?').pluck();
  for (const row of rows) {
    if (!row.details.includes('"key"')) continue;
    const stepKey = stepKeyOf(parseDetails(row.details));
    if (!stepKey || names.has(stepKey)) continue;
    const [, eventId, key] = stepKey.split(':') as [string, string, string];
    const title = query.get(eventId, key);
    if (title) names.set(stepKey, title);
  }
}

/** The names of the ids (and the crisis step key) one entry's details hold. */
function namesOf(details: Record<string, unknown>, subjects: Map<string, string>): Record<string, string> {
  const ids = new Set<string>();
  idsIn(details, ids);
  const out: Record<string, string> = {};
  const stepKey = stepKeyOf(details);
  const stepTitle = stepKey ? subjects.get(stepKey) : undefined;
  if (stepTitle) out[details.key as string] = stepTitle;
  for (const id of ids) {
    const name = subjects.get(id);
    if (name) out[id] = name;
  }
  return out;
}

export function toEntry(row: AuditRow | AuditPageRow, subjects: Map<string, string>, workstationId: string, workstationName: string | null = null): AuditEntry {
  const details = parseDetails(row.details);
  // `unset`: the store's first events (its identity rows), written by createStore on this very
  // database before its workstation id existed; audit events are never imported from elsewhere.
  const thisWorkstation = row.workstation_id === workstationId || row.workstation_id === 'unset';
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? row.actor_id } : null,
    action: row.action,
    category: auditCategory(row.action),
    entity: row.entity,
    entityId: row.entity_id,
    subject: row.entity_id ? (subjects.get(`${row.entity}:${row.entity_id}`) ?? null) : null,
    details,
    names: namesOf(details, subjects),
    workstationId: row.workstation_id,
    thisWorkstation,
    ...(thisWorkstation && workstationName ? { workstationName } : {}),
    ...('group' in row && row.group ? { group: row.group } : {}),
  };
}
