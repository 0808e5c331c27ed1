import { timingSafeEqual } from 'node:crypto';
import { deriveKey, newScryptParams, type KdfCost, type ScryptParams } from '../../core/keys/kdf';
import type { ReceiverStore } from '../store';

/** Who may sign in to the server's pages, and what each sees (the director's, the 院系, the leadership view). */
export const SERVER_ROLES = ['director', 'liaison', 'leadership'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export interface ServerUser {
  username: string;
  role: ServerRole;
  department: string | null;
}

export class UserError extends Error {}

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;

interface StoredPassword {
  kdf: ScryptParams;
  hash: string;
}

async function hashPassword(password: string, cost?: KdfCost): Promise<StoredPassword> {
  const kdf = newScryptParams(cost);
  return { kdf, hash: (await deriveKey(password, kdf)).toString('base64') };
}

export interface NewUser {
  username: string;
  role: string;
  department?: string | null;
  password: string;
}

/** The checks that need no store, so a mistyped command is refused before the passphrase is used. */
export function checkNewUser(input: NewUser): void {
  if (!USERNAME.test(input.username)) throw new UserError('The username must be 3–64 letters, digits, "_", "." or "-".');
  if (!(SERVER_ROLES as readonly string[]).includes(input.role)) throw new UserError(`The role must be one of ${SERVER_ROLES.join(', ')}.`);
  const department = input.department?.trim() || null;
  if (input.role === 'liaison' && !department) throw new UserError('A liaison needs --department (the 院系 whose students they see).');
  if (input.role !== 'liaison' && department) throw new UserError('Only a liaison has a department.');
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new UserError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
}

export async function addUser(store: ReceiverStore, input: NewUser, now: string, cost?: KdfCost): Promise<ServerUser> {
  checkNewUser(input);
  const department = input.department?.trim() || null;
  const existing = await store.all('SELECT username FROM server_users WHERE username = ?', [input.username]);
  if (existing.length > 0) throw new UserError(`The user ${input.username} exists already.`);
  const password = await hashPassword(input.password, cost);
  await store.run('INSERT INTO server_users (username, role, department, password, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)', [
    input.username,
    input.role,
    department,
    JSON.stringify(password),
    now,
  ]);
  return { username: input.username, role: input.role as ServerRole, department };
}

/** A stand-in for unknown usernames, so a wrong name costs the same scrypt as a wrong password. */
const DUMMY: StoredPassword = { kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' }, hash: Buffer.alloc(32).toString('base64') };

export async function verifyUser(store: ReceiverStore, username: string, password: string): Promise<ServerUser | null> {
  const rows = await store.all<{ username: string; role: ServerRole; department: string | null; password: string; disabled: number }>(
    'SELECT username, role, department, password, disabled FROM server_users WHERE username = ?',
    [username],
  );
  const row = rows[0];
  const stored: StoredPassword = row ? (JSON.parse(row.password) as StoredPassword) : DUMMY;
  const derived = await deriveKey(password, stored.kdf);
  const expected = Buffer.from(stored.hash, 'base64');
  const matches = derived.length === expected.length && timingSafeEqual(derived, expected);
  if (!row || !matches || Number(row.disabled) !== 0) return null;
  return { username: row.username, role: row.role, department: row.department };
}
