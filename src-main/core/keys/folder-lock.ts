import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { AppError } from '../../../src-shared/contract/errors';

/** Longer than any honest queue of sign-ins (each one scrypt check), shorter than a person waits. */
const WAIT_MS = 20_000;
const POLL_MS = 20;

/**
 * An exclusive lock across processes on one data folder, held while an async step runs.
 *
 * It is SQLite's own file lock on a small empty file (`BEGIN EXCLUSIVE`): fcntl on POSIX,
 * LockFileEx on Windows. The operating system drops it when the holder exits, even by kill -9, so
 * there is no stale lock file to judge by age or pid. Nothing is ever written to the file.
 * Waiting polls without blocking the event loop, so a window served by the same worker keeps
 * answering while another process holds the lock.
 */
export class FolderLock {
  constructor(private readonly file: string) {}

  /** The lock file exists with the owner's mode only (SQLite would make it 0644). */
  ensureFile(): void {
    if (!existsSync(this.file)) closeSync(openSync(this.file, 'a', 0o600));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.ensureFile();
    const db = new Database(this.file, { timeout: 0 });
    try {
      await acquire(db);
      try {
        return await work();
      } finally {
        db.exec('ROLLBACK');
      }
    } finally {
      db.close();
    }
  }
}

async function acquire(db: Database.Database): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      return;
    } catch (error) {
      if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
      if (Date.now() >= deadline) throw new AppError('THROTTLED', { retryAfterSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
