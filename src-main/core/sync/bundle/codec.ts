import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import type { z } from 'zod';
import { ageDecrypt, ageEncrypt } from './age-stream';
import {
  BundleError,
  bundleBaseName,
  eventProblem,
  manifestSchema,
  receiptSchema,
  rosterUpdateSchema,
  type BundleEvent,
  type BundleManifest,
  type Receipt,
  type RosterUpdate,
  type SigningKeyPair,
} from './format';
import { inboundBundleSchema, type InboundBundle } from './inbound-format';

export * from './format';
export * from './inbound-format';

/**
 * Seals and opens export bundles (docs/export-format.md): the payload is age-encrypted JSON Lines,
 * the manifest is signed with the workstation's Ed25519 key. Everything a receiver must refuse is
 * refused here, before anything is decrypted or applied, with a BundleError code.
 */

/** JSON with object keys sorted at every level and no whitespace: what signatures cover. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalJson: value cannot be represented in JSON');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 (hex) of the public key's DER (SPKI) encoding: what an administrator compares by eye. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return sha256Hex(der);
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { publicKeyPem, privateKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** The public half of a private signing key (the server prints it for the workstations). */
export function publicKeyFromPrivate(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

function signCanonical(value: unknown, privateKeyPem: string): string {
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
}

function verifyCanonical(value: unknown, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(value), 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** `{ "<field>": value, "signature": "…" }` with the value signed in its canonical form. */
function signedFile(field: string, value: unknown, privateKeyPem: string): string {
  return `${JSON.stringify({ [field]: value, signature: signCanonical(value, privateKeyPem) }, null, 2)}\n`;
}

/** Parses and verifies a signed file; the value is checked against its schema after the signature. */
function readSignedFile<T>(fileText: string, field: string, schema: z.ZodType<T>, publicKeyPem: string, what: string): T {
  const envelope = parseEnvelope(fileText, field, what);
  if (!verifyCanonical(envelope.value, envelope.signature, publicKeyPem)) {
    throw new BundleError('badSignature', `The ${what} signature does not verify with the expected key.`);
  }
  const parsed = schema.safeParse(envelope.value);
  if (!parsed.success) {
    const format = (envelope.value as { format?: unknown } | null)?.format;
    if (format !== undefined && format !== 1) {
      throw new BundleError('unsupportedFormat', `The ${what} has format ${String(format)}; this version reads format 1.`, { format });
    }
    throw new BundleError('malformed', `The ${what} is not well formed: ${parsed.error.issues[0]?.message ?? ''}`, {
      path: parsed.error.issues[0]?.path.join('.'),
    });
  }
  return parsed.data;
}

function parseEnvelope(fileText: string, field: string, what: string): { value: unknown; signature: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    throw new BundleError('malformed', `The ${what} file is not valid JSON.`);
  }
  const record = parsed as Record<string, unknown> | null;
  if (!record || typeof record !== 'object' || typeof record.signature !== 'string' || !(field in record)) {
    throw new BundleError('malformed', `The ${what} file must hold "${field}" and "signature".`);
  }
  return { value: record[field], signature: record.signature };
}

export function signManifest(manifest: BundleManifest, privateKeyPem: string): string {
  return signedFile('manifest', manifest, privateKeyPem);
}

function countByEntity(events: readonly BundleEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.entity] = (counts[e.entity] ?? 0) + 1;
  return counts;
}

function checkEventOrder(events: readonly BundleEvent[], fromSeq: number, toSeq: number): string | null {
  let previous = fromSeq - 1;
  for (const e of events) {
    if (e.seq <= previous) return `event ${e.seq} is not after ${previous}`;
    if (e.seq > toSeq) return `event ${e.seq} is beyond the range end ${toSeq}`;
    previous = e.seq;
  }
  return null;
}

function toJsonLines(events: readonly BundleEvent[]): string {
  // Fixed key order so the same events always give the same bytes.
  let out = '';
  for (const e of events) {
    out += `${JSON.stringify({
      seq: e.seq,
      hlc: e.hlc,
      entity: e.entity,
      entityId: e.entityId,
      op: e.op,
      payload: e.payload,
      createdAt: e.createdAt,
    })}\n`;
  }
  return out;
}

