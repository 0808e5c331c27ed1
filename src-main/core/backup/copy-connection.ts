import Database from 'better-sqlite3';
import { CIPHER, type SqliteDatabase } from '../store/database';

/**
 * A read-only keyed connection to a backup's staged copy, for checks that must not change it: no
 * pragma that writes (a copy made by `VACUUM INTO` is in rollback-journal mode, and switching it to
 * WAL as the store's connections do is a write and an fsync of the whole copy, seconds at a
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
