import { ENTITY_KINDS, type EntityKind } from '../../../src-shared/contract/entity-kinds';
import type { OpenStore } from './open-store';
import type { CommitFacts } from './unit-of-work';

/**
 * Which kind of record each table holds (src-shared/contract/entity-kinds.ts). A table missing
 * here fails tests/unit/core/change-kinds.test.ts, so a new table cannot be forgotten.
 */
export const TABLE_KINDS: Record<string, EntityKind | null> = {
  students: 'students',
  assessments: 'assessments',
  instrument_wordings: 'assessments',
  alerts: 'alerts',
  census_batches: 'census',
  census_followups: 'census',
  census_followup_history: 'census',
  reports: 'reports',
  cases: 'cases',
  intakes: 'cases',
  session_notes: 'notes',
  note_addenda: 'notes',
  break_glass_accesses: 'access',
  appointments: 'calendar',
  rooms: 'calendar',
  waitlist_entries: 'calendar',
  counseling_groups: 'groups',
  group_members: 'groups',
  group_sessions: 'groups',
  education_activities: 'activities',
  network_people: 'network',
  attachments: 'attachments',
  crisis_events: 'crisis',
  crisis_steps: 'crisis',
  crisis_notifications: 'crisis',
  crisis_level_changes: 'crisis',
  crisis_templates: 'crisis',
  referrals: 'referrals',
  safety_plans: 'referrals',
  disclosures: 'referrals',
  followup_tasks: 'followups',
  leave_records: 'followups',
  return_assessments: 'followups',
  key_attention: 'keyAttention',
  key_attention_history: 'keyAttention',
  family_contacts: 'family',
  leadership_approvals: 'leadership',
  leadership_decisions: 'leadership',
  leadership_escalations: 'leadership',
  work_report_deliveries: 'leadership',
  work_report_texts: 'leadership',
  approval_requests: 'approvals',
  destruction_requests: 'archive',
  destruction_records: 'archive',
  destruction_guard: 'archive',
  legal_holds: 'archive',
  export_bundles: 'sync',
  applied_updates: 'sync',
  inbound_applied: 'sync',
  risk_digests: 'sync',
  outbox: 'sync',
  training_sessions: 'training',
  training_attendance: 'training',
  supervision_sessions: 'training',
  mental_health_courses: 'courses',
  accounts: 'accounts',
  settings: 'settings',
  meta: 'settings',
  backup_runs: 'backup',
  audit_events: 'audit',
};

/**
 * The kinds a commit touched. Every row change also appends an audit event and an outbox event
 * in the same transaction, so `audit` and `sync` (pending changes) change with any of them.
 * A table missing from the map counts as every kind: nothing is left stale.
 */
export function kindsOfTables(tables: Iterable<string>): EntityKind[] {
  const kinds = new Set<EntityKind>();
  for (const table of tables) {
    const kind = TABLE_KINDS[table];
    if (kind) kinds.add(kind);
    else if (kind === undefined) for (const any of ENTITY_KINDS) kinds.add(any);
  }
  if (kinds.size > 0) kinds.add('audit').add('sync');
  return [...kinds].sort();
}

/** How often the host looks for commits made by another process (the CLI, a second app). */
export const EXTERNAL_POLL_MS = 2_000;

/**
 * Tells the renderer which kinds of records changed. The audit log is the record of every row
 * change (inserts, updates and destruction's deletes, each with a digest), in sequence order, so
 * one reading serves every writer: after a commit in this process (the unit of work's commit
 * listener; an import's long transaction reports after its COMMIT) and when `PRAGMA data_version`
 * shows a commit by another connection (the CLI, a second app). The audit events written since the
 * last look name their tables. Changes within one turn of the event loop are sent as one event.
 */
export class StoreChangeFeed {
  private watched: OpenStore | null = null;
  private dataVersion = 0;
  private lastAuditSeq = 0;
  private flushQueued = false;
  /** This process's commits since the last read: their tables and audit ranges need no scan. */
  private readonly ours: CommitFacts[] = [];

  constructor(private readonly send: (kinds: EntityKind[]) => void) {}

  /** Start listening to this store's commits (once per opened store; a new unlock opens a new one). */
  watch(store: OpenStore | null): void {
    if (!store || store === this.watched) return;
    this.watched = store;
    this.ours.length = 0;
    store.uow.onCommit((_changes, facts) => {
      if (this.watched !== store) return;
      if (facts) this.ours.push(facts);
      this.queueRead();
    });
    this.dataVersion = readDataVersion(store);
    this.lastAuditSeq = maxAuditSeq(store);
  }

  /** One look for another process's commits; cheap when nothing changed (one pragma). */
  pollExternal(store: OpenStore | null): void {
    if (!store) {
      this.watched = null;
      return;
    }
    try {
      if (store !== this.watched) return this.watch(store);
      const version = readDataVersion(store);
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      this.readNewChanges();
    } catch {
      // Locked between the look and the read (a timer's tick must never throw): the next look starts afresh.
      this.watched = null;
    }
  }

  private queueRead(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.readNewChanges();
    });
  }

  /**
   * The tables changed since the last look: this process's commits name theirs (CommitFacts), so
   * only the audit events between and after them are read (another process's, or a commit that
   * changed no row); an import's hundred thousand events are not read back to learn one table.
   */
  private readNewChanges(): void {
    const store = this.watched;
    if (!store) return;
    const ours = this.ours.splice(0).sort((a, b) => a.firstSeq - b.firstSeq);
    const tables = new Set<string>();
    let last: number;
    try {
      last = maxAuditSeq(store);
      let cursor = this.lastAuditSeq;
      const scan = (after: number, upTo: number) => {
        if (upTo <= after) return;
        // Only row changes (a digest before or after): views and sign-ins change no record.
        const rows = store.sqlite
          .prepare('SELECT DISTINCT entity FROM audit_events WHERE seq > ? AND seq <= ? AND (before_digest IS NOT NULL OR after_digest IS NOT NULL)')
          .all(after, upTo) as { entity: string }[];
        for (const row of rows) tables.add(row.entity);
      };
      for (const facts of ours) {
        if (facts.lastSeq <= cursor) continue;
        scan(cursor, facts.firstSeq - 1);
        for (const table of facts.tables) tables.add(table);
        cursor = Math.max(cursor, facts.lastSeq);
      }
      scan(cursor, last);
    } catch {
      return; // locked in the meantime: the next unlock starts afresh
    }
    this.lastAuditSeq = Math.max(this.lastAuditSeq, last);
    if (tables.size === 0) return;
    const kinds = kindsOfTables(tables);
    if (kinds.length > 0) this.send(kinds);
  }
}

function readDataVersion(store: OpenStore): number {
  return Number(store.sqlite.prepare('PRAGMA data_version').pluck().get());
}

function maxAuditSeq(store: OpenStore): number {
  const row = store.sqlite.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number | null } | undefined;
  return row?.seq ?? 0;
}
