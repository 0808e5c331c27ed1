import type { BundleEvent } from '../../core/sync/bundle/codec';
import { VIEW_TABLES, type ViewTable, type ViewTableId, type ViewValue } from './view-tables';

/**
 * What received rows change in the projections. Each output column is read by name from the
 * row, so a clinical field added to a workstation table later can never reach a view.
 *
 * A bundle holds tens of thousands of rows: their view values are written straight into one flat
 * array per table (the row's columns in the table's order, row after row), with no object per row.
 */

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null);

type Row = Record<string, unknown>;
/** One column's value, read from the received row (changedAt: when the event was made). */
type Cell = (row: Row, changedAt: string) => ViewValue;

/** The named text fields of a row, each into the column of the same name in snake case (`studentNo` → student_no). */
function textCells(fields: readonly string[]): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const field of fields) cells[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = (row) => text(row[field]);
  return cells;
}

/** A student's basic data as a view shows it, from a student row or a roster entry that carries it. */
const STUDENT_FIELDS = ['studentNo', 'name', 'department', 'className'] as const;

/** Who is responsible for a key-attention entry: an object in the row (ids in the full profile, names in the roster). */
const responsibleOf = (row: Row): Row => (row.responsible ?? {}) as Row;

/**
 * An entity and the view it feeds: its table, the key column the entity's id goes to (beside
 * workstation_id), fixed key columns, and the columns read from the row; every other column is null.
 */
interface FeedSpec {
  table: ViewTableId;
  id: string;
  key?: Record<string, string>;
  cells: Record<string, Cell>;
}

/** A feed made ready to write: one getter per column in the table's order, and the key columns in key order. */
export interface Feed {
  readonly table: ViewTableId;
  readonly columns: readonly ((ws: string, id: string, row: Row, changedAt: string) => ViewValue)[];
  readonly key: readonly ((ws: string, id: string) => string)[];
}

function feed(spec: FeedSpec): Feed {
  const table: ViewTable = VIEW_TABLES[spec.table];
  const keyValue = (column: string): ((ws: string, id: string) => string) => {
    if (column === 'workstation_id') return (ws) => ws;
    if (column === spec.id) return (_ws, id) => id;
    const fixed = spec.key?.[column];
    if (fixed === undefined) throw new Error(`view ${table.name}: no value for key column ${column}`);
    return () => fixed;
  };
  const columns = table.columns.map((column) => {
    if (table.key.includes(column)) {
      const value = keyValue(column);
      return (ws: string, id: string) => value(ws, id);
    }
    const cell = Object.hasOwn(spec.cells, column) ? spec.cells[column] : null;
    return cell ? (_ws: string, _id: string, row: Row, changedAt: string) => cell(row, changedAt) : () => null;
  });
  for (const column of Object.keys(spec.cells)) {
    if (!table.columns.includes(column) || table.key.includes(column)) throw new Error(`view ${table.name}: ${column} is not one of its value columns`);
  }
  return { table: spec.table, columns, key: table.key.map(keyValue) };
}

/** The full profile's entities and the view each feeds. */
const FULL_PROFILE_FEEDS: Record<string, Feed> = {
  students: feed({
    table: 'students',
    id: 'local_id',
    cells: { ...textCells([...STUDENT_FIELDS, 'status']), changed_at: (row, changedAt) => text(row.updatedAt) ?? changedAt },
  }),
  accounts: feed({ table: 'accounts', id: 'account_id', cells: textCells(['displayName']) }),
  crisis_events: feed({
    table: 'crisisEvents',
    id: 'event_id',
    cells: {
      ...textCells(['eventNo', 'level', 'status', 'ownerId', 'discoveredAt']),
      student_local_id: (row) => text(row.studentId),
      changed_at: (_row, changedAt) => changedAt,
    },
  }),
  crisis_steps: feed({
    table: 'crisisSteps',
    id: 'step_id',
    cells: {
      ...textCells(['eventId', 'status', 'overdueAtLevelChange']),
      due_minutes: (row) => int(row.dueMinutes),
      levels: (row) => JSON.stringify(Array.isArray(row.levels) ? row.levels.filter((l) => typeof l === 'string') : []),
    },
  }),
  key_attention: feed({
    table: 'keyAttention',
    id: 'entry_id',
    key: { profile: 'full' },
    cells: {
      ...textCells(['level', 'status', 'nextReviewOn']),
      student_local_id: (row) => text(row.studentId),
      counselor_id: (row) => text(responsibleOf(row).counselorId),
      changed_at: (_row, changedAt) => changedAt,
    },
  }),
  cases: feed({
    table: 'cases',
    id: 'case_id',
    cells: { ...textCells(['status', 'openedAt', 'closedAt']), student_local_id: (row) => text(row.studentId) },
  }),
  session_notes: feed({ table: 'sessions', id: 'note_id', cells: textCells(['caseId', 'sessionAt']) }),
  referrals: feed({
    table: 'referrals',
    id: 'referral_id',
    cells: { ...textCells(['status', 'createdAt']), student_local_id: (row) => text(row.studentId) },
  }),
  census_followups: feed({
    table: 'census',
    id: 'followup_id',
    cells: { ...textCells(['batchId', 'status', 'createdAt']), student_local_id: (row) => text(row.studentId), changed_at: (_row, changedAt) => changedAt },
  }),
};

