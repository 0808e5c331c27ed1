import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, manifestSchema, readManifest, signManifest, type BundleManifest } from '../../../src-main/core/sync/bundle/codec';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import { expectError, expectOk, setUpCore, tempDir } from './helpers';

/**
 * Paths the user or a bundle supplies never lead outside where they belong: backup paths must be
 * absolute without `..`; names inside bundles and receipts that become file names are plain names;
 * an attachment's or an uploaded file's name is kept as a label and never used as a path.
 */

const ESCAPES = ['../x', '../../etc/passwd', 'a/../../b', '..', 'sub/../../x', '..\\..\\x'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true }).map(String).sort();
}

describe('path traversal', () => {
  it('backup folders and files: relative paths and `..` segments are refused before anything is touched', async () => {
    const { core } = await setUpCore();
    const root = tempDir('counsel-traversal-');
    const inside = join(root, 'backups');
    mkdirSync(inside);
    const attempts = [...ESCAPES, `${inside}/../escaped`, `${inside}/..`, 'relative-folder'];
    for (const path of attempts) {
      const run = expectError(await core.call('backup.create', { folder: path }), 'VALIDATION');
      expect(run.details.issues?.[0]).toMatchObject({ path: ['folder'], message: 'pathNotAbsolute' });
      expectError(await core.call('backup.verify', { path }), 'VALIDATION');
      expectError(await core.call('backup.saveSchedule', { folder: path, keep: 3, dailyAt: '09:00' }), 'VALIDATION');
    }
    // The refused calls wrote nothing anywhere under the test folder.
    expect(filesUnder(root)).toEqual(['backups']);
    // An absolute path is still accepted, so the rule refuses only what escapes.
    expect(expectOk(await core.call('backup.create', { folder: inside })).fileName).toMatch(/\.cbk$/);
  });

  it('restoring from a relative or `..` path is refused by the contract', async () => {
    const { core } = await setUpCore();
    for (const path of ESCAPES) {
      expectError(await core.call('backup.restore', { source: { path }, credentials: { kind: 'recoveryCode', recoveryCode: 'x'.repeat(20) } }), 'VALIDATION');
    }
  });

  it('a bundle manifest naming `../x` as its workstation or profile is refused, even when signed', () => {
    const keys = generateSigningKeyPair();
    const base: BundleManifest = {
      format: 1,
      kind: 'events',
      bundleId: 'b-1',
      workstationId: 'ws-1',
      profile: 'full',
      fromSeq: 1,
      toSeq: 2,
      eventCount: 0,
      counts: {},
      payloadSha256: 'a'.repeat(64),
      plainSha256: 'b'.repeat(64),
      payloadBytes: 10,
      createdAt: '2026-09-01T08:00:00.000Z',
    } as BundleManifest;
    expect(manifestSchema.safeParse(base).success).toBe(true);
    for (const name of [...ESCAPES, 'a/b', 'a\\b', '.hidden', '']) {
      // The name check itself: these never become receipt or pending file names.
      expect(manifestSchema.safeParse({ ...base, workstationId: name }).success, name).toBe(false);
      expect(manifestSchema.safeParse({ ...base, profile: name }).success, name).toBe(false);
      // Signed with a key the server trusts under that very name: still refused as malformed.
      const trusted = { [name]: keys.publicKeyPem, 'ws-1': keys.publicKeyPem };
      for (const forged of [
        { ...base, workstationId: name },
        { ...base, profile: name },
      ]) {
        let code: string | undefined;
        try {
          readManifest(signManifest(forged, keys.privateKeyPem), trusted);
        } catch (error) {
          code = (error as { code?: string }).code;
        }
        expect(code, `${JSON.stringify(forged.workstationId)} / ${JSON.stringify(forged.profile)}`).toBe('malformed');
      }
    }
  });

  it('the school server refuses to trust a workstation id that is a path', () => {
    const dir = tempDir('counsel-server-');
    const { publicKeyPem } = generateSigningKeyPair();
    for (const id of [...ESCAPES, '.hidden']) expect(() => trustWorkstation(dir, id, publicKeyPem), id).toThrow();
    expect(existsSync(join(dir, 'trusted')) ? readdirSync(join(dir, 'trusted')) : []).toEqual([]);
  });

  it('an attachment named `../../etc/passwd` is stored as a name only, and no file is written for it', async () => {
    const { core, dataDir } = await setUpCore();
    const before = filesUnder(dataDir);
    const activity = expectOk(
      await core.call('activities.create', { kind: 'lecture', title: '讲座', date: '2026-05-20', organizer: '心理中心', participants: 1 }),
    );
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 32)]).toString('base64');
    for (const fileName of ['../../etc/passwd.pdf', '..\\..\\windows\\evil.pdf', '/tmp/counsel-absolute.pdf']) {
      const attached = expectOk(await core.call('activities.addAttachment', { activityId: activity.id, fileName, contentBase64: pdf }));
      expect(attached.fileName).toBe(fileName);
    }
    const stored = expectOk(await core.call('activities.get', { id: activity.id }));
    expect(stored.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      '../../etc/passwd.pdf',
      '..\\..\\windows\\evil.pdf',
      '/tmp/counsel-absolute.pdf',
    ]);
    expect(existsSync('/tmp/counsel-absolute.pdf')).toBe(false);
    expect(existsSync(join(dataDir, '..', '..', 'etc', 'passwd.pdf'))).toBe(false);
    // Only the database's own files changed in the data folder.
    const added = filesUnder(dataDir).filter((name) => !before.includes(name));
    expect(added.filter((name) => !/^counsel\.db(-wal|-shm|-journal)?$/.test(name))).toEqual([]);
  });

  it('receipt, update and roster file names from the user are labels, never paths', async () => {
    const { core, dataDir } = await setUpCore();
    const root = tempDir('counsel-names-');
    const before = filesUnder(dataDir);
    const bogus = Buffer.from('{"not":"a receipt"}').toString('base64');
    const escape = join(root, '..', 'counsel-escaped.json');
    for (const fileName of ['../../escaped.json', escape]) {
      const receipt = await core.call('sync.importReceipt', { fileName, contentBase64: bogus });
      expect(receipt.ok).toBe(false);
      const update = await core.call('sync.importUpdate', { fileName, contentBase64: bogus });
      expect(update.ok).toBe(false);
      const roster = await core.call('roster.preview', { fileName: `${fileName}.csv`, contentBase64: Buffer.from('学号,姓名\r\n').toString('base64') });
      if (!roster.ok) expect(roster.error.code).not.toBe('INTERNAL');
    }
    expect(existsSync(escape)).toBe(false);
    expect(existsSync(join(dataDir, '..', '..', 'escaped.json'))).toBe(false);
    const added = filesUnder(dataDir).filter((name) => !before.includes(name));
    expect(added.filter((name) => !/^counsel\.db(-wal|-shm|-journal)?$/.test(name))).toEqual([]);
  });
});
