import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgReceiverStore } from '../../../src-main/school-server/pg-store';
import { Receiver } from '../../../src-main/school-server/receiver';
import { SqliteReceiverStore } from '../../../src-main/school-server/sqlite-store';
import { randomBytes } from 'node:crypto';
import type { ReceiverStore } from '../../../src-main/school-server/store';
import { serverSigningKey, trustWorkstation } from '../../../src-main/school-server/keys';
import { makeKeys, type Keys } from './fixtures';

export const pgUrl = process.env.TEST_DATABASE_URL;

export type StoreKind = 'sqlite' | 'postgres';

/** One store key per test process: tests reopen stores made earlier in the same run. */
export const TEST_STORE_KEY = randomBytes(32);

export async function openStore(kind: StoreKind, dir: string): Promise<ReceiverStore> {
  if (kind === 'sqlite') return new SqliteReceiverStore(join(dir, 'receiver.db'), TEST_STORE_KEY);
  // A fresh schema per store keeps runs independent on one shared database.
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const store = await PgReceiverStore.connect(pgUrl!, { schema, key: TEST_STORE_KEY });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  };
  return store;
}

export interface Harness {
  dir: string;
  keys: Keys;
  receiver: Receiver;
  server: ReturnType<typeof serverSigningKey>;
  close(): Promise<void>;
}

/** A receiver in a temp dir that trusts one workstation. */
export async function harness(kind: StoreKind = 'sqlite', keys?: Keys): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-'));
  const k = keys ?? (await makeKeys());
  trustWorkstation(dir, k.workstationId, k.workstation.publicKeyPem);
  const server = serverSigningKey(dir);
  const store = await openStore(kind, dir);
  const receiver = new Receiver({ dir, identity: k.identity, store, signingKeyPem: server.privateKeyPem, now: () => new Date('2026-11-29T12:00:00.000Z') });
  return {
    dir,
    keys: k,
    receiver,
    server,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeBundle(folder: string, sealed: { baseName: string; manifestFile: string; payload: Uint8Array }): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${sealed.baseName}.manifest.json`), sealed.manifestFile);
  writeFileSync(join(folder, `${sealed.baseName}.age`), sealed.payload);
}
