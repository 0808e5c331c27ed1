import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_MAGIC, checkAndStage, checkContainer, writeContainer, type BackupManifest } from '../../../src-main/core/backup/container';
import { integrityOf, stagedPaths } from '../../../src-main/core/backup/restore';
import { newDatabaseKey } from '../../../src-main/core/keys/keyring';
import { CIPHER, openEncryptedDatabase } from '../../../src-main/core/store/database';
import { tempDir } from './helpers';

const HEAD = {
  appVersion: '1.0.0',
  schemaVersion: 1,
  workstationId: 'ws-1',
  databaseId: 'db-1',
  schoolName: '测试学院',
  createdAt: '2026-12-06T00:00:00.000Z',
  cipher: CIPHER,
};

/** A small encrypted store with a table, an index, a WITHOUT ROWID table and overflow pages, copied as a backup copies it. */
function encryptedCopy(dir: string) {
  const key = newDatabaseKey();
  const source = openEncryptedDatabase(join(dir, 'source.db'), key, { create: true });
  source.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BLOB); CREATE INDEX t_a ON t (a); CREATE TABLE u (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;');
  const insert = source.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  for (let i = 0; i < 200; i++) insert.run(`row-${i}-${'x'.repeat(i % 50)}`, Buffer.alloc(i % 7 === 0 ? 6000 : 10, i));
  for (let i = 0; i < 150; i++) source.prepare('INSERT INTO u VALUES (?, ?)').run(`k${i}`, 'v'.repeat(100));
  const copy = join(dir, 'copy.db');
  source.prepare('VACUUM INTO ?').run(copy);
  source.close();
  return { key, copy };
}

/** A format-1 container laid out by hand, as the first writer did: no code of the current writer involved. */
function handMadeContainer(file: string, parts: { name: 'keyring' | 'database'; bytes: Buffer }[]) {
  const manifest: BackupManifest = {
    format: 'counsel-backup',
    version: 1,
    ...HEAD,
    parts: parts.map((p) => ({ name: p.name, bytes: p.bytes.length, sha256: createHash('sha256').update(p.bytes).digest('hex') })),
  };
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const body = Buffer.concat([BACKUP_MAGIC, length, json, ...parts.map((p) => p.bytes)]);
  writeFileSync(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
}

describe('backup passes over the bytes', () => {
  it('the quick check a deep verification uses finds one damaged byte in any page of the copy, like the full check', () => {
    const dir = tempDir();
    const { key, copy } = encryptedCopy(dir);
    const pageSize = 4096;
    const pages = statSync(copy).size / pageSize;
    expect(pages).toBeGreaterThan(40);
    const clean = openEncryptedDatabase(copy, key, { create: false });
    expect([integrityOf(clean, 'quick'), integrityOf(clean, 'full')]).toEqual(['ok', 'ok']);
    clean.close();
    const original = readFileSync(copy);
    const missed: number[] = [];
    for (let page = 1; page < pages; page++) {
      const damaged = join(dir, `damaged-${page}.db`);
      const bytes = Buffer.from(original);
      bytes[page * pageSize + 1000] ^= 0x01;
      writeFileSync(damaged, bytes);
      const db = openEncryptedDatabase(damaged, key, { create: false });
      if (integrityOf(db, 'quick') !== 'damaged') missed.push(page + 1);
      db.close();
      rmSync(damaged);
    }
    expect(missed).toEqual([]);
  });

  it('a container written in two passes is byte for byte the format 1 layout, and one read checks and stages it', () => {
    const dir = tempDir();
    const keyring = join(dir, 'keyring.json');
    writeFileSync(keyring, JSON.stringify({ slots: [], note: '密钥环' }));
    const { copy } = encryptedCopy(dir);
    const file = join(dir, 'written.cbk');
    const written = writeContainer(file, HEAD, [
      { name: 'keyring', path: keyring },
      { name: 'database', path: copy },
    ]);
    const handMade = join(dir, 'hand.cbk');
    handMadeContainer(handMade, [
      { name: 'keyring', bytes: readFileSync(keyring) },
      { name: 'database', bytes: readFileSync(copy) },
    ]);
    expect(readFileSync(file).equals(readFileSync(handMade))).toBe(true);
    expect(written.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(written.bytes).toBe(statSync(file).size);

    const staging = tempDir();
    const staged = checkAndStage(handMade, stagedPaths(staging));
    expect(staged).toEqual(checkContainer(handMade));
    expect(staged.ok).toBe(true);
    expect(readFileSync(stagedPaths(staging).database).equals(readFileSync(copy))).toBe(true);
    expect(readFileSync(stagedPaths(staging).keyring).equals(readFileSync(keyring))).toBe(true);
  });

  it('checks and stages a damaged container with the same verdict as checkContainer', () => {
    const dir = tempDir();
    const keyring = join(dir, 'keyring.json');
    writeFileSync(keyring, '{"slots":[]}');
    const { copy } = encryptedCopy(dir);
    const file = join(dir, 'b.cbk');
    writeContainer(file, HEAD, [
      { name: 'keyring', path: keyring },
      { name: 'database', path: copy },
    ]);
    const original = readFileSync(file);
    for (const at of [3, 20, original.length - 5000, original.length - 1]) {
      const bytes = Buffer.from(original);
      bytes[at] ^= 0xff;
      writeFileSync(file, bytes);
      const staging = tempDir();
      const staged = checkAndStage(file, stagedPaths(staging));
      expect(staged.ok).toBe(false);
      expect(staged).toEqual(checkContainer(file));
    }
    writeFileSync(file, original.subarray(0, original.length - 100));
    expect(checkAndStage(file, stagedPaths(tempDir()))).toMatchObject({ ok: false, problem: 'checksumMismatch' });
  });
});
