import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/school-server/cli';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import { openReceiverStore } from '../../../src-main/school-server/open-store';
import { addStudent } from '../core/followups-fixtures';
import { expectOk, setUpCore, tempDir } from '../core/helpers';

const SERVER_ENV = { SCHOOL_SERVER_PASSPHRASE: 'round trip passphrase' } as NodeJS.ProcessEnv;

const io = () => {
  const out: string[] = [];
  return { out, io: { out: (t: string) => void out.push(t), err: () => undefined, env: SERVER_ENV } };
};

/** The real workstation export against the reference receiver: workstation -> folder -> receiver -> receipt -> workstation. */
describe('workstation and school server round trip', () => {
  async function serverAndWorkstation(destination: (server: { dir: string; keyFile: string }) => Promise<{ folder: string | null; url: string | null }>) {
    const root = tempDir('round-trip-');
    const dir = join(root, 'D');
    const keyFile = join(root, 'key.txt');
    const keygen = io();
    expect(await runCli(['keygen', '--out', keyFile], keygen.io)).toBe(0);
    const keys = io();
    await runCli(['keys', '--dir', dir, '--identity', keyFile], keys.io);
    const text = keys.out.join('');
    const serverPem = text.slice(text.indexOf('-----BEGIN PUBLIC KEY-----'));

    const { core } = await setUpCore();
    const where = await destination({ dir, keyFile });
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: keygen.out.join('').trim(),
        serverSigningKeyPem: serverPem.trim(),
        folder: where.folder,
        url: where.url,
        profiles: ['full', 'departments'],
        schedule: { kind: 'manual', at: null },
      }),
    );
    const ws = expectOk(await core.call('sync.workstationKey', {}));
    trustWorkstation(dir, ws.workstationId, ws.publicKeyPem);
    return { core, dir, keyFile, ws };
  }

  it('via a folder: import writes receipts, the workstation marks its bundles acknowledged', async () => {
    const folder = tempDir('usb-');
    const { core, dir, keyFile, ws } = await serverAndWorkstation(async () => ({ folder, url: null }));
    await addStudent(core, '2026200001', '测试学生甲', { department: '文学院', className: '文学2601' });

    // A student who is not on the key-attention list: the departments profile has nothing to send.
    const run = expectOk(await core.call('sync.exportNow', {}));
    expect(run.bundles.map((b: { profile: string; status: string }) => [b.profile, b.status])).toEqual([['full', 'sent']]);

    expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile], io().io)).toBe(0);
    const receipts = readdirSync(folder).filter((f) => f.startsWith(`receipt-${ws.workstationId}-`));
    expect(receipts).toEqual([`receipt-${ws.workstationId}-full-${String(run.bundles[0].toSeq).padStart(12, '0')}.json`]);
    for (const name of receipts) {
      const contentBase64 = readFileSync(join(folder, name)).toString('base64');
      expectOk(await core.call('sync.importReceipt', { fileName: name, contentBase64 }));
    }
    const history = expectOk(await core.call('sync.history', {}));
    expect(history.bundles.map((b: { status: string }) => b.status)).toEqual(['acknowledged']);

    const store = await openReceiverStore(dir, SERVER_ENV);
    const dump = await store.dump();
    await store.close();
    const full = dump.rows.filter((r) => r.profile === 'full' && r.entity === 'students');
    expect(full.map((r) => (r.row as { name?: string }).name)).toContain('测试学生甲');
    expect(dump.positions).toEqual([{ workstationId: ws.workstationId, profile: 'full', lastSeq: run.bundles[0].toSeq }]);

    // A second import of the same folder changes nothing on the server.
    expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile], io().io)).toBe(0);
    const again = await openReceiverStore(dir, SERVER_ENV);
    expect(await again.dump()).toEqual(dump);
    await again.close();
  });

  it('via HTTP on 127.0.0.1: the answer carries the receipt and the export is acknowledged at once', async () => {
    let stop!: () => void;
    const { core } = await serverAndWorkstation(async ({ dir, keyFile }) => {
      const url = await new Promise<string>((resolve) => {
        void runCli(['serve', '--dir', dir, '--identity', keyFile, '--port', '0'], {
          ...io().io,
          stopSignal: new Promise<void>((r) => (stop = r)),
          onListening: resolve,
        });
      });
      return { folder: null, url };
    });
    try {
      await addStudent(core, '2026200002', '测试学生乙', { department: '文学院', className: '文学2601' });
      const run = expectOk(await core.call('sync.exportNow', {}));
      expect(run.destinationAbsent).toBe(false);
      expect(run.bundles.map((b: { profile: string; status: string }) => [b.profile, b.status])).toEqual([['full', 'acknowledged']]);
    } finally {
      stop();
    }
  });
});
