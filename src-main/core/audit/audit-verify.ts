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
function eventHash(row: RawEvent, parsed: ParsedDetails, prevHash: string): string {
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
  const detailsText = plain ? parsed.text : null;
  if (detailsText === null) {
    const details = parsed.details;
    const event = { at, actorId, action, entity, entityId, details, beforeDigest, afterDigest, workstationId } as AuditEventInput;
    return auditEventHash(seq as number, event, prevHash);
  }
  // canonicalJson({ seq, ...event }): the keys in sorted order. The columns that repeat from one
  // event to the next (action, entity, actor, workstation) reuse the JSON text of the last value
  // seen; a null is `null`; a number (seq, a number here) prints as JSON prints it.
  const text =
    `${prevHash}\n{"action":${jsonOf(recent.action, action as string)},"actorId":${jsonOf(recent.actorId, actorId as string | null)},` +
    `"afterDigest":${afterDigest === null ? 'null' : JSON.stringify(afterDigest)},"at":${JSON.stringify(at)},` +
    `"beforeDigest":${beforeDigest === null ? 'null' : JSON.stringify(beforeDigest)},"details":${detailsText},` +
    `"entity":${jsonOf(recent.entity, entity as string)},"entityId":${entityId === null ? 'null' : JSON.stringify(entityId)},` +
    `"seq":${seq as number},"workstationId":${jsonOf(recent.workstationId, workstationId as string)}}`;
  return hash('sha256', text, 'hex');
}

/** The last value of a column and its JSON text. */
interface RecentJson {
  value: unknown;
  json: string;
}

const recentJson = (): RecentJson => ({ value: undefined, json: '' });
const recent = { action: recentJson(), actorId: recentJson(), entity: recentJson(), workstationId: recentJson() };

