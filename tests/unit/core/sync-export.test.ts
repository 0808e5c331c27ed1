import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { generateSigningKeyPair, openBundle, signReceipt, signUpdate, type BundleEvent, type Receipt } from '../../../src-main/core/sync/bundle/codec';
import { DEPARTMENT_ROSTER_FIELDS } from '../../../src-main/core/sync/profiles';
import { syncSchedulerOf } from '../../../src-main/core/sync/sync-handlers';
import { importFolder } from '../../../src-main/school-server/folder-import';
import { createReceiverServer } from '../../../src-main/school-server/http';
import { serverSigningKey, trustWorkstation } from '../../../src-main/school-server/keys';
import { openReceiverStore } from '../../../src-main/school-server/open-store';
import { Receiver } from '../../../src-main/school-server/receiver';
import { expectError, expectOk, openTestCase, setUpCore, tempDir } from './helpers';
import { addAccount, addStudent, signInAs } from './followups-fixtures';

const REASON = '测试关注原因-只在全量里';
const NOTE_TEXT = '测试会谈记录正文-只在全量里';

/** A workstation set up to export to a temp folder, with the server's keys the test plays. */
async function configured(options: { folder?: string | null; url?: string | null } = {}) {
  const made = await setUpCore();
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const server = generateSigningKeyPair();
  const folder = options.folder === undefined ? tempDir('sync-out-') : options.folder;
  expectOk(
    await made.core.call('sync.configure', {
      serverRecipient: recipient,
      serverSigningKeyPem: server.publicKeyPem,
      folder,
      url: options.url ?? null,
      profiles: ['full', 'departments', 'statistics'],
      schedule: { kind: 'manual', at: null },
    }),
  );
  const ws = expectOk(await made.core.call('sync.workstationKey', {}));
  return { ...made, identity, recipient, server, folder: folder as string, ws };
}

/** A student on the key-attention list (with a reason) and a counseling note (with a body). */
async function withClinicalRecords(core: Core) {
  const s = await addStudent(core, '2026100001', '测试学生甲', { department: '文学院', className: '文学2601' });
  const me = expectOk(await core.call('app.status', {})).session.accountId as string;
  expectOk(
    await core.call('keyattention.add', {
      studentId: s.id,
      level: '3',
      reason: REASON,
      responsible: { counselorId: me, departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: null },
    }),
  );
  const kase = openTestCase(core, { studentId: s.id, counselorId: me });
  expectOk(
    await core.call('notes.create', {
      caseId: kase.id,
      sessionAt: '2026-09-01T06:00:00.000Z',
      mode: 'in_person',
      minutes: 50,
      topics: [],
      body: { chief_complaint: NOTE_TEXT, process: '过程', assessment: '评估', plan: '计划' },
      riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false },
    }),
  );
  return { student: s, me };
}

async function open(folder: string, baseName: string, identity: string, ws: { workstationId: string; publicKeyPem: string }) {
  return openBundle({
    manifestFile: readFileSync(join(folder, `${baseName}.manifest.json`), 'utf8'),
    payload: readFileSync(join(folder, `${baseName}.age`)),
    identity,
    trustedKeys: { [ws.workstationId]: ws.publicKeyPem },
  });
}

function outboxMax(core: Core): number {
  return core.vault.requireStore().sqlite.prepare('SELECT max(seq) FROM outbox').pluck().get() as number;
}

function receiptFor(ws: { workstationId: string }, bundles: { bundleId: string; profile: string; fromSeq: number; toSeq: number }[], profile: string): Receipt {
  const mine = bundles.filter((b) => b.profile === profile);
  return {
    format: 1,
    receiptId: `receipt-${profile}-${mine.at(-1)!.toSeq}`,
    workstationId: ws.workstationId,
    profile,
    acknowledged: mine.map((b) => ({ bundleId: b.bundleId, fromSeq: b.fromSeq, toSeq: b.toSeq })),
    appliedUpTo: mine.at(-1)!.toSeq,
    gaps: [],
    createdAt: '2026-09-01T09:00:00.000Z',
  };
}

/** Calls `act` once, synchronously, when the first `job.progress` event of `phase` (or any) is emitted. */
function onFirstProgress(events: { name: string; payload: unknown }[], phase: string | null, act: (jobId: string) => void): void {
  let fired = false;
  events.push = (...added) => {
    for (const event of added) {
      const payload = event.payload as { jobId: string; phase: string };
      if (!fired && event.name === 'job.progress' && (phase === null || payload.phase === phase)) {
        fired = true;
        act(payload.jobId);
      }
    }
    return Array.prototype.push.apply(events, added);
  };
}

