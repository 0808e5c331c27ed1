import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Core } from '../../../src-main/core/core';
import { openReturnFile, sealReturnFile } from '../../../src-main/core/sync/bundle/return-file';
import { runCli } from '../../../src-main/school-server/cli';
import { INBOUND_FILE_NAME } from '../../../src-main/school-server/inbound';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import { openReceiverStore } from '../../../src-main/school-server/open-store';
import { rememberReturnRecipient, returnFile, returnRecipients } from '../../../src-main/school-server/return-recipients';
import { syncEn } from '../../../src-renderer/i18n/modules/sync.en';
import { syncZhCN } from '../../../src-renderer/i18n/modules/sync.zh-CN';
import { addStudent } from '../core/followups-fixtures';
import { expectError, expectOk, setUpCore, tempDir } from '../core/helpers';
import { harness, pgUrl, type StoreKind } from './receiver-fixtures';

/**
 * The return file (issue 18): what the server writes back into the shared folder names students
 * (院系 reports, the risk digest), so it is encrypted to the workstations' return keys, which they
 * send in their signed manifests. A workstation that has not exported yet cannot open it.
 */

const SERVER_ENV = { SCHOOL_SERVER_PASSPHRASE: 'return file passphrase' } as NodeJS.ProcessEnv;
const STUDENT_NO = '2026300001';
const STUDENT_NAME = '测试学生回传';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env: SERVER_ENV } };
}

async function server() {
  const root = tempDir('return-file-');
  const dir = join(root, 'D');
  const keyFile = join(root, 'key.txt');
  const keygen = io();
  expect(await runCli(['keygen', '--out', keyFile], keygen.io)).toBe(0);
  const keys = io();
  await runCli(['keys', '--dir', dir, '--identity', keyFile], keys.io);
  const text = keys.out.join('');
  return { dir, keyFile, recipient: keygen.out.join('').trim(), pem: text.slice(text.indexOf('-----BEGIN PUBLIC KEY-----')).trim() };
}

