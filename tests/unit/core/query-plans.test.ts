import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectOk, setUpCore } from './helpers';
import { notesWorld, signedNote } from './notes-fixture';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * The hottest reads must find their rows through an index, not by reading the whole table: at a
 * decade's size (600,000 assessments, 150,000 notes) a full scan is the difference between a page
 * that opens at once and one that hangs. The plans are read with EXPLAIN QUERY PLAN on exactly the
 * SQL each channel runs (captured while it runs), so a query change that loses its index fails here.
 */
// The connection itself: drizzle's statements and store.sqlite's reads are both prepared on it.
type Sqlite = ReturnType<typeof connectionHatch>;

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
    let sqlite = connectionHatch(core.vault.requireStore());

    // Warm the in-memory search list first: loading it reads every student once, by design.
    expectOk(await core.call('students.search', { query: '2026', limit: 20, offset: 0 }));
    const search = await captureSql(sqlite, () => core.call('students.search', { query: '测试', limit: 20, offset: 0 }));
    expectIndexed(sqlite, search, 'students');

    await as('wang.zx');
    sqlite = connectionHatch(core.vault.requireStore());
    const notes = await captureSql(sqlite, () => core.call('notes.list', { caseId: kase.id }));
    expectIndexed(sqlite, notes, 'session_notes');

    await as('admin01');
    sqlite = connectionHatch(core.vault.requireStore());
    const batch = expectOk(await core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026', instruments: ['phq9'] }));
    const interviews = await captureSql(sqlite, () => core.call('census.followups', { batchId: batch.id }));
    expectIndexed(sqlite, interviews, 'census_followups');
    // The batch-wide read the list ranks (a batch holds thousands of entries) reads no entry's row.
    const ranking = interviews.filter((s) => /^\s*select/i.test(s) && s.includes('"census_followups"') && !/"reasons"/.test(s) && !/"alerts"/.test(s));
    expect(ranking.length).toBeGreaterThan(0);
    for (const source of ranking) expect(plan(sqlite, source).join('\n')).toMatch(/SEARCH census_followups USING COVERING INDEX census_followups_batch_status/);
  });

  it('the audit log pages newest first down an index per filter (action, actor), never sorting every match; a bulk operation is found by its index', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    const store = core.vault.requireStore();
    store.uow.run(core.vault.actor(), (tx) => tx.record('import', 'students', 's1', {}), { bulk: randomUUID() });
    const sqlite = connectionHatch(store);
    /** The plan of a captured statement, named and positional parameters bound to NULL. */
    const planOf = (source: string) => {
      const named = Object.fromEntries([...source.matchAll(/@(\w+)/g)].map((m) => [m[1], null]));
      const positional = (source.match(/\?/g) ?? []).map(() => null);
      const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`);
      const rows = (Object.keys(named).length ? statement.all(...positional, named) : statement.all(...positional)) as { detail: string }[];
      return rows.map((row) => row.detail).join('\n');
    };
    const walked = async (filter: Record<string, unknown>) => {
      const seen = await captureSql(sqlite, () => core.call('auditlog.list', { ...filter, page: 1, pageSize: 50 }));
      const batches = seen.filter((source) => source.includes('e.seq < @below'));
      expect(batches.length, JSON.stringify(filter)).toBeGreaterThan(0);
      return { batches: batches.map(planOf), all: seen };
    };
    const byType = await walked({ categories: ['sign', 'change'] });
    for (const p of byType.batches) {
      expect(p).toMatch(/SEARCH e USING INDEX audit_events_action \(action=\? AND rowid<\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    for (const p of (await walked({ actorId: 'someone' })).batches) {
      expect(p).toMatch(/SEARCH e USING INDEX audit_events_actor \(actor_id=\? AND rowid<\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    // Unfiltered: the table itself, newest first, stopping at the page.
    for (const p of (await walked({})).batches) expect(p).not.toMatch(/TEMP B-TREE/);
    const bounds = (await walked({})).all.filter((source) => /min\(seq\)|max\(seq\)/.test(source) && source.includes('bulk'));
    expect(bounds.length).toBeGreaterThan(0);
    for (const source of bounds) expect(planOf(source)).toMatch(/USING COVERING INDEX audit_events_bulk/);
  });

  it('the removed key-attention entries are paged most recently changed first down an index, not sorted whole; their count reads no student', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    const sqlite = connectionHatch(core.vault.requireStore());
    const seen = await captureSql(sqlite, () => core.call('keyattention.list', { status: 'removed', limit: 200 }));
    const page = seen.filter((s) => /^\s*select/i.test(s) && /"key_attention"/.test(s) && /\blimit\b/i.test(s));
    expect(page.length).toBeGreaterThan(0);
    for (const source of page) {
      const lines = plan(sqlite, source).join('\n');
      expect(lines).toMatch(/SEARCH key_attention USING INDEX key_attention_changed \(status=\?\)/);
      // Only the tie (the same moment) is sorted, by 学号: SQLite stops at the page's end.
      expect(lines).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
    const counts = seen.filter((s) => /count\(\*\)/.test(s) && /"key_attention"/.test(s));
    expect(counts.length).toBeGreaterThan(0);
    for (const source of counts) expect(plan(sqlite, source).join('\n')).not.toMatch(/students/);
  });

  it("the director's co-sign queue (workbench) reads the notes awaiting co-signature through an index", async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    const sqlite = connectionHatch(core.vault.requireStore());
    const queue = await captureSql(sqlite, () => core.call('notes.cosignQueue', {}));
    expectIndexed(sqlite, queue, 'session_notes');
    expect(
      queue
        .filter((s) => /session_notes/.test(s))
        .map((s) => plan(sqlite, s).join('\n'))
        .join('\n'),
    ).toMatch(/INDEX session_notes_status/);
  });
});
