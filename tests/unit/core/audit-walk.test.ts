import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditAppender, verifyAuditChain } from '../../../src-main/core/audit/audit-chain';
import { walkAuditChain } from '../../../src-main/core/audit/audit-verify';
import { startAuditWalk } from '../../../src-main/core/backup/audit-walk';
import { openEncryptedDatabase, type SqliteDatabase } from '../../../src-main/core/store/database';

const EVENTS = 40;
/** Slices of 4 events: slice i holds seq 4i+1 .. 4i+4, so seq 5, 9, 13… start a slice. */
const SMALL = { sliceEvents: 4, minSlicesForWorker: 2 };
/** The same, every slice walked by the second thread (this one only joins the answers). */
const WORKER_ONLY = { ...SMALL, leaveToWorker: true };
/** Slices of 8 events fetched in runs of 3 (a slice's rows come in several statement runs). */
const BATCHED = { sliceEvents: 8, batchEvents: 3, minSlicesForWorker: 2 };

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** An encrypted store holding a chain of EVENTS events (the walker opens its own connection with the key). */
function store(): { db: SqliteDatabase; file: string; key: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'counsel-audit-walk-'));
  folders.push(folder);
  const file = join(folder, 'counsel.db');
  const key = randomBytes(32);
  const db = openEncryptedDatabase(file, key, { create: true });
  db.exec(`CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL,
    entity_id TEXT, details TEXT NOT NULL, before_digest TEXT, after_digest TEXT, workstation_id TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL, bulk TEXT)`);
  const appender = new AuditAppender(db);
  db.transaction(() => {
    appender.loadHead();
    for (let i = 0; i < EVENTS; i++) {
      appender.append({
        at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        actorId: i % 3 === 0 ? null : `actor-${i}`,
        action: i % 2 ? 'update' : 'create',
        entity: 'students',
        entityId: `s-${i}`,
        // Runs of equal details, as an import writes them (the walk keeps the last one parsed).
        details: i % 7 === 0 ? { bulk: `bulk-${i}`, rows: i } : { z: Math.floor(i / 5), a: { y: [null], x: '张三' } },
        beforeDigest: null,
        afterDigest: i % 5 ? null : 'b'.repeat(64),
        workstationId: 'ws-1',
      });
    }
  })();
  return { db, file, key };
}

async function walked(db: SqliteDatabase, file: string, key: Buffer, options: Parameters<typeof startAuditWalk>[3] = SMALL) {
  const walk = startAuditWalk(db, file, key, options);
  try {
    return { threads: walk.threads, result: await walk.finish() };
  } finally {
    await walk.cancel();
  }
}

