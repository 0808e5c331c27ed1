import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PgReceiverStore } from './pg-store';
import { SqliteReceiverStore } from './sqlite-store';
import type { ReceiverStore } from './store';

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file D/receiver.db. */
export async function openReceiverStore(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<ReceiverStore> {
  if (env.DATABASE_URL) return PgReceiverStore.connect(env.DATABASE_URL);
  mkdirSync(dir, { recursive: true });
  return new SqliteReceiverStore(join(dir, 'receiver.db'));
}
