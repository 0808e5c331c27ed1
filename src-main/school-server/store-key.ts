import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { deriveKey, newScryptParams, type KdfCost } from '../core/keys/kdf';
import { writeFileAtomic } from '../core/keys/atomic-file';

/**
 * The receiver's store key: a random 256-bit key that encrypts the SQLite store (SQLite3MC) and
 * seals the rows kept in PostgreSQL. It is kept in D/receiver-key.json wrapped (AES-256-GCM) under
 * a key that scrypt derives from the passphrase given at `school-server init` (or in
 * SCHOOL_SERVER_PASSPHRASE), so the files of D and a database dump reveal no content without it.
 */

export const STORE_KEY_FILE = 'receiver-key.json';
export const PASSPHRASE_ENV = 'SCHOOL_SERVER_PASSPHRASE';
const FORMAT = 'counsel-receiver-key';

const keyFileSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
    iv: z.string(),
    tag: z.string(),
    wrapped: z.string(),
  })
  .strict();

export type StoreKeyProblem = 'notInitialized' | 'alreadyInitialized' | 'passphraseMissing' | 'passphraseTooShort' | 'wrongPassphrase' | 'keyFileInvalid';

const MESSAGES: Record<StoreKeyProblem, string> = {
  notInitialized: `The receiver's store is not set up: run \`school-server init --dir D\` first (passphrase from ${PASSPHRASE_ENV} or a prompt).`,
  alreadyInitialized: `The receiver's store is already set up (${STORE_KEY_FILE} exists); refusing to replace its key.`,
  passphraseMissing: `The receiver's store is encrypted: set ${PASSPHRASE_ENV} to its passphrase.`,
  passphraseTooShort: 'The passphrase must have at least 12 characters.',
  wrongPassphrase: `The passphrase does not open ${STORE_KEY_FILE}.`,
  keyFileInvalid: `${STORE_KEY_FILE} is damaged or not a receiver key file.`,
};

export class StoreKeyError extends Error {
  constructor(readonly problem: StoreKeyProblem) {
    super(MESSAGES[problem]);
  }
}

export const MIN_PASSPHRASE_LENGTH = 12;

export function storeKeyExists(dir: string): boolean {
  return existsSync(join(dir, STORE_KEY_FILE));
}

/** Makes the store key and writes it wrapped under the passphrase; returns the key. */
export async function createStoreKey(dir: string, passphrase: string, cost?: KdfCost): Promise<Buffer> {
  if (storeKeyExists(dir)) throw new StoreKeyError('alreadyInitialized');
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new StoreKeyError('passphraseTooShort');
  const key = randomBytes(32);
  const kdf = newScryptParams(cost);
  const wrappingKey = await deriveKey(passphrase, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(FORMAT));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  const file = { format: FORMAT, version: 1, kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
  writeFileAtomic(join(dir, STORE_KEY_FILE), `${JSON.stringify(file, null, 2)}\n`);
  return key;
}

export async function unlockStoreKey(dir: string, passphrase: string | undefined): Promise<Buffer> {
  const path = join(dir, STORE_KEY_FILE);
  if (!existsSync(path)) throw new StoreKeyError('notInitialized');
  if (!passphrase) throw new StoreKeyError('passphraseMissing');
  let parsed: z.infer<typeof keyFileSchema>;
  try {
    parsed = keyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new StoreKeyError('keyFileInvalid');
  }
  const wrappingKey = await deriveKey(passphrase, parsed.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(parsed.iv, 'base64'));
    decipher.setAAD(Buffer.from(FORMAT));
    decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(parsed.wrapped, 'base64')), decipher.final()]);
    if (key.length !== 32) throw new Error('length');
    return key;
  } catch {
    throw new StoreKeyError('wrongPassphrase');
  }
}

/** The key that seals rows (PostgreSQL), separate from the one that encrypts the SQLite file. */
function rowKey(storeKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', storeKey, Buffer.alloc(0), 'counsel-receiver-row-v1', 32));
}

const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;

/** A sealed row as kept in a JSONB column: `{ "sealed": "v1.<base64 iv|tag|ciphertext>" }`. */
export interface SealedRow {
  sealed: string;
}

export class RowSealer {
  private readonly key: Buffer;

  constructor(storeKey: Buffer) {
    this.key = rowKey(storeKey);
  }

  /** `aad` binds the row to its place (workstation, profile, entity, id), so rows cannot be swapped. */
  seal(row: Record<string, unknown>, aad: string): SealedRow {
    return { sealed: this.sealedValue(row, aad) };
  }

  /** The sealed row's JSON text, as `JSON.stringify(seal(row, aad))` gives it (base64 needs no escaping). */
  sealText(row: Record<string, unknown>, aad: string): string {
    return `{"sealed":"${this.sealedValue(row, aad)}"}`;
  }

  private sealedValue(row: Record<string, unknown>, aad: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = cipher.update(JSON.stringify(row), 'utf8');
    const last = cipher.final();
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body, last]).toString('base64');
  }

  /**
   * A fresh random IV, cut from 12 KiB drawn from the CSPRNG at a time: a bundle seals tens of
   * thousands of rows and one randomBytes call per row was a tenth of the apply's CPU. The IVs are
   * as random and as independent as before (each byte is used once).
   */
  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_BYTES * 1024);
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  /** Rows written before sealing existed are plain objects: they are read as they are. */
  open(stored: unknown, aad: string): Record<string, unknown> {
    if (!isSealed(stored)) return stored as Record<string, unknown>;
    const raw = Buffer.from(stored.sealed.slice(SEALED_PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, unknown>;
  }
}

export function isSealed(value: unknown): value is SealedRow {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as SealedRow).sealed === 'string' &&
    (value as SealedRow).sealed.startsWith(SEALED_PREFIX)
  );
}

export function rowPlace(workstationId: string, profile: string, entity: string, entityId: string): string {
  return [workstationId, profile, entity, entityId].join('\u0000');
}
