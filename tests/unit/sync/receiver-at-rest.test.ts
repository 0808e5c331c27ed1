import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/school-server/cli';
import { initReceiverStore, openReceiverStore } from '../../../src-main/school-server/open-store';
import { PgReceiverStore } from '../../../src-main/school-server/pg-store';
import { RowSealer, rowPlace } from '../../../src-main/school-server/store-key';
import { tempDir } from '../core/helpers';
import { makeKeys, seal, type Keys } from './fixtures';
import { pgUrl, TEST_STORE_KEY, writeBundle } from './receiver-fixtures';
import type { BundleEvent } from '../../../src-main/core/sync/bundle/codec';

const PASSPHRASE = 'receiver passphrase for tests';
const ENV = { SCHOOL_SERVER_PASSPHRASE: PASSPHRASE };
/** Made-up content that must never be readable in the receiver's files. */
const MARKER_NAME = '测试标记学生甲乙';
const MARKER_NOTE = 'MARKER-NOTE-7f3a9c-会谈内容';

function cli(env: NodeJS.ProcessEnv = ENV) {
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

function markedEvents(): BundleEvent[] {
  const at = '2026-11-29T10:00:00.000Z';
  return [
    { seq: 1, hlc: `${at}-0001-ws`, entity: 'students', entityId: 's1', op: 'insert', payload: { id: 's1', name: MARKER_NAME }, createdAt: at },
    { seq: 2, hlc: `${at}-0002-ws`, entity: 'session_notes', entityId: 'n1', op: 'insert', payload: { id: 'n1', body: MARKER_NOTE }, createdAt: at },
    { seq: 3, hlc: `${at}-0003-ws`, entity: 'session_notes', entityId: 'n1', op: 'update', payload: { signed: true }, createdAt: at },
  ];
}

/** The marker in the encodings a careless store or a copy of it could hold it in. */
function encodings(marker: string): Buffer[] {
  return [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le'), Buffer.from(Buffer.from(marker, 'utf8').toString('base64'))];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function importMarked(dir: string, root: string, keys: Keys, keyFile: string): Promise<void> {
  const pem = join(root, 'ws.pem');
  writeFileSync(pem, keys.workstation.publicKeyPem);
  expect(await runCli(['trust', '--dir', dir, '--workstation', keys.workstationId, '--key', pem], cli().io)).toBe(0);
  const folder = join(root, 'usb');
  writeBundle(folder, await seal(keys, markedEvents()));
  const imported = cli();
  expect(await runCli(['import', folder, '--dir', dir, '--identity', keyFile], imported.io)).toBe(0);
}

async function keysWithIdentityFile(root: string): Promise<{ keys: Keys; keyFile: string }> {
  const keyFile = join(root, 'key.txt');
  const keygen = cli();
  expect(await runCli(['keygen', '--out', keyFile], keygen.io)).toBe(0);
  const identity = readFileSync(keyFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  return { keys: { ...(await makeKeys('ws-rest')), identity, recipient: keygen.out.trim() }, keyFile };
}

describe('the receiver at rest (SQLite)', () => {
  it('init makes an encrypted store: after an import no file of D holds a name or note text, and D is 0700 with 0600 files', async () => {
    const root = tempDir('rest-');
    const dir = join(root, 'D');
    const { keys, keyFile } = await keysWithIdentityFile(root);
    const init = cli();
    expect(await runCli(['init', '--dir', dir], init.io)).toBe(0);
    expect(JSON.parse(init.out)).toEqual({ store: 'sqlite', encryptedExistingFile: false, sealedRows: 0 });
    await importMarked(dir, root, keys, keyFile);

    const store = await openReceiverStore(dir, ENV);
    const dump = await store.dump();
    await store.close();
    expect(dump.rows.map((r) => r.row)).toEqual(
      expect.arrayContaining([
        { id: 's1', name: MARKER_NAME },
        { id: 'n1', body: MARKER_NOTE, signed: true },
      ]),
    );

    const db = readFileSync(join(dir, 'receiver.db'));
    expect(db.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      for (const marker of [MARKER_NAME, MARKER_NOTE])
        for (const encoded of encodings(marker)) expect(bytes.includes(encoded), `${file} holds the marker`).toBe(false);
    }
    // Positive control: the same scan finds the marker where it is in clear.
    writeFileSync(join(root, 'control.txt'), MARKER_NAME);
    expect(readFileSync(join(root, 'control.txt')).includes(encodings(MARKER_NAME)[0])).toBe(true);

    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const name of ['receiver.db', 'receiver-key.json', 'server-signing-key.pem']) expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
      for (const name of ['receiver.db-wal', 'receiver.db-shm'].filter((n) => existsSync(join(dir, n))))
        expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
    }
  });

  it('without the passphrase, with a wrong one, or before init, the store does not open: a message, exit 1, no stack trace, nothing written', async () => {
    const root = tempDir('rest-');
    const dir = join(root, 'D');
    const notInitialized = cli({});
    expect(await runCli(['status', '--dir', dir], notInitialized.io)).toBe(1);
    expect(notInitialized.err).toMatch(/school-server init/);
    expect(existsSync(join(dir, 'receiver.db'))).toBe(false);

    expect(await runCli(['init', '--dir', dir], cli().io)).toBe(0);
    const before = readFileSync(join(dir, 'receiver.db'));
    const missing = cli({});
    expect(await runCli(['status', '--dir', dir], missing.io)).toBe(1);
    expect(missing.err).toMatch(/SCHOOL_SERVER_PASSPHRASE/);
    const wrong = cli({ SCHOOL_SERVER_PASSPHRASE: 'not the passphrase at all' });
    expect(await runCli(['status', '--dir', dir], wrong.io)).toBe(1);
    expect(wrong.err).toMatch(/passphrase does not open/);
    for (const err of [notInitialized.err, missing.err, wrong.err]) expect(err).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'receiver.db')).equals(before)).toBe(true);

    const again = cli();
    expect(await runCli(['init', '--dir', dir], again.io)).toBe(1);
    expect(again.err).toMatch(/already set up/);
    const short = cli({ SCHOOL_SERVER_PASSPHRASE: 'short' });
    expect(await runCli(['init', '--dir', join(root, 'E')], short.io)).toBe(1);
    expect(short.err).toMatch(/at least 12/);
  });

  it('init encrypts a plain receiver.db left by an earlier version in place, keeping every row', async () => {
    const root = tempDir('rest-');
    const dir = join(root, 'D');
    const { keys, keyFile } = await keysWithIdentityFile(root);
    // What an earlier version held for the same bundle, written as its plain store would hold it.
    expect(await runCli(['init', '--dir', join(root, 'seed')], cli().io)).toBe(0);
    await importMarked(join(root, 'seed'), root, keys, keyFile);
    const seeded = await openReceiverStore(join(root, 'seed'), ENV);
    const expected = await seeded.dump();
    await seeded.close();
    mkdirSync(dir);
    const legacy = new Database(join(dir, 'receiver.db'));
    legacy.exec(`CREATE TABLE positions (workstation_id TEXT NOT NULL, profile TEXT NOT NULL, last_seq INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (workstation_id, profile));
      CREATE TABLE entities (workstation_id TEXT NOT NULL, profile TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, row TEXT NOT NULL, seq INTEGER NOT NULL, hlc TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (workstation_id, profile, entity, entity_id));`);
    legacy.pragma('journal_mode = WAL');
    const insert = legacy.prepare('INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of expected.rows) insert.run(r.workstationId, r.profile, r.entity, r.entityId, JSON.stringify(r.row), r.seq, 'h', 'c');
    for (const p of expected.positions) legacy.prepare('INSERT INTO positions VALUES (?, ?, ?, ?)').run(p.workstationId, p.profile, p.lastSeq, 'u');
    legacy.close();
    expect(readFileSync(join(dir, 'receiver.db')).includes(Buffer.from(MARKER_NAME))).toBe(true);

    // Before init the plain file is refused rather than silently kept in clear.
    expect(await runCli(['status', '--dir', dir], cli().io)).toBe(1);
    const init = cli();
    expect(await runCli(['init', '--dir', dir], init.io)).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ store: 'sqlite', encryptedExistingFile: true });
    for (const file of filesUnder(dir)) expect(readFileSync(file).includes(Buffer.from(MARKER_NAME)), file).toBe(false);
    const store = await openReceiverStore(dir, ENV);
    expect(await store.dump()).toEqual(expected);
    await store.close();
  });
});

