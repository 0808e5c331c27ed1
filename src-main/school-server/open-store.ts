import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PgReceiverStore } from './pg-store';
import { SqliteReceiverStore } from './sqlite-store';
import type { ReceiverStore } from './store';
import { createStoreKey, PASSPHRASE_ENV, StoreKeyError, storeKeyExists, unlockStoreKey } from './store-key';

export const SQLITE_FILE = 'receiver.db';

/** D holds keys and the store: only its owner may enter it (0700), and its files are 0600. */
export function prepareReceiverDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

function restrictStoreFiles(dir: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of ['', '-wal', '-shm']) {
    const file = join(dir, SQLITE_FILE + suffix);
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file D/receiver.db. Either way
 * the store key comes from D/receiver-key.json and the passphrase in SCHOOL_SERVER_PASSPHRASE; a
 * D without a key file is set up on the spot when the passphrase is given (as `init` would).
 */
export async function openReceiverStore(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<ReceiverStore> {
  prepareReceiverDir(dir);
  const passphrase = env[PASSPHRASE_ENV];
  const sqliteFile = join(dir, SQLITE_FILE);
  // A plain receiver.db from an earlier version is encrypted only by an explicit `init`.
  const plainLeftOver = !env.DATABASE_URL && existsSync(sqliteFile) && SqliteReceiverStore.isPlainFile(sqliteFile);
  if (!storeKeyExists(dir) && (!passphrase || plainLeftOver)) throw new StoreKeyError('notInitialized');
  const key = storeKeyExists(dir) ? await unlockStoreKey(dir, passphrase) : await createStoreKey(dir, passphrase!);
  if (env.DATABASE_URL) return PgReceiverStore.connect(env.DATABASE_URL, { key });
  const store = new SqliteReceiverStore(sqliteFile, key);
  restrictStoreFiles(dir);
  return store;
}

export interface InitOutcome {
  store: 'sqlite' | 'postgres';
  /** A plain receiver.db from an earlier version was encrypted in place. */
  encryptedExistingFile: boolean;
  /** PostgreSQL rows stored in clear by an earlier version, now sealed. */
  sealedRows: number;
}

/**
 * `school-server init`: makes the store key under the passphrase and brings what an earlier,
 * unencrypted version stored under it (a plain receiver.db, plain PostgreSQL rows): nothing is lost.
 */
export async function initReceiverStore(dir: string, passphrase: string, env: NodeJS.ProcessEnv = process.env): Promise<InitOutcome> {
  prepareReceiverDir(dir);
  const key = await createStoreKey(dir, passphrase);
  if (env.DATABASE_URL) {
    const store = await PgReceiverStore.connect(env.DATABASE_URL, { key });
    try {
      return { store: 'postgres', encryptedExistingFile: false, sealedRows: await store.sealPlainRows() };
    } finally {
      await store.close();
    }
  }
  const sqliteFile = join(dir, SQLITE_FILE);
  const encryptedExistingFile = existsSync(sqliteFile) && SqliteReceiverStore.isPlainFile(sqliteFile);
  if (encryptedExistingFile) SqliteReceiverStore.encryptPlainFile(sqliteFile, key);
  await new SqliteReceiverStore(sqliteFile, key).close();
  restrictStoreFiles(dir);
  return { store: 'sqlite', encryptedExistingFile, sealedRows: 0 };
}