async function workstation(s: Awaited<ReturnType<typeof server>>, folder: string): Promise<Core> {
  const { core } = await setUpCore();
  expectOk(
    await core.call('sync.configure', {
      serverRecipient: s.recipient,
      serverSigningKeyPem: s.pem,
      folder,
      url: null,
      profiles: ['full'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  const ws = expectOk(await core.call('sync.workstationKey', {}));
  trustWorkstation(s.dir, ws.workstationId, ws.publicKeyPem);
  return core;
}

const asInput = (fileText: string) => ({ fileName: INBOUND_FILE_NAME, contentBase64: Buffer.from(fileText).toString('base64') });

async function putOnKeyAttention(core: Core): Promise<void> {
  const s = await addStudent(core, STUDENT_NO, STUDENT_NAME, { department: '文学院' });
  const me = expectOk(await core.call('app.status', {})).session.accountId as string;
  expectOk(
    await core.call('keyattention.add', {
      studentId: s.id,
      level: '1',
      reason: '合成数据：关注原因',
      responsible: { counselorId: me, departmentCounselor: null, dormWatcher: null, peerCounselor: null },
    }),
  );
}

describe('the return file is encrypted to the workstations that exported', () => {
  it('import writes a sealed file: the exporting workstation applies it, one that never exported cannot open it until it exports', async () => {
    const s = await server();
    const folder = tempDir('usb-');
    const a = await workstation(s, folder);
    const b = await workstation(s, folder);
    await putOnKeyAttention(a);
    expectOk(await a.call('sync.exportNow', {}));

    const first = io();
    expect(await runCli(['import', folder, '--dir', s.dir, '--identity', s.keyFile], first.io)).toBe(0);
    expect(first.err.join('')).toContain('encrypted to 1 workstation(s)');
    const sealed = readFileSync(join(folder, INBOUND_FILE_NAME), 'utf8');
    expect(JSON.parse(sealed)).toHaveProperty('sealed.payload');
    // Nothing about the student is readable in the shared folder.
    expect(sealed).not.toContain(STUDENT_NO);
    expect(sealed).not.toContain('"inbound"');

    const applied = expectOk(await a.call('sync.importUpdate', asInput(sealed)));
    expect(applied.inbound).toMatchObject({ digestStored: true, digestEntries: 1 });

    // B has not exported, so the server does not know its return key: refused in words, nothing changed.
    expectError(await b.call('sync.importUpdate', asInput(sealed)), 'VALIDATION', 'syncReturnNotForThisWorkstation');
    expect(expectOk(await b.call('sync.history', {})).updates).toHaveLength(0);
    expect(syncZhCN.errors.syncReturnNotForThisWorkstation).toContain('未做任何修改');
    expect(syncEn.errors.syncReturnNotForThisWorkstation).toContain('Nothing was changed');

    // Once B exports (into the same folder), the next file is encrypted to both.
    await addStudent(b, '2026300002', '测试学生回传乙', { department: '文学院' });
    expectOk(await b.call('sync.exportNow', {}));
    const second = io();
    expect(await runCli(['import', folder, '--dir', s.dir, '--identity', s.keyFile], second.io)).toBe(0);
    expect(second.err.join('')).toContain('encrypted to 2 workstation(s)');
    const both = readFileSync(join(folder, INBOUND_FILE_NAME), 'utf8');
    expect(expectOk(await b.call('sync.importUpdate', asInput(both))).inbound).toMatchObject({ digestStored: true });

    // The return key's secret half is kept in its settings row alone: not in the audit log or the outbox's exports.
    const local = a.vault.requireStore().sqlite;
    expect(local.prepare("SELECT count(*) AS n FROM audit_events WHERE details LIKE '%AGE-SECRET-KEY-1%'").get()).toEqual({ n: 0 });
    // The return key's secret half never travels: not in the server's rows.
    const store = await openReceiverStore(s.dir, SERVER_ENV);
    const dump = JSON.stringify(await store.dump());
    await store.close();
    expect(dump).not.toContain('AGE-SECRET-KEY-1');
    expect(dump).toContain(STUDENT_NO);
  });

  it('inbound --out seals too; a sealed file altered on the way is refused and changes nothing', async () => {
    const s = await server();
    const folder = tempDir('usb-');
    const a = await workstation(s, folder);
    await putOnKeyAttention(a);
    expectOk(await a.call('sync.exportNow', {}));
    expect(await runCli(['import', folder, '--dir', s.dir, '--identity', s.keyFile], io().io)).toBe(0);
    const out = join(tempDir('inbound-'), 'inbound.json');
    const cli = io();
    expect(await runCli(['inbound', '--dir', s.dir, '--out', out], cli.io)).toBe(0);
    expect(cli.out.join('')).toContain('encrypted to 1 workstation(s)');
    const envelope = JSON.parse(readFileSync(out, 'utf8')) as { sealed: { format: number; payload: string } };
    const bytes = Buffer.from(envelope.sealed.payload, 'base64');
    bytes[bytes.length - 5] ^= 0x01;
    writeFileSync(out, JSON.stringify({ sealed: { ...envelope.sealed, payload: bytes.toString('base64') } }));
    expectError(await a.call('sync.importUpdate', asInput(readFileSync(out, 'utf8'))), 'VALIDATION', 'syncInboundInvalid');
    expect(expectOk(await a.call('sync.history', {})).updates).toHaveLength(0);
  });

  it('while no workstation has sent a return key, the file stays signed and readable, and the command line says it is not encrypted', async () => {
    const s = await server();
    const out = join(tempDir('inbound-'), 'inbound.json');
    const cli = io();
    expect(await runCli(['inbound', '--dir', s.dir, '--out', out], cli.io)).toBe(0);
    expect(cli.out.join('')).toContain('NOT encrypted');
    const text = readFileSync(out, 'utf8');
    expect(JSON.parse(text)).toHaveProperty('inbound');
    const a = await workstation(s, tempDir('usb-'));
    expect(expectOk(await a.call('sync.importUpdate', asInput(text))).inbound).toMatchObject({ applied: [] });
  });
});

describe('the sealed envelope', () => {
  it('opens with any one of its recipients and with no other identity', async () => {
    const ids = await Promise.all([generateX25519Identity(), generateX25519Identity(), generateX25519Identity()]);
    const recipients = await Promise.all(ids.map((id) => identityToRecipient(id)));
    const sealed = await sealReturnFile('{"inbound":"signed text"}', recipients.slice(0, 2));
    expect(await openReturnFile(sealed, ids[0])).toBe('{"inbound":"signed text"}');
    expect(await openReturnFile(sealed, ids[1])).toBe('{"inbound":"signed text"}');
    await expect(openReturnFile(sealed, ids[2])).rejects.toMatchObject({ code: 'notRecipient' });
    await expect(openReturnFile(sealed, null)).rejects.toMatchObject({ code: 'notRecipient' });
    await expect(sealReturnFile('x', [])).rejects.toMatchObject({ code: 'malformed' });
  });
});

function recipientsOnStore(kind: StoreKind) {
  it('remembers the newest return recipient per workstation and seals to all of them', async () => {
    const h = await harness(kind);
    cleanups.push(() => h.close());
    const [one, two, newer] = await Promise.all([generateX25519Identity(), generateX25519Identity(), generateX25519Identity()]);
    const at = '2026-12-01T08:00:00.000Z';
    await rememberReturnRecipient(h.receiver.store, 'ws-1', await identityToRecipient(one), at);
    await rememberReturnRecipient(h.receiver.store, 'ws-2', await identityToRecipient(two), at);
    await rememberReturnRecipient(h.receiver.store, 'ws-1', await identityToRecipient(newer), at);
    await rememberReturnRecipient(h.receiver.store, 'ws-3', undefined, at);
    expect(await returnRecipients(h.receiver.store)).toEqual([await identityToRecipient(newer), await identityToRecipient(two)]);
    const file = await returnFile(h.receiver.store, '{"inbound":1}');
    expect(file.sealedFor).toBe(2);
    expect(await openReturnFile(file.fileText, newer)).toBe('{"inbound":1}');
    await expect(openReturnFile(file.fileText, one)).rejects.toMatchObject({ code: 'notRecipient' });
  });
}

describe('return recipients on the SQLite receiver', () => recipientsOnStore('sqlite'));
describe.skipIf(!pgUrl)('return recipients on the PostgreSQL receiver (TEST_DATABASE_URL)', () => recipientsOnStore('postgres'));