/** `JSON.stringify(value)` (a string or null), from `last` when it is the value seen last. */
function jsonOf(last: RecentJson, value: string | null): string {
  if (value !== last.value) {
    last.value = value;
    last.json = JSON.stringify(value);
  }
  return last.json;
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

type BrokenReason = NonNullable<AuditVerification['firstBroken']>['reason'];

function brokenLink(row: RawEvent, prevHash: string, expectedSeq: number): BrokenReason | null {
  if (row[0] !== expectedSeq) return 'sequenceGap';
  if (row[10] !== prevHash) return 'prevHashMismatch';
  return brokenEvent(row);
}

/** An event's details as the walk needs them: the object, its bulk id and its canonical text (null: leave it to `auditEventHash`). */
interface ParsedDetails {
  details: Record<string, unknown>;
  bulk: string | null;
  text: string | null;
}

/**
 * The last details text read and what it gave: an import writes runs of events with the same
 * details (its bulk id), so most events skip the parse and the canonical text. The same text
 * always gives the same answer; only strings are kept (a JSON.parse of anything else is left as is).
 */
let lastDetails: { raw: string; parsed: ParsedDetails } | null = null;

function parseDetails(raw: unknown): ParsedDetails | null {
  if (lastDetails !== null && raw === lastDetails.raw) return lastDetails.parsed;
  let details: unknown;
  try {
    details = JSON.parse(raw as string);
  } catch {
    return null;
  }
  // The append path only ever writes an object (verifyAuditChain stops with a TypeError on a null).
  if (details === null || typeof details !== 'object') return null;
  const parsed = { details: details as Record<string, unknown>, bulk: bulkOf(details as Record<string, unknown>), text: canonicalText(details) };
  if (typeof raw === 'string') lastDetails = { raw, parsed };
  return parsed;
}

/** What is wrong with an event by itself (its link to the one before aside): `prev_hash` is its own column. */
function brokenEvent(row: RawEvent): BrokenReason | null {
  const parsed = parseDetails(row[6]);
  if (parsed === null) return 'unreadable';
  // The bulk column is a copy of details.bulk for the index: a copy that differs would regroup the
  // log without touching the hashed fields, so it counts as a row that no longer matches its hash.
  if ((row[12] ?? null) !== parsed.bulk) return 'hashMismatch';
  return eventHash(row, parsed, row[10] as string) === row[11] ? null : 'hashMismatch';
}

/**
 * The chain in slices that can be walked apart (on two threads, each with its own connection) and
 * put together by `joinAuditSlices` into exactly `walkAuditChain`'s answer. Each event's hash covers
 * its own `prev_hash` column, so only the links between two slices wait for the join. Slices are
 * taken for a chain whose first event is seq 1 (every intact chain); any other goes through
 * `walkAuditChain` itself, which names its first gap.
 */
export interface AuditSlicePlan {
  /** Events per slice; slice i holds seq i*size+1 .. (i+1)*size. */
  size: number;
  slices: number;
  /** Events fetched per statement run inside a slice (tests take small ones; default BATCH_EVENTS). */
  batch?: number;
}

export const AUDIT_SLICE_EVENTS = 1 << 16;

/**
 * The slices of the chain (seq 1 .. the highest seq), or null when it does not start at 1 (then walk
 * it in one go). The lowest and highest seq are one seek each on the rowid; a count(*) read a whole
 * index (a second at a decade's size, before either thread could start), and is not needed: a
 * hole shows in the slice that holds it, or, when it spans whole slices, at the next slice's first
 * event, as the one walk names it (`joinAuditSlices`).
 */
export function planAuditSlices(db: ReadSqlite, size = AUDIT_SLICE_EVENTS): AuditSlicePlan | null {
  const [min, max, bytes] = db
    .prepare<[], [unknown, unknown, unknown]>(
      'SELECT (SELECT min(seq) FROM audit_events), (SELECT max(seq) FROM audit_events), (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())',
    )
    .raw()
    .get()!;
  if (min !== 1 || typeof max !== 'number') return null;
  // Numbered far past what the file could hold (an intact event holds two 64-character hashes):
  // mostly empty slices, so one walk, which names the same first gap.
  if (typeof bytes !== 'number' || max > bytes / 128) return null;
  return { size, slices: Math.ceil(max / size) };
}

/** One slice walked: its events' own checks and the links inside it; its first event's link waits for the join. */
export interface AuditSlice {
  events: number;
  first: { seq: number; prevHash: unknown; broken: BrokenReason | null } | null;
  /** The first event after the slice's first whose link or content does not hold, and how many came before it in the slice. */
  broken: { seq: number; reason: BrokenReason; before: number } | null;
  last: { seq: number; hash: unknown } | null;
}

const SLICE_SQL = `SELECT ${COLUMNS} FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq`;

/**
 * Rows fetched per statement run inside a slice: `all()` over a run of seq instead of stepping an
 * iterator row by row (one call into SQLite per run, not per row). The walk's CPU per event on the
 * decade fixture's rows: 4.75-5.0 -> 4.5-4.65 us (interleaved runs, loaded machine). A run of 4,096
 * events holds a few MB.
 */
const BATCH_EVENTS = 4096;

/** A walker of slices on one connection (one prepared statement for all the slices it takes). */
export function auditSliceWalker(db: ReadSqlite, plan: AuditSlicePlan): (slice: number) => AuditSlice {
  const statement = db.prepare<[number, number], RawEvent>(SLICE_SQL).raw();
  return (slice) => {
    const result: AuditSlice = { events: 0, first: null, broken: null, last: null };
    let prevHash: unknown = null;
    let expectedSeq = 0;
    const end = (slice + 1) * plan.size;
    // The slice's rows in runs of seq (the same rows in the same order as one statement over the slice).
    const batch = plan.batch ?? BATCH_EVENTS;
    batches: for (let from = slice * plan.size; from < end; from += batch) {
      for (const row of statement.all(from, Math.min(end, from + batch))) {
        const seq = row[0] as number;
        if (result.first === null) {
          result.first = { seq, prevHash: row[10], broken: brokenEvent(row) };
        } else {
          const broken = brokenLink(row, prevHash as string, expectedSeq);
          if (broken) {
            result.broken = { seq, reason: broken, before: result.events };
            break batches;
          }
        }
        prevHash = row[11];
        expectedSeq = seq + 1;
        result.events += 1;
        result.last = { seq, hash: row[11] };
      }
    }
    return result;
  };
}

/**
 * `walkAuditChain`'s answer from the slices in order. `slices` may end early after a slice that
 * found a break (the chain is broken there whatever follows). A slice's first event is checked
 * against the slice before it as the one walk would: sequence, then `prev_hash`, then itself.
 */
export function joinAuditSlices(slices: readonly AuditSlice[]): AuditVerification {
  let prevHash: unknown = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const slice of slices) {
    const first = slice.first;
    if (!first) continue;
    const linkBroken: BrokenReason | null = first.seq !== expectedSeq ? 'sequenceGap' : first.prevHash !== prevHash ? 'prevHashMismatch' : first.broken;
    if (linkBroken) return { intact: false, checked, firstBroken: { seq: first.seq, reason: linkBroken } };
    if (slice.broken) return { intact: false, checked: checked + slice.broken.before, firstBroken: { seq: slice.broken.seq, reason: slice.broken.reason } };
    checked += slice.events;
    prevHash = slice.last!.hash;
    expectedSeq = slice.last!.seq + 1;
  }
  return { intact: true, checked, firstBroken: null };
}

/** True when a slice shows a break of its own (the slices after it are not needed for the answer). */
export function sliceBroken(slice: AuditSlice): boolean {
  return slice.broken !== null || slice.first?.broken != null;
}