describe('export to the school server', () => {
  it('has the workstation signing key from setup, before any export channel is called', async () => {
    const { core } = await setUpCore();
    const stored = core.vault.requireStore().sqlite.prepare("SELECT value FROM settings WHERE id = 'sync.workstationKey'").pluck().get() as string | undefined;
    expect(stored).toBeDefined();
    const { publicKeyPem } = JSON.parse(stored!) as { publicKeyPem: string };
    expect(publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(expectOk(await core.call('sync.workstationKey', {})).publicKeyPem).toBe(publicKeyPem);
  });

  it('writes one bundle per profile into the folder, each range from the last one, and nothing twice', async () => {
    const { core, folder, identity, ws } = await configured();
    await withClinicalRecords(core);
    const before = outboxMax(core);

    const run = expectOk(await core.call('sync.exportNow', {}));
    expect(run.destinationAbsent).toBe(false);
    expect(run.bundles.map((b: any) => [b.profile, b.fromSeq, b.toSeq, b.status])).toEqual([
      ['full', 1, before, 'sent'],
      ['departments', 1, before, 'sent'],
      ['statistics', 1, before, 'sent'],
    ]);
    expect(run.bundles.every((b: any) => b.destination === folder && b.bytes > 0)).toBe(true);
    const names = readdirSync(folder);
    for (const b of run.bundles) {
      const base = `${ws.workstationId}-${b.profile}-${String(b.fromSeq).padStart(12, '0')}-${String(b.toSeq).padStart(12, '0')}`;
      expect(names).toContain(`${base}.age`);
      expect(names).toContain(`${base}.manifest.json`);
    }
    expect(names.some((n) => n.includes('.tmp-'))).toBe(false);

    const base = (profile: string) => `${ws.workstationId}-${profile}-000000000001-${String(before).padStart(12, '0')}`;
    const full = await open(folder, base('full'), identity, ws);
    const fullText = JSON.stringify(full.events);
    // The full replica carries the clinical content (so the check below means something)...
    expect(fullText).toContain(NOTE_TEXT);
    expect(fullText).toContain(REASON);
    // ...but never the workstation's private key or the export's own bookkeeping.
    expect(fullText).not.toContain('PRIVATE KEY');
    expect(full.events.some((e) => e.entity === 'export_bundles')).toBe(false);

    // Departments: the key-attention roster with the minimum fields, nothing else.
    const departments = await open(folder, base('departments'), identity, ws);
    const departmentsText = JSON.stringify(departments.events) + JSON.stringify(departments.manifest);
    expect(departmentsText).not.toContain(REASON);
    expect(departmentsText).not.toContain(NOTE_TEXT);
    expect(departments.events).toHaveLength(1);
    const entry = departments.events[0] as BundleEvent & { payload: Record<string, unknown> };
    expect(entry.entity).toBe('key_attention_roster');
    expect(Object.keys(entry.payload).sort()).toEqual(['id', ...DEPARTMENT_ROSTER_FIELDS].sort());
    expect(entry.payload).toMatchObject({
      studentNo: '2026100001',
      name: '测试学生甲',
      department: '文学院',
      className: '文学2601',
      level: '3',
      status: 'active',
    });
    expect(entry.payload.responsible).toEqual({ counselor: '管理员甲', departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: null });

    // Statistics: the month's de-identified figures (small cells suppressed), no names or content.
    const statistics = await open(folder, base('statistics'), identity, ws);
    const statisticsText = JSON.stringify(statistics.events);
    expect(statisticsText).not.toContain('测试学生甲');
    expect(statisticsText).not.toContain('2026100001');
    expect(statisticsText).not.toContain(REASON);
    expect(statisticsText).not.toContain(NOTE_TEXT);
    expect(statistics.events).toMatchObject([
      { entity: 'statistics_month', entityId: '2026-09', payload: { period: { kind: 'month', start: '2026-09-01' }, suppressed: true } },
    ]);

    // Again: nothing new to send (the export's own rows are not exported).
    const again = expectOk(await core.call('sync.exportNow', {}));
    expect(again.bundles).toEqual([]);
    expect(readdirSync(folder)).toHaveLength(6);

    // A new record: the next full bundle starts right after the last one.
    await addStudent(core, '2026100002', '测试学生乙');
    const next = expectOk(await core.call('sync.exportNow', { profile: 'full' }));
    expect(next.bundles).toHaveLength(1);
    expect(next.bundles[0].fromSeq).toBe(before + 1);
    const nextFull = await open(
      folder,
      `${ws.workstationId}-full-${String(before + 1).padStart(12, '0')}-${String(next.bundles[0].toSeq).padStart(12, '0')}`,
      identity,
      ws,
    );
    expect(nextFull.events.map((e) => e.entity)).toContain('students');
    expect(nextFull.events.every((e) => e.seq > before)).toBe(true);

    const history = expectOk(await core.call('sync.history', {}));
    expect(history.bundles).toHaveLength(4);
    expect(history.bundles[0]).toMatchObject({ profile: 'full', fromSeq: before + 1, status: 'sent', destinationKind: 'folder' });
  });

  it('a cancelled export sends nothing and loses nothing: the next run exports the same ranges', async () => {
    const { core, folder, events } = await configured();
    await withClinicalRecords(core);
    const before = outboxMax(core);
    const bundleRows = () =>
      core.vault.requireStore().sqlite.prepare('SELECT profile, from_seq AS fromSeq, to_seq AS toSeq, status FROM export_bundles ORDER BY profile').all();

    // At the first progress (reading the outbox): no bundle is made, no file written.
    onFirstProgress(events, null, (jobId) => void core.call('jobs.cancel', { jobId }));
    expectError(await core.call('sync.exportNow', { jobId: 'export-1' }), 'CANCELLED');
    expect(bundleRows()).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);

    // Just before the first bundle is sent: the sealed bundles wait as `created`, nothing counts as sent.
    onFirstProgress(events, 'send', (jobId) => void core.call('jobs.cancel', { jobId }));
    expectError(await core.call('sync.exportNow', { jobId: 'export-2' }), 'CANCELLED');
    expect(bundleRows()).toEqual([
      { profile: 'departments', fromSeq: 1, toSeq: before, status: 'created' },
      { profile: 'full', fromSeq: 1, toSeq: before, status: 'created' },
      { profile: 'statistics', fromSeq: 1, toSeq: before, status: 'created' },
    ]);
    expect(readdirSync(folder)).toEqual([]);

    // The job ended (the export lock too): the next run sends exactly those ranges.
    const run = expectOk(await core.call('sync.exportNow', { jobId: 'export-3' }));
    expect(run.bundles.map((b: any) => [b.profile, b.fromSeq, b.toSeq, b.status])).toEqual([
      ['full', 1, before, 'sent'],
      ['departments', 1, before, 'sent'],
      ['statistics', 1, before, 'sent'],
    ]);
    expect(readdirSync(folder).filter((n) => n.endsWith('.age'))).toHaveLength(3);
    expect(readdirSync(folder).some((n) => n.includes('.tmp-'))).toBe(false);
    expect(expectOk(await core.call('sync.exportNow', {})).bundles).toEqual([]);
  });

  it('keeps the bundles when the folder is absent and sends the same ranges once it is back', async () => {
    const parent = tempDir('sync-usb-');
    const usb = join(parent, 'USB');
    const { core, identity, ws } = await configured({ folder: usb });
    await addStudent(core, '2026100003', '测试学生丙');

    const first = expectOk(await core.call('sync.exportNow', { profile: 'full' }));
    expect(first.destinationAbsent).toBe(true);
    expect(first.bundles).toMatchObject([{ profile: 'full', fromSeq: 1, status: 'created', destination: null }]);
    const waiting = expectOk(await core.call('sync.status', {}));
    expect(waiting).toMatchObject({ waiting: 1, lastAcknowledgedAt: null, msSinceAcknowledged: null });

    mkdirSync(usb);
    const second = expectOk(await core.call('sync.exportNow', { profile: 'full' }));
    expect(second.destinationAbsent).toBe(false);
    // The same bundle (same id, same range) went out, sealed again; no second bundle was made.
    expect(second.bundles).toMatchObject([
      { bundleId: first.bundles[0].bundleId, fromSeq: 1, toSeq: first.bundles[0].toSeq, status: 'sent', destination: usb },
    ]);
    const opened = await open(usb, `${ws.workstationId}-full-000000000001-${String(first.bundles[0].toSeq).padStart(12, '0')}`, identity, ws);
    expect(opened.manifest.bundleId).toBe(first.bundles[0].bundleId);
    expect(opened.events.some((e) => (e.payload as any)?.name === '测试学生丙')).toBe(true);
    expect(expectOk(await core.call('sync.history', {})).bundles).toHaveLength(1);
  });

  it('marks bundles acknowledged from a receipt signed by the server, and refuses one that is not', async () => {
    const { core, clock, folder, server, ws } = await configured();
    await addStudent(core, '2026100004', '测试学生丁');
    const run = expectOk(await core.call('sync.exportNow', {}));
    const receipt = signReceipt(receiptFor(ws, run.bundles, 'full'), server.privateKeyPem);

    const forged = signReceipt(receiptFor(ws, run.bundles, 'full'), generateSigningKeyPair().privateKeyPem);
    expectError(await core.call('sync.importReceipt', { contentBase64: Buffer.from(forged).toString('base64') }), 'VALIDATION', 'syncReceiptInvalid');
    const other = signReceipt({ ...receiptFor(ws, run.bundles, 'full'), workstationId: 'another-workstation' }, server.privateKeyPem);
    expectError(await core.call('sync.importReceipt', { contentBase64: Buffer.from(other).toString('base64') }), 'VALIDATION', 'syncReceiptOtherWorkstation');

    const done = expectOk(await core.call('sync.importReceipt', { fileName: 'r.json', contentBase64: Buffer.from(receipt).toString('base64') }));
    expect(done.acknowledged).toMatchObject([{ profile: 'full', status: 'acknowledged' }]);
    // Importing it again changes nothing.
    expect(expectOk(await core.call('sync.importReceipt', { contentBase64: Buffer.from(receipt).toString('base64') })).acknowledged).toEqual([]);

    clock.advance(3 * 3_600_000);
    const status = expectOk(await core.call('sync.status', {}));
    expect(status.msSinceAcknowledged).toBe(3 * 3_600_000);
    expect(status.waiting).toBe(1);

    // A receipt the server left in the folder is read on the next run.
    writeFileSync(join(folder, `receipt-${ws.workstationId}-statistics-x.json`), signReceipt(receiptFor(ws, run.bundles, 'statistics'), server.privateKeyPem));
    const next = expectOk(await core.call('sync.exportNow', {}));
    expect(next.acknowledged).toBe(1);
    const history = expectOk(await core.call('sync.history', {}));
    expect(
      history.bundles
        .filter((b: any) => b.status === 'acknowledged')
        .map((b: any) => b.profile)
        .sort(),
    ).toEqual(['full', 'statistics']);
    expect(history.bundles.find((b: any) => b.profile === 'full').acknowledgedAt).toBe('2026-09-01T08:00:00.000Z');
  });

  it('posts to an HTTP receiver, takes its receipt at once, and waits when nothing listens', async () => {
    const { core, identity, server, ws } = await configured({ folder: null });
    await addStudent(core, '2026100005', '测试学生戊');
    const seen: BundleEvent[] = [];
    const http = await listen(async (body) => {
      const { manifest, events } = await openBundle({
        manifestFile: body.manifestFile,
        payload: Buffer.from(body.payload, 'base64'),
        identity,
        trustedKeys: { [ws.workstationId]: ws.publicKeyPem },
      });
      seen.push(...events);
      const receipt = receiptFor(
        ws,
        [{ bundleId: manifest.bundleId, profile: manifest.profile, fromSeq: manifest.fromSeq, toSeq: manifest.toSeq }],
        manifest.profile,
      );
      return { receiptFile: signReceipt(receipt, server.privateKeyPem) };
    });
    try {
      const run = expectOk(await core.call('sync.exportNow', { profile: 'full', to: http.url }));
      expect(run).toMatchObject({ destinationAbsent: false, acknowledged: 1 });
      expect(run.bundles).toMatchObject([{ profile: 'full', fromSeq: 1, status: 'acknowledged', destination: http.url }]);
      expect(seen.some((e) => (e.payload as any)?.name === '测试学生戊')).toBe(true);
    } finally {
      await http.close();
    }
    await addStudent(core, '2026100006', '测试学生己');
    const refused = expectOk(await core.call('sync.exportNow', { profile: 'full', to: http.url }));
    expect(refused.destinationAbsent).toBe(true);
    expect(refused.bundles).toMatchObject([{ status: 'created' }]);
  });

  it('applies a signed roster update through the roster import once', async () => {
    const { core, server } = await configured();
    await addStudent(core, '2026100007', '测试学生庚', { department: '理学院' });
    const update = signUpdate(
      {
        kind: 'roster',
        bundleId: 'roster-2026-09-01',
        createdAt: '2026-09-01T07:00:00.000Z',
        rows: [
          { 学号: '2026100007', 姓名: '测试学生庚', 院系: '文学院' },
          { 学号: '2026100008', 姓名: '测试学生辛', 院系: '理学院', 班级: '理学2601' },
          { 学号: '', 姓名: '无学号' },
        ],
      },
      server.privateKeyPem,
    );
    const input = { fileName: 'update.json', contentBase64: Buffer.from(update).toString('base64') };
    const applied = expectOk(await core.call('sync.importUpdate', input));
    expect(applied).toMatchObject({
      bundleId: 'roster-2026-09-01',
      rows: 3,
      created: 1,
      updated: 1,
      unchanged: 0,
      rejected: [{ row: 4, reason: 'missingStudentNo' }],
    });
    const found = expectOk(await core.call('students.search', { query: '2026100007' }));
    expect(JSON.stringify(found)).toContain('文学院');

    expectError(await core.call('sync.importUpdate', input), 'CONFLICT', 'updateAlreadyApplied');
    const forged = signUpdate({ kind: 'roster', bundleId: 'other', createdAt: '2026-09-01T07:00:00.000Z', rows: [] }, generateSigningKeyPair().privateKeyPem);
    expectError(await core.call('sync.importUpdate', { contentBase64: Buffer.from(forged).toString('base64') }), 'VALIDATION', 'syncUpdateInvalid');
    expect(expectOk(await core.call('sync.history', {})).updates).toMatchObject([{ bundleId: 'roster-2026-09-01', created: 1 }]);
  });

  it('checks the settings and keeps them to the administrator', async () => {
    const { core, recipient, ws } = await configured();
    const base = { serverRecipient: recipient, serverSigningKeyPem: null, folder: null, url: null, profiles: ['full'], schedule: { kind: 'manual', at: null } };
    expectError(await core.call('sync.configure', { ...base, serverRecipient: 'age1notakey' }), 'VALIDATION', 'syncBadRecipient');
    expectError(await core.call('sync.configure', { ...base, serverSigningKeyPem: 'not a key' }), 'VALIDATION', 'syncBadServerKey');
    expectError(await core.call('sync.configure', { ...base, url: 'ftp://school/x' }), 'VALIDATION', 'syncBadUrl');
    expectError(await core.call('sync.configure', { ...base, schedule: { kind: 'daily', at: null } }), 'VALIDATION', 'syncDailyNeedsTime');
    expectOk(await core.call('sync.configure', base));
    expectError(await core.call('sync.exportNow', {}), 'VALIDATION', 'syncNoDestination');

    // The key pair is made once: the same public key every time, and its fingerprint is shown.
    const config = expectOk(await core.call('sync.getConfig', {}));
    expect(config.workstation).toEqual(ws);
    expect(ws.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(ws.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    await addAccount(core, 'zhang.zr', ['director']);
    await signInAs(core, 'zhang.zr');
    expectError(await core.call('sync.configure', base), 'FORBIDDEN');
    expect(expectOk(await core.call('sync.getConfig', {})).serverRecipient).toBe(recipient);
  });

  it('runs daily at the set time by the core clock, once a day', async () => {
    const { core, clock, recipient, folder } = await configured();
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: recipient,
        serverSigningKeyPem: null,
        folder,
        url: null,
        profiles: ['full'],
        schedule: { kind: 'daily', at: '18:30' },
      }),
    );
    const scheduler = syncSchedulerOf(core.vault)!;
    clock.set(new Date(2026, 8, 2, 18, 29));
    expect(await scheduler.tick()).toBe(false);
    clock.set(new Date(2026, 8, 2, 18, 30));
    expect(await scheduler.tick()).toBe(true);
    expect(readdirSync(folder).filter((n) => n.endsWith('.age'))).toHaveLength(1);
    clock.set(new Date(2026, 8, 2, 23, 0));
    expect(await scheduler.tick()).toBe(false);
    clock.set(new Date(2026, 8, 3, 18, 31));
    expect(await scheduler.tick()).toBe(true);

    // On close: only when the schedule says so.
    expect(expectOk(await core.call('sync.runScheduled', { trigger: 'onClose' })).ran).toBe(false);
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: recipient,
        serverSigningKeyPem: null,
        folder,
        url: null,
        profiles: ['full'],
        schedule: { kind: 'onClose', at: null },
      }),
    );
    await addStudent(core, '2026100011', '测试学生癸');
    const onClose = expectOk(await core.call('sync.runScheduled', { trigger: 'onClose' }));
    expect(onClose).toMatchObject({ ran: true, run: { destinationAbsent: false, bundles: [{ profile: 'full', status: 'sent' }] } });
    expect(await scheduler.tick()).toBe(false);
  });
});

