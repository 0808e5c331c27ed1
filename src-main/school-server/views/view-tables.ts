/**
 * The receiver's projections: what the director's, the 院系 and the leadership views read. They
 * are kept in clear beside the sealed rows, so they hold no clinical column by construction: each
 * table names its columns here, and view-ops.ts fills them field by field from the received rows
 * (never a row copied whole). Updated in the transaction that applies a bundle, in both stores.
 */

export interface ViewTable {
  name: string;
  /** Columns in order; the key columns first. All TEXT except those named in `integers`. */
  columns: readonly string[];
  key: readonly string[];
  integers?: readonly string[];
}

export const VIEW_TABLES = {
  /** A student as one workstation knows them (local id → 学号), the basic data that workstation holds. */
  students: {
    name: 'view_students',
    columns: ['workstation_id', 'local_id', 'student_no', 'name', 'department', 'class_name', 'status', 'changed_at'],
    key: ['workstation_id', 'local_id'],
  },
  /** Display names of the workstations' accounts (responsible counselors, event owners). */
  accounts: {
    name: 'view_accounts',
    columns: ['workstation_id', 'account_id', 'display_name'],
    key: ['workstation_id', 'account_id'],
  },
  /** Crisis events without description or summary. */
  crisisEvents: {
    name: 'view_crisis_events',
    columns: ['workstation_id', 'event_id', 'event_no', 'student_local_id', 'level', 'status', 'owner_id', 'discovered_at', 'changed_at'],
    key: ['workstation_id', 'event_id'],
  },
  /** Crisis steps' timing only (never notes or reasons). */
  crisisSteps: {
    name: 'view_crisis_steps',
    columns: ['workstation_id', 'step_id', 'event_id', 'due_minutes', 'levels', 'status', 'overdue_at_level_change'],
    key: ['workstation_id', 'step_id'],
    integers: ['due_minutes'],
  },
  /**
   * Key-attention entries without their reason, from the full profile (local student id) or the
   * departments roster (学号 and basic data carried in the entry itself).
   */
  keyAttention: {
    name: 'view_key_attention',
    columns: [
      'workstation_id',
      'entry_id',
      'profile',
      'student_local_id',
      'student_no',
      'name',
      'department',
      'class_name',
      'level',
      'status',
      'next_review_on',
      'counselor_id',
      'counselor_name',
      'changed_at',
      // The student the entry counts for in the merged list (merged-key-attention.ts).
      'merged_key',
    ],
    key: ['workstation_id', 'entry_id', 'profile'],
  },
  /** The key-attention list merged per student across workstations (merged-key-attention.ts keeps it). */
  keyAttentionStudents: {
    name: 'view_key_attention_students',
    columns: ['student_key', 'student_no', 'level', 'level_rank', 'next_review_on', 'holders'],
    key: ['student_key'],
    integers: ['level_rank', 'holders'],
  },
  /** Cases: when opened and closed and their status only (no risk level, reason or summary). */
  cases: {
    name: 'view_cases',
    columns: ['workstation_id', 'case_id', 'student_local_id', 'status', 'opened_at', 'closed_at'],
    key: ['workstation_id', 'case_id'],
  },
  /** Counseling sessions: which case and when (never the note). */
  sessions: {
    name: 'view_sessions',
    columns: ['workstation_id', 'note_id', 'case_id', 'session_at'],
    key: ['workstation_id', 'note_id'],
  },
  /** Referrals: whom and when, and how far they got (never the reason or the feedback). */
  referrals: {
    name: 'view_referrals',
    columns: ['workstation_id', 'referral_id', 'student_local_id', 'status', 'created_at'],
    key: ['workstation_id', 'referral_id'],
  },
  /** Census interview lists: listed, and interviewed or not (never urgency, scores or the outcome). */
  census: {
    name: 'view_census',
    columns: ['workstation_id', 'followup_id', 'batch_id', 'student_local_id', 'status', 'created_at', 'changed_at'],
    key: ['workstation_id', 'followup_id'],
  },
  /** De-identified monthly figures from the statistics profile (already suppressed on the workstation). */
  statisticsMonths: {
    name: 'view_statistics_months',
    columns: ['workstation_id', 'month', 'figures', 'changed_at'],
    key: ['workstation_id', 'month'],
  },
} as const satisfies Record<string, ViewTable>;

export type ViewTableId = keyof typeof VIEW_TABLES;

/** The DDL for both stores: TEXT and INTEGER mean the same in SQLite and PostgreSQL here. */
export function viewTablesDdl(): string {
  return Object.values(VIEW_TABLES)
    .map((table: ViewTable) => {
      const columns = table.columns.map((c) => `  ${c} ${table.integers?.includes(c) ? 'INTEGER' : 'TEXT'}${table.key.includes(c) ? ' NOT NULL' : ''}`);
      return `CREATE TABLE IF NOT EXISTS ${table.name} (\n${columns.join(',\n')},\n  PRIMARY KEY (${table.key.join(', ')})\n);`;
    })
    .concat(VIEW_INDEXES)
    .join('\n');
}

/** Students are looked up by 学号 across workstations (merging, the 院系 and risk views). */
const VIEW_INDEXES = ['CREATE INDEX IF NOT EXISTS view_students_no ON view_students (student_no);'];

/** A projection cell: every column is TEXT or INTEGER. */
export type ViewValue = string | number | null;

/** DELETE of one row by its key (`?` placeholders in key order), made once per table. */
export function removeText(id: ViewTableId): string {
  let sql = REMOVE_TEXTS.get(id);
  if (sql === undefined) {
    const table: ViewTable = VIEW_TABLES[id];
    sql = `DELETE FROM ${table.name} WHERE ${table.key.map((k) => `${k} = ?`).join(' AND ')}`;
    REMOVE_TEXTS.set(id, sql);
  }
  return sql;
}

const REMOVE_TEXTS = new Map<ViewTableId, string>();
