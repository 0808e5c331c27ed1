import { copyFileSync, existsSync } from 'node:fs';
import { AppError } from '../../../src-shared/contract/errors';
import type { SqliteDatabase } from './database';
import { MIGRATIONS, type Migration } from './migrations.generated';

/** The schema version of this build: how many migrations it knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** Where the pre-migration copy was put, when one was needed. */
  backupFile: string | null;
}

/**
 * Bring the store to SCHEMA_VERSION: refuse a store from a newer app, copy the file aside, then
 * apply every pending migration and the new user_version in one transaction (all or nothing).
 */
export function migrateToLatest(db: SqliteDatabase, file: string, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const from = readSchemaVersion(db);
  const to = migrations.length;
  if (from > to) throw new AppError('SCHEMA_TOO_NEW', { databaseVersion: from, appVersion: to });
  if (from === to) return { from, to, backupFile: null };

  const backupFile = from > 0 ? copyAside(db, file, from) : null;
  db.transaction(() => {
    for (const migration of migrations.slice(from)) {
      for (const statement of migration.statements) db.exec(statement);
    }
    db.pragma(`user_version = ${to}`);
  })();
  return { from, to, backupFile };
}

/** The copy is of the encrypted file, so it is as safe as the store itself. */
function copyAside(db: SqliteDatabase, file: string, version: number): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  let target = `${file}.before-v${version + 1}.bak`;
  for (let n = 2; existsSync(target); n++) target = `${file}.before-v${version + 1}.${n}.bak`;
  copyFileSync(file, target);
  return target;
}
