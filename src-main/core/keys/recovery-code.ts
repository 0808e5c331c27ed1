import { randomBytes } from 'node:crypto';

/**
 * Recovery codes are shown once at setup and printed. Crockford base32 avoids letters that are
 * misread on paper (I, L, O, U); reading is lenient about case, spaces, dashes, O/0 and I/L/1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 20; // 160 bits -> 32 characters -> 8 groups of 4

export function generateRecoveryCode(): string {
  return formatRecoveryCode(toBase32(randomBytes(CODE_BYTES)));
}

export function formatRecoveryCode(plain: string): string {
  return plain.match(/.{1,4}/g)!.join('-');
}

/** The canonical form that is fed to the KDF: 32 characters, no separators. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isWellFormedRecoveryCode(input: string): boolean {
  const normalized = normalizeRecoveryCode(input);
  return normalized.length === 32 && [...normalized].every((ch) => ALPHABET.includes(ch));
}

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
