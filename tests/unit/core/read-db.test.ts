import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { destructionGuard } from '../../../src-main/core/store/schema/archive';
import { eq, sql } from 'drizzle-orm';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import type { WritableDb } from '../../../src-main/core/store/read-db';
import { readOnlySqlite } from '../../../src-main/core/store/read-sqlite';
import { settings } from '../../../src-main/core/store/schema/kernel';
import { setUpCore } from './helpers';

const root = resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** src-main files (the school server keeps its own store) whose text matches, as repo paths. */
function mainFilesMatching(pattern: RegExp): string[] {
  return filesUnder(join(root, 'src-main'))
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => !file.startsWith('src-main/school-server/') && file !== 'src-main/core/store/migrations.generated.ts')
    .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')))
    .sort();
}

describe('reads cannot write: the type', () => {
  it('refuses every write outside the unit of work and accepts the reads (tests/unit/core/types/read-db-writes.ts)', () => {
    const fixture = join(root, 'tests/unit/core/types/read-db-writes.ts');
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram([fixture], config.options);
    const source = program.getSourceFile(fixture)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    // An @ts-expect-error whose line compiles is itself an error, so none means every write was refused.
    expect(diagnostics).toEqual([]);
    expect(source.text.match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(18);
  }, 180_000);
});

describe('reads cannot write: at run time', () => {
  it('a read-only connection prepares reads and refuses any statement that writes, RETURNING included', async () => {
    const { core } = await setUpCore();
    const reader = readOnlySqlite(connectionHatch(core.vault.requireStore()));
    expect(reader.prepare('SELECT count(*) FROM settings').pluck().get()).toBeGreaterThan(0);
    for (const write of [
      "INSERT INTO settings (id, value, updated_at) VALUES ('x', '1', 'now')",
      'DELETE FROM settings RETURNING id',
      "UPDATE settings SET value = '2' RETURNING id",
      'PRAGMA user_version = 99',
    ])
      expect(() => reader.prepare(write), write).toThrow(/outside the unit of work/);
    expect(core.vault.requireStore().sqlite.prepare("SELECT count(*) FROM settings WHERE id = 'x'").pluck().get()).toBe(0);
  });

  it('the store’s own raw connection (store.sqlite) reads, and refuses every write at prepare, changing nothing', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const raw = connectionHatch(store);
    const outbox = () => raw.prepare('SELECT seq, payload FROM outbox ORDER BY seq').all();
    const before = outbox();
    expect(before.length).toBeGreaterThan(0);
    const auditBefore = raw.prepare('SELECT count(*) FROM audit_events').pluck().get();
    for (const write of [
      'DELETE FROM outbox RETURNING seq',
      "INSERT INTO outbox (hlc, entity, entity_id, op, payload, created_at) VALUES ('h', 'settings', 'x', 'insert', '{}', 'now') RETURNING seq",
      "UPDATE outbox SET payload = '{}' RETURNING seq",
      'DELETE FROM audit_events',
      // Pragmas SQLite applies while preparing, before any step: refused before they reach it.
      'PRAGMA foreign_keys = OFF',
      'pragma secure_delete=0;',
      '/* a comment first */ PRAGMA foreign_keys = OFF',
      'PRAGMA main.cache_size(5)',
      'PRAGMA optimize',
      // Statements SQLite counts as read-only yet that return nothing and change how the connection writes.
      'BEGIN IMMEDIATE',
      "ATTACH DATABASE ':memory:' AS elsewhere",
      'VACUUM',
    ]) {
      // Whatever would run it (all/get/iterate), the statement never exists.
      expect(() => store.sqlite.prepare(write).all(), write).toThrow(/outside the unit of work/);
      expect(() => store.sqlite.prepare(write).get(), write).toThrow(/outside the unit of work/);
    }
    expect(outbox()).toEqual(before);
    expect(raw.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(auditBefore);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('secure_delete', { simple: true })).toBe(1);
    expect(raw.pragma('cache_size', { simple: true })).toBe(-32768);
    expect(raw.inTransaction).toBe(false);

    // Reads work, pragmas read, and the driver's writing methods are not there at all.
    expect(store.sqlite.prepare<[number], number>('SELECT count(*) FROM outbox WHERE seq > ?').pluck().get(0)).toBe(before.length);
    expect(Number(store.sqlite.prepare('PRAGMA data_version').pluck().get())).toBeGreaterThan(0);
    expect(store.sqlite.prepare('PRAGMA foreign_keys').pluck().get()).toBe(1);
    expect(
      store.sqlite
        .prepare<[], { name: string }>('PRAGMA table_info("settings")')
        .all()
        .map((c) => c.name),
    ).toContain('value');
    expect(store.sqlite.prepare("SELECT count(*) FROM pragma_table_info('outbox')").pluck().get()).toBeGreaterThan(0);
    expect(store.sqlite.open).toBe(true);
    for (const method of ['exec', 'pragma', 'transaction', 'close', 'backup', 'function', 'loadExtension'])
      expect((store.sqlite as unknown as Record<string, unknown>)[method], method).toBeUndefined();
    core.vault.lock();
    expect(store.sqlite.open).toBe(false);
  });
});

