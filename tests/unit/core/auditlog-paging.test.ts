import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/contract';
import type { AuditLogFilter } from '../../../src-shared/contract/auditlog';
import { verifyAuditChain } from '../../../src-main/core/audit/audit-chain';
import { allAuditEvents, countAuditEntries } from '../../../src-main/core/audit/auditlog-query';
import type { ReadSqlite } from '../../../src-main/core/store/read-sqlite';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * Issue 19: the audit log pages through its indexes (auditlog-walk) instead of grouping every
 * matching event. These tests hold the walk to what the grouping query returned (issue 16): the
 * same entries, in the same order, with the same group counts, for every filter and page size.
 */
type Page = ChannelOutput<'auditlog.list'>;
type Core = Awaited<ReturnType<typeof setUpCore>>['core'];

interface Expected {
  seq: number;
  group?: { bulk: string; rows: number; matching: number };
}

/**
 * The entries as the grouping query defined them, computed the slow way from every matching
 * event (read through the plain filtered query) and the bulk ids parsed from the hashed details.
 */
function reference(sqlite: ReadSqlite, filter: AuditLogFilter): Expected[] {
  const all = sqlite.prepare<[], { seq: number; details: string }>('SELECT seq, details FROM audit_events ORDER BY seq').all();
  const bulkOf = new Map<number, string>();
  const members = new Map<string, number[]>();
  for (const row of all) {
    const bulk = (JSON.parse(row.details) as { bulk?: unknown }).bulk;
    if (typeof bulk !== 'string') continue;
    bulkOf.set(row.seq, bulk);
    members.set(bulk, [...(members.get(bulk) ?? []), row.seq]);
  }
  const matching = allAuditEvents(sqlite, filter, 1_000_000);
  const entries = new Map<string, { newest: number; matching: number; bulk: string | null }>();
  for (const row of matching) {
    const bulk = bulkOf.get(row.seq) ?? null;
    const key = bulk ?? `seq:${row.seq}`;
    const entry = entries.get(key) ?? { newest: row.seq, matching: 0, bulk };
    entry.newest = Math.max(entry.newest, row.seq);
    entry.matching += 1;
    entries.set(key, entry);
  }
  return [...entries.values()]
    .sort((a, b) => b.newest - a.newest)
    .map((e) => {
      if (!e.bulk) return { seq: e.newest };
      const seqs = members.get(e.bulk)!;
      return { seq: Math.max(...seqs), group: { bulk: e.bulk, rows: seqs.length, matching: e.matching } };
    });
}

async function importRoster(core: Core, rows: number, offset: number) {
  const roster = Buffer.from(csvUtf8Bom(ROSTER_HEADERS, rosterRows(rows, offset))).toString('base64');
  const preview = expectOk(await core.call('roster.preview', { fileName: '花名册.csv', contentBase64: roster }));
  expectOk(await core.call('roster.import', { fileName: '花名册.csv', contentBase64: roster, mapping: preview.mapping }));
}

/** A log with imports (bulk operations), plain events of several actions and actors, spread over days. */
async function busyLog() {
  const made = await setUpCore({ adminIsDirector: true });
  const { core, clock } = made;
  const store = core.vault.requireStore();
  const actors = [{ accountId: 'acc-wang' }, { accountId: 'acc-li' }, core.vault.actor()];
  const actions = ['sign', 'assign', 'view', 'cosign', 'close', 'create'];
  await importRoster(core, 6, 0);
  for (let i = 0; i < 40; i++) {
    clock.advance(3_600_000);
    store.uow.run(actors[i % 3]!, (tx) => tx.record(actions[i % actions.length]!, 'cases', `case-${i % 7}`, { n: i }));
    if (i % 9 === 4) {
      // A bulk operation whose events mix actions and actors' filters: some match, some do not.
      store.uow.run(
        actors[i % 2]!,
        (tx) => {
          for (let k = 0; k < 5; k++) tx.record(k % 2 ? 'sign' : 'import', 'cases', `case-${k}`, { k });
        },
        { bulk: randomUUID() },
      );
    }
    if (i === 20) await importRoster(core, 4, 100);
  }
  return { ...made, store };
}

