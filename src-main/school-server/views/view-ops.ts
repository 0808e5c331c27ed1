import type { ViewOp } from './view-tables';

/**
 * What a received row changes in the projections. Each output column is read by name from the
 * row, so a clinical field added to a workstation table later can never reach a view.
 */

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null);

export interface ReceivedRow {
  workstationId: string;
  profile: string;
  entity: string;
  entityId: string;
  /** The merged row after the event, or null when the event deleted it. */
  row: Record<string, unknown> | null;
  changedAt: string;
}

export function viewOpsFor(received: ReceivedRow): ViewOp[] {
  const { workstationId, profile, entity, entityId, row, changedAt } = received;
  if (profile === 'full') return fullProfileOps(workstationId, entity, entityId, row, changedAt);
  if (profile === 'departments' && entity === 'key_attention_roster') return [rosterOp(workstationId, entityId, row, changedAt)];
  if (profile === 'statistics' && entity === 'statistics_month') {
    return [
      {
        table: 'statisticsMonths',
        key: { workstation_id: workstationId, month: entityId },
        row: row && { figures: JSON.stringify(row), changed_at: changedAt },
      },
    ];
  }
  return [];
}

type Row = Record<string, unknown>;
type Columns = NonNullable<ViewOp['row']>;

/** The named text fields of a row, each into the column of the same name in snake case (`studentNo` → student_no). */
function textFields(row: Row, fields: readonly string[]): Columns {
  const columns: Columns = {};
  for (const field of fields) columns[columnName(field)] = text(row[field]);
  return columns;
}

/** Column names per field, made once (a bundle's tens of thousands of rows name the same few fields). */
const COLUMN_NAMES = new Map<string, string>();
function columnName(field: string): string {
  let name = COLUMN_NAMES.get(field);
  if (name === undefined) {
    name = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    COLUMN_NAMES.set(field, name);
  }
  return name;
}

/** A student's basic data as a view shows it, from a student row or a roster entry that carries it. */
const STUDENT_FIELDS = ['studentNo', 'name', 'department', 'className'] as const;

/** Who is responsible for a key-attention entry: an object in the row (ids in the full profile, names in the roster). */
const responsibleOf = (row: Row): Row => (row.responsible ?? {}) as Row;

/**
 * The full profile's entities and the view each feeds: its table, the key column the entity's id
 * goes to (beside workstation_id) and the columns read from the row.
 */
const FULL_PROFILE_VIEWS: Record<
  string,
  { table: ViewOp['table']; id: string; key?: Record<string, string>; columns: (row: Row, changedAt: string) => Columns }
> = {
  students: {
    table: 'students',
    id: 'local_id',
    columns: (row, changedAt) => ({ ...textFields(row, [...STUDENT_FIELDS, 'status']), changed_at: text(row.updatedAt) ?? changedAt }),
  },
  accounts: { table: 'accounts', id: 'account_id', columns: (row) => textFields(row, ['displayName']) },
  crisis_events: {
    table: 'crisisEvents',
    id: 'event_id',
    columns: (row, changedAt) => ({
      ...textFields(row, ['eventNo', 'level', 'status', 'ownerId', 'discoveredAt']),
      student_local_id: text(row.studentId),
      changed_at: changedAt,
    }),
  },
  crisis_steps: {
    table: 'crisisSteps',
    id: 'step_id',
    columns: (row) => ({
      ...textFields(row, ['eventId', 'status', 'overdueAtLevelChange']),
      due_minutes: int(row.dueMinutes),
      levels: JSON.stringify(Array.isArray(row.levels) ? row.levels.filter((l) => typeof l === 'string') : []),
    }),
  },
  key_attention: {
    table: 'keyAttention',
    id: 'entry_id',
    key: { profile: 'full' },
    columns: (row, changedAt) => ({
      ...textFields(row, ['level', 'status', 'nextReviewOn']),
      student_local_id: text(row.studentId),
      counselor_id: text(responsibleOf(row).counselorId),
      changed_at: changedAt,
    }),
  },
  cases: {
    table: 'cases',
    id: 'case_id',
    columns: (row) => ({ ...textFields(row, ['status', 'openedAt', 'closedAt']), student_local_id: text(row.studentId) }),
  },
  session_notes: { table: 'sessions', id: 'note_id', columns: (row) => textFields(row, ['caseId', 'sessionAt']) },
  referrals: {
    table: 'referrals',
    id: 'referral_id',
    columns: (row) => ({ ...textFields(row, ['status', 'createdAt']), student_local_id: text(row.studentId) }),
  },
  census_followups: {
    table: 'census',
    id: 'followup_id',
    columns: (row, changedAt) => ({ ...textFields(row, ['batchId', 'status', 'createdAt']), student_local_id: text(row.studentId), changed_at: changedAt }),
  },
};

function fullProfileOps(ws: string, entity: string, id: string, row: Row | null, changedAt: string): ViewOp[] {
  if (!Object.hasOwn(FULL_PROFILE_VIEWS, entity)) return [];
  const view = FULL_PROFILE_VIEWS[entity];
  return [{ table: view.table, key: { workstation_id: ws, [view.id]: id, ...view.key }, row: row && view.columns(row, changedAt) }];
}

function rosterOp(ws: string, id: string, row: Row | null, changedAt: string): ViewOp {
  return {
    table: 'keyAttention',
    key: { workstation_id: ws, entry_id: id, profile: 'departments' },
    row: row && {
      ...textFields(row, [...STUDENT_FIELDS, 'level', 'status', 'nextReviewOn']),
      counselor_name: text(responsibleOf(row).counselor),
      changed_at: changedAt,
    },
  };
}
