import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/contract';
import { generateSigningKeyPair, keyFingerprint } from '../../../src-main/core/sync/bundle/codec';
import { runCli } from '../../../src-main/school-server/cli';
import { readIdentityFile, serverSigningKey } from '../../../src-main/school-server/keys';
import { parseServerKeyFile } from '../../../src-shared/sync/server-key-file';
import { expectOk, setUpCore, tempDir } from './helpers';
import { addStudent } from './followups-fixtures';

/** What `school-server keys` prints, as the school IT saves it to a file. */
async function keysOutput(dir: string, identityFile: string): Promise<string> {
  let out = '';
  const code = await runCli(['keys', '--dir', dir, '--identity', identityFile], { out: (t) => (out += t), err: () => undefined, env: {} });
  expect(code).toBe(0);
  return out;
}

describe('the school server key file (issue 16: connect by importing it, not by pasting)', () => {
  it('reads both public keys out of what `school-server keys` prints, as Windows or Unix text', async () => {
    const dir = tempDir('server-keys-');
    const identityFile = join(dir, 'key.txt');
    expect(await runCli(['keygen', '--out', identityFile], { out: () => undefined, err: () => undefined, env: {} })).toBe(0);
    const text = await keysOutput(dir, identityFile);
    const expected = { recipient: await identityToRecipient(readIdentityFile(identityFile)), signingKeyPem: serverSigningKey(dir).publicKeyPem };

    const parsed = parseServerKeyFile(text);
    expect(parsed).toEqual({ ok: true, ...expected, printedFingerprint: keyFingerprint(expected.signingKeyPem) });
    expect(parseServerKeyFile(text.replace(/\n/g, '\r\n'))).toEqual(parsed);
  });

  it('`keys --out FILE` writes that key file, which the workstation reads as it is', async () => {
    const dir = tempDir('server-keys-');
    const identityFile = join(dir, 'key.txt');
    expect(await runCli(['keygen', '--out', identityFile], { out: () => undefined, err: () => undefined, env: {} })).toBe(0);
    const file = join(dir, 'school-server-keys.txt');
    const code = await runCli(['keys', '--dir', dir, '--identity', identityFile, '--out', file], { out: () => undefined, err: () => undefined, env: {} });
    expect(code).toBe(0);
    const parsed = parseServerKeyFile(readFileSync(file, 'utf8'));
    expect(parsed).toMatchObject({
      ok: true,
      recipient: await identityToRecipient(readIdentityFile(identityFile)),
      signingKeyPem: serverSigningKey(dir).publicKeyPem,
    });
  });

  it('refuses the secret files next to it (the age identity, the server signing key) without reading a key from them', async () => {
    const dir = tempDir('server-keys-');
    const identityFile = join(dir, 'key.txt');
    await runCli(['keygen', '--out', identityFile], { out: () => undefined, err: () => undefined, env: {} });
    serverSigningKey(dir);
    // The identity file even carries its recipient in a comment: still refused as a whole.
    expect(parseServerKeyFile(readFileSync(identityFile, 'utf8'))).toEqual({ ok: false, problem: 'secretKey' });
    expect(parseServerKeyFile(readFileSync(join(dir, 'server-signing-key.pem'), 'utf8'))).toEqual({ ok: false, problem: 'secretKey' });
  });

  it('says what is missing or ambiguous', async () => {
    const one = await identityToRecipient(await generateX25519Identity());
    const two = await identityToRecipient(await generateX25519Identity());
    const pem = generateSigningKeyPair().publicKeyPem;
    const other = generateSigningKeyPair().publicKeyPem;
    expect(parseServerKeyFile(pem)).toEqual({ ok: false, problem: 'noRecipient' });
    expect(parseServerKeyFile(`${one}\n`)).toEqual({ ok: false, problem: 'noSigningKey' });
    expect(parseServerKeyFile(`${one}\n${two}\n${pem}`)).toEqual({ ok: false, problem: 'severalRecipients' });
    expect(parseServerKeyFile(`${one}\n${pem}\n${other}`)).toEqual({ ok: false, problem: 'severalSigningKeys' });
    // The same key twice (copied in twice) is one key.
    expect(parseServerKeyFile(`${one}\n${one}\n${pem}${pem}`)).toMatchObject({ ok: true, recipient: one, signingKeyPem: pem, printedFingerprint: null });
    expect(parseServerKeyFile('age1notakey\n' + pem)).toEqual({ ok: false, problem: 'noRecipient' });
  });
});

describe('export history: the sequence range and the record count (issue 16)', () => {
  it('states how many changes each range covers; a full bundle lacks exactly the local bookkeeping rows', async () => {
    const { core } = await setUpCore();
    const identity = await generateX25519Identity();
    const folder = tempDir('sync-out-');
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: await identityToRecipient(identity),
        serverSigningKeyPem: generateSigningKeyPair().publicKeyPem,
        folder,
        url: null,
        profiles: ['full', 'departments', 'statistics'],
        schedule: { kind: 'manual', at: null },
      }),
    );
    await addStudent(core, '2026100001', '测试学生甲');
    expectOk(await core.call('sync.exportNow', {}));
    // A second run: its range starts with the first run's own bookkeeping rows.
    await addStudent(core, '2026100002', '测试学生乙');
    expectOk(await core.call('sync.exportNow', { profile: 'full' }));

    const sqlite = core.vault.requireStore().sqlite;
    const localRows = sqlite.prepare<[number, number], { n: number }>(
      "SELECT count(*) AS n FROM outbox WHERE seq BETWEEN ? AND ? AND (entity IN ('export_bundles', 'applied_updates') OR (entity = 'settings' AND entity_id IN ('sync.workstationKey', 'sync.returnKey')))",
    );
    const { bundles } = expectOk(await core.call('sync.history', {})) as ChannelOutput<'sync.history'>;
    expect(bundles.some((b) => b.profile === 'statistics')).toBe(true);
    for (const b of bundles) {
      expect(b.rangeRecords, `${b.profile} ${b.fromSeq}-${b.toSeq}`).toBe(b.toSeq - b.fromSeq + 1);
      expect(b.eventCount).toBeLessThanOrEqual(b.rangeRecords);
    }
    const fulls = bundles.filter((b) => b.profile === 'full');
    expect(fulls).toHaveLength(2);
    for (const b of fulls) expect(b.eventCount).toBe(b.rangeRecords - localRows.get(b.fromSeq, b.toSeq)!.n);
    // The second full bundle does cover bookkeeping rows: that is the difference people saw.
    const second = fulls.find((b) => b.fromSeq > 1)!;
    expect(second.rangeRecords - second.eventCount).toBeGreaterThan(0);
  });
});
