import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAndStage, checkContainer, writeContainer, type ContainerCheck } from '../../../src-main/core/backup/container';
import { stagedPaths } from '../../../src-main/core/backup/restore';
import { setSideHashThreshold, startSideHash } from '../../../src-main/core/backup/side-hash';
import { CIPHER } from '../../../src-main/core/store/database';
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

/** Checks of a container with the body hashed here (threshold out of reach) and on a second thread (threshold 0). */
function bothWays(check: () => ContainerCheck): { here: ContainerCheck; side: ContainerCheck } {
  const previous = setSideHashThreshold(Number.MAX_SAFE_INTEGER);
  const here = check();
  setSideHashThreshold(0);
  try {
    return { here, side: check() };
  } finally {
    setSideHashThreshold(previous);
  }
}

describe("a backup's body hashed on a second thread", () => {
  let previous: number;
  beforeEach(() => {
    previous = setSideHashThreshold(0);
  });
  afterEach(() => {
    setSideHashThreshold(previous);
  });

  function container(dir: string) {
    const database = join(dir, 'db.bin');
    // Whole 512-byte pages without a plain SQLite header, as an encrypted copy looks without its key.
    writeFileSync(database, randomBytes(512 * 600));
    const keyring = join(dir, 'keyring.json');
    writeFileSync(keyring, '{"slots":[]}');
    const file = join(dir, 'b.cbk');
    const written = writeContainer(file, HEAD, [
      { name: 'keyring', path: keyring },
      { name: 'database', path: database },
    ]);
    return { file, written, database };
  }

  it('writes the same trailer and file hash as one thread would, and checks it the same', () => {
    const dir = tempDir();
    const { file, written, database } = container(dir);
    const bytes = readFileSync(file);
    const body = bytes.subarray(0, bytes.length - 32);
    expect(bytes.subarray(bytes.length - 32)).toEqual(createHash('sha256').update(body).digest());
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const { here, side } = bothWays(() => checkContainer(file));
    expect(side).toEqual(here);
    expect(side).toMatchObject({ ok: true, problem: null, sha256: written.sha256 });
    // Staging while checking: the staged part is the part, whichever thread hashed the body.
    const folders = [mkdtempSync(join(dir, 'stage-')), mkdtempSync(join(dir, 'stage-'))];
    let n = 0;
    const staged = bothWays(() => checkAndStage(file, stagedPaths(folders[n++]!)));
    expect(staged.side).toEqual(staged.here);
    for (const folder of folders) expect(readFileSync(stagedPaths(folder).database)).toEqual(readFileSync(database));
  });

  it.each([
    ['a byte of the database part', (b: Buffer) => (b[b.length - 1000] ^= 1)],
    ['a byte of the trailer', (b: Buffer) => (b[b.length - 1] ^= 1)],
    ['a byte of the manifest', (b: Buffer) => (b[40] ^= 1)],
  ])('finds %s changed as one thread does', (_name, change) => {
    const dir = tempDir();
    const { file } = container(dir);
    const bytes = readFileSync(file);
    change(bytes);
    writeFileSync(file, bytes);
    const { here, side } = bothWays(() => checkContainer(file));
    expect(here.ok).toBe(false);
    expect(side).toEqual(here);
  });

  it('finds a cut-off file as one thread does', () => {
    const dir = tempDir();
    const { file } = container(dir);
    for (const keep of [20, 5000, readFileSync(file).length - 10]) {
      writeFileSync(file, readFileSync(file).subarray(0, keep));
      const { here, side } = bothWays(() => checkContainer(file));
      expect(here.ok).toBe(false);
      expect(side).toEqual(here);
    }
  });

  it('answers on this thread when the file cannot be read by the other', () => {
    const side = startSideHash(join(tempDir(), 'missing.bin'), 10, { size: 42 });
    expect(side).not.toBeNull();
    // The worker fails to open the file; this thread's own attempt then throws as a read here would.
    expect(() => side!.result()).toThrow(/ENOENT/);
  });
});
