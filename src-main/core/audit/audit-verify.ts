import { hash } from 'node:crypto';
import type { ReadSqlite } from '../store/read-sqlite';
import { auditEventHash, bulkOf, GENESIS_HASH, type AuditEventInput, type AuditVerification } from './audit-chain';

/**
 * The audit chain walked for a backup's deep verification and its restore: the same links and the
 * same answer as `verifyAuditChain` (audit-chain.ts), at a decade's millions of events. Rows come
 * as arrays (no object per row), and each event's hashed text, `canonicalJson({ seq, ...event })`,
 * is written out directly: the event's keys are fixed, so only `details` needs its keys sorted.
 * Anything a fast path cannot take as it is (a column of another type, a details key that looks
 * like an array index, which JSON orders first) goes through `auditEventHash` itself.
 */
const COLUMNS = 'seq, at, actor_id, action, entity, entity_id, details, before_digest, after_digest, workstation_id, prev_hash, hash, bulk';

type RawEvent = [
  seq: unknown,
  at: unknown,
  actorId: unknown,
  action: unknown,
  entity: unknown,
  entityId: unknown,
  details: unknown,
  beforeDigest: unknown,
  afterDigest: unknown,
  workstationId: unknown,
  prevHash: unknown,
  hash: unknown,
  bulk: unknown,
];

/** `canonicalJson` of a value from `JSON.parse`, or null when the plain text might differ from it. */
function canonicalText(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item = canonicalText(value[i]);
      if (item === null) return null;
      text += i === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // An object puts integer-like keys first whatever their sorted place: leave those to canonicalJson.
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57) return null;
    const item = canonicalText((value as Record<string, unknown>)[key]);
    if (item === null) return null;
    text += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
  }
  return `${text}}`;
}

const textOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The event's hash as `auditEventHash` computes it. */
function eventHash(row: RawEvent, details: unknown, prevHash: string): string {
  const [seq, at, actorId, action, entity, entityId, , beforeDigest, afterDigest, workstationId] = row;
  const plain =
    typeof seq === 'number' &&
    typeof at === 'string' &&
    typeof action === 'string' &&
    typeof entity === 'string' &&
    typeof workstationId === 'string' &&
    textOrNull(actorId) &&
    textOrNull(entityId) &&
    textOrNull(beforeDigest) &&
    textOrNull(afterDigest);
  const detailsText = plain ? canonicalText(details) : null;
  if (detailsText === null) {
    const event = { at, actorId, action, entity, entityId, details, beforeDigest, afterDigest, workstationId } as AuditEventInput;
    return auditEventHash(seq as number, event, prevHash);
  }
  // canonicalJson({ seq, ...event }): the keys in sorted order.
  const text =
    `{"action":${JSON.stringify(action)},"actorId":${JSON.stringify(actorId)},"afterDigest":${JSON.stringify(afterDigest)},` +
    `"at":${JSON.stringify(at)},"beforeDigest":${JSON.stringify(beforeDigest)},"details":${detailsText},` +
    `"entity":${JSON.stringify(entity)},"entityId":${JSON.stringify(entityId)},"seq":${JSON.stringify(seq)},"workstationId":${JSON.stringify(workstationId)}}`;
  return hash('sha256', `${prevHash}\n${text}`, 'hex');
}

/** Walk the chain from the start and name the first event whose link does not hold. */
export function walkAuditChain(db: ReadSqlite): AuditVerification {
  const rows = db.prepare<[], RawEvent>(`SELECT ${COLUMNS} FROM audit_events ORDER BY seq`).raw().iterate();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of rows) {
    const seq = row[0] as number;
    const broken = brokenLink(row, prevHash, expectedSeq);
    if (broken) return { intact: false, checked, firstBroken: { seq, reason: broken } };
    prevHash = row[11] as string;
    expectedSeq = seq + 1;
    checked += 1;
  }
  return { intact: true, checked, firstBroken: null };
}

function brokenLink(row: RawEvent, prevHash: string, expectedSeq: number) {
  if (row[0] !== expectedSeq) return 'sequenceGap' as const;
  if (row[10] !== prevHash) return 'prevHashMismatch' as const;
  let details: unknown;
  try {
    details = JSON.parse(row[6] as string);
  } catch {
    return 'unreadable' as const;
  }
  // The append path only ever writes an object (verifyAuditChain stops with a TypeError on a null).
  if (details === null || typeof details !== 'object') return 'unreadable' as const;
  // The bulk column is a copy of details.bulk for the index: a copy that differs would regroup the
  // log without touching the hashed fields, so it counts as a row that no longer matches its hash.
  if ((row[12] ?? null) !== bulkOf(details as Record<string, unknown>)) return 'hashMismatch' as const;
  return eventHash(row, details, prevHash) === row[11] ? null : ('hashMismatch' as const);
}
