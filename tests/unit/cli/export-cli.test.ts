import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, signReceipt } from '../../../src-main/core/sync/bundle/codec';
import { tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1' };

/** A data folder configured for export, with one student recorded, all through the CLI. */
async function configuredDataDir() {
  const dir = tempDir();
  const init = await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'admin01'], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD });
  expect(init.code, init.stderr).toBe(0);
  const server = generateSigningKeyPair();
  const recipient = await identityToRecipient(await generateX25519Identity());
  const config = {
    serverRecipient: recipient,
    serverSigningKeyPem: server.publicKeyPem,
    folder: null,
    url: null,
    profiles: ['full', 'statistics'],
    schedule: { kind: 'manual', at: null },
  };
  const configure = await runCli(['call', 'sync.configure', JSON.stringify(config), '--data-dir', dir], ADMIN);
  expect(configure.code, configure.stderr).toBe(0);
  const student = await runCli(['call', 'students.create', JSON.stringify({ studentNo: '2026990011', name: '测试学生甲' }), '--data-dir', dir], ADMIN);
  expect(student.code, student.stderr).toBe(0);
  const key = (await runCli(['call', 'sync.workstationKey', '{}', '--data-dir', dir], ADMIN)).json();
  return { dir, server, workstationId: key.workstationId as string };
}

describe('counsel export', () => {
  it('run sends what is new to the folder, then nothing; an absent folder exits 1 and keeps the bundles', async () => {
    const { dir } = await configuredDataDir();
    const out = tempDir('cli-export-');

    const first = await runCli(['export', 'run', '--to', out, '--data-dir', dir], ADMIN);
    expect(first.code, first.stderr).toBe(0);
    const bundles = first.json().bundles;
    expect(bundles.map((b: any) => b.profile)).toEqual(['full', 'statistics']);
    expect(bundles[0]).toEqual({
      profile: 'full',
      fromSeq: 1,
      toSeq: expect.any(Number),
      eventCount: expect.any(Number),
      bytes: expect.any(Number),
      destination: out,
      status: 'sent',
    });
    expect(readdirSync(out).filter((n) => n.endsWith('.age'))).toHaveLength(2);

    const again = await runCli(['export', 'run', '--to', out, '--profile', 'full', '--data-dir', dir], ADMIN);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().bundles).toEqual([]);

    const absent = await runCli(['export', 'run', '--to', join(out, 'not-plugged-in'), '--profile', 'full', '--data-dir', dir], ADMIN);
    expect(absent.code).toBe(1);
    expect(absent.json().bundles).toMatchObject([{ profile: 'full', fromSeq: 1, status: 'sent' }]);

    const badProfile = await runCli(['export', 'run', '--profile', 'everything', '--data-dir', dir], ADMIN);
    expect(badProfile.code).toBe(2);
    const noCredentials = await runCli(['export', 'run', '--to', out, '--data-dir', dir], { COUNSEL_USER: undefined, COUNSEL_PASSWORD: undefined });
    expect(noCredentials.code).toBe(3);
  });

  it('receipts marks the ranges of a server-signed receipt acknowledged', async () => {
    const { dir, server, workstationId } = await configuredDataDir();
    const out = tempDir('cli-export-');
    const full = (await runCli(['export', 'run', '--to', out, '--profile', 'full', '--data-dir', dir], ADMIN)).json().bundles[0];
    const file = join(out, `receipt-${workstationId}-full-x.json`);
    writeFileSync(
      file,
      signReceipt(
        {
          format: 1,
          receiptId: 'r-1',
          workstationId,
          profile: 'full',
          acknowledged: [{ bundleId: 'any', fromSeq: full.fromSeq, toSeq: full.toSeq }],
          appliedUpTo: full.toSeq,
          gaps: [],
          createdAt: '2026-09-01T09:00:00.000Z',
        },
        server.privateKeyPem,
      ),
    );
    const receipts = await runCli(['export', 'receipts', '--file', file, '--data-dir', dir], ADMIN);
    expect(receipts.code, receipts.stderr).toBe(0);
    expect(receipts.json()).toEqual({ acknowledged: [{ profile: 'full', fromSeq: 1, toSeq: full.toSeq, status: 'acknowledged' }] });

    const forged = join(out, 'forged.json');
    writeFileSync(
      forged,
      signReceipt(
        { format: 1, receiptId: 'r-2', workstationId, profile: 'full', acknowledged: [], appliedUpTo: 99, gaps: [], createdAt: 'x' },
        generateSigningKeyPair().privateKeyPem,
      ),
    );
    const refused = await runCli(['export', 'receipts', '--file', forged, '--data-dir', dir], ADMIN);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('syncReceiptInvalid');
    const missing = await runCli(['export', 'receipts', '--file', join(out, 'nope.json'), '--data-dir', dir], ADMIN);
    expect(missing.code).toBe(2);
  });
});