describe('reads cannot write: drizzle at run time', () => {
  it('store.db and tx.db refuse a write reached through a cast, and lead to no writable connection', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const settingsCount = () => store.sqlite.prepare('SELECT count(*) FROM settings').pluck().get() as number;
    const before = settingsCount();
    const db = store.db as unknown as WritableDb;
    expect(() => db.insert(settings).values({ id: 'cast-probe', value: 1, updatedAt: 'now' }).run()).toThrow(/outside the unit of work/);
    expect(() => db.delete(settings).returning().all()).toThrow(/outside the unit of work/);
    const outboxRows = store.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
    // Drizzle wraps this one ("Failed to run the query"); its cause is the refusal.
    const refusal = (() => {
      try {
        db.run(sql`DELETE FROM outbox`);
      } catch (error) {
        return String((error as { cause?: unknown }).cause ?? error);
      }
    })();
    expect(refusal).toMatch(/outside the unit of work/);
    expect(store.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(outboxRows);
    expect((store.db as unknown as { $client: Record<string, unknown> }).$client.exec).toBeUndefined();
    store.uow.run({ accountId: 'tester' }, (tx) => {
      expect(() => (tx.db as unknown as WritableDb).update(settings).set({ value: 2 }).run()).toThrow(/outside the unit of work/);
      // The unit of work's own write still goes through, and tx.db reads it inside the transaction.
      tx.insert(settings, { id: 'uow-probe', value: 3, updatedAt: 'now' });
      expect(tx.db.select().from(settings).where(eq(settings.id, 'uow-probe')).get()).toMatchObject({ value: 3 });
    });
    expect(settingsCount()).toBe(before + 1);
  });
});