export interface SealInput {
  workstationId: string;
  profile: string;
  events: BundleEvent[];
  /** The server's age recipient (`age1…`). */
  recipient: string;
  privateKeyPem: string;
  createdAt: string;
  /**
   * The outbox range this bundle covers. A profile skips events it does not export, so the range
   * can start before its first event and end after its last; the receiver's gap check relies on
   * consecutive bundles of a profile having touching ranges. Defaults to the first/last event seq.
   */
  fromSeq?: number;
  toSeq?: number;
  bundleId?: string;
  /** Only set when the workstation has a name, so a workstation without one seals what older receivers read. */
  workstationName?: string | null;
  /** The workstation's age recipient for the server's return file; older workstations seal without one. */
  returnRecipient?: string | null;
}

export async function sealBundle(input: SealInput): Promise<{
  baseName: string;
  manifest: BundleManifest;
  manifestFile: string;
  payload: Uint8Array;
}> {
  const { events } = input;
  const fromSeq = input.fromSeq ?? events[0]?.seq;
  const toSeq = input.toSeq ?? events[events.length - 1]?.seq;
  if (fromSeq === undefined || toSeq === undefined) {
    throw new BundleError('malformed', 'An empty bundle needs an explicit fromSeq and toSeq.');
  }
  if (fromSeq < 1 || toSeq < fromSeq) {
    throw new BundleError('malformed', `The range ${fromSeq}..${toSeq} is not a valid sequence range.`);
  }
  const orderProblem = checkEventOrder(events, fromSeq, toSeq);
  if (orderProblem) throw new BundleError('malformed', `Events must be in ascending sequence order: ${orderProblem}.`);

  const plain = Buffer.from(toJsonLines(events), 'utf8');
  let payload: Uint8Array;
  try {
    payload = await ageEncrypt(plain, input.recipient);
  } catch (error) {
    throw new BundleError('malformed', `Cannot encrypt to the server recipient: ${(error as Error).message}`);
  }

  const draft: BundleManifest = {
    format: 1,
    kind: 'events',
    bundleId: input.bundleId ?? randomUUID(),
    workstationId: input.workstationId,
    profile: input.profile,
    fromSeq,
    toSeq,
    eventCount: events.length,
    counts: countByEntity(events),
    payloadSha256: sha256Hex(payload),
    plainSha256: sha256Hex(plain),
    payloadBytes: payload.byteLength,
    createdAt: input.createdAt,
    ...(input.workstationName ? { workstationName: input.workstationName.slice(0, 100) } : {}),
    ...(input.returnRecipient ? { returnRecipient: input.returnRecipient } : {}),
  };
  const parsed = manifestSchema.safeParse(draft);
  if (!parsed.success) {
    throw new BundleError('malformed', `The manifest is not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  }
  const manifest = parsed.data as BundleManifest;
  return { baseName: bundleBaseName(manifest), manifest, manifestFile: signManifest(manifest, input.privateKeyPem), payload };
}

/**
 * Reads only the manifest, verified against the trusted keys, without the payload: the receiver
 * uses it to order bundles and to spot gaps before opening them.
 */
export function readManifest(manifestFile: string, trustedKeys: Record<string, string>): BundleManifest {
  const envelope = parseEnvelope(manifestFile, 'manifest', 'manifest');
  const value = envelope.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object') throw new BundleError('malformed', 'The manifest must be a JSON object.');
  if (value.format !== 1) {
    throw new BundleError('unsupportedFormat', `The manifest has format ${String(value.format)}; this version reads format 1.`, {
      format: value.format,
    });
  }
  const workstationId = typeof value.workstationId === 'string' ? value.workstationId : '';
  const publicKeyPem = Object.prototype.hasOwnProperty.call(trustedKeys, workstationId) ? trustedKeys[workstationId] : undefined;
  if (!publicKeyPem) {
    throw new BundleError('unknownWorkstation', `Workstation "${workstationId}" is not trusted by this server (no key for it).`, {
      workstationId,
    });
  }
  if (!verifyCanonical(value, envelope.signature, publicKeyPem)) {
    throw new BundleError('badSignature', `The manifest signature does not verify with workstation "${workstationId}"'s key.`, {
      workstationId,
    });
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError('malformed', `The manifest is not well formed: ${issue?.path.join('.')} ${issue?.message}`, {
      path: issue?.path.join('.'),
    });
  }
  const manifest = parsed.data as BundleManifest;
  if (manifest.toSeq < manifest.fromSeq || manifest.fromSeq < 1) {
    throw new BundleError('malformed', `The manifest range ${manifest.fromSeq}..${manifest.toSeq} is not valid.`);
  }
  return manifest;
}

