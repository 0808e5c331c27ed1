import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactDatabase } from '../../../src-main/core/archive/destruction';
import { checkpointInBackground, type BackgroundCheckpoint } from '../../../src-main/core/store/background-checkpoint';
import { newDatabaseKey } from '../../../src-main/core/keys/keyring';
import { openEncryptedDatabase, type SqliteDatabase } from '../../../src-main/core/store/database';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import type { Core } from '../../../src-main/core/core';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Bytes of the store file itself, and what they are once every committed page is in it. */
function fileAndPages(sqlite: SqliteDatabase, file: string): { file: number; pages: number; walPages: number } {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
  return { file: statSync(file).size, pages: pageSize * pageCount, walPages: Math.floor(statSync(`${file}-wal`).size / pageSize) };
}

async function importRoster(core: Core, count: number): Promise<void> {
  const content = csvUtf8Bom(ROSTER_HEADERS, rosterRows(count)).toString('base64');
  const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
  expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping }));
}

/** A stand-in thread: it records being joined. */
function fakeThread(): BackgroundCheckpoint & { joined: number } {
  const thread = {
    joined: 0,
    done: () => thread.joined > 0,
    join: () => {
      thread.joined += 1;
      return true;
    },
  };
  return thread;
}

/** A new encrypted store with a table `t`, whose writes stay in its WAL until someone checkpoints. */
function storeWritingToItsWal(): { file: string; key: Buffer; db: SqliteDatabase } {
  const dir = mkdtempSync(join(tmpdir(), 'counsel-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'store.db');
  const key = newDatabaseKey();
  const db = openEncryptedDatabase(file, key, { create: true });
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  return { file, key, db };
}

describe('the WAL checkpoint of a long import, on another thread', () => {
  it('copies the committed pages into the encrypted store file with its own keyed connection', () => {
    const { file, key, db } = storeWritingToItsWal();
    try {
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 5_000; i += 1) insert.run(`合成内容 ${i} `.repeat(20));
      })();
      const before = fileAndPages(db, file);
      expect(before.file).toBeLessThan(before.pages);
      const thread = checkpointInBackground(file, key);
      expect(thread).not.toBeNull();
      expect(thread!.join(60_000)).toBe(true);
      const after = fileAndPages(db, file);
      expect(after.file).toBe(after.pages);
      // The caller's key is its own: the thread was sent a copy.
      expect(key.some((byte) => byte !== 0)).toBe(true);
      // Writes go on as before; the rows read back through the same connection.
      insert.run('after');
      expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5_001);
    } finally {
      db.close();
    }
  });

  it('does not hold up a join when the thread never claims its checkpoint, and then keeps it away from the store', () => {
    const { file, key, db } = storeWritingToItsWal();
    try {
      db.prepare('INSERT INTO t (body) VALUES (?)').run('合成内容');
      // A thread whose module cannot load: its error event cannot arrive while the join blocks.
      const broken = checkpointInBackground(file, key, 'no-such-checkpoint-worker');
      expect(broken).not.toBeNull();
      const start = Date.now();
      expect(broken!.join(60_000)).toBe(true);
      expect(Date.now() - start).toBeLessThan(30_000);
      expect(broken!.done()).toBe(true);
      // Joined before it could start: withdrawn, done at once.
      const early = checkpointInBackground(file, key);
      expect(early).not.toBeNull();
      expect(early!.join(0)).toBe(true);
      expect(early!.done()).toBe(true);
      const after = fileAndPages(db, file);
      expect(after.file).toBeLessThan(after.pages);
    } finally {
      db.close();
    }
  });

  it('leaves the COMMIT of an import without its checkpoint: the thread started after it copies the pages', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const sqlite = connectionHatch(store);
    const file = core.vault.paths.database;
    let atCommit: ReturnType<typeof fileAndPages> | null = null;
    const start = core.vault.checkpointInBackground.bind(core.vault);
    core.vault.checkpointInBackground = () => {
      atCommit = fileAndPages(sqlite, file);
      return start();
    };
    await importRoster(core, 4_000);
    // Measured as the thread was asked to start: the import's pages were still only in the WAL,
    // more of them than make a COMMIT checkpoint by itself (SQLite's default, 1,000 pages).
    expect(atCommit).not.toBeNull();
    expect(atCommit!.walPages).toBeGreaterThan(1_000);
    expect(atCommit!.file).toBeLessThan(atCommit!.pages);
    expect(store.background.joinAll(60_000)).toBe(true);
    const after = fileAndPages(sqlite, file);
    expect(after.file).toBe(after.pages);
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(4_000);
    expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
  });

  it('checkpoints on the import connection, as before, where no thread starts', async () => {
    const { core } = await setUpCore();
    core.vault.checkpointInBackground = () => false;
    await importRoster(core, 2_000);
    const after = fileAndPages(connectionHatch(core.vault.requireStore()), core.vault.paths.database);
    expect(after.file).toBe(after.pages);
  });

  it('is joined before destruction empties the WAL, and before the store closes at lock', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const beforeCompaction = fakeThread();
    store.background.add(beforeCompaction);
    compactDatabase(store);
    expect(beforeCompaction.joined).toBe(1);
    expect(statSync(`${core.vault.paths.database}-wal`).size).toBe(0);
    const beforeLock = fakeThread();
    store.background.add(beforeLock);
    core.vault.lock();
    expect(beforeLock.joined).toBe(1);
  });
});