describe('the connection escape hatch', () => {
  it('hands out the store’s writable connection, on which writes reach the store', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const raw = connectionHatch(store);
    raw.prepare("INSERT INTO settings (id, value, updated_at) VALUES ('hatch-probe', '1', 'now')").run();
    expect(store.sqlite.prepare("SELECT value FROM settings WHERE id = 'hatch-probe'").pluck().get()).toBe('1');
    expect(() => connectionHatch({ ...store })).toThrow(/not an open store/);
  });

  it('is used in src-main by the destruction’s compaction alone', () => {
    expect(mainFilesMatching(/connectionHatch\(/)).toEqual(['src-main/core/archive/destruction.ts', 'src-main/core/store/open-store.ts']);
  });

  it('the vault’s second connection goes to the long transactions (runJobTransaction: a unit of work of their own) and the backup’s copy only', () => {
    expect(mainFilesMatching(/openJobConnection\(/)).toEqual([
      'src-main/cli/backup-command.ts',
      'src-main/core/backup/backup-handlers.ts',
      'src-main/core/backup/schedule.ts',
      'src-main/core/jobs/job-transaction.ts',
      'src-main/core/vault.ts',
    ]);
  });

  it('no module outside the store types a connection as the writable driver', () => {
    // Readers take ReadSqlite; the unit of work's audit appender and the backup/restore own their connections.
    expect(mainFilesMatching(/\bSqliteDatabase\b/).filter((file) => !file.startsWith('src-main/core/store/'))).toEqual([
      'src-main/core/audit/audit-chain.ts',
      'src-main/core/backup/backup-service.ts',
      'src-main/core/backup/restore.ts',
    ]);
  });
});

describe('the destruction escape hatch', () => {
  it('lets deletes through only while its work runs, and scrubs the outbox of one row only', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const guards = () => store.db.select().from(destructionGuard).all().length;
    const payloadOf = (id: string) =>
      JSON.parse(store.sqlite.prepare<[string], string>("SELECT payload FROM outbox WHERE entity = 'settings' AND entity_id = ?").pluck().get(id)!);
    store.uow.run({ accountId: 'tester' }, (tx) => {
      tx.insert(settings, { id: 'probe-a', value: { text: 'synthetic content' }, updatedAt: 'now' });
      tx.insert(settings, { id: 'probe-b', value: { text: 'kept' }, updatedAt: 'now' });
    });
    const seen = store.uow.run({ accountId: 'tester' }, (tx) =>
      tx.destructionHatch().withDeletesAllowed('req-1', () => {
        tx.destructionHatch().scrubOutbox('settings', 'probe-a');
        return tx.db.select().from(destructionGuard).all();
      }),
    );
    expect(seen).toEqual([{ id: 1, requestId: 'req-1' }]);
    expect(guards()).toBe(0);
    expect(payloadOf('probe-a')).toEqual({ id: 'probe-a', destroyed: true });
    expect(payloadOf('probe-b')).toMatchObject({ id: 'probe-b', value: { text: 'kept' } });

    // Work that fails rolls the guard and the scrub back with the rest of the transaction.
    expect(() =>
      store.uow.run({ accountId: 'tester' }, (tx) =>
        tx.destructionHatch().withDeletesAllowed('req-2', () => {
          tx.destructionHatch().scrubOutbox('settings', 'probe-b');
          throw new Error('refused');
        }),
      ),
    ).toThrow('refused');
    expect(guards()).toBe(0);
    expect(payloadOf('probe-b')).toMatchObject({ value: { text: 'kept' } });
  });

  it('is used by the destruction alone', () => {
    expect(mainFilesMatching(/destructionHatch\(/)).toEqual([
      'src-main/core/archive/destroy-records.ts',
      'src-main/core/archive/destruction.ts',
      'src-main/core/store/destruction-hatch.ts',
      'src-main/core/store/unit-of-work.ts',
    ]);
  });
});

describe('reads cannot write: the source', () => {
  it('writes SQL only in the unit of work, its audit appender and the backup copy', () => {
    // The backup writes its seal into the copy it attached, never into the store.
    expect(mainFilesMatching(/\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+[`"\w]+\s+SET|DELETE\s+FROM|REPLACE\s+INTO)\b/)).toEqual([
      'src-main/core/audit/audit-chain.ts',
      'src-main/core/backup/backup-service.ts',
      'src-main/core/store/row-writer.ts',
      'src-main/core/store/unit-of-work.ts',
    ]);
  });

  it('runs raw exec and pragma statements only in the store, the folder lock, the backup and the destruction’s compaction', () => {
    const outside = mainFilesMatching(/\b\w+\.(exec|pragma)\(\s*[`'"]/).filter((file) => !file.startsWith('src-main/core/store/'));
    expect(outside).toEqual(['src-main/core/archive/destruction.ts', 'src-main/core/backup/backup-service.ts', 'src-main/core/keys/folder-lock.ts']);
  });

  it('makes a drizzle database only in the store (writable for the unit of work, read-only in read-db.ts)', () => {
    expect(mainFilesMatching(/\bdrizzle\(/)).toEqual([
      'src-main/core/store/long-transaction.ts',
      'src-main/core/store/open-store.ts',
      'src-main/core/store/read-db.ts',
    ]);
  });
});
