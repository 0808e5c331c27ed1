import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { ManualClock } from '../../../src-main/core/util/clock';
import { TEST_KDF, expectOk, tempDir } from './helpers';

const MARKERS = ['Marker-School-7f3a9c', 'markeruser7f3a', 'Marker-Display-7f3a9c', '标记学校七三'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function findMarkers(dir: string): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const marker of MARKERS) {
      if (bytes.includes(Buffer.from(marker, 'utf8')) || bytes.includes(Buffer.from(marker, 'utf16le'))) hits.push(`${file}: ${marker}`);
    }
  }
  return hits;
}

describe('no plaintext at rest', () => {
  it('school name, usernames and display names appear in no file of the data folder (database, WAL, key ring, logs)', async () => {
    const dataDir = tempDir();
    // The real file log, not the silent one, so the log is searched too.
    const core = new Core({ dataDir, clock: new ManualClock(), kdfCost: TEST_KDF });
    expectOk(
      await core.call('setup.initialize', {
        schoolName: `${MARKERS[0]} ${MARKERS[3]}`,
        admin: { username: MARKERS[1], displayName: MARKERS[2], password: 'password for markers' },
      }),
    );
    expectOk(await core.call('auth.signIn', { username: MARKERS[1], password: 'password for markers' }));
    expectOk(
      await core.call('accounts.create', { username: `${MARKERS[1]}b`, displayName: MARKERS[2], roles: ['counselor'], password: 'password for markers' }),
    );
    await core.call('auth.signIn', { username: MARKERS[1], password: 'a wrong password' });
    // While open: the WAL holds the recent pages.
    expect(existsSync(join(dataDir, 'counsel.db-wal'))).toBe(true);
    expect(findMarkers(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'logs', 'core.log'))).toBe(true);
    core.dispose();
    expect(findMarkers(dataDir)).toEqual([]);
  });
});