export async function openBundle(input: {
  manifestFile: string;
  payload: Uint8Array;
  identity: string;
  trustedKeys: Record<string, string>;
}): Promise<{ manifest: BundleManifest; events: BundleEvent[] }> {
  const manifest = readManifest(input.manifestFile, input.trustedKeys);
  const ref = { bundleId: manifest.bundleId, workstationId: manifest.workstationId, fromSeq: manifest.fromSeq, toSeq: manifest.toSeq };

  if (input.payload.byteLength !== manifest.payloadBytes || sha256Hex(input.payload) !== manifest.payloadSha256) {
    throw new BundleError(
      'tampered',
      'The payload (.age) does not match the SHA-256 in its signed manifest: it was altered or belongs to another bundle.',
      ref,
    );
  }

  let plain: Uint8Array;
  try {
    plain = await ageDecrypt(input.payload, input.identity);
  } catch (error) {
    throw new BundleError(
      'malformed',
      `The payload cannot be decrypted with this server's identity (was it encrypted to another recipient?): ${(error as Error).message}`,
      ref,
    );
  }
  if (sha256Hex(plain) !== manifest.plainSha256) {
    throw new BundleError('manifestMismatch', 'The decrypted payload does not match plainSha256 in the manifest.', ref);
  }

  const events = parseJsonLines(Buffer.from(plain).toString('utf8'), ref);
  if (events.length !== manifest.eventCount) {
    throw new BundleError('manifestMismatch', `The manifest announces ${manifest.eventCount} events, the payload holds ${events.length}.`, {
      ...ref,
      expected: manifest.eventCount,
      actual: events.length,
    });
  }
  const orderProblem = checkEventOrder(events, manifest.fromSeq, manifest.toSeq);
  if (orderProblem) {
    throw new BundleError(
      'manifestMismatch',
      `The payload's sequences do not fit the manifest range ${manifest.fromSeq}..${manifest.toSeq}: ${orderProblem}.`,
      ref,
    );
  }
  const counts = countByEntity(events);
  if (canonicalJson(counts) !== canonicalJson(manifest.counts)) {
    throw new BundleError('manifestMismatch', 'The per-entity counts in the manifest do not match the payload.', {
      ...ref,
      expected: manifest.counts,
      actual: counts,
    });
  }
  return { manifest, events };
}

function parseJsonLines(text: string, ref: Record<string, unknown>): BundleEvent[] {
  const events: BundleEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BundleError('malformed', `Payload line ${i + 1} is not valid JSON.`, { ...ref, line: i + 1 });
    }
    const problem = eventProblem(value);
    if (problem) {
      throw new BundleError('malformed', `Payload line ${i + 1} is not an event: ${problem}.`, { ...ref, line: i + 1 });
    }
    events.push(value as BundleEvent);
  }
  return events;
}

export function signReceipt(receipt: Receipt, privateKeyPem: string): string {
  return signedFile('receipt', receipt, privateKeyPem);
}

export function readReceipt(fileText: string, serverPublicKeyPem: string): Receipt {
  return readSignedFile(fileText, 'receipt', receiptSchema, serverPublicKeyPem, 'receipt') as Receipt;
}

export function signUpdate(update: RosterUpdate, privateKeyPem: string): string {
  const parsed = rosterUpdateSchema.safeParse(update);
  if (!parsed.success) throw new BundleError('malformed', `The update is not valid: ${parsed.error.issues[0]?.message}`);
  return signedFile('update', parsed.data, privateKeyPem);
}

export function readUpdate(fileText: string, serverPublicKeyPem: string): RosterUpdate {
  return readSignedFile(fileText, 'update', rosterUpdateSchema, serverPublicKeyPem, 'update') as RosterUpdate;
}

/** An inbound bundle (inbound-format.ts), signed by the server. */
export function signInbound(bundle: InboundBundle, privateKeyPem: string): string {
  const parsed = inboundBundleSchema.safeParse(bundle);
  if (!parsed.success) throw new BundleError('malformed', `The inbound bundle is not valid: ${parsed.error.issues[0]?.message}`);
  return signedFile('inbound', parsed.data, privateKeyPem);
}

export function readInbound(fileText: string, serverPublicKeyPem: string): InboundBundle {
  return readSignedFile(fileText, 'inbound', inboundBundleSchema, serverPublicKeyPem, 'inbound bundle') as InboundBundle;
}

/** Which signed server file this is ("update": a roster update, "inbound": an inbound bundle), by its envelope. */
export function serverFileKind(fileText: string): 'update' | 'inbound' | null {
  try {
    const parsed = JSON.parse(fileText) as Record<string, unknown> | null;
    if (parsed && typeof parsed === 'object' && 'inbound' in parsed) return 'inbound';
    if (parsed && typeof parsed === 'object' && 'update' in parsed) return 'update';
  } catch {
    return null;
  }
  return null;
}
