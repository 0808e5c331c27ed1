import { AGE_RECIPIENT_PATTERN } from '../contract/sync';

/**
 * Reads the school server's public keys out of the text `school-server keys` prints (saved to a
 * file, e.g. `npm run school-server -- keys --dir D > school-server-keys.txt`, or `--out FILE`):
 * the age recipient the workstation encrypts to and the server's signing public key (PEM) it
 * checks receipts and updates with. Any text holding exactly one of each works, so a file the
 * school IT edited or mailed still reads. A file with a secret key in it is refused: that file
 * belongs on the server only, and nothing of it is kept.
 */
export type ServerKeyFile =
  { ok: true; recipient: string; signingKeyPem: string; printedFingerprint: string | null } | { ok: false; problem: ServerKeyFileProblem };

export type ServerKeyFileProblem = 'secretKey' | 'noRecipient' | 'severalRecipients' | 'noSigningKey' | 'severalSigningKeys';

const SECRET = /AGE-SECRET-KEY-1|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const RECIPIENT_CANDIDATE = /\bage1[0-9a-z]+\b/g;
const PUBLIC_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;
const FINGERPRINT = /fingerprint\s+([0-9a-f]{64})/i;

export function parseServerKeyFile(text: string): ServerKeyFile {
  if (SECRET.test(text)) return { ok: false, problem: 'secretKey' };
  const recipients = [...new Set((text.match(RECIPIENT_CANDIDATE) ?? []).filter((r) => AGE_RECIPIENT_PATTERN.test(r)))];
  if (recipients.length === 0) return { ok: false, problem: 'noRecipient' };
  if (recipients.length > 1) return { ok: false, problem: 'severalRecipients' };
  const pems = [...new Set((text.match(PUBLIC_PEM) ?? []).map(normalizePem))];
  if (pems.length === 0) return { ok: false, problem: 'noSigningKey' };
  if (pems.length > 1) return { ok: false, problem: 'severalSigningKeys' };
  return { ok: true, recipient: recipients[0], signingKeyPem: pems[0], printedFingerprint: text.match(FINGERPRINT)?.[1].toLowerCase() ?? null };
}

/** One PEM block with Unix line ends and a final newline, as Node exports it. */
function normalizePem(pem: string): string {
  const lines = pem
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return `${lines.join('\n')}\n`;
}
