import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditAppender, verifyAuditChain } from '../../../src-main/core/audit/audit-chain';
import { planAuditSlices, walkAuditChain } from '../../../src-main/core/audit/audit-verify';
import { prepareAuditWalker, startAuditWalk } from '../../../src-main/core/backup/audit-walk';
import { checkContainer, writeContainer } from '../../../src-main/core/backup/container';
import { startFlusher } from '../../../src-main/core/backup/flusher';
import { CIPHER, openEncryptedDatabase, type SqliteDatabase } from '../../../src-main/core/store/database';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counsel-backup-threads-'));
  folders.push(dir);
  return dir;
}

const HEAD = {
  appVersion: '1.0.0',
  schemaVersion: 1,
  workstationId: 'ws-1',
  databaseId: 'db-1',
  schoolName: '测试学院',
  createdAt: '2026-12-06T00:00:00.000Z',
  cipher: CIPHER,
};

/** An encrypted store with a chain of `events` audit events. */
function chain(events: number): { db: SqliteDatabase; file: string; key: Buffer } {
  const file = join(folder(), 'counsel.db');
  const key = randomBytes(32);
  const db = openEncryptedDatabase(file, key, { create: true });
  db.exec(`CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL,
    entity_id TEXT, details TEXT NOT NULL, before_digest TEXT, after_digest TEXT, workstation_id TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL, bulk TEXT)`);
  const appender = new AuditAppender(db);
  db.transaction(() => {
    appender.loadHead();
    for (let i = 0; i < events; i++) {
      appender.append({
        at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
        actorId: `actor-${i % 4}`,
        action: 'create',
        entity: 'students',
        entityId: `s-${i}`,
        details: { n: Math.floor(i / 3) },
        beforeDigest: null,
        afterDigest: null,
        workstationId: 'ws-1',
      });
    }
  })();
  return { db, file, key };
}

describe('the audit walk with a thread started before the container was read', () => {
  it('is not started for a small container', () => {
    const { db, file } = chain(4);
    expect(prepareAuditWalker(file)).toBeNull();
    expect(prepareAuditWalker(join(folder(), 'missing.cbk'), 0)).toBeNull();
    db.close();
  });

  it('takes part in the walk and gives the one-thread answer, intact or broken', async () => {
    const { db, file, key } = chain(40);
    for (const change of [null, "UPDATE audit_events SET actor_id = 'x' WHERE seq = 22"]) {
      if (change) db.exec(change);
      const walker = prepareAuditWalker(file, 0);
      expect(walker).not.toBeNull();
      const walk = startAuditWalk(db, file, key, { walker, sliceEvents: 4, minSlicesForWorker: 2, leaveToWorker: true });
      try {
        expect(walk.threads).toBe(2);
        expect(await walk.finish()).toEqual(walkAuditChain(db));
      } finally {
        await walk.cancel();
        // Taken by the walk: releasing it afterwards changes nothing.
        walker!.release();
      }
    }
    expect(walkAuditChain(db)).toMatchObject({ intact: false, firstBroken: { seq: 22 } });
    db.close();
  });

  it('is let go when the chain is too short for two threads, and a released one is not used', async () => {
    const { db, file, key } = chain(12);
    const walker = prepareAuditWalker(file, 0)!;
    const short = startAuditWalk(db, file, key, { walker, sliceEvents: 4, minSlicesForWorker: 100 });
    expect(short.threads).toBe(1);
    expect(await short.finish()).toEqual(walkAuditChain(db));
    await short.cancel();
    expect(walker.take()).toBeNull();

    const released = prepareAuditWalker(file, 0)!;
    released.release();
    // The walk starts a thread of its own instead.
    const walk = startAuditWalk(db, file, key, { walker: released, sliceEvents: 4, minSlicesForWorker: 2, leaveToWorker: true });
    expect(walk.threads).toBe(2);
    expect(await walk.finish()).toEqual({ intact: true, checked: 12, firstBroken: null });
    await walk.cancel();
    db.close();
    rmSync(file);
  });
});

describe('the slices of a chain planned from its first and last seq (no count of the events)', () => {
  it.each([
    ['intact', ''],
    ['a hole spanning whole slices', 'DELETE FROM audit_events WHERE seq BETWEEN 6 AND 17'],
    ['a hole ending just before a slice starts', 'DELETE FROM audit_events WHERE seq BETWEEN 7 AND 8'],
    ['the last slice emptied but for its last event', 'DELETE FROM audit_events WHERE seq BETWEEN 37 AND 39'],
    ['the first event gone (walked in one go)', 'DELETE FROM audit_events WHERE seq = 1'],
    ['an event numbered past what the file holds (walked in one go)', 'UPDATE audit_events SET seq = 90000000 WHERE seq = 40'],
  ])('gives verifyAuditChain its answer: %s', async (_name, change) => {
    const { db, file, key } = chain(40);
    if (change) db.exec(change);
    const plan = planAuditSlices(db, 4);
    if (/one go/.test(_name)) expect(plan).toBeNull();
    else expect(plan).toEqual({ size: 4, slices: 10 });
    const expected = verifyAuditChain(db);
    for (const leaveToWorker of [false, true]) {
      const walk = startAuditWalk(db, file, key, { sliceEvents: 4, minSlicesForWorker: 2, leaveToWorker });
      try {
        expect(await walk.finish()).toEqual(expected);
      } finally {
        await walk.cancel();
      }
    }
    db.close();
  });
});