async function page(core: Core, filter: AuditLogFilter, pageNo: number, pageSize: number): Promise<Page> {
  return expectOk<Page>(await core.call('auditlog.list', { ...filter, page: pageNo, pageSize }));
}

describe('audit log paging through the indexes (issue 19)', () => {
  it('every filter and page size gives the entries, groups and counts of the grouping query', async () => {
    const { core, store } = await busyLog();
    const student = store.sqlite
      .prepare("SELECT entity_id FROM audit_events WHERE entity = 'students' AND entity_id IS NOT NULL LIMIT 1")
      .pluck()
      .get() as string;
    const events = store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const atOffset = (n: number) => store.sqlite.prepare('SELECT at FROM audit_events ORDER BY seq LIMIT 1 OFFSET ?').pluck().get(n) as string;
    const middle = atOffset(Math.floor(events / 3));
    const late = atOffset(Math.floor((events * 2) / 3));
    const filters: AuditLogFilter[] = [
      {},
      { actorId: 'acc-wang' },
      { categories: ['sign'] },
      { categories: ['change'] },
      { categories: ['create', 'change'] },
      { categories: ['view', 'sign'], actorId: 'acc-li' },
      { from: middle },
      { from: middle, to: late },
      { studentId: student },
      { studentId: student, categories: ['create'] },
    ];
    for (const filter of filters) {
      const expected = reference(store.sqlite, filter);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(countAuditEntries(store.sqlite, filter)).toBe(expected.length);
      for (const size of [1, 3, 7, 200]) {
        const got: Expected[] = [];
        for (let n = 1; (n - 1) * size < expected.length; n++) {
          const result = await page(core, filter, n, size);
          got.push(...result.entries.map((e) => (e.group ? { seq: e.seq, group: e.group } : { seq: e.seq })));
          // Exact while the rest fits in twenty pages; beyond, "more than" a count that holds.
          const rest = expected.length - (n - 1) * size;
          if (rest <= size * 20) {
            expect(result.total).toBe(expected.length);
            expect(result.totalCapped).toBeUndefined();
          } else {
            expect(result.totalCapped).toBe(true);
            expect(result.total).toBe((n - 1 + 20) * size);
            expect(result.total).toBeLessThan(expected.length);
          }
        }
        expect(got, `${JSON.stringify(filter)} by ${size}`).toEqual(expected);
      }
    }
    // Groups were there to walk past, and the filters found events inside them.
    expect(reference(store.sqlite, {}).filter((e) => e.group).length).toBeGreaterThanOrEqual(6);
    expect(reference(store.sqlite, { categories: ['sign'] }).some((e) => e.group && e.group.matching < e.group.rows)).toBe(true);
  });

  it('a page past the counted ones still opens, and the count then reaches further', async () => {
    const { core } = await busyLog();
    const first = await page(core, {}, 1, 2);
    expect(first.totalCapped).toBe(true);
    expect(first.total).toBe(40);
    const far = await page(core, {}, 25, 2);
    expect(far.entries).toHaveLength(2);
    expect(far.total).toBeGreaterThan(40);
  });

  it('the bulk column copies details.bulk for new events, and the chain stays intact; a tampered copy breaks it', async () => {
    const { store } = await busyLog();
    const rows = store.sqlite.prepare<[], { details: string; bulk: string | null }>('SELECT details, bulk FROM audit_events').all();
    for (const row of rows) {
      const bulk = (JSON.parse(row.details) as { bulk?: unknown }).bulk;
      expect(row.bulk).toBe(typeof bulk === 'string' ? bulk : null);
    }
    expect(rows.some((r) => r.bulk)).toBe(true);
    expect(verifyAuditChain(store.sqlite)).toMatchObject({ intact: true, firstBroken: null });
    const seq = store.sqlite.prepare('SELECT seq FROM audit_events WHERE bulk IS NULL ORDER BY seq DESC LIMIT 1').pluck().get() as number;
    connectionHatch(store).prepare('UPDATE audit_events SET bulk = ? WHERE seq = ?').run(randomUUID(), seq);
    expect(verifyAuditChain(store.sqlite)).toMatchObject({ intact: false, firstBroken: { seq, reason: 'hashMismatch' } });
  });
});
