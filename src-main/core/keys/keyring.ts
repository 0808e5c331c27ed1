import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { writeFileAtomic } from './atomic-file';
import { deriveKey, newScryptParams, type KdfCost } from './kdf';

/**
 * The key ring: the random database key, wrapped once per account password and once for the
 * recovery code (AES-256-GCM under a scrypt-derived key). It sits beside the database; losing it
 * loses the data, so it is only ever replaced atomically and never rewritten on read.
 */
export const KEYRING_FORMAT = 'counsel-keyring';
export const KEYRING_VERSION = 1;

/** Base64 of exactly `bytes` bytes: a damaged slot is reported as a damaged ring, not as a wrong password. */
const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((text) => Buffer.from(text, 'base64').length === bytes);

const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(['password', 'recovery']),
  /** Account slots: salted hash of the username, so the file does not name people. */
  lookup: z.string().nullable(),
  accountId: z.string().nullable(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  wrap: z.object({ alg: z.literal('aes-256-gcm'), iv: base64Of(12), tag: base64Of(16), ciphertext: base64Of(32) }),
  createdAt: z.string(),
});

const keyRingSchema = z.object({
  format: z.literal(KEYRING_FORMAT),
  version: z.literal(KEYRING_VERSION),
  databaseId: z.string(),
  lookupSalt: z.string(),
  slots: z.array(slotSchema),
  updatedAt: z.string(),
});

export type KeySlot = z.infer<typeof slotSchema>;
export type KeyRing = z.infer<typeof keyRingSchema>;

export function newDatabaseKey(): Buffer {
  return randomBytes(32);
}

export function emptyKeyRing(databaseId: string = randomUUID()): KeyRing {
  return {
    format: KEYRING_FORMAT,
    version: KEYRING_VERSION,
    databaseId,
    lookupSalt: randomBytes(16).toString('base64'),
    slots: [],
    updatedAt: new Date().toISOString(),
  };
}

export function readKeyRing(path: string): KeyRing {
  if (!existsSync(path)) throw new AppError('KEYRING_INVALID', { reason: 'keyringMissing' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('KEYRING_INVALID', { reason: 'keyringCorrupt' });
  }
  const version = (parsed as { version?: unknown })?.version;
  if (typeof version === 'number' && version > KEYRING_VERSION) {
    throw new AppError('KEYRING_INVALID', { reason: 'keyringTooNew', version });
  }
  const result = keyRingSchema.safeParse(parsed);
  if (!result.success) throw new AppError('KEYRING_INVALID', { reason: 'keyringCorrupt' });
  return result.data;
}

export function writeKeyRing(path: string, ring: KeyRing): void {
  writeFileAtomic(path, JSON.stringify({ ...ring, updatedAt: new Date().toISOString() }, null, 2));
}

export function usernameLookup(ring: KeyRing, username: string): string {
  return createHash('sha256').update(ring.lookupSalt).update('\0').update(username.toLowerCase()).digest('hex');
}

/** Slot metadata is bound into the GCM tag, so a slot cannot be moved to another ring or account. */
function slotAad(ring: KeyRing, slot: Pick<KeySlot, 'id' | 'kind' | 'accountId'>): Buffer {
  return Buffer.from(`${ring.databaseId}|${slot.id}|${slot.kind}|${slot.accountId ?? ''}`);
}

export async function makeSlot(
  ring: KeyRing,
  databaseKey: Buffer,
  secret: string,
  target: { kind: 'password'; accountId: string; username: string } | { kind: 'recovery' },
  cost?: KdfCost,
): Promise<KeySlot> {
  const kdf = newScryptParams(cost);
  const wrappingKey = await deriveKey(secret, kdf);
  const head = {
    id: randomUUID(),
    kind: target.kind,
    accountId: target.kind === 'password' ? target.accountId : null,
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(slotAad(ring, head));
  const ciphertext = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  return {
    ...head,
    lookup: target.kind === 'password' ? usernameLookup(ring, target.username) : null,
    kdf,
    wrap: { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') },
    createdAt: new Date().toISOString(),
  };
}

/** Returns the database key, or null when the secret is wrong (the GCM tag does not verify). */
export async function openSlot(ring: KeyRing, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const wrappingKey = await deriveKey(secret, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.wrap.iv, 'base64'));
    decipher.setAAD(slotAad(ring, slot));
    decipher.setAuthTag(Buffer.from(slot.wrap.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrap.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export function findPasswordSlot(ring: KeyRing, username: string): KeySlot | undefined {
  const lookup = usernameLookup(ring, username);
  return ring.slots.find((slot) => slot.kind === 'password' && slot.lookup === lookup);
}

export function findRecoverySlot(ring: KeyRing): KeySlot | undefined {
  return ring.slots.find((slot) => slot.kind === 'recovery');
}

/** A new ring value with the account's slots replaced by `slot` (or removed when null). */
export function withAccountSlot(ring: KeyRing, accountId: string, slot: KeySlot | null): KeyRing {
  const others = ring.slots.filter((s) => s.accountId !== accountId);
  return { ...ring, slots: slot ? [...others, slot] : others };
}

export function hasAccountSlot(ring: KeyRing, accountId: string): boolean {
  return ring.slots.some((s) => s.accountId === accountId);
}