describe('the walk reusing the JSON text of repeated column values', () => {
  /** A plain store whose events repeat and alternate actions, actors, entities and workstations, escapes included. */
  function repeating(): SqliteDatabase {
    const file = join(folder(), 'plain.db');
    const db = openEncryptedDatabase(file, randomBytes(32), { create: true });
    db.exec(`CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL,
      entity_id TEXT, details TEXT NOT NULL, before_digest TEXT, after_digest TEXT, workstation_id TEXT NOT NULL, prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL, bulk TEXT)`);
    const appender = new AuditAppender(db);
    const actions = ['create', 'create', 'up"date', 'up"date', 'view\\n', 'create'];
    const actors = [null, null, 'actor-张', 'actor-张', null, 'a\u2028b'];
    db.transaction(() => {
      appender.loadHead();
      for (let i = 0; i < 30; i++) {
        appender.append({
          at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
          actorId: actors[i % actors.length]!,
          action: actions[Math.floor(i / 2) % actions.length]!,
          entity: i % 7 < 4 ? 'students' : 'cases\t',
          entityId: i % 3 ? null : `e-${i}`,
          details: { n: i % 4 },
          beforeDigest: null,
          afterDigest: null,
          workstationId: i < 15 ? 'ws-1' : 'ws-"2"',
        });
      }
    })();
    return db;
  }

  it.each([
    ['intact', ''],
    ['an action set to the one before it', 'UPDATE audit_events SET action = (SELECT action FROM audit_events WHERE seq = 4) WHERE seq = 5'],
    ['an actor set to the one before it', 'UPDATE audit_events SET actor_id = (SELECT actor_id FROM audit_events WHERE seq = 2) WHERE seq = 3'],
    ['an actor set to null after a null', 'UPDATE audit_events SET actor_id = NULL WHERE seq = 4'],
    ['an entity set to the one before it', 'UPDATE audit_events SET entity = (SELECT entity FROM audit_events WHERE seq = 4) WHERE seq = 5'],
    [
      'a workstation set to the one before it',
      'UPDATE audit_events SET workstation_id = (SELECT workstation_id FROM audit_events WHERE seq = 15) WHERE seq = 16',
    ],
    ['an action stored as a number', 'UPDATE audit_events SET action = 7 WHERE seq = 9'],
    ['an action stored as a blob of the same text', 'UPDATE audit_events SET action = CAST(action AS BLOB) WHERE seq = 10'],
  ])('names the same first broken event as verifyAuditChain: %s', (_name, change) => {
    const db = repeating();
    if (change) db.exec(change);
    expect(walkAuditChain(db)).toEqual(verifyAuditChain(db));
    if (!change) expect(walkAuditChain(db)).toEqual({ intact: true, checked: 30, firstBroken: null });
    db.close();
  });
});

describe('a container flushed to disk while it is written', () => {
  it('leaves the bytes as written, stops once and lets go of the file', () => {
    const file = join(folder(), 'f.bin');
    const fd = openSync(file, 'w');
    const flusher = startFlusher(file);
    expect(flusher).not.toBeNull();
    const chunks = Array.from({ length: 8 }, () => randomBytes(256 * 1024));
    for (const chunk of chunks) writeSync(fd, chunk);
    flusher!.stop();
    flusher!.stop();
    closeSync(fd);
    // (Buffer.equals: a deep toEqual over 2 MiB takes seconds.)
    expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
    rmSync(file);
  });

  it('stops without complaint when the file cannot be opened', () => {
    const flusher = startFlusher(join(folder(), 'missing.bin'));
    flusher?.stop();
    expect(true).toBe(true);
  });

  it('removes a part marked discard once it is in the container, which still checks', () => {
    const dir = folder();
    const database = join(dir, 'db.bin');
    const bytes = randomBytes(512 * 300);
    writeFileSync(database, bytes);
    const keyring = join(dir, 'keyring.json');
    writeFileSync(keyring, '{"slots":[]}');
    const file = join(dir, 'b.cbk');
    const written = writeContainer(file, HEAD, [
      { name: 'keyring', path: keyring },
      { name: 'database', path: database, discard: true },
    ]);
    expect(existsSync(database)).toBe(false);
    expect(existsSync(keyring)).toBe(true);
    expect(written.manifest.parts.find((p) => p.name === 'database')!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(checkContainer(file)).toMatchObject({ ok: true, sha256: written.sha256 });
  });
});
