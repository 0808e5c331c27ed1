import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { destructionGuard } from '../../../src-main/core/store/schema/archive';
import { readOnlySqlite } from '../../../src-main/core/store/read-db';
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
    const reader = readOnlySqlite(core.vault.requireStore().sqlite);
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
    expect(outside).toEqual(['src-main/core/archive/destruction.ts', 'src-main/core/auth/folder-lock.ts', 'src-main/core/backup/backup-service.ts']);
  });

  it('makes a writable drizzle database only in the store', () => {
    expect(mainFilesMatching(/\bdrizzle\(/)).toEqual(['src-main/core/store/long-transaction.ts', 'src-main/core/store/open-store.ts']);
  });
});
