import type { SqliteDatabase } from '../store/database';
import type { ReadSqlite } from '../store/read-sqlite';
import { canonicalJson, sha256Hex } from '../util/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  beforeDigest: string | null;
  afterDigest: string | null;
  workstationId: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  before_digest: string | null;
  after_digest: string | null;
  workstation_id: string;
  prev_hash: string;
  hash: string;
  bulk: string | null;
}

/** The hash covers the sequence number too, so deleting or reordering events breaks the chain. */
export function auditEventHash(seq: number, event: AuditEventInput, prevHash: string): string {
  return sha256Hex(`${prevHash}\n${eventJson(seq, event)}`);
}

/**
 * `canonicalJson({ seq, ...event })`, written out field by field in its sorted key order: the same
 * text (tests/unit/core/audit-chain.test.ts compares them), without sorting and copying the event
 * for each of an import's hundred thousand events. An event with a field left undefined (which
 * canonicalJson would drop) takes the general path.
 */
export function eventJson(seq: number, e: AuditEventInput): string {
  if (
    e.action === undefined ||
    e.actorId === undefined ||
    e.afterDigest === undefined ||
    e.at === undefined ||
    e.beforeDigest === undefined ||
    e.details === undefined ||
    e.entity === undefined ||
    e.entityId === undefined ||
    e.workstationId === undefined
  ) {
    return canonicalJson({ seq, ...e });
  }
  const text = JSON.stringify;
  return (
    `{"action":${text(e.action)},"actorId":${text(e.actorId)},"afterDigest":${text(e.afterDigest)},"at":${text(e.at)},` +
    `"beforeDigest":${text(e.beforeDigest)},"details":${canonicalJson(e.details)},"entity":${text(e.entity)},` +
    `"entityId":${text(e.entityId)},"seq":${text(seq)},"workstationId":${text(e.workstationId)}}`
  );
}

/** Appends one event after the current head; must run inside the caller's transaction. */
export class AuditAppender {
  private readonly headQuery;
  private readonly insert;
  private head: { seq: number; hash: string } | undefined;

  constructor(db: SqliteDatabase) {
    this.headQuery = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit_events (seq, at, actor_id, action, entity, entity_id, details, before_digest, after_digest, workstation_id, prev_hash, hash, bulk)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** The sequence number of the last event (read or appended); 0 on an empty log. */
  get lastSeq(): number {
    return this.head?.seq ?? 0;
  }

  /** Read the chain head at the start of each transaction; appends then keep it in memory. */
  loadHead(): void {
    this.head = this.headQuery.get();
  }

  append(event: AuditEventInput): number {
    const seq = (this.head?.seq ?? 0) + 1;
    const prevHash = this.head?.hash ?? GENESIS_HASH;
    const hash = auditEventHash(seq, event, prevHash);
    const e = event;
    // Positional: no object spread per event (an import writes one per row).
    this.insert.run(
      seq,
      e.at,
      e.actorId,
      e.action,
      e.entity,
      e.entityId,
      JSON.stringify(e.details),
      e.beforeDigest,
      e.afterDigest,
      e.workstationId,
      prevHash,
      hash,
      bulkOf(e.details),
    );
    this.head = { seq, hash };
    return seq;
  }
}

/**
 * The bulk operation id an event's details carry: stored again in its own column so the audit log
 * can find and skip a bulk operation through an index. Not part of the hash (the details are).
 */
export function bulkOf(details: Record<string, unknown>): string | null {
  return typeof details.bulk === 'string' ? details.bulk : null;
}

export interface AuditVerification {
  intact: boolean;
  checked: number;
  firstBroken: { seq: number; reason: 'hashMismatch' | 'prevHashMismatch' | 'sequenceGap' | 'unreadable' } | null;
}

/** Walk the chain from the start and name the first event whose link does not hold. */
export function verifyAuditChain(db: ReadSqlite): AuditVerification {
  const rows = db.prepare<[], AuditRow>('SELECT * FROM audit_events ORDER BY seq').iterate();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of rows) {
    const broken = checkLink(row, prevHash, expectedSeq);
    if (broken) return { intact: false, checked, firstBroken: { seq: row.seq, reason: broken } };
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    checked += 1;
  }
  return { intact: true, checked, firstBroken: null };
}

function checkLink(row: AuditRow, prevHash: string, expectedSeq: number) {
  if (row.seq !== expectedSeq) return 'sequenceGap' as const;
  if (row.prev_hash !== prevHash) return 'prevHashMismatch' as const;
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details);
  } catch {
    return 'unreadable' as const;
  }
  // The column is a copy of details.bulk for the index: a copy that differs would regroup the log
  // without touching the hashed fields, so it counts as a row that no longer matches its hash.
  if ((row.bulk ?? null) !== bulkOf(details)) return 'hashMismatch' as const;
  const event: AuditEventInput = {
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    details,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    workstationId: row.workstation_id,
  };
  return auditEventHash(row.seq, event, prevHash) === row.hash ? null : ('hashMismatch' as const);
}
