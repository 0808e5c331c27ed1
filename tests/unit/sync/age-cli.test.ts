import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeEvents, makeKeys, seal } from './fixtures';

// Debian's `age` package: CI installs it; elsewhere the test reports itself skipped.
const ageBinary = spawnSync('age', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!ageBinary)('the payload decrypts with the age CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'age-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('age -d -i key.txt bundle.age prints the JSON Lines', async () => {
    const keys = await makeKeys();
    const events = makeEvents(1, 25);
    const sealed = await seal(keys, events);
    // The identity file as age-keygen writes it: comment lines, then the secret key.
    writeFileSync(join(dir, 'key.txt'), `# created: 2026-11-29T10:00:00Z\n# public key: ${keys.recipient}\n${keys.identity}\n`, { mode: 0o600 });
    const file = join(dir, `${sealed.baseName}.age`);
    writeFileSync(file, sealed.payload);

    const out = execFileSync('age', ['-d', '-i', join(dir, 'key.txt'), file], { encoding: 'utf8' });
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(events);
  });

  it('a key made by age-keygen decrypts a bundle sealed to its recipient', async () => {
    const keyFile = join(dir, 'keygen.txt');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
    const keys = { ...(await makeKeys()), recipient };
    const sealed = await seal(keys, makeEvents(1, 3));
    const file = join(dir, 'k.age');
    writeFileSync(file, sealed.payload);
    const out = execFileSync('age', ['-d', '-i', keyFile, file], { encoding: 'utf8' });
    expect(out.trimEnd().split('\n')).toHaveLength(3);
  });
});