describe('round trip with the reference receiver', () => {
  /** The school server (src-main/school-server) with its own keys, trusting this workstation. */
  async function schoolServer() {
    const made = await setUpCore();
    const dir = tempDir('school-server-');
    const identity = await generateX25519Identity();
    const signing = serverSigningKey(dir);
    const store = await openReceiverStore(dir, { SCHOOL_SERVER_PASSPHRASE: 'receiver passphrase for tests' });
    const receiver = new Receiver({ dir, identity, store, signingKeyPem: signing.privateKeyPem });
    const ws = expectOk(await made.core.call('sync.workstationKey', {}));
    trustWorkstation(dir, ws.workstationId, ws.publicKeyPem);
    const recipient = await identityToRecipient(identity);
    const configure = (destination: { folder?: string; url?: string }) =>
      made.core.call('sync.configure', {
        serverRecipient: recipient,
        serverSigningKeyPem: signing.publicKeyPem,
        folder: destination.folder ?? null,
        url: destination.url ?? null,
        profiles: ['full', 'departments'],
        schedule: { kind: 'manual', at: null },
      });
    return { ...made, dir, identity, receiver, store, ws, configure };
  }

  it('HTTP: the receiver applies each bundle once and its receipts acknowledge them', async () => {
    const s = await schoolServer();
    const http = createReceiverServer(s.receiver);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      expectOk(await s.configure({ url }));
      await withClinicalRecords(s.core);
      const first = expectOk(await s.core.call('sync.exportNow', {}));
      expect(first.bundles.map((b: any) => [b.profile, b.status])).toEqual([
        ['full', 'acknowledged'],
        ['departments', 'acknowledged'],
      ]);
      await addStudent(s.core, '2026100010', '测试学生壬');
      const second = expectOk(await s.core.call('sync.exportNow', {}));
      expect(second.bundles).toMatchObject([{ profile: 'full', fromSeq: first.bundles[0].toSeq + 1, status: 'acknowledged' }]);
      const status = await s.receiver.status();
      const full = status.find((p) => p.profile === 'full')!;
      expect(full).toMatchObject({ workstationId: s.ws.workstationId, lastSeq: second.bundles[0].toSeq, gaps: [] });
      expect(expectOk(await s.core.call('sync.status', {}))).toMatchObject({ waiting: 0, msSinceAcknowledged: 0 });
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await s.store.close();
    }
  });

  it('folder: the receiver imports the folder, and its receipts there are read on the next export', async () => {
    const s = await schoolServer();
    const folder = tempDir('usb-');
    try {
      expectOk(await s.configure({ folder }));
      await withClinicalRecords(s.core);
      const run = expectOk(await s.core.call('sync.exportNow', {}));
      expect(run.bundles.map((b: any) => b.status)).toEqual(['sent', 'sent']);
      const lines = await importFolder(s.receiver, folder, s.dir);
      expect(lines.map((l) => l.outcome)).toEqual(['applied', 'applied']);
      expect(readdirSync(folder).filter((n) => n.startsWith('receipt-'))).toHaveLength(2);

      const next = expectOk(await s.core.call('sync.exportNow', {}));
      expect(next).toMatchObject({ bundles: [], acknowledged: 2 });
      const history = expectOk(await s.core.call('sync.history', {}));
      expect(history.bundles.map((b: any) => b.status)).toEqual(['acknowledged', 'acknowledged']);
    } finally {
      await s.store.close();
    }
  });
});

/** A stand-in for the school server's `POST /v1/bundles` on 127.0.0.1. */
async function listen(handle: (body: { manifestFile: string; payload: string }) => Promise<unknown>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      handle(JSON.parse(text))
        .then((answer) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
        })
        .catch((error: Error) => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'refused', message: error.message }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
