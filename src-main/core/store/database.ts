import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { AppError } from '../../../src-shared/contract/errors';

export type SqliteDatabase = Database.Database;

export const CIPHER = 'chacha20';

/**
 * Open the encrypted store with the raw database key. The key is checked by a read before any
 * pragma that could write, so a wrong key never modifies the file.
 */
export function openEncryptedDatabase(file: string, key: Buffer, options: { create: boolean }): SqliteDatabase {
  if (!options.create && !existsSync(file)) throw new AppError('DATABASE_INVALID', { reason: 'databaseMissing' });
  if (options.create && existsSync(file)) throw new AppError('ALREADY_INITIALIZED', {});
  let db: SqliteDatabase;
  try {
    // No waiting for locks: a worker blocked on another writer would stop answering the window.
    db = new Database(file, { fileMustExist: !options.create, timeout: 0 });
  } catch {
    throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
  }
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    // Touches page 1: fails with SQLITE_NOTADB when the key is wrong or the file is damaged.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    // A wrong key reads page 1 as garbage (SQLITE_NOTADB); a right key over a damaged or
    // truncated file finds malformed pages (SQLITE_CORRUPT): that is the file, not the key ring.
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_CORRUPT')) throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
    throw new AppError('KEYRING_INVALID', { reason: 'keyMismatch' });
  }
  applyConnectionPragmas(db);
  return db;
}

/** Shared by the encrypted store and the plain baseline in the benchmark. */
export function applyConnectionPragmas(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  // Sorts and temp indices stay in memory: no plaintext temp files on disk.
  db.pragma('temp_store = MEMORY');
}

/** True when the file does not start with the plain SQLite header. */
export function fileLooksEncrypted(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    return read === 16 && header.toString('latin1') !== 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}
