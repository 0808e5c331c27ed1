import type { BundleEvent, BundleManifest } from '../core/sync/bundle/codec';
import type { PreparedRows } from './prepared-rows';

/**
 * Where the receiver keeps what the workstations sent. Two implementations (SQLite by default,
 * PostgreSQL when DATABASE_URL is set) behind one small interface; both give the exactly-once
 * rule the same meaning: per (workstation, profile) a last applied sequence, and a bundle is
 * applied only from that point on, all of it or none of it.
 */
export interface ReceiverStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The last sequence applied for this workstation and profile (0 when none). */
  lastSeq(workstationId: string, profile: string): Promise<number>;
  /**
   * In one transaction: re-reads the last sequence, skips what is already applied, upserts or
   * deletes the rows of the remaining events, records the bundle and moves the last sequence to
   * the bundle's toSeq. A bundle that starts beyond lastSeq + 1 is refused (`gap`).
   */
  applyBundle(manifest: BundleManifest, events: readonly BundleEvent[], appliedAt: string): Promise<ApplyOutcome>;
  /**
   * The same for a bundle whose rows were prepared before (prepared-rows.ts, on the receiver's
   * worker), where the store has it: `stale` (nothing written) when the last sequence is not the
   * one before the bundle's first, and the caller applies the events with applyBundle instead.
   */
  applyPrepared?(manifest: BundleManifest, prepared: PreparedRows, appliedAt: string): Promise<ApplyOutcome | { outcome: 'stale' }>;
  /**
   * Several bundles applied in a row (a folder's import), where the store has a cheaper way for
   * that: the results (and so the receipts) come back once everything is written durably.
   */
  manyBundles?<T>(work: () => Promise<T>): Promise<T>;
  positions(): Promise<Position[]>;
  /** Everything the workstations' events produced, in a stable order (tests, diagnostics). */
  dump(): Promise<StoreDump>;
  /** Reads for the views, the server's accounts and its audit log: SQL with `?` placeholders, the same text for both stores. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** One write outside bundle application (accounts, the audit log). */
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /**
   * Content the server itself stores (a report's text): sealed where the store is not encrypted as
   * a whole (PostgreSQL), as it is where it is (SQLite). `place` binds it to its row.
   */
  protectText(text: string, place: string): string;
  revealText(stored: string, place: string): string;
  close(): Promise<void>;
}

export type ApplyOutcome =
  { outcome: 'applied'; eventsApplied: number; lastSeq: number } | { outcome: 'duplicate'; lastSeq: number } | { outcome: 'gap'; lastSeq: number };

export interface Position {
  workstationId: string;
  profile: string;
  lastSeq: number;
  bundles: number;
  updatedAt: string;
}

export interface StoreDump {
  positions: { workstationId: string; profile: string; lastSeq: number }[];
  rows: { workstationId: string; profile: string; entity: string; entityId: string; seq: number; row: unknown }[];
}

/**
 * What an event does to the stored row: insert replaces, update merges (a projection may send only
 * some fields), delete removes. An inserted row is the event's payload itself, not a copy (rows are
 * never changed in place: a merge makes a new object).
 */
export function nextRow(existing: Record<string, unknown> | undefined, event: BundleEvent): Record<string, unknown> | null {
  if (event.op === 'delete') return null;
  const payload = isRecord(event.payload) ? event.payload : { value: event.payload };
  if (event.op === 'update' && existing) return { ...existing, ...payload };
  return payload;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a bundle's events relate to the last applied sequence. */
export function classify(manifest: BundleManifest, lastSeq: number): 'duplicate' | 'gap' | 'apply' {
  if (manifest.toSeq <= lastSeq) return 'duplicate';
  if (manifest.fromSeq > lastSeq + 1) return 'gap';
  return 'apply';
}

/**
 * The receiver's own tables, the same in both stores but for two column types: sequences are
 * 64-bit (BIGINT in PostgreSQL, INTEGER in SQLite) and a row is JSONB in PostgreSQL, TEXT in SQLite.
 */
export function receiverTablesDdl(t: { sequence: 'BIGINT' | 'INTEGER'; json: 'JSONB' | 'TEXT' }): string {
  return `
CREATE TABLE IF NOT EXISTS positions (
  workstation_id TEXT NOT NULL,
  profile TEXT NOT NULL,
  last_seq ${t.sequence} NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workstation_id, profile)
);
CREATE TABLE IF NOT EXISTS bundles (
  workstation_id TEXT NOT NULL,
  profile TEXT NOT NULL,
  from_seq ${t.sequence} NOT NULL,
  to_seq ${t.sequence} NOT NULL,
  bundle_id TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (workstation_id, profile, from_seq, to_seq)
);
CREATE TABLE IF NOT EXISTS entities (
  workstation_id TEXT NOT NULL,
  profile TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  row ${t.json} NOT NULL,
  seq ${t.sequence} NOT NULL,
  hlc TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (workstation_id, profile, entity, entity_id)
);
`;
}
