import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { StoreChangeFeed, TABLE_KINDS, kindsOfTables } from '../../../src-main/core/store/change-kinds';
import * as schema from '../../../src-main/core/store/schema';
import { silentLog } from '../../../src-main/core/util/log';
import { CHANNEL_DATA_USE, ENTITY_KINDS, channels, isAffectedBy, kindsReadBy, type EntityKind } from '../../../src-shared/contract';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { ADMIN_PASSWORD, TEST_KDF, expectOk, setUpCore } from './helpers';

const changedKinds = (events: { name: string; payload: unknown }[]) =>
  events.filter((e) => e.name === 'store.changed').map((e) => (e.payload as { kinds: EntityKind[] }).kinds);

/** Lets the feed's queued read (a microtask after the commit) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('which kinds a commit touched (store.changed)', () => {
  it('names a kind for every table of the store', () => {
    const tables = Object.values(schema)
      .filter((value) => is(value, SQLiteTable))
      .map((table) => getTableName(table as SQLiteTable));
    expect(tables.filter((table) => !(table in TABLE_KINDS))).toEqual([]);
    for (const kind of Object.values(TABLE_KINDS)) if (kind) expect(ENTITY_KINDS).toContain(kind);
  });

  it('a table unknown to the map counts as every kind (nothing left stale)', () => {
    expect(kindsOfTables(['a_table_from_tomorrow'])).toEqual([...ENTITY_KINDS].sort());
    expect(kindsOfTables(['students'])).toEqual(['audit', 'students', 'sync']);
  });

  it('a write to the students table emits students; a read declaring students is refetched, one declaring only training is not', async () => {
    const { core, events } = await setUpCore();
    const before = events.length;
    expectOk(await core.call('students.create', { studentNo: '2026000001', name: '张三', department: '文学院' }));
    await settle();
    const emitted = changedKinds(events.slice(before));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toContain('students');
    expect(emitted[0]).not.toContain('crisis');
    expect(emitted[0]).not.toContain('training');
    expect(kindsReadBy('training.list')).toEqual(['training']);
    expect(isAffectedBy('students.search', emitted[0])).toBe(true);
    expect(isAffectedBy('crisis.board', emitted[0])).toBe(true);
    expect(isAffectedBy('training.list', emitted[0])).toBe(false);
    expect(isAffectedBy('statistics.compute', emitted[0])).toBe(true);
  });

  it('reads, views and sign-ins emit nothing', async () => {
    const { core, events } = await setUpCore();
    const student = expectOk(await core.call('students.create', { studentNo: '2026000002', name: '李四', department: '理学院' }));
    await settle();
    const before = events.length;
    expectOk(await core.call('students.get', { id: student.id }));
    expectOk(await core.call('students.search', { query: '' }));
    await settle();
    expect(changedKinds(events.slice(before))).toEqual([]);
  });

  it('an import running in its own long transaction reports its kinds after the commit', async () => {
    const { core, events } = await setUpCore();
    const content = csvUtf8Bom(ROSTER_HEADERS, rosterRows(30)).toString('base64');
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
    const before = events.length;
    expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping, jobId: 'kinds-1' }));
    await settle();
    expect(changedKinds(events.slice(before)).flat()).toContain('students');
  });

  it('a commit by another process on the same store (the CLI) is found by the poll, with its kinds', async () => {
    const app = await setUpCore();
    const seen: EntityKind[][] = [];
    const feed = new StoreChangeFeed((kinds) => seen.push(kinds));
    const store = app.core.vault.requireStore();
    feed.watch(store);
    feed.pollExternal(store);
    expect(seen).toEqual([]);

    // A second core on the same folder stands for `counsel call` run beside the app.
    const cli = new Core({ dataDir: app.dataDir, kdfCost: TEST_KDF, log: silentLog, logStart: false, busyTimeoutMs: 2000 });
    try {
      expectOk(await cli.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      feed.pollExternal(store);
      expect(seen).toEqual([]); // a sign-in changes no record
      expectOk(await cli.call('training.create', { title: '危机识别培训', date: '2026-11-02', audience: 'counseling_staff', trainer: '王老师', hours: 2 }));
      feed.pollExternal(store);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toContain('training');
      expect(seen[0]).not.toContain('students');
      feed.pollExternal(store);
      expect(seen).toHaveLength(1); // each change is reported once
    } finally {
      cli.dispose();
    }
  });
});

describe('the change feed reads back only what its own commits did not tell it', () => {
  it("an import's events are not read back; another process's commit before ours is still reported", async () => {
    const app = await setUpCore();
    const store = app.core.vault.requireStore();
    const seen: EntityKind[][] = [];
    const feed = new StoreChangeFeed((kinds) => seen.push(kinds));
    feed.watch(store);
    // Which audit ranges the feed reads back, from its query's arguments.
    const scanned: [number, number][] = [];
    const prepare = store.sqlite.prepare.bind(store.sqlite);
    store.sqlite.prepare = ((source: string) => {
      const statement = prepare(source);
      if (!/entity.* FROM audit_events WHERE seq >/.test(source)) return statement;
      return { all: (...args: number[]) => (scanned.push([args[0], args[1] ?? Number.POSITIVE_INFINITY]), statement.all(...args)) };
    }) as typeof store.sqlite.prepare;
    const maxSeq = () => store.sqlite.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;

    const content = csvUtf8Bom(ROSTER_HEADERS, rosterRows(30)).toString('base64');
    const preview = expectOk(await app.core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
    await settle();
    const beforeImport = maxSeq();
    expectOk(await app.core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping }));
    await settle();
    expect(seen.flat()).toContain('students');
    expect(maxSeq() - beforeImport).toBeGreaterThan(30);
    const importRange = (range: [number, number]) => range[1] > beforeImport + 1 && range[0] < maxSeq() - 1;
    expect(scanned.filter(importRange)).toEqual([]);

    // Another process writes (training), then this one (students): both kinds are reported.
    const cli = new Core({ dataDir: app.dataDir, kdfCost: TEST_KDF, log: silentLog, logStart: false, busyTimeoutMs: 2000 });
    try {
      expectOk(await cli.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      expectOk(await cli.call('training.create', { title: '危机识别培训', date: '2026-11-02', audience: 'counseling_staff', trainer: '王老师', hours: 2 }));
      seen.length = 0;
      expectOk(await app.core.call('students.create', { studentNo: '2099000009', name: '王五', department: '文学院' }));
      await settle();
      expect(seen.flat()).toEqual(expect.arrayContaining(['training', 'students']));
      seen.length = 0;
      feed.pollExternal(store);
      await settle();
      expect(seen).toEqual([]); // each change is reported once
    } finally {
      cli.dispose();
    }
  });
});

describe('what each channel reads (src-shared/contract/channel-kinds.ts)', () => {
  it('classifies every channel, and read kinds are real kinds', () => {
    expect(Object.keys(CHANNEL_DATA_USE).sort()).toEqual(Object.keys(channels).sort());
    for (const use of Object.values(CHANNEL_DATA_USE)) if (use.kind === 'read') for (const kind of use.reads) expect(ENTITY_KINDS).toContain(kind);
  });

  it('the safety lists read the kinds that change them', () => {
    expect(kindsReadBy('crisis.board')).toContain('crisis');
    expect(kindsReadBy('alerts.list')).toEqual(expect.arrayContaining(['alerts', 'assessments']));
    expect(kindsReadBy('census.followups')).toEqual(expect.arrayContaining(['census', 'alerts']));
    expect(kindsReadBy('keyattention.list')).toContain('keyAttention');
    // A query key outside the contract is never left stale.
    expect(isAffectedBy('not.a.channel', ['courses'])).toBe(true);
  });
});
