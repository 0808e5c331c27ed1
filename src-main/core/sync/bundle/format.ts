import { z } from 'zod';
import { AGE_RECIPIENT_PATTERN } from '../../../../src-shared/contract/sync';

/**
 * The export bundle, version 1 (docs/export-format.md). This file holds the shapes only; the
 * codec (codec.ts) seals and opens them. A change that an older receiver could misread bumps
 * BUNDLE_FORMAT_VERSION.
 */
export const BUNDLE_FORMAT_VERSION = 1;

export type BundleOp = 'insert' | 'update' | 'delete';

/** One outbox event, one line of the decrypted payload (JSON Lines). */
export interface BundleEvent {
  seq: number;
  hlc: string;
  entity: string;
  entityId: string;
  op: BundleOp;
  payload: unknown;
  createdAt: string;
}

export interface BundleManifest {
  format: 1;
  kind: 'events';
  bundleId: string;
  workstationId: string;
  profile: string;
  fromSeq: number;
  toSeq: number;
  eventCount: number;
  counts: Record<string, number>;
  /** SHA-256 (hex) of the .age file bytes: checked before anything is decrypted. */
  payloadSha256: string;
  /** SHA-256 (hex) of the decrypted JSON Lines. */
  plainSha256: string;
  payloadBytes: number;
  createdAt: string;
  /** The name the workstation gives itself (settings workstationName), when it has one: the server shows it instead of the id. */
  workstationName?: string;
  /** The workstation's age recipient for what the server sends back (docs/export-format.md, "The return file"). */
  returnRecipient?: string;
}

export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

export interface Receipt {
  format: 1;
  receiptId: string;
  workstationId: string;
  profile: string;
  acknowledged: { bundleId: string; fromSeq: number; toSeq: number }[];
  appliedUpTo: number;
  gaps: SeqRange[];
  createdAt: string;
}

export interface SigningKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
  fingerprint: string;
}

export interface RosterUpdate {
  kind: 'roster';
  bundleId: string;
  createdAt: string;
  rows: Record<string, string>[];
}

export type BundleErrorCode =
  'tampered' | 'badSignature' | 'unknownWorkstation' | 'manifestMismatch' | 'unsupportedFormat' | 'malformed' | 'gap' | 'notRecipient';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

// Profiles and workstation ids end up in file names and in the receiver's pending folder.
const safeName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/)
  .refine((s) => !s.startsWith('.'));
const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z
  .object({
    format: z.literal(1),
    kind: z.literal('events'),
    bundleId: z.string().min(1).max(200),
    workstationId: safeName,
    profile: safeName,
    fromSeq: seq,
    toSeq: seq,
    eventCount: z.number().int().nonnegative(),
    counts: z.record(z.string(), z.number().int().nonnegative()),
    payloadSha256: sha256,
    plainSha256: sha256,
    payloadBytes: z.number().int().nonnegative(),
    createdAt: z.string().min(1),
    workstationName: z.string().min(1).max(100).optional(),
    /** The workstation's own age recipient: the server encrypts what it sends back (reports, digest) to it. */
    returnRecipient: z.string().regex(AGE_RECIPIENT_PATTERN).optional(),
  })
  .strict();

export const eventSchema = z
  .object({
    seq: z.number().int().positive(),
    hlc: z.string(),
    entity: z.string().min(1),
    entityId: z.string().min(1),
    op: z.enum(['insert', 'update', 'delete']),
    payload: z.unknown(),
    createdAt: z.string(),
  })
  .strict();

const EVENT_KEYS = new Set(['seq', 'hlc', 'entity', 'entityId', 'op', 'payload', 'createdAt']);

/**
 * The same rules as eventSchema, by hand: a bundle holds up to hundreds of thousands of lines and
 * a schema library per line costs more than the decryption. Returns what is wrong, or null.
 */
export function eventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const e = value as Record<string, unknown>;
  for (const key in e) if (!EVENT_KEYS.has(key)) return `unexpected field ${key}`;
  if (typeof e.seq !== 'number' || !Number.isSafeInteger(e.seq) || e.seq < 1) return 'seq must be a positive integer';
  if (typeof e.hlc !== 'string') return 'hlc must be text';
  if (typeof e.entity !== 'string' || e.entity === '') return 'entity must be text';
  if (typeof e.entityId !== 'string' || e.entityId === '') return 'entityId must be text';
  if (e.op !== 'insert' && e.op !== 'update' && e.op !== 'delete') return 'op must be insert, update or delete';
  if (!('payload' in e)) return 'payload is missing';
  if (typeof e.createdAt !== 'string') return 'createdAt must be text';
  return null;
}

export const receiptSchema = z
  .object({
    format: z.literal(1),
    receiptId: z.string().min(1),
    workstationId: z.string().min(1),
    profile: z.string().min(1),
    acknowledged: z.array(z.object({ bundleId: z.string(), fromSeq: seq, toSeq: seq }).strict()),
    appliedUpTo: seq,
    gaps: z.array(z.object({ fromSeq: seq, toSeq: seq }).strict()),
    createdAt: z.string().min(1),
  })
  .strict();

export const rosterUpdateSchema = z
  .object({
    kind: z.literal('roster'),
    bundleId: z.string().min(1).max(200),
    createdAt: z.string().min(1),
    rows: z.array(z.record(z.string(), z.string())),
  })
  .strict();

export const signedFileSchema = z.object({ signature: z.string().min(1) }).passthrough();

/** `<workstationId>-<profile>-<fromSeq 12 digits>-<toSeq 12 digits>` */
export function bundleBaseName(m: Pick<BundleManifest, 'workstationId' | 'profile' | 'fromSeq' | 'toSeq'>): string {
  return `${m.workstationId}-${m.profile}-${pad12(m.fromSeq)}-${pad12(m.toSeq)}`;
}

/**
 * `receipt-<workstationId>-<profile>-<toSeq 12 digits>.json`: the profile is in the name because two
 * profiles' bundles can end at the same outbox sequence and one receipt must not overwrite the other.
 */
export function receiptFileName(workstationId: string, profile: string, toSeq: number): string {
  return `receipt-${workstationId}-${profile}-${pad12(toSeq)}.json`;
}

export function pad12(n: number): string {
  return String(n).padStart(12, '0');
}