describe('the audit chain walked on two threads (backup verification and restore)', () => {
  it('gives the one-thread walk its answer on an intact chain, with a second thread taking part', async () => {
    const { db, file, key } = store();
    for (const options of [SMALL, WORKER_ONLY, BATCHED, { ...BATCHED, leaveToWorker: true }]) {
      const { threads, result } = await walked(db, file, key, options);
      expect(threads).toBe(2);
      expect(result).toEqual({ intact: true, checked: EVENTS, firstBroken: null });
      expect(result).toEqual(walkAuditChain(db));
    }
    db.close();
  });

  it.each([
    ['the first event changed', "UPDATE audit_events SET actor_id = 'x' WHERE seq = 1"],
    ['the last event of a slice changed', "UPDATE audit_events SET actor_id = 'x' WHERE seq = 8"],
    ['the first event of a slice changed', "UPDATE audit_events SET actor_id = 'x' WHERE seq = 9"],
    ['a slice-opening prev_hash rewritten', "UPDATE audit_events SET prev_hash = 'f' || substr(prev_hash, 2) WHERE seq = 13"],
    ['a prev_hash inside a slice rewritten', "UPDATE audit_events SET prev_hash = 'f' || substr(prev_hash, 2) WHERE seq = 14"],
    ['a hash at the end of a slice rewritten (the next slice’s link fails)', "UPDATE audit_events SET hash = 'f' || substr(hash, 2) WHERE seq = 16"],
    [
      'a hash and the next prev_hash rewritten together',
      "UPDATE audit_events SET hash = 'e' || substr(hash, 2) WHERE seq = 20; UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE seq = 20) WHERE seq = 21",
    ],
    ['unreadable details opening a slice', "UPDATE audit_events SET details = '{not json' WHERE seq = 17"],
    ['a bulk column that differs', "UPDATE audit_events SET bulk = 'other' WHERE seq = 22"],
    ['two breaks, the later one in an earlier-walked slice', "UPDATE audit_events SET actor_id = 'x' WHERE seq IN (3, 35)"],
    ['the last event deleted (still numbered 1..n)', `DELETE FROM audit_events WHERE seq = ${EVENTS}`],
    ['an event deleted in the middle', 'DELETE FROM audit_events WHERE seq = 10'],
    ['the first event deleted', 'DELETE FROM audit_events WHERE seq = 1'],
    [
      'an event numbered far past the end',
      `INSERT INTO audit_events SELECT 1000000, at, actor_id, action, entity, entity_id, details, before_digest, after_digest, workstation_id, hash, hash, bulk FROM audit_events WHERE seq = ${EVENTS}`,
    ],
    ['a details text reordered but equal', `UPDATE audit_events SET details = '{"a":{"x":"张三","y":[null]},"z":0}' WHERE seq = 3`],
    ['details inside a run taken from the next run', 'UPDATE audit_events SET details = (SELECT details FROM audit_events WHERE seq = 7) WHERE seq = 4'],
    ['details inside a run stored as a blob of the same text', 'UPDATE audit_events SET details = CAST(details AS BLOB) WHERE seq = 3'],
    [
      'details after a blob of the same text',
      'UPDATE audit_events SET details = CAST(details AS BLOB) WHERE seq = 2; UPDATE audit_events SET actor_id = NULL WHERE seq = 3',
    ],
  ])('names the same first broken event as verifyAuditChain: %s', async (_name, change) => {
    const { db, file, key } = store();
    db.exec(change);
    const expected = verifyAuditChain(db);
    expect(walkAuditChain(db)).toEqual(expected);
    expect((await walked(db, file, key)).result).toEqual(expected);
    expect((await walked(db, file, key, WORKER_ONLY)).result).toEqual(expected);
    expect((await walked(db, file, key, BATCHED)).result).toEqual(expected);
    expect((await walked(db, file, key, { ...BATCHED, leaveToWorker: true })).result).toEqual(expected);
    db.close();
  });

  it('walks on this thread alone below the threshold, with the same answer', async () => {
    const { db, file, key } = store();
    db.exec("UPDATE audit_events SET actor_id = 'x' WHERE seq = 30");
    const { threads, result } = await walked(db, file, key, { sliceEvents: 4, minSlicesForWorker: 100 });
    expect(threads).toBe(1);
    expect(result).toEqual({ intact: false, checked: 29, firstBroken: { seq: 30, reason: 'hashMismatch' } });
    db.close();
  });

  it('answers on this thread when the second thread cannot open the file', async () => {
    const { db, file, key } = store();
    db.exec("UPDATE audit_events SET actor_id = 'x' WHERE seq = 30");
    const { threads, result } = await walked(db, file, randomBytes(32), WORKER_ONLY);
    expect(threads).toBe(2);
    expect(result).toEqual({ intact: false, checked: 29, firstBroken: { seq: 30, reason: 'hashMismatch' } });
    expect((await walked(db, file, key, WORKER_ONLY)).result).toEqual(result);
    db.close();
  });

  it('stops the second thread when the walk is not wanted, its connection closed', async () => {
    const { db, file, key } = store();
    const walk = startAuditWalk(db, file, key, SMALL);
    await walk.cancel();
    db.close();
    // Nothing holds the file any more: it can be removed (a verification's temp folder).
    rmSync(file);
  });
});
