import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { AppError } from '../../../src-shared/contract/errors';

export type SqliteDatabase = Database.Database;

export const CIPHER = 'chacha20';

export interface OpenOptions {
  create: boolean;
  /**
   * How long a write waits for another connection's write lock before SQLITE_BUSY. The app's
   * worker keeps 0 (a worker blocked on another writer would stop answering the window); the CLI
   * and the jobs that cron or Task Scheduler start wait a bounded time instead of failing.
   */
  busyTimeoutMs?: number;
}

/** Below one SQLite page a file cannot hold a store: refuse before SQLite turns it into a new one. */
const MIN_DATABASE_BYTES = 512;

/**
 * Open the encrypted store with the raw database key. The key is checked by a read before any
 * pragma that could write, so a wrong key never modifies the file; a new file is made 0600
 * before SQLite opens it, and its WAL and SHM take the database file's mode.
 */
export function openEncryptedDatabase(file: string, key: Buffer, options: OpenOptions): SqliteDatabase {
  if (options.create && existsSync(file)) throw new AppError('ALREADY_INITIALIZED', {});
  if (!options.create) assertPlausibleDatabaseFile(file);
  if (options.create) closeSync(openSync(file, 'wx', 0o600));
  let db: SqliteDatabase;
  try {
    db = new Database(file, { fileMustExist: true, timeout: options.busyTimeoutMs ?? 0 });
  } catch {
    if (options.create) rmSync(file, { force: true });
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

/**
 * A read-only keyed connection to a copy (a backup's staged copy), for checks that must not change
 * it: no pragma that writes (a copy made by `VACUUM INTO` is in rollback-journal mode, and switching
 * it to WAL as `openEncryptedDatabase` does is a write and an fsync of the whole copy, seconds at a
 * decade's size), so several such connections read it side by side. Throws when the key does not
 * read page 1 (a damaged copy or another database's key).
 */
export function openCopyReadOnly(file: string, key: Buffer): SqliteDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // As the store's connections: sorts in memory (no plaintext temp files), a cache that holds hot pages.
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32768');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * An existing store is refused, untouched, when the file is missing, empty or shorter than a
 * page: SQLite would otherwise take a 0-byte file for a new database and write one over it.
 */
function assertPlausibleDatabaseFile(file: string): void {
  if (!existsSync(file)) throw new AppError('DATABASE_INVALID', { reason: 'databaseMissing' });
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
    size = stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
  }
  if (size === 0) throw new AppError('DATABASE_INVALID', { reason: 'databaseEmpty' });
  if (size < MIN_DATABASE_BYTES) throw new AppError('DATABASE_INVALID', { reason: 'databaseUnreadable' });
}

/** Shared by the encrypted store and the plain baseline in the benchmark. */
export function applyConnectionPragmas(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  // Sorts and temp indices stay in memory: no plaintext temp files on disk.
  db.pragma('temp_store = MEMORY');
  // Every page read is decrypted: with SQLite's 2 MB default, a decade's joins into students
  // (16 MB at 60,000) decrypt the same pages again and again. 32 MB holds them and stays well
  // inside the import's memory ceiling (issue 19).
  db.pragma('cache_size = -32768');
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
