import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyKeyRing, makeSlot, newDatabaseKey, openSlot } from '../../../src-main/core/keys/keyring';
import { openEncryptedDatabase } from '../../../src-main/core/store/database';
import { ADMIN_PASSWORD, TEST_KDF, expectError, expectOk, makeCore, setUpCore } from './helpers';

function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.startsWith('counsel.db'))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

describe('key ring', () => {
  it('wraps the database key per secret and binds the slot to its ring', async () => {
    const ring = emptyKeyRing();
    const key = newDatabaseKey();
    const slot = await makeSlot(ring, key, 'pass phrase 123', { kind: 'password', accountId: 'a1', username: 'u' }, TEST_KDF);
    expect((await openSlot(ring, slot, 'pass phrase 123'))?.equals(key)).toBe(true);
    expect(await openSlot(ring, slot, 'pass phrase 124')).toBeNull();
    // Moving a slot to another account or ring breaks its authentication tag.
    expect(await openSlot(ring, { ...slot, accountId: 'a2' }, 'pass phrase 123')).toBeNull();
    expect(await openSlot(emptyKeyRing(), slot, 'pass phrase 123')).toBeNull();
    expect(JSON.stringify(slot)).not.toContain(key.toString('hex'));
  });

  it('names no username in the key ring file', async () => {
    const { dataDir } = await setUpCore();
    expect(readFileSync(join(dataDir, 'keyring.json'), 'utf8')).not.toContain('admin01');
  });

  it('refuses a missing key ring with a clear error and leaves the database alone', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const before = fingerprint(dataDir);
    rmSync(join(dataDir, 'keyring.json'));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'KEYRING_INVALID', 'keyringMissing');
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('refuses a corrupt key ring with a clear error and leaves the database alone', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const before = fingerprint(dataDir);
    writeFileSync(join(dataDir, 'keyring.json'), '{"format":"counsel-keyring","version":1,"slots":[{');
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'KEYRING_INVALID', 'keyringCorrupt');
    expect(fingerprint(dataDir)).toEqual(before);
    expect(existsSync(join(dataDir, 'counsel.db'))).toBe(true);
  });

  it("refuses another workstation's key ring: the key does not open this database", async () => {
    const first = await setUpCore();
    const second = await setUpCore();
    expectOk(await first.core.call('auth.lock', {}));
    const before = fingerprint(first.dataDir);
    writeFileSync(join(first.dataDir, 'keyring.json'), readFileSync(join(second.dataDir, 'keyring.json')));
    expectError(await first.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'KEYRING_INVALID', 'keyMismatch');
    expect(fingerprint(first.dataDir)).toEqual(before);
  });

  it('refuses a key ring from a newer app version', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const ring = JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8'));
    writeFileSync(join(dataDir, 'keyring.json'), JSON.stringify({ ...ring, version: 9 }));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'KEYRING_INVALID', 'keyringTooNew');
  });

  it('a wrong raw key never opens or changes the file', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    const before = fingerprint(dataDir);
    expect(() => openEncryptedDatabase(join(dataDir, 'counsel.db'), newDatabaseKey(), { create: false })).toThrowError(/KEYRING_INVALID/);
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('a missing database is reported, not recreated', async () => {
    const { core, dataDir } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    for (const name of readdirSync(dataDir).filter((n) => n.startsWith('counsel.db'))) rmSync(join(dataDir, name));
    expectError(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }), 'DATABASE_INVALID', 'databaseMissing');
    expect(existsSync(join(dataDir, 'counsel.db'))).toBe(false);
  });

  it('setup in a folder holding only a database refuses to overwrite it', async () => {
    const { dataDir, core } = await setUpCore();
    expectOk(await core.call('auth.lock', {}));
    rmSync(join(dataDir, 'keyring.json'));
    const fresh = makeCore(dataDir);
    expectError(
      await fresh.core.call('setup.initialize', { schoolName: 'x', admin: { username: 'a1', displayName: 'a', password: ADMIN_PASSWORD } }),
      'ALREADY_INITIALIZED',
    );
  });
});
