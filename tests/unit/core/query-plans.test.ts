import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { expectOk } from './helpers';
import { notesWorld, signedNote } from './notes-fixture';

/**
 * The hottest reads must find their rows through an index, not by reading the whole table: at a
 * decade's size (600,000 assessments, 150,000 notes) a full scan is the difference between a page
 * that opens at once and one that hangs. The plans are read with EXPLAIN QUERY PLAN on exactly the
 * SQL each channel runs (captured while it runs), so a query change that loses its index fails here.
 */
type Sqlite = ReturnType<Core['vault']['requireStore']>['sqlite'];

async function captureSql(sqlite: Sqlite, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = sqlite.prepare.bind(sqlite);
  const spy = (source: string) => {
    seen.push(source);
    return original(source);
  };
  (sqlite as unknown as { prepare: typeof spy }).prepare = spy;
  try {
    await run();
  } finally {
    (sqlite as unknown as { prepare: typeof original }).prepare = original;
  }
  return seen;
}

/** The plan's lines for one statement, its parameters bound to NULL (the plan does not depend on them). */
function plan(sqlite: Sqlite, source: string): string[] {
  const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`);
  const params = (source.match(/\?/g) ?? []).map(() => null);
  return (statement.all(...params) as { detail: string }[]).map((row) => row.detail);
}

/** Every statement touching `table` reads it by an index (a SEARCH, or a SCAN of a covering index). */
function expectIndexed(sqlite: Sqlite, statements: string[], table: string) {
  const touching = statements.filter((s) => /^\s*select/i.test(s) && new RegExp(`["\`]${table}["\`]`).test(s));
  expect(touching.length, `no query of ${table} was captured`).toBeGreaterThan(0);
  for (const source of touching) {
    const lines = plan(sqlite, source).filter((line) => new RegExp(`\\b${table}\\b`).test(line));
    expect(lines.length, `the plan does not name ${table}: ${source}`).toBeGreaterThan(0);
    const fullScans = lines.filter((line) => /^SCAN /.test(line) && !/USING (COVERING )?INDEX/.test(line));
    expect(fullScans, `${source}\n${lines.join('\n')}`).toEqual([]);
  }
}

describe('query plans of the hottest reads', () => {
  it('student search (the rows of a page), the case notes list and the interview list use their indexes', async () => {
    const world = await notesWorld();
    const { core, kase, as } = world;
    await as('wang.zx');
    await signedNote(core, kase.id);
    await as('admin01');
    // Signing in again opens the store again: take its connection after each change of person.
    let sqlite = core.vault.requireStore().sqlite;

    // Warm the in-memory search list first: loading it reads every student once, by design.
    expectOk(await core.call('students.search', { query: '2026', limit: 20, offset: 0 }));
    const search = await captureSql(sqlite, () => core.call('students.search', { query: '测试', limit: 20, offset: 0 }));
    expectIndexed(sqlite, search, 'students');

    await as('wang.zx');
    sqlite = core.vault.requireStore().sqlite;
    const notes = await captureSql(sqlite, () => core.call('notes.list', { caseId: kase.id }));
    expectIndexed(sqlite, notes, 'session_notes');

    await as('admin01');
    sqlite = core.vault.requireStore().sqlite;
    const batch = expectOk(await core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026', instruments: ['phq9'] }));
    const interviews = await captureSql(sqlite, () => core.call('census.followups', { batchId: batch.id }));
    expectIndexed(sqlite, interviews, 'census_followups');
  });
});
