import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Core } from '../../../src-main/core/core';
import { generateSigningKeyPair, signInbound, type BundleEvent, type InboundBundle, type RiskDigestEntry } from '../../../src-main/core/sync/bundle/codec';
import { appendInbound, makeInboundBundle, reportItem, riskDigest } from '../../../src-main/school-server/inbound';
import { importFolder } from '../../../src-main/school-server/folder-import';
import { createReceiverServer } from '../../../src-main/school-server/http';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import { WebApi } from '../../../src-main/school-server/web/api';
import { addUser } from '../../../src-main/school-server/web/users';
import { expectError, expectOk, openTestCase, setUpCore, tempDir } from '../core/helpers';
import { addAccount, addStudent, signInAs } from '../core/followups-fixtures';
import { seal } from './fixtures';
import { syncEn } from '../../../src-renderer/i18n/modules/sync.en';
import { syncZhCN } from '../../../src-renderer/i18n/modules/sync.zh-CN';
import { harness, pgUrl, type Harness, type StoreKind } from './receiver-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const AT = '2026-11-29T09:00:00.000Z';
const NOW = new Date('2026-11-29T12:00:00.000Z');
const REASON_MARKER = 'REASON-MARKER-77aa 关注原因';
const CONTENT = '测试上报内容：该生近期情绪低落（合成数据）';

function events(rows: { entity: string; id: string; payload: Record<string, unknown> }[], ws: string): BundleEvent[] {
  return rows.map((r, i) => ({
    seq: i + 1,
    hlc: `${AT}-${String(i + 1).padStart(4, '0')}-${ws}`,
    entity: r.entity,
    entityId: r.id,
    op: 'insert',
    payload: r.payload,
    createdAt: AT,
  }));
}

/** A receiver holding one workstation (ws-a) with a student in crisis who is also on its key-attention list. */
async function serverWithRisk(kind: StoreKind): Promise<Harness> {
  const h = await harness(kind);
  cleanups.push(() => h.close());
  const ws = h.keys.workstationId;
  const sealed = await seal(
    h.keys,
    events(
      [
        { entity: 'accounts', id: 'acc-1', payload: { id: 'acc-1', displayName: '王老师' } },
        {
          entity: 'students',
          id: 's-1',
          payload: { id: 's-1', studentNo: '2026000101', name: '测试学生甲', department: '计算机学院', className: '计科1班', updatedAt: AT },
        },
        {
          entity: 'students',
          id: 's-2',
          payload: { id: 's-2', studentNo: '2026000202', name: '测试学生乙', department: '文学院', className: '汉语1班', updatedAt: AT },
        },
        {
          entity: 'crisis_events',
          id: 'ev-1',
          payload: {
            id: 'ev-1',
            eventNo: 'CR-1',
            studentId: 's-1',
            level: '2',
            status: 'open',
            ownerId: 'acc-1',
            discoveredAt: AT,
            description: 'DESC-MARKER',
          },
        },
        {
          entity: 'key_attention',
          id: 'ka-1',
          payload: { id: 'ka-1', studentId: 's-1', level: '1', reason: REASON_MARKER, responsible: { counselorId: 'acc-1' }, status: 'active' },
        },
        {
          entity: 'key_attention',
          id: 'ka-2',
          payload: { id: 'ka-2', studentId: 's-2', level: '3', reason: REASON_MARKER, responsible: { counselorId: 'acc-1' }, status: 'active' },
        },
      ],
      ws,
    ),
  );
  expect((await h.receiver.receive(sealed.manifestFile, sealed.payload)).outcome).toBe('applied');
  return h;
}

async function fileReport(h: Harness, id: string, studentNo: string, urgent = false): Promise<number> {
  return appendInbound(
    h.receiver.store,
    await reportItem(h.receiver.store, { id, studentNo, department: '计算机学院', urgent, content: CONTENT, filedBy: 'liaison.cs', filedAt: AT }),
  );
}

