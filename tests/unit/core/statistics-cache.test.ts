import { describe, expect, it } from 'vitest';
import { cachedStatistics, storeRevision } from '../../../src-main/core/statistics/statistics-cache';
import type { StatisticsQuery } from '../../../src-main/core/statistics/statistics-service';
import type { Statistics } from '../../../src-shared/contract/statistics';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import { expectOk, setUpCore } from './helpers';

/**
 * Issue 19 goal 2: a year's statistics are kept while the records are unchanged, and computed
 * again after any write of a record: through the unit of work, a raw statement on the connection,
 * or an import's long transaction on its own connection. Audit events written alone (a view) keep them.
 */
const roster = (count: number, start = 0) => csvUtf8Bom(ROSTER_HEADERS, rosterRows(count, start)).toString('base64');

async function importRoster(core: Awaited<ReturnType<typeof setUpCore>>['core'], count: number, start = 0) {
  const file = { fileName: 'r.csv', contentBase64: roster(count, start) };
  const preview = expectOk(await core.call('roster.preview', file));
  expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
}

const YEAR = { period: { kind: 'schoolYear' as const, schoolYear: 2026 }, timeZone: 'Asia/Shanghai' };

describe('statistics cache (issue 19 goal 2)', () => {
  it('a cached answer is recomputed after a write: an import on its own connection, a write through the core', async () => {
    const { core } = await setUpCore();
    await importRoster(core, 6);
    expectOk(
      await core.call('census.createBatch', {
        name: '2026级新生普查',
        cohort: '2026级新生',
        grade: '2026级',
        periodStart: '2026-09-10',
        periodEnd: '2026-10-10',
        instruments: ['scl90'],
      }),
    );
    const first = expectOk(await core.call('statistics.compute', YEAR));
    expect(first.census[0].roster).toBe(6);
    // Unchanged store: the same figures.
    expect(expectOk(await core.call('statistics.compute', YEAR))).toEqual(first);

    // The roster import writes in a long transaction on a second connection.
    await importRoster(core, 4, 6);
    expect(expectOk(await core.call('statistics.compute', YEAR)).census[0].roster).toBe(10);

    // A write through the unit of work on the main connection.
    const student = expectOk(await core.call('students.search', { query: '', limit: 1 })).rows[0];
    expectOk(await core.call('students.update', { id: student.id, patch: { status: 'graduated' } }));
    expect(expectOk(await core.call('statistics.compute', YEAR)).census[0].roster).toBe(9);
  });

  it('serves the kept figures while the revision holds, computes again when it moves, and hands out copies', async () => {
    const { core } = await setUpCore();
    const store = core.vault.requireStore();
    const query = { bounds: { start: '2026-09-01' }, department: null, suppress: false, levels: [] } as unknown as StatisticsQuery;
    let computed = 0;
    const compute = () => ({ n: ++computed }) as unknown as Statistics;
    const a = cachedStatistics(store, query, compute);
    const b = cachedStatistics(store, query, compute);
    expect(computed).toBe(1);
    expect(b).toEqual(a);
    (b as unknown as { n: number }).n = 99;
    expect(cachedStatistics(store, query, compute)).toEqual({ n: 1 });
    // Suppressed figures are another question, never the exact ones.
    cachedStatistics(store, { ...query, suppress: true }, compute);
    expect(computed).toBe(2);

    const before = storeRevision(store);
    expectOk(await core.call('settings.update', { schoolName: '另一所学校' }));
    expect(storeRevision(store)).not.toBe(before);
    expect(cachedStatistics(store, query, compute)).toEqual({ n: 3 });
    expect(computed).toBe(3);
  });

  it('keeps the figures across audit events written alone (views), never across a record written beside them', async () => {
    const { core } = await setUpCore();
    await importRoster(core, 3);
    const store = core.vault.requireStore();
    const query = { bounds: { start: '2026-09-01' }, department: null, suppress: false, levels: [] } as unknown as StatisticsQuery;
    let computed = 0;
    const compute = () => ({ n: ++computed }) as unknown as Statistics;
    cachedStatistics(store, query, compute);
    const student = expectOk(await core.call('students.search', { query: '', limit: 1 })).rows[0];
    const eventsBefore = Number(store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get());
    // Opening the key-attention list and a student's file: each records a view, and changes no record.
    expectOk(await core.call('keyattention.list', {}));
    expectOk(await core.call('students.get', { id: student.id }));
    expect(Number(store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get())).toBeGreaterThan(eventsBefore);
    expect(cachedStatistics(store, query, compute)).toEqual({ n: 1 });
    // A record and its events in one transaction: computed again.
    expectOk(await core.call('students.update', { id: student.id, patch: { dorm: '合成公寓 1-101' } }));
    expect(cachedStatistics(store, query, compute)).toEqual({ n: 2 });
    // An event written beside a row changed outside the unit of work's records: computed again too.
    store.uow.run(core.vault.actor(), (tx) => {
      tx.record('view', 'students', student.id, {});
      connectionHatch(store).prepare('UPDATE students SET dorm = ? WHERE id = ?').run('合成公寓 2-202', student.id);
    });
    expect(cachedStatistics(store, query, compute)).toEqual({ n: 3 });
    // Events alone inside another run are counted once, so the revision never returns to an earlier value.
    const counted = store.uow.rowsOfEventsAlone;
    store.uow.run(core.vault.actor(), (outer) => {
      outer.record('view', 'students', student.id, {});
      store.uow.run(core.vault.actor(), (inner) => inner.record('view', 'students', student.id, {}));
    });
    expect(store.uow.rowsOfEventsAlone - counted).toBe(2);
  });
});
