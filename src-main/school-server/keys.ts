import { createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateSigningKeyPair, keyFingerprint, publicKeyFromPrivate } from '../core/sync/bundle/codec';

/** Key material of the receiver: the age identity (decrypts), its own Ed25519 key (signs receipts and updates), trusted workstation keys. */

const SIGNING_KEY_FILE = 'server-signing-key.pem';
const RECIPIENT_FILE = 'recipient.txt';

export class KeyError extends Error {}

/** An `age-keygen` style file: comment lines, then `AGE-SECRET-KEY-1…`. */
export function readIdentityFile(file: string): string {
  if (!existsSync(file)) throw new KeyError(`Identity file ${file} does not exist (make one with: school-server keygen --out ${file}).`);
  const line = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (!line) throw new KeyError(`${file} holds no AGE-SECRET-KEY-1… line.`);
  return line;
}

export async function writeIdentityFile(file: string, now: Date): Promise<string> {
  if (existsSync(file)) throw new KeyError(`${file} already exists; refusing to overwrite a key.`);
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  writeSecret(file, `# created: ${now.toISOString()}\n# public key: ${recipient}\n${identity}\n`);
  return recipient;
}

export function recipientOf(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

function writeSecret(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The server's signing key, made in D on first use. */
export function serverSigningKey(dir: string): { privateKeyPem: string; publicKeyPem: string; fingerprint: string } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file)) writeSecret(file, generateSigningKeyPair().privateKeyPem);
  const privateKeyPem = readFileSync(file, 'utf8');
  const publicKeyPem = publicKeyFromPrivate(privateKeyPem);
  return { privateKeyPem, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** Remembered so `keys --dir D` can print the recipient without the identity file at hand. */
export function rememberRecipient(dir: string, recipient: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RECIPIENT_FILE), `${recipient}\n`);
}

export function rememberedRecipient(dir: string): string | null {
  const file = join(dir, RECIPIENT_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

const WORKSTATION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** D/trusted/<workstationId>.pem, read on every use so `trust` takes effect without a restart. */
export function trustedKeys(dir: string): Record<string, string> {
  const folder = join(dir, 'trusted');
  if (!existsSync(folder)) return {};
  const keys: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.pem')) continue;
    const id = name.slice(0, -'.pem'.length);
    if (WORKSTATION_ID.test(id) && !id.startsWith('.')) keys[id] = readFileSync(join(folder, name), 'utf8');
  }
  return keys;
}

export function trustWorkstation(dir: string, workstationId: string, publicKeyPem: string): string {
  if (!WORKSTATION_ID.test(workstationId) || workstationId.startsWith('.')) {
    throw new KeyError(`"${workstationId}" is not a valid workstation id (letters, digits, - _ .).`);
  }
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    throw new KeyError('The key is not a PEM public key.');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyError(`The key is ${key.asymmetricKeyType}, not Ed25519.`);
  const pem = key.export({ type: 'spki', format: 'pem' }).toString();
  mkdirSync(join(dir, 'trusted'), { recursive: true });
  writeFileSync(join(dir, 'trusted', `${workstationId}.pem`), pem);
  return keyFingerprint(pem);
}
