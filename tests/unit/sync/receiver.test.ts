import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, readReceipt, signManifest, type BundleEvent } from '../../../src-main/core/sync/bundle/codec';
import { runCli } from '../../../src-main/school-server/cli';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import { makeEvents, makeKeys, seal } from './fixtures';
import { harness, pgUrl, writeBundle, type Harness, type StoreKind } from './receiver-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function useHarness(kind: StoreKind = 'sqlite'): Promise<Harness> {
  const h = await harness(kind);
  cleanups.push(() => h.close());
  return h;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The receiver's store opens with a passphrase (SCHOOL_SERVER_PASSPHRASE); tests give one. */
const PASSPHRASE_ENV = { SCHOOL_SERVER_PASSPHRASE: 'receiver passphrase for tests' };

function cliIo(env: NodeJS.ProcessEnv = PASSPHRASE_ENV) {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

/** Store behaviour both implementations must share. */
function storeSuite(kind: StoreKind) {
  it('applies a bundle, answers a signed receipt, and a replay changes nothing', async () => {
    const h = await useHarness(kind);
    const s = await seal(h.keys, makeEvents(1, 12));
    const first = await h.receiver.receive(s.manifestFile, s.payload);
    expect(first.outcome).toBe('applied');
    if (first.outcome === 'pending') throw new Error('unexpected');
    const receipt = readReceipt(first.receiptFile, h.server.publicKeyPem);
    expect(receipt).toMatchObject({ workstationId: 'ws-0001', profile: 'full', appliedUpTo: 12, gaps: [] });
    expect(receipt.acknowledged).toEqual([{ bundleId: s.manifest.bundleId, fromSeq: 1, toSeq: 12 }]);

    const dump = await h.receiver.store.dump();
    expect(dump.positions).toEqual([{ workstationId: 'ws-0001', profile: 'full', lastSeq: 12 }]);
    // seq 7 deleted stu-2; its later update (seq 12) brought it back.
    expect(dump.rows.find((r) => r.entity === 'students' && r.entityId === 'stu-1')?.row).toEqual({ id: 'stu-1', name: '测试学生11', version: 11 });

    const again = await h.receiver.receive(s.manifestFile, s.payload);
    expect(again.outcome).toBe('duplicate');
    expect(await h.receiver.store.dump()).toEqual(dump);
  });

  it('an update merges into the stored row; a delete removes it', async () => {
    const h = await useHarness(kind);
    const ev = (seq: number, op: BundleEvent['op'], payload: unknown): BundleEvent => ({
      seq,
      hlc: `h${seq}`,
      entity: 'students',
      entityId: 's1',
      op,
      payload,
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    const a = await seal(h.keys, [ev(1, 'insert', { id: 's1', name: '测试学生甲', dept: null }), ev(2, 'update', { id: 's1', dept: 'd1' })]);
    await h.receiver.receive(a.manifestFile, a.payload);
    expect((await h.receiver.store.dump()).rows[0].row).toEqual({ id: 's1', name: '测试学生甲', dept: 'd1' });
    const b = await seal(h.keys, [ev(3, 'delete', { id: 's1' })]);
    await h.receiver.receive(b.manifestFile, b.payload);
    expect((await h.receiver.store.dump()).rows).toEqual([]);
  });

  it('a gap keeps the bundle pending with a message naming the missing range, and the fill applies both', async () => {
    const h = await useHarness(kind);
    const b1 = await seal(h.keys, makeEvents(1, 10));
    const b2 = await seal(h.keys, makeEvents(11, 10));
    const b3 = await seal(h.keys, makeEvents(21, 10));
    await h.receiver.receive(b1.manifestFile, b1.payload);
    const before = await h.receiver.store.dump();

    const early = await h.receiver.receive(b3.manifestFile, b3.payload);
    expect(early.outcome).toBe('pending');
    if (early.outcome !== 'pending') throw new Error('unexpected');
    expect(early.missing).toEqual({ fromSeq: 11, toSeq: 20 });
    expect(early.message).toMatch(/11\.\.20 are missing/);
    expect(await h.receiver.store.dump()).toEqual(before);
    expect(readdirSync(join(h.dir, 'pending')).sort()).toEqual([`${b3.baseName}.age`, `${b3.baseName}.manifest.json`]);
    const status = await h.receiver.status();
    expect(status).toMatchObject([
      { workstationId: 'ws-0001', profile: 'full', lastSeq: 10, gaps: [{ fromSeq: 11, toSeq: 20 }], pending: [{ fromSeq: 21, toSeq: 30 }] },
    ]);

    const fill = await h.receiver.receive(b2.manifestFile, b2.payload);
    expect(fill.outcome).toBe('applied');
    if (fill.outcome === 'pending') throw new Error('unexpected');
    const receipt = readReceipt(fill.receiptFile, h.server.publicKeyPem);
    expect(receipt.appliedUpTo).toBe(30);
    expect(receipt.acknowledged.map((a) => a.toSeq)).toEqual([20, 30]);
    expect(readdirSync(join(h.dir, 'pending'))).toEqual([]);
    expect((await h.receiver.status())[0]).toMatchObject({ lastSeq: 30, bundles: 3, gaps: [], pending: [] });
  });

  it('a bundle that overlaps what is applied adds only the new events', async () => {
    const h = await useHarness(kind);
    const events = makeEvents(1, 20);
    const a = await seal(h.keys, events.slice(0, 10));
    const overlap = await seal(h.keys, events.slice(5, 20));
    const whole = await harness(kind, h.keys);
    cleanups.push(() => whole.close());
    const all = await seal(h.keys, events);
    await h.receiver.receive(a.manifestFile, a.payload);
    expect((await h.receiver.receive(overlap.manifestFile, overlap.payload)).outcome).toBe('applied');
    await whole.receiver.receive(all.manifestFile, all.payload);
    expect(await h.receiver.store.dump()).toEqual(await whole.receiver.store.dump());
  });

  describe('refuses tampered bundles and changes nothing', () => {
    async function setUp() {
      const h = await useHarness(kind);
      const first = await seal(h.keys, makeEvents(1, 5));
      await h.receiver.receive(first.manifestFile, first.payload);
      const next = await seal(h.keys, makeEvents(6, 5));
      const before = await h.receiver.store.dump();
      const expectRefused = async (manifestFile: string, payload: Uint8Array, code: string) => {
        await expect(h.receiver.receive(manifestFile, payload)).rejects.toMatchObject({ code, message: expect.stringMatching(/.{20}/) });
        expect(await h.receiver.store.dump()).toEqual(before);
        expect(readdirSync(join(h.dir, 'pending'))).toEqual([]);
      };
      return { h, next, expectRefused };
    }

    it('one byte changed in the .age payload', async () => {
      const { next, expectRefused } = await setUp();
      const payload = Uint8Array.from(next.payload);
      payload[200] ^= 0x40;
      await expectRefused(next.manifestFile, payload, 'tampered');
    });

    it('one byte changed in the manifest', async () => {
      const { next, expectRefused } = await setUp();
      const i = next.manifestFile.indexOf('"toSeq": 10') + '"toSeq": 1'.length;
      const changed = `${next.manifestFile.slice(0, i)}1${next.manifestFile.slice(i + 1)}`;
      await expectRefused(changed, next.payload, 'badSignature');
    });

    it('a wrong signature', async () => {
      const { next, expectRefused } = await setUp();
      const other = await makeKeys();
      await expectRefused(signManifest(next.manifest, other.workstation.privateKeyPem), next.payload, 'badSignature');
    });

    it('an unknown workstation key', async () => {
      const { expectRefused } = await setUp();
      const stranger = await makeKeys('ws-stranger');
      const s = await seal({ ...stranger, identity: '', recipient: (await makeKeys()).recipient }, makeEvents(1, 3));
      await expectRefused(s.manifestFile, s.payload, 'unknownWorkstation');
    });

    it('a manifest that does not match the payload (count, range, sha)', async () => {
      const { h, next, expectRefused } = await setUp();
      const pem = h.keys.workstation.privateKeyPem;
      await expectRefused(signManifest({ ...next.manifest, eventCount: 4 }, pem), next.payload, 'manifestMismatch');
      await expectRefused(signManifest({ ...next.manifest, fromSeq: 7 }, pem), next.payload, 'manifestMismatch');
      await expectRefused(signManifest({ ...next.manifest, plainSha256: 'a'.repeat(64) }, pem), next.payload, 'manifestMismatch');
      await expectRefused(signManifest({ ...next.manifest, payloadSha256: 'a'.repeat(64) }, pem), next.payload, 'tampered');
    });
  });

  it('a folder: the first bundle (opened on this thread) and a later one (opened on the worker) are refused alike when tampered; the others apply', async () => {
    const h = await useHarness(kind);
    const first = await seal(h.keys, makeEvents(1, 5));
    const second = await seal(h.keys, makeEvents(6, 5));
    const tampered = (s: { manifestFile: string; payload: Uint8Array }) => {
      const payload = Uint8Array.from(s.payload);
      payload[payload.length - 1] ^= 1;
      return { manifestFile: s.manifestFile, payload };
    };
    const results = await h.receiver.receiveAll([() => tampered(first), () => first, () => tampered(second), () => second]);
    expect(results.map((r) => ('error' in r ? r.error instanceof BundleError && r.error.code : r.outcome))).toEqual([
      'tampered',
      'applied',
      'tampered',
      'applied',
    ]);
    const dump = await h.receiver.store.dump();
    expect(dump.positions).toEqual([{ workstationId: 'ws-0001', profile: 'full', lastSeq: 10 }]);

    // The same bundles one by one give the same store.
    const one = await harness(kind, h.keys);
    cleanups.push(() => one.close());
    for (const s of [first, second]) expect((await one.receiver.receive(s.manifestFile, s.payload)).outcome).toBe('applied');
    expect(await one.receiver.store.dump()).toEqual(dump);
  });

  it('property: replays and any arrival order leave the store identical to the in-order apply', async () => {
    const h = await useHarness(kind);
    const reference = await harness(kind, h.keys);
    cleanups.push(() => reference.close());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ entity: fc.integer({ min: 0, max: 3 }), op: fc.constantFrom('insert', 'update', 'update', 'delete'), v: fc.nat(99) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        async (specs, cutSeeds, dupSeeds, order) => {
          const events: BundleEvent[] = specs.map((s, i) => ({
            seq: i + 1,
            hlc: `hlc-${i + 1}`,
            entity: s.entity % 2 ? 'notes' : 'students',
            entityId: `e${s.entity}`,
            op: s.op as BundleEvent['op'],
            payload: s.op === 'delete' ? { id: `e${s.entity}` } : s.op === 'insert' ? { id: `e${s.entity}`, v: s.v, first: true } : { v: s.v },
            createdAt: '2026-11-29T10:00:00.000Z',
          }));
          const cuts = [...new Set(cutSeeds.map((c) => (c % events.length) + 1))].filter((c) => c < events.length).sort((a, b) => a - b);
          const bounds = [0, ...cuts, events.length];
          const bundles = [];
          for (let i = 0; i + 1 < bounds.length; i += 1) bundles.push(await seal(h.keys, events.slice(bounds[i], bounds[i + 1])));

          const fresh = await harness(kind, h.keys);
          const inOrder = await harness(kind, h.keys);
          try {
            for (const b of bundles) await inOrder.receiver.receive(b.manifestFile, b.payload);
            const arrivals = [...bundles.keys(), ...dupSeeds.map((d) => d % bundles.length)];
            const it = order[Symbol.iterator]();
            for (let i = arrivals.length - 1; i > 0; i -= 1) {
              const j = it.next().value! % (i + 1);
              [arrivals[i], arrivals[j]] = [arrivals[j], arrivals[i]];
            }
            for (const i of arrivals) await fresh.receiver.receive(bundles[i].manifestFile, bundles[i].payload);
            expect(await fresh.receiver.store.dump()).toEqual(await inOrder.receiver.store.dump());
            expect((await fresh.receiver.status())[0]).toMatchObject({ lastSeq: events.length, gaps: [], pending: [] });
          } finally {
            await fresh.close();
            await inOrder.close();
          }
        },
      ),
      { numRuns: kind === 'sqlite' ? 30 : 10 },
    );
  });
}

describe('receiver on SQLite', () => storeSuite('sqlite'));
describe.skipIf(!pgUrl)('receiver on PostgreSQL (TEST_DATABASE_URL)', () => storeSuite('postgres'));

describe('school-server command line', () => {
  it('keygen, trust, import FOLDER with receipts, status (table and JSON)', async () => {
    const root = tempDir('school-');
    const dir = join(root, 'D');
    const folder = join(root, 'usb');
    const keyFile = join(root, 'key.txt');
    const keygen = cliIo();
    expect(await runCli(['keygen', '--out', keyFile], keygen.io)).toBe(0);
    const recipient = keygen.out.trim();
    expect(recipient).toMatch(/^age1/);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^# created: .*\n# public key: age1.*\nAGE-SECRET-KEY-1/);
    expect(await runCli(['keygen', '--out', keyFile], cliIo().io)).toBe(1);

    const keys = { ...(await makeKeys('ws-cli')), recipient, identity: '' };
    const pemFile = join(root, 'ws.pem');
    writeFileSync(pemFile, keys.workstation.publicKeyPem);
    const trust = cliIo();
    expect(await runCli(['trust', '--dir', dir, '--workstation', 'ws-cli', '--key', pemFile], trust.io)).toBe(0);
    expect(trust.out).toContain(keys.workstation.fingerprint);

    // Bundles on the stick: two profiles, one bundle of "full" missing (a gap).
    writeBundle(folder, await seal(keys, makeEvents(1, 10)));
    writeBundle(folder, await seal(keys, makeEvents(21, 5)));
    writeBundle(folder, await seal(keys, makeEvents(3, 4), { profile: 'departments', fromSeq: 1, toSeq: 25 }));
    const imported = cliIo();
    expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile], imported.io)).toBe(3);
    expect(imported.out).toMatch(/pending .*21\.\.25.*11\.\.20 are missing/);

    const receipts = readdirSync(folder)
      .filter((f) => f.startsWith('receipt-'))
      .sort();
    expect(receipts).toEqual(['receipt-ws-cli-departments-000000000025.json', 'receipt-ws-cli-full-000000000010.json']);
    const keysOut = cliIo();
    expect(await runCli(['keys', '--dir', dir], keysOut.io)).toBe(0);
    expect(keysOut.out).toContain(recipient);
    const serverPem = keysOut.out.slice(keysOut.out.indexOf('-----BEGIN PUBLIC KEY-----'));
    const receipt = readReceipt(readFileSync(join(folder, receipts[1]), 'utf8'), serverPem);
    // Written when 1..10 was applied, before 21..25 was seen.
    expect(receipt).toMatchObject({ profile: 'full', appliedUpTo: 10, gaps: [] });

    const status = cliIo();
    expect(await runCli(['status', '--dir', dir, '--json'], status.io)).toBe(0);
    expect(JSON.parse(status.out).workstations).toMatchObject([
      { workstationId: 'ws-cli', profile: 'departments', lastSeq: 25, gaps: [] },
      { workstationId: 'ws-cli', profile: 'full', lastSeq: 10, gaps: [{ fromSeq: 11, toSeq: 20 }], pending: [{ fromSeq: 21, toSeq: 25 }] },
    ]);
    const table = cliIo();
    await runCli(['status', '--dir', dir], table.io);
    expect(table.out).toMatch(/ws-cli\s+full\s+10\s+1\s+21\.\.25\s+11\.\.20/);

    // The missing bundle arrives: the import applies it and the pending one, both acknowledged.
    writeBundle(folder, await seal(keys, makeEvents(11, 10)));
    expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile], cliIo().io)).toBe(0);
    const fill = readReceipt(readFileSync(join(folder, 'receipt-ws-cli-full-000000000020.json'), 'utf8'), serverPem);
    expect(fill).toMatchObject({ appliedUpTo: 25, gaps: [] });
    expect(fill.acknowledged.map((a) => a.toSeq)).toEqual([20, 25]);
  });

  it('import reports a tampered bundle as refused and applies the rest', async () => {
    const root = tempDir('school-');
    const dir = join(root, 'D');
    const folder = join(root, 'usb');
    const keyFile = join(root, 'key.txt');
    const keygen = cliIo();
    await runCli(['keygen', '--out', keyFile], keygen.io);
    const keys = { ...(await makeKeys('ws-t')), recipient: keygen.out.trim() };
    trustWorkstation(dir, 'ws-t', keys.workstation.publicKeyPem);
    const good = await seal(keys, makeEvents(1, 5));
    const bad = await seal(keys, makeEvents(6, 5));
    writeBundle(folder, good);
    writeBundle(folder, bad);
    const payload = readFileSync(join(folder, `${bad.baseName}.age`));
    payload[payload.length - 1] ^= 1;
    writeFileSync(join(folder, `${bad.baseName}.age`), payload);
    const out = cliIo();
    expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile, '--json'], out.io)).toBe(2);
    const lines = JSON.parse(out.out);
    expect(lines).toMatchObject([
      { outcome: 'applied', toSeq: 5 },
      { outcome: 'refused', error: 'tampered', toSeq: 10 },
    ]);
    expect(existsSync(join(folder, 'receipt-ws-t-full-000000000010.json'))).toBe(false);
  });

  it('serve: POST /v1/bundles on 127.0.0.1 (receipt, gap 409, tampered 4xx, replay) and GET /v1/status', async () => {
    const root = tempDir('school-');
    const dir = join(root, 'D');
    const keyFile = join(root, 'key.txt');
    const keygen = cliIo();
    await runCli(['keygen', '--out', keyFile], keygen.io);
    const keys = { ...(await makeKeys('ws-http')), recipient: keygen.out.trim() };
    trustWorkstation(dir, 'ws-http', keys.workstation.publicKeyPem);

    let stop!: () => void;
    const stopSignal = new Promise<void>((r) => (stop = r));
    let url = '';
    const listening = new Promise<void>((r) => {
      const io = { ...cliIo().io, stopSignal, onListening: (u: string) => ((url = u), r()) };
      void runCli(['serve', '--dir', dir, '--identity', keyFile, '--port', '0'], io);
    });
    await listening;
    cleanups.push(() => stop());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const post = async (s: { manifestFile: string; payload: Uint8Array }) => {
      const res = await fetch(`${url}/v1/bundles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ manifestFile: s.manifestFile, payload: Buffer.from(s.payload).toString('base64') }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const b1 = await seal(keys, makeEvents(1, 10));
    const b2 = await seal(keys, makeEvents(11, 10));

    const gap = await post(b2);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: 'gap', missing: { fromSeq: 1, toSeq: 10 } });

    const ok = await post(b1);
    expect(ok.status).toBe(200);
    const serverPem = cliIo();
    await runCli(['keys', '--dir', dir], serverPem.io);
    const receipt = readReceipt(ok.body.receiptFile as string, serverPem.out.slice(serverPem.out.indexOf('-----BEGIN')));
    expect(receipt).toMatchObject({ appliedUpTo: 20, gaps: [] });
    expect(receipt.acknowledged.map((a) => a.toSeq)).toEqual([10, 20]);

    const replay = await post(b1);
    expect(replay).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });

    const tampered = Uint8Array.from(b2.payload);
    tampered[100] ^= 1;
    expect(await post({ ...b2, payload: tampered })).toMatchObject({ status: 422, body: { error: 'tampered' } });
    const stranger = await seal({ ...(await makeKeys('ws-unknown')), recipient: keys.recipient }, makeEvents(1, 2));
    expect(await post(stranger)).toMatchObject({ status: 403, body: { error: 'unknownWorkstation' } });
    const junk = await fetch(`${url}/v1/bundles`, { method: 'POST', body: 'not json' });
    expect(junk.status).toBe(400);

    const status = (await (await fetch(`${url}/v1/status`)).json()) as { workstations: unknown[] };
    expect(status.workstations).toMatchObject([{ workstationId: 'ws-http', profile: 'full', lastSeq: 20, bundles: 2, gaps: [] }]);
  });

  it('roster-update signs the rows with the server key for the workstations', async () => {
    const root = tempDir('school-');
    const dir = join(root, 'D');
    const csv = join(root, 'roster.csv');
    writeFileSync(csv, '\uFEFF学号,姓名,性别,院系\n20260001,测试学生甲,女,测试学院\n20260002,测试学生乙,男,测试学院\n');
    const out = join(root, 'roster-update.json');
    expect(await runCli(['roster-update', '--dir', dir, '--file', csv, '--out', out], cliIo().io)).toBe(0);
    const keys = cliIo();
    await runCli(['keys', '--dir', dir], keys.io);
    const { readUpdate } = await import('../../../src-main/core/sync/bundle/codec');
    const update = readUpdate(readFileSync(out, 'utf8'), keys.out.slice(keys.out.indexOf('-----BEGIN')));
    expect(update.rows).toEqual([
      { 学号: '20260001', 姓名: '测试学生甲', 性别: '女', 院系: '测试学院' },
      { 学号: '20260002', 姓名: '测试学生乙', 性别: '男', 院系: '测试学院' },
    ]);
    const json = join(root, 'roster.json');
    writeFileSync(json, JSON.stringify([{ 学号: 20260003, 姓名: '测试学生丙' }]));
    expect(await runCli(['roster-update', '--dir', dir, '--file', json, '--out', out], cliIo().io)).toBe(0);
    expect(readUpdate(readFileSync(out, 'utf8'), keys.out.slice(keys.out.indexOf('-----BEGIN'))).rows).toEqual([{ 学号: '20260003', 姓名: '测试学生丙' }]);
  });
});
