import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteReceiverStore } from '../../../src-main/school-server/sqlite-store';
import { makeEvents, seal } from './fixtures';
import { harness } from './receiver-fixtures';

/**
 * A folder's import on SQLite copies the written pages into the file once, at the end, instead of
 * every 1,000 pages, on a thread of its own: the receipts stand for bundles written durably (each
 * COMMIT is synced), and the log's pages all reach the file.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a folder import on SQLite', () => {
  it('syncs every COMMIT, then copies the write-ahead log into the file on another thread, with the usual checkpoints back on', async () => {
    const h = await harness('sqlite');
    cleanups.push(() => h.close());
    const store = h.receiver.store as SqliteReceiverStore;
    const db = (store as unknown as { db: { pragma(sql: string, options?: { simple: boolean }): unknown } }).db;
    const wal = join(h.dir, 'receiver.db-wal');
    // Big enough that the log passes the usual 1,000-page checkpoint several times.
    const bundles = [];
    for (let i = 0; i < 3; i += 1) bundles.push(await seal(h.keys, makeEvents(1 + i * 3000, 3000, { entityPool: 3000 })));
    let largestLog = 0;
    const apply = store.applyPrepared.bind(store);
    store.applyPrepared = async (...args) => {
      const result = await apply(...args);
      largestLog = Math.max(largestLog, statSync(wal).size);
      // During the import the log is not copied back every 1,000 pages.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      return result;
    };
    const results = await h.receiver.receiveAll(bundles.map((b) => () => b));
    expect(results.map((r) => ('error' in r ? String(r.error) : r.outcome))).toEqual(['applied', 'applied', 'applied']);
    expect(largestLog).toBeGreaterThan(0);
    // FULL (2): a receipt never stands for a bundle that a power cut could take back.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(store.checkpointSettled(30_000)).toBe(true);
    // Every page of the database is in the file (pages only in the log would leave it shorter).
    const pages = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    expect(statSync(join(h.dir, 'receiver.db')).size).toBe(pages);
    expect((await h.receiver.status())[0]).toMatchObject({ lastSeq: 9000, gaps: [], pending: [] });
  });
});
