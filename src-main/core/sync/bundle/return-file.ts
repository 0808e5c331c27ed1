import { Decrypter, Encrypter } from 'age-encryption';
import { BundleError } from './format';

/**
 * The return file: what the server sends back to the workstations (an inbound bundle, a roster
 * update) travels through the same shared folder or USB stick as the exports, and it names
 * students (院系 reports, the risk digest). So the server encrypts the signed file to every
 * workstation's return recipient (age, several X25519 recipients) and wraps it in a small JSON
 * envelope. The signature inside is checked after decryption as before: encryption keeps the file
 * private, the signature proves it came from the server. docs/export-format.md, "The return file".
 */

export const RETURN_FILE_FORMAT = 1;

interface Envelope {
  sealed: { format: number; payload: string };
}

/** Encrypts a signed server file to the given recipients (at least one). */
export async function sealReturnFile(signedText: string, recipients: readonly string[]): Promise<string> {
  if (recipients.length === 0) throw new BundleError('malformed', 'A return file needs at least one recipient.');
  const encrypter = new Encrypter();
  for (const recipient of new Set(recipients)) encrypter.addRecipient(recipient);
  const payload = await encrypter.encrypt(signedText);
  const envelope: Envelope = { sealed: { format: RETURN_FILE_FORMAT, payload: Buffer.from(payload).toString('base64') } };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** True when the text is a sealed return file (whatever is inside it). */
export function isSealedReturnFile(fileText: string): boolean {
  try {
    const parsed = JSON.parse(fileText) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'sealed' in parsed;
  } catch {
    return false;
  }
}

/**
 * Decrypts a sealed return file with this workstation's identity and gives back the signed text,
 * still to be verified. `notRecipient`: the file was encrypted to other workstations only (this
 * one had not exported with its return key yet when the server wrote it).
 */
export async function openReturnFile(fileText: string, identity: string | null): Promise<string> {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(fileText) as Envelope;
  } catch {
    throw new BundleError('malformed', 'The return file is not JSON.');
  }
  const sealed = envelope?.sealed;
  if (typeof sealed !== 'object' || sealed === null || typeof sealed.payload !== 'string') {
    throw new BundleError('malformed', 'The return file has no sealed payload.');
  }
  if (sealed.format !== RETURN_FILE_FORMAT) throw new BundleError('unsupportedFormat', `Return file format ${String(sealed.format)} is not supported.`);
  if (!identity) throw new BundleError('notRecipient', 'This workstation has no return key yet.');
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  const payload = Buffer.from(sealed.payload, 'base64');
  let plain: Uint8Array;
  try {
    plain = await decrypter.decrypt(payload);
  } catch (error) {
    const message = (error as Error).message;
    // age-encryption says "no identity matched any of the file's recipients" for a file made for others.
    if (/no identity matched/i.test(message)) throw new BundleError('notRecipient', 'The return file was not encrypted to this workstation.');
    throw new BundleError('tampered', `The return file cannot be decrypted: ${message}`);
  }
  return Buffer.from(plain).toString('utf8');
}