function serverSide(kind: StoreKind): void {
  it('numbers inbound items by one server sequence, seals report text, and builds the risk digest without reasons', async () => {
    const h = await serverWithRisk(kind);
    expect(await fileReport(h, 'r-1', '2026000101', true)).toBe(1);
    expect(await fileReport(h, 'r-2', '2026000999')).toBe(2);
    expect(await appendInbound(h.receiver.store, { id: 'roster-1', kind: 'roster', createdAt: AT, rows: [{ 学号: '2026000101', 班级: '计科3班' }] })).toBe(3);

    const all = await makeInboundBundle(h.receiver.store, { signingKeyPem: h.server.privateKeyPem, now: NOW });
    expect(all.bundle).toMatchObject({ fromSeq: 1, toSeq: 3 });
    expect(all.bundle.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    // The report carries what the server knows of the student, so the workstation can add them.
    expect(all.bundle.items[0]).toMatchObject({
      kind: 'report',
      studentNo: '2026000101',
      studentName: '测试学生甲',
      department: '计算机学院',
      urgent: true,
      content: CONTENT,
      filedBy: 'liaison.cs',
    });
    const after2 = await makeInboundBundle(h.receiver.store, { afterSeq: 2, signingKeyPem: h.server.privateKeyPem, now: NOW });
    expect(after2.bundle).toMatchObject({ fromSeq: 3, toSeq: 3 });

    const digest = await riskDigest(h.receiver.store, NOW);
    expect(digest.entries).toEqual([
      {
        studentNo: '2026000101',
        workstationId: h.keys.workstationId,
        workstationName: null,
        level: '1',
        keyAttention: true,
        eventOpen: true,
        counselor: '王老师',
      },
      {
        studentNo: '2026000202',
        workstationId: h.keys.workstationId,
        workstationName: null,
        level: '3',
        keyAttention: true,
        eventOpen: false,
        counselor: '王老师',
      },
    ]);
    expect(all.fileText).not.toContain('MARKER');
    if (kind === 'postgres') {
      // Where the store is not encrypted as a whole, the report's text is sealed at rest.
      const raw = await h.receiver.store.all<{ body: string }>('SELECT body FROM server_inbound');
      expect(JSON.stringify(raw)).not.toContain('情绪低落');
    }
  });
}

describe('inbound items and risk digest on the SQLite receiver', () => serverSide('sqlite'));
describe.skipIf(!pgUrl)('inbound items and risk digest on the PostgreSQL receiver (TEST_DATABASE_URL)', () => serverSide('postgres'));

/** A workstation that trusts the receiver's signing key. */
async function workstation(h: Harness): Promise<Core> {
  const { core } = await setUpCore();
  const recipient = await identityToRecipient(await generateX25519Identity());
  expectOk(
    await core.call('sync.configure', {
      serverRecipient: recipient,
      serverSigningKeyPem: h.server.publicKeyPem,
      folder: null,
      url: null,
      profiles: ['full'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  return core;
}

const asInput = (fileText: string) => ({ fileName: 'school-server-inbound.json', contentBase64: Buffer.from(fileText).toString('base64') });

async function triage(core: Core): Promise<{ id: string; urgency: string }[]> {
  return expectOk(await core.call('reports.triageQueue', {})).rows;
}

describe('applying inbound bundles on a workstation', () => {
  it('a 院系 report becomes a 上报 in the triage queue once: a replay is a no-op', async () => {
    const h = await serverWithRisk('sqlite');
    const core = await workstation(h);
    await addStudent(core, '2026000101', '测试学生甲', { department: '计算机学院' });
    await fileReport(h, 'r-1', '2026000101', true);
    // A student this workstation has never seen is added, so the report is not dropped.
    await fileReport(h, 'r-2', '2026000999');
    const { fileText } = await makeInboundBundle(h.receiver.store, { signingKeyPem: h.server.privateKeyPem, now: NOW });

    const first = expectOk(await core.call('sync.importUpdate', asInput(fileText)));
    expect(first.inbound).toMatchObject({ applied: [1, 2], skipped: [], gaps: [], reportsCreated: 2, digestStored: true, digestEntries: 2 });
    const queue = await triage(core);
    expect(queue).toHaveLength(2);
    const urgent = queue.find((r) => r.urgency === 'urgent')!;
    expect(urgent).toMatchObject({ reporterKind: 'department_counselor', reporterName: 'liaison.cs（计算机学院）', status: 'new' });
    expect(expectOk(await core.call('reports.get', { id: urgent.id })).description).toBe(CONTENT);
    const unknown = expectOk(await core.call('students.search', { query: '2026000999' }));
    expect(JSON.stringify(unknown)).toContain('2026000999');

    // The same file again, and a later bundle overlapping it: nothing is applied twice.
    const replay = expectOk(await core.call('sync.importUpdate', asInput(fileText)));
    expect(replay.inbound).toMatchObject({ applied: [], skipped: [1, 2], reportsCreated: 0 });
    const again = await makeInboundBundle(h.receiver.store, { signingKeyPem: h.server.privateKeyPem, now: new Date(NOW.getTime() + 60_000) });
    expect(expectOk(await core.call('sync.importUpdate', asInput(again.fileText))).inbound).toMatchObject({ applied: [], skipped: [1, 2] });
    expect(await triage(core)).toHaveLength(2);
    expect(expectOk(await core.call('sync.history', {})).updates.filter((u: { kind: string }) => u.kind === 'inbound')).toHaveLength(2);
  });

  it('a tampered or foreign-signed bundle is refused with a translated reason and changes nothing', async () => {
    const h = await serverWithRisk('sqlite');
    const core = await workstation(h);
    await fileReport(h, 'r-1', '2026000101', true);
    const { fileText } = await makeInboundBundle(h.receiver.store, { signingKeyPem: h.server.privateKeyPem, now: NOW });
    const tampered = fileText.replace('"urgent": true', '"urgent": false');
    expect(tampered).not.toBe(fileText);
    expectError(await core.call('sync.importUpdate', asInput(tampered)), 'VALIDATION', 'syncInboundInvalid');
    const forged = signInbound(JSON.parse(fileText).inbound as InboundBundle, generateSigningKeyPair().privateKeyPem);
    expectError(await core.call('sync.importUpdate', asInput(forged)), 'VALIDATION', 'syncInboundInvalid');
    // Signed but not the range it announces (an item missing in the middle): refused whole.
    const holed = { ...(JSON.parse(fileText).inbound as InboundBundle), toSeq: 2 };
    expectError(await core.call('sync.importUpdate', asInput(signInbound(holed, h.server.privateKeyPem))), 'VALIDATION', 'syncInboundInvalid');
    expect(await triage(core)).toHaveLength(0);
    expect(expectOk(await core.call('sync.history', {})).updates).toHaveLength(0);
    expect(syncZhCN.errors.syncInboundInvalid).toContain('未做任何修改');
    expect(syncEn.errors.syncInboundInvalid).toContain('nothing was changed');
  });

  it('a gap is reported and the items present still apply; the missing ones apply when they come; an older roster update never overwrites a newer one', async () => {
    const h = await serverWithRisk('sqlite');
    const core = await workstation(h);
    await addStudent(core, '2026000101', '测试学生甲', { department: '计算机学院', className: '计科1班' });
    await fileReport(h, 'r-1', '2026000101');
    await appendInbound(h.receiver.store, {
      id: 'roster-old',
      kind: 'roster',
      createdAt: AT,
      rows: [{ 学号: '2026000101', 姓名: '测试学生甲', 班级: '计科2班' }],
    });
    await appendInbound(h.receiver.store, {
      id: 'roster-new',
      kind: 'roster',
      createdAt: AT,
      rows: [{ 学号: '2026000101', 姓名: '测试学生甲', 班级: '计科3班' }],
    });
    const later = await makeInboundBundle(h.receiver.store, { afterSeq: 2, signingKeyPem: h.server.privateKeyPem, now: NOW });
    const first = expectOk(await core.call('sync.importUpdate', asInput(later.fileText)));
    expect(first.inbound).toMatchObject({ applied: [3], gaps: [{ fromSeq: 1, toSeq: 2 }] });
    const classOf = async () => JSON.stringify(expectOk(await core.call('students.search', { query: '2026000101' })));
    expect(await classOf()).toContain('计科3班');

    const everything = await makeInboundBundle(h.receiver.store, { signingKeyPem: h.server.privateKeyPem, now: new Date(NOW.getTime() - 3_600_000) });
    const second = expectOk(await core.call('sync.importUpdate', asInput(everything.fileText)));
    expect(second.inbound).toMatchObject({ applied: [1], superseded: [2], skipped: [3], gaps: [], reportsCreated: 1 });
    expect(await classOf()).toContain('计科3班');
    // That file's digest is older than the one already held: it is not the one shown.
    expect(second.inbound?.digestStored).toBe(false);
    expect(await triage(core)).toHaveLength(1);
  });
});

describe('the risk digest on a workstation', () => {
  /** A digest naming this workstation (left out), another one (shown) and a student this workstation has no case for. */
  async function withDigest() {
    const h = await serverWithRisk('sqlite');
    const core = await workstation(h);
    const own = core.vault.requireStore().workstationId;
    const s = await addStudent(core, '2026000101', '测试学生甲', { department: '计算机学院' });
    await addStudent(core, '2026000303', '测试学生丙', { department: '文学院' });
    const me = expectOk(await core.call('app.status', {})).session.accountId as string;
    openTestCase(core, { studentId: s.id, counselorId: me });
    const digest = (createdAt: string, entries: RiskDigestEntry[]): string =>
      signInbound(
        { format: 1, kind: 'inbound', bundleId: `b-${createdAt}`, createdAt, fromSeq: 1, toSeq: 0, items: [], digest: { createdAt, entries } },
        h.server.privateKeyPem,
      );
    const entry = { keyAttention: true, eventOpen: false, counselor: '王老师', workstationName: '2 号工作站' };
    expectOk(
      await core.call(
        'sync.importUpdate',
        asInput(
          digest('2026-11-29T10:00:00.000Z', [
            { ...entry, studentNo: '2026000101', workstationId: 'ws-other', level: '1', eventOpen: true },
            { ...entry, studentNo: '2026000101', workstationId: own, level: '2' },
            { ...entry, studentNo: '2026000303', workstationId: 'ws-other', level: '3', workstationName: null, counselor: null },
          ]),
        ),
      ),
    );
    return { core, digest, entry, own };
  }

  it('shows who is at risk elsewhere for the 学号 asked, never the entries about this workstation', async () => {
    const { core } = await withDigest();
    const found = expectOk(await core.call('sync.riskElsewhere', { studentNos: ['2026000101', '2026000303', '2026009999'] }));
    expect(found.digestCreatedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(found.entries).toEqual([
      {
        studentNo: '2026000101',
        workstationId: 'ws-other',
        workstationName: '2 号工作站',
        level: '1',
        keyAttention: true,
        eventOpen: true,
        counselor: '王老师',
      },
      { studentNo: '2026000303', workstationId: 'ws-other', workstationName: null, level: '3', keyAttention: true, eventOpen: false, counselor: null },
    ]);
    // The workbench lists the students of this workstation's open cases only.
    const mine = expectOk(await core.call('sync.riskOfMyCases', {}));
    expect(
      mine.rows.map((r: { studentNo: string; name: string; entries: RiskDigestEntry[] }) => [r.studentNo, r.name, r.entries.map((e) => e.workstationId)]),
    ).toEqual([['2026000101', '测试学生甲', ['ws-other']]]);
  });

  it('a newer digest replaces the shown one, an older one imported later does not', async () => {
    const { core, digest, entry } = await withDigest();
    expectOk(
      await core.call(
        'sync.importUpdate',
        asInput(digest('2026-11-29T11:00:00.000Z', [{ ...entry, studentNo: '2026000303', workstationId: 'ws-other', level: '2' }])),
      ),
    );
    const older = expectOk(await core.call('sync.importUpdate', asInput(digest('2026-11-29T09:00:00.000Z', []))));
    expect(older.inbound?.digestStored).toBe(false);
    const found = expectOk(await core.call('sync.riskElsewhere', { studentNos: ['2026000101', '2026000303'] }));
    expect(found.entries.map((e: RiskDigestEntry) => [e.studentNo, e.level])).toEqual([['2026000303', '2']]);
    expect(expectOk(await core.call('sync.riskOfMyCases', {})).rows).toEqual([]);
  });

  it('a liaison sees the digest for their own department’s students only', async () => {
    const { core } = await withDigest();
    await addAccount(core, 'liaison.wx', ['liaison'], '文学院');
    await signInAs(core, 'liaison.wx');
    const found = expectOk(await core.call('sync.riskElsewhere', { studentNos: ['2026000101', '2026000303'] }));
    expect(found.entries.map((e: RiskDigestEntry) => e.studentNo)).toEqual(['2026000303']);
  });
});

describe('workstation names on the server', () => {
  it('a named workstation’s export carries its name; the server’s API and the risk digest show it', async () => {
    const h = await harness('sqlite');
    cleanups.push(() => h.close());
    const core = await workstation(h);
    const folder = tempDir('ws-out-');
    expectOk(await core.call('settings.update', { workstationName: '2 号工作站' }));
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: h.keys.recipient,
        serverSigningKeyPem: h.server.publicKeyPem,
        folder,
        url: null,
        profiles: ['full'],
        schedule: { kind: 'manual', at: null },
      }),
    );
    const ws = expectOk(await core.call('sync.workstationKey', {}));
    trustWorkstation(h.dir, ws.workstationId, ws.publicKeyPem);
    const s = await addStudent(core, '2026000404', '测试学生丁', { department: '文学院' });
    const me = expectOk(await core.call('app.status', {})).session.accountId as string;
    expectOk(
      await core.call('keyattention.add', {
        studentId: s.id,
        level: '1',
        reason: REASON_MARKER,
        responsible: { counselorId: me, departmentCounselor: null, dormWatcher: null, peerCounselor: null },
      }),
    );
    expectOk(await core.call('sync.exportNow', {}));
    const manifestFile = readdirSync(folder).find((f) => f.endsWith('.manifest.json'))!;
    expect(JSON.parse(readFileSync(join(folder, manifestFile), 'utf8')).manifest.workstationName).toBe('2 号工作站');

    const lines = await importFolder(h.receiver, folder, h.dir);
    expect(lines.map((l) => l.outcome)).toEqual(['applied']);
    const web = new WebApi(h.receiver, { now: () => NOW });
    await addUser(h.receiver.store, { username: 'director', role: 'director', department: null, password: 'director password 1' }, AT);
    const server = createReceiverServer(h.receiver, () => {}, web);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'director', password: 'director password 1' }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const workstations = (await (await fetch(`${base}/api/workstations`, { headers: { cookie } })).json()) as {
      workstations: { workstationId: string; workstationName: string | null }[];
    };
    expect(workstations.workstations).toEqual([expect.objectContaining({ workstationId: ws.workstationId, workstationName: '2 号工作站' })]);
    const keyAttention = (await (await fetch(`${base}/api/keyattention`, { headers: { cookie } })).json()) as {
      students: { heldBy: { workstationName: string | null }[] }[];
    };
    expect(keyAttention.students[0].heldBy[0].workstationName).toBe('2 号工作站');
    const digest = await riskDigest(h.receiver.store, NOW);
    expect(digest.entries).toEqual([expect.objectContaining({ studentNo: '2026000404', workstationName: '2 号工作站', level: '1', keyAttention: true })]);
  });
});