describe.skipIf(!pgUrl)('the receiver at rest (PostgreSQL, TEST_DATABASE_URL)', () => {
  async function withSchema<T>(fn: (store: PgReceiverStore, client: pg.Client, schema: string) => Promise<T>): Promise<T> {
    const schema = `rest_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const store = await PgReceiverStore.connect(pgUrl!, { schema, key: TEST_STORE_KEY });
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`SET search_path TO ${schema}`);
    try {
      return await fn(store, client, schema);
    } finally {
      await store.close();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }

  it('a dump of the tables reveals no content: every row is sealed, and the store reads it back merged', async () => {
    const keys = await makeKeys('ws-pg');
    const sealed = await seal(keys, markedEvents());
    await withSchema(async (store, client) => {
      const { Receiver } = await import('../../../src-main/school-server/receiver');
      const { serverSigningKey, trustWorkstation } = await import('../../../src-main/school-server/keys');
      const dir = tempDir('rest-pg-');
      trustWorkstation(dir, keys.workstationId, keys.workstation.publicKeyPem);
      const receiver = new Receiver({ dir, identity: keys.identity, store, signingKeyPem: serverSigningKey(dir).privateKeyPem });
      expect((await receiver.receive(sealed.manifestFile, sealed.payload)).outcome).toBe('applied');
      const raw = (await client.query('SELECT row::text AS row FROM entities')).rows.map((r) => r.row as string).join('\n');
      expect(raw).not.toContain(MARKER_NAME);
      expect(raw).not.toContain(MARKER_NOTE);
      expect(raw).toContain('"sealed"');
      const dump = await store.dump();
      expect(dump.rows.map((r) => r.row)).toEqual(
        expect.arrayContaining([
          { id: 's1', name: MARKER_NAME },
          { id: 'n1', body: MARKER_NOTE, signed: true },
        ]),
      );
    });
  });

  it('rows an earlier version stored in clear are sealed by init (nothing lost), and a sealed row moved to another place does not open', async () => {
    await withSchema(async (store, client, schema) => {
      await client.query(`INSERT INTO entities VALUES ('ws', 'full', 'students', 's9', $1::jsonb, 1, 'h', 'c')`, [
        JSON.stringify({ id: 's9', name: MARKER_NAME }),
      ]);
      expect(await store.sealPlainRows()).toBe(1);
      const raw = (await client.query('SELECT row::text AS row FROM entities')).rows[0].row as string;
      expect(raw).not.toContain(MARKER_NAME);
      expect((await store.dump()).rows[0].row).toEqual({ id: 's9', name: MARKER_NAME });
      const sealer = new RowSealer(TEST_STORE_KEY);
      const storedRow = (await client.query('SELECT row FROM entities')).rows[0].row;
      expect(() => sealer.open(storedRow, rowPlace('ws', 'full', 'students', 'other'))).toThrow();
      expect(schema).toMatch(/^rest_/);
    });
  });

  it('school-server init on PostgreSQL makes the key file and seals the rows already there', async () => {
    const schema = `rest_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const url = new URL(pgUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      const dir = tempDir('rest-pg-init-');
      const outcome = await initReceiverStore(dir, PASSPHRASE, { DATABASE_URL: url.toString() });
      expect(outcome).toEqual({ store: 'postgres', encryptedExistingFile: false, sealedRows: 0 });
      expect(existsSync(join(dir, 'receiver-key.json'))).toBe(true);
      expect(existsSync(join(dir, 'receiver.db'))).toBe(false);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