/** The departments profile's key-attention roster: the 学号 and basic data travel in the entry itself. */
const ROSTER_FEED = feed({
  table: 'keyAttention',
  id: 'entry_id',
  key: { profile: 'departments' },
  cells: {
    ...textCells([...STUDENT_FIELDS, 'level', 'status', 'nextReviewOn']),
    counselor_name: (row) => text(responsibleOf(row).counselor),
    changed_at: (_row, changedAt) => changedAt,
  },
});

/** De-identified monthly figures from the statistics profile. */
const STATISTICS_FEED = feed({
  table: 'statisticsMonths',
  id: 'month',
  cells: { figures: (row) => JSON.stringify(row), changed_at: (_row, changedAt) => changedAt },
});

/** The view an entity of a profile feeds, if any. */
export function feedFor(profile: string, entity: string): Feed | null {
  if (profile === 'full') return Object.hasOwn(FULL_PROFILE_FEEDS, entity) ? FULL_PROFILE_FEEDS[entity] : null;
  if (profile === 'departments' && entity === 'key_attention_roster') return ROSTER_FEED;
  if (profile === 'statistics' && entity === 'statistics_month') return STATISTICS_FEED;
  return null;
}

const FULL_KEY_ATTENTION = FULL_PROFILE_FEEDS.key_attention;

/** What one bundle changes in the projections. */
export interface ViewChanges {
  /** Per table: the upserted rows' values in column order, row after row (keys are distinct within a bundle). */
  upserts: Map<ViewTableId, ViewValue[]>;
  /** Per table: the removed rows' keys in key order, row after row. */
  removals: Map<ViewTableId, string[]>;
  /** The key-attention entries the bundle wrote or removed (either profile). */
  entries: Set<string>;
  /** The students (local ids) the bundle's full-profile key-attention entries point to. */
  entryStudents: Set<string>;
  /** The students (local ids) the bundle wrote or removed. */
  students: string[];
}

/**
 * The projections' changes from a bundle's final rows (`row` null: the event removed it), added to
 * `changes` when given (rows of one bundle prepared in two parts: see prepared-rows.ts).
 */
export function viewChanges(
  workstationId: string,
  profile: string,
  written: Iterable<{ event: BundleEvent; row: Record<string, unknown> | null }>,
  changes: ViewChanges = { upserts: new Map(), removals: new Map(), entries: new Set(), entryStudents: new Set(), students: [] },
): ViewChanges {
  for (const { event, row } of written) {
    const target = feedFor(profile, event.entity);
    if (!target) continue;
    const id = event.entityId;
    if (target.table === 'keyAttention') changes.entries.add(id);
    else if (target.table === 'students') changes.students.push(id);
    if (row === null) {
      let keys = changes.removals.get(target.table);
      if (!keys) changes.removals.set(target.table, (keys = []));
      for (const value of target.key) keys.push(value(workstationId, id));
      continue;
    }
    let values = changes.upserts.get(target.table);
    if (!values) changes.upserts.set(target.table, (values = []));
    for (const value of target.columns) values.push(value(workstationId, id, row, event.createdAt));
    if (target === FULL_KEY_ATTENTION) {
      const student = text(row.studentId);
      if (student !== null) changes.entryStudents.add(student);
    }
  }
  return changes;
}
