import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';

/**
 * The backup's seal: an HMAC-SHA256 over the manifest (which holds every part's SHA-256), keyed
 * by a key derived from the database key with HKDF. The part hashes and the trailer are plain
 * SHA-256 that anyone can recompute after changing a file; the seal can only be made, and
 * checked, by someone who can unwrap the database key (a password or the recovery code).
 * The database key itself never goes into the backup in clear, and the seal key is useless for
 * anything else (its own HKDF label).
 */
export const SEAL_INFO = 'counsel-backup-seal-v1';

export const sealSchema = z.object({
  algorithm: z.literal('HMAC-SHA256'),
  kdf: z.literal('HKDF-SHA256'),
  /** HKDF salt, random per backup. */
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupSeal = z.infer<typeof sealSchema>;

/** The meta row the database copy gets when its backup is sealed, so a stripped seal shows. */
export const SEALED_MARKER = 'backupSealed';

export function sealKey(databaseKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, salt, SEAL_INFO, 32));
}

/** The manifest as the seal covers it: every field but the seal, in canonical JSON. */
function sealedText(manifest: object): string {
  const { seal: _seal, ...rest } = manifest as { seal?: unknown };
  return canonicalJson(rest);
}

/** Seal with a key from `keyFor(salt)`: the workstation passes its vault's derivation, tests a raw key. */
export function sealWith(manifest: object, keyFor: (salt: Buffer) => Buffer): BackupSeal {
  const salt = randomBytes(16);
  const key = keyFor(salt);
  try {
    return {
      algorithm: 'HMAC-SHA256',
      kdf: 'HKDF-SHA256',
      salt: salt.toString('hex'),
      mac: createHmac('sha256', key).update(sealedText(manifest)).digest('hex'),
    };
  } finally {
    key.fill(0);
  }
}

export function sealManifest(manifest: object, databaseKey: Buffer): BackupSeal {
  return sealWith(manifest, (salt) => sealKey(databaseKey, salt));
}

/** True when the seal was made with this database key over exactly this manifest. */
export function sealMatches(manifest: object, seal: BackupSeal, databaseKey: Buffer): boolean {
  const key = sealKey(databaseKey, Buffer.from(seal.salt, 'hex'));
  try {
    const expected = createHmac('sha256', key).update(sealedText(manifest)).digest();
    const given = Buffer.from(seal.mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  } finally {
    key.fill(0);
  }
}
