import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContainer, writeContainer, type BackupManifest } from '../../../src-main/core/backup/container';
import { sealManifest } from '../../../src-main/core/backup/seal';
import { findRecoverySlot, openSlot, readKeyRing } from '../../../src-main/core/keys/keyring';
import { normalizeRecoveryCode } from '../../../src-main/core/keys/recovery-code';
import { CIPHER } from '../../../src-main/core/store/database';
import { expectError, expectOk, makeCore, setUpCore, tempDir } from '../core/helpers';

/**
 * Finding 4 of issue 15: the part hashes and the trailer are plain SHA-256, so whoever holds a
 * backup file can change it and recompute them. These tests do exactly that.
 */

interface Opened {
  manifest: BackupManifest;
  parts: Record<'keyring' | 'database', Buffer>;
}

function openContainer(file: string): Opened {
  const bytes = readFileSync(file);
  const length = bytes.readUInt32BE(8);
  const manifest = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as BackupManifest;
  let offset = 12 + length;
  const parts = {} as Opened['parts'];
  for (const part of manifest.parts) {
    parts[part.name] = Buffer.from(bytes.subarray(offset, offset + part.bytes));
    offset += part.bytes;
  }
  return { manifest, parts };
}

/** Write the container back with every unkeyed hash recomputed (what anyone can do without the key). */
function reseal(file: string, { manifest, parts }: Opened): void {
  for (const part of manifest.parts) {
    part.bytes = parts[part.name].length;
    part.sha256 = createHash('sha256').update(parts[part.name]).digest('hex');
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const body = Buffer.concat([Buffer.from('CNSLBK01', 'latin1'), length, manifestBytes, ...manifest.parts.map((p) => parts[p.name])]);
  writeFileSync(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
}

/** Flip bytes in the middle of one page of the database part, away from page 1. */
function damageDatabase(parts: Opened['parts']): void {
  const db = parts.database;
  const page = Math.max(2, Math.floor(db.length / 4096 / 2));
  for (let i = 100; i < 110; i++) db[page * 4096 + i] ^= 0x5a;
}

async function databaseKey(opened: Opened, recoveryCode: string): Promise<Buffer> {
  const ringFile = join(tempDir(), 'keyring.json');
  writeFileSync(ringFile, opened.parts.keyring);
  const ring = readKeyRing(ringFile);
  const key = await openSlot(ring, findRecoverySlot(ring)!, normalizeRecoveryCode(recoveryCode));
  return key!;
}

async function backedUp() {
  const made = await setUpCore();
  for (let i = 0; i < 40; i++) {
    expectOk(await made.core.call('students.create', { studentNo: `20269900${String(i).padStart(2, '0')}`, name: `测试学生${i}`, department: '理学院' }));
  }
  const run = expectOk(await made.core.call('backup.create', { folder: tempDir('counsel-backups-') }));
  return { ...made, file: run.file as string };
}

async function restoreInto(file: string, recoveryCode: string) {
  const fresh = makeCore(join(tempDir(), 'data'));
  const result = await fresh.core.call('backup.restore', { source: { path: file }, credentials: { kind: 'recoveryCode', recoveryCode } });
  return { result, fresh };
}

describe('backup authenticity and integrity (issue 15, finding 4)', () => {
  it('a new backup is sealed; verify without credentials says it cannot check authenticity, with the recovery code it can', async () => {
    const { core, file, recoveryCode } = await backedUp();
    const plain = expectOk(await core.call('backup.verify', { path: file }));
    expect(plain).toMatchObject({ ok: true, sealed: true, authenticity: 'notChecked', integrity: 'notChecked', auditChain: 'notChecked' });
    expect(plain.notChecked).toEqual(['authenticity', 'integrity', 'auditChain']);
    const deep = expectOk(await core.call('backup.verify', { path: file, credentials: { kind: 'recoveryCode', recoveryCode } }));
    expect(deep).toMatchObject({ ok: true, sealed: true, authenticity: 'authentic', integrity: 'ok', auditChain: 'intact', notChecked: [] });
    // Wrong credentials: an error, not a verdict on the file.
    expectError(
      await core.call('backup.verify', { path: file, credentials: { kind: 'password', username: 'admin01', password: 'not it' } }),
      'UNAUTHENTICATED',
      'backupWrongPassword',
    );
  });

  it('a damaged database part with resealed hashes passes the unkeyed check but is refused by deep verify and by restore', async () => {
    const { core, file, recoveryCode } = await backedUp();
    const opened = openContainer(file);
    damageDatabase(opened.parts);
    reseal(file, opened);
    expect(checkContainer(file).ok).toBe(true); // the forgery the finding describes

    expect(expectOk(await core.call('backup.verify', { path: file }))).toMatchObject({ ok: true, authenticity: 'notChecked' });
    expect(expectOk(await core.call('backup.verify', { path: file, credentials: { kind: 'recoveryCode', recoveryCode } }))).toMatchObject({
      ok: false,
      authenticity: 'forged',
    });
    const { result, fresh } = await restoreInto(file, recoveryCode);
    expectError(result, 'DATABASE_INVALID', 'backupNotAuthentic');
    expect(existsSync(join(fresh.dataDir, 'counsel.db')) || existsSync(join(fresh.dataDir, 'keyring.json'))).toBe(false);
  });

  it('a forged school name is refused by deep verify and by restore', async () => {
    const { core, file, recoveryCode } = await backedUp();
    const opened = openContainer(file);
    opened.manifest.schoolName = '伪造学校';
    reseal(file, opened);
    const plain = expectOk(await core.call('backup.verify', { path: file }));
    expect(plain).toMatchObject({ ok: true, authenticity: 'notChecked', manifest: { schoolName: '伪造学校' } });
    expect(expectOk(await core.call('backup.verify', { path: file, credentials: { kind: 'recoveryCode', recoveryCode } }))).toMatchObject({
      ok: false,
      authenticity: 'forged',
    });
    expectError((await restoreInto(file, recoveryCode)).result, 'DATABASE_INVALID', 'backupNotAuthentic');
  });

  it('a stripped seal (made to look like an old backup) is still recognised as forged: the database copy says it was sealed', async () => {
    const { core, file, recoveryCode } = await backedUp();
    const opened = openContainer(file);
    delete (opened.manifest as { seal?: unknown }).seal;
    opened.manifest.schoolName = '伪造学校';
    reseal(file, opened);
    expect(expectOk(await core.call('backup.verify', { path: file }))).toMatchObject({ ok: true, sealed: false, authenticity: 'unsealed' });
    expect(expectOk(await core.call('backup.verify', { path: file, credentials: { kind: 'recoveryCode', recoveryCode } }))).toMatchObject({
      ok: false,
      authenticity: 'forged',
    });
    expectError((await restoreInto(file, recoveryCode)).result, 'DATABASE_INVALID', 'backupNotAuthentic');
  });

  it('even with a valid seal (someone holding the key), a damaged database fails the integrity check after keying', async () => {
    const { core, file, recoveryCode } = await backedUp();
    const opened = openContainer(file);
    damageDatabase(opened.parts);
    reseal(file, opened); // recompute the part hashes first: the seal covers them
    const key = await databaseKey(opened, recoveryCode);
    const { seal: _old, ...unsealed } = opened.manifest as BackupManifest & { seal?: unknown };
    opened.manifest = { ...unsealed, seal: sealManifest(unsealed as BackupManifest, key) } as BackupManifest;
    reseal(file, opened);
    const deep = expectOk(await core.call('backup.verify', { path: file, credentials: { kind: 'recoveryCode', recoveryCode } }));
    expect(deep).toMatchObject({ ok: false, authenticity: 'authentic', integrity: 'damaged' });
    const { result, fresh } = await restoreInto(file, recoveryCode);
    expectError(result, 'DATABASE_INVALID', 'backupDatabaseDamaged');
    expect(existsSync(join(fresh.dataDir, 'keyring.json'))).toBe(false);
  });

  it('an old backup without a seal verifies as not authenticated (not as failed) and still restores', async () => {
    const { core, dataDir, recoveryCode } = await setUpCore();
    expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '理学院' }));
    // Made the way format 1 did before the seal: a VACUUM INTO copy and the key ring, nothing else.
    const staging = tempDir();
    const connection = core.vault.openJobConnection();
    connection.prepare('VACUUM INTO ?').run(join(staging, 'counsel.db'));
    connection.close();
    const store = core.vault.requireStore();
    const old = join(tempDir('counsel-backups-'), 'old.cbk');
    writeContainer(
      old,
      {
        appVersion: '0.9.0',
        schemaVersion: store.schemaVersion(),
        workstationId: store.workstationId,
        databaseId: store.databaseId,
        schoolName: '测试学院',
        createdAt: new Date().toISOString(),
        cipher: CIPHER,
      },
      [
        { name: 'keyring', path: join(dataDir, 'keyring.json') },
        { name: 'database', path: join(staging, 'counsel.db') },
      ],
    );
    expect(expectOk(await core.call('backup.verify', { path: old }))).toMatchObject({ ok: true, sealed: false, authenticity: 'unsealed' });
    expect(expectOk(await core.call('backup.verify', { path: old, credentials: { kind: 'recoveryCode', recoveryCode } }))).toMatchObject({
      ok: true,
      sealed: false,
      authenticity: 'unsealed',
      integrity: 'ok',
      auditChain: 'intact',
    });
    expectOk((await restoreInto(old, recoveryCode)).result);
  });
});
