import { afterEach, describe, expect, it } from 'vitest';
import { staleParts } from '../../../src-main/core/statistics/statistics-cache';
import { openingQuery, prefetchSettings, prefetchStatisticsPart } from '../../../src-main/core/statistics/statistics-prefetch';
import { computeStatistics, PART_NAMES } from '../../../src-main/core/statistics/statistics-service';
import { JobRegistry } from '../../../src-main/core/jobs/jobs';
import { statisticsQuery } from '../../../src-main/core/statistics/statistics-handlers';
import { semesterUnderWay } from '../../../src-shared/calendar/opening-period';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore } from './helpers';
import { addAccount, signInAs } from './followups-fixtures';

/**
 * Issue 19 goal 2: a year's figures computed from nothing take over 100 ms at a decade's size, so
 * while the core is idle the statistics page's opening view is computed ahead, one part at a time;
 * never while a call is answered or a job runs, and only for someone who may open the page.
 */
type TestCore = Awaited<ReturnType<typeof setUpCore>>['core'];

const defaults = { ...prefetchSettings };
afterEach(() => Object.assign(prefetchSettings, defaults));

async function importRoster(core: TestCore, count: number, start = 0) {
  const file = { fileName: 'r.csv', contentBase64: csvUtf8Bom(ROSTER_HEADERS, rosterRows(count, start)).toString('base64') };
  const preview = expectOk(await core.call('roster.preview', file));
  expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
}

/** The opening view's parts that a call would compute now. */
function stale(core: TestCore): string[] {
  return staleParts(core.vault.requireStore(), openingQuery(core)!);
}

async function until(done: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('statistics prefetch while idle (issue 19 goal 2)', () => {
  it('computes the page’s opening view while the core is idle, and again after a write', async () => {
    Object.assign(prefetchSettings, { quietMs: 50, idleCheckMs: 10, betweenPartsMs: 0 });
    const { core, clock } = await setUpCore();
    await importRoster(core, 6);
    // The period the page opens on (PeriodPicker's currentSemester), from the core's clock.
    const now = clock.now();
    const period = semesterUnderWay(now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1, now.getUTCMonth() + 1);
    const query = openingQuery(core)!;
    expect(query.bounds).toMatchObject({ kind: 'semester' });
    expect(query.suppress).toBe(false);
    expect(stale(core)).toEqual(PART_NAMES);

    core.startStatisticsPrefetch();
    await until(() => stale(core).length === 0);
    const store = core.vault.requireStore();
    expect(expectOk(await core.call('statistics.compute', { period }))).toEqual(computeStatistics(store.sqlite, openingQuery(core)!));

    // A student's record changes: the parts that count students are stale until the core is idle again.
    const student = expectOk(await core.call('students.search', { query: '', limit: 1 })).rows[0];
    expectOk(await core.call('students.update', { id: student.id, patch: { status: 'graduated' } }));
    expect(stale(core)).toEqual(['sessions', 'censusRosters', 'groups', 'education']);
    await until(() => stale(core).length === 0);
    expect(expectOk(await core.call('statistics.compute', { period }))).toEqual(computeStatistics(store.sqlite, openingQuery(core)!));

    // A view the person asked for (a school year) is kept up to date too, after a write by another
    // route: the roster import commits on its own connection, which every part must see.
    const yearInput = { period: { kind: 'schoolYear' as const, schoolYear: 2026 }, timeZone: 'Asia/Shanghai' };
    const year = statisticsQuery(store, yearInput, false);
    expectOk(await core.call('statistics.compute', yearInput));
    expect(staleParts(store, year)).toEqual([]);
    await importRoster(core, 3, 6);
    expect(staleParts(store, year)).toEqual(PART_NAMES);
    await until(() => stale(core).length === 0 && staleParts(store, year).length === 0);
    const computedYear = expectOk(await core.call('statistics.compute', yearInput));
    expect(computedYear).toEqual(computeStatistics(store.sqlite, year));
    core.dispose();
  });

  it('waits for quiet: nothing is computed before the core has answered no call for a while', async () => {
    Object.assign(prefetchSettings, { quietMs: 60_000, idleCheckMs: 5, betweenPartsMs: 0 });
    const { core } = await setUpCore();
    core.startStatisticsPrefetch();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stale(core)).toEqual(PART_NAMES);
    core.dispose();
  });

  it('computes nothing while a job runs, nor for an account that may not open the page; a locked store stops it', async () => {
    const { core } = await setUpCore();
    const jobs = new JobRegistry();
    const token = jobs.begin(undefined, () => {});
    expect(prefetchStatisticsPart({ vault: core.vault, jobs })).toBe(false);
    expect(stale(core)).toEqual(PART_NAMES);
    token.end();
    expect(prefetchStatisticsPart({ vault: core.vault, jobs })).toBe(true);
    expect(stale(core)).toEqual(PART_NAMES.slice(1));

    // The leadership group's view is the suppressed one.
    await addAccount(core, 'lingdao', ['leadership']);
    await signInAs(core, 'lingdao');
    expect(openingQuery(core)?.suppress).toBe(true);
    // A department counselor (院系心理辅导员) does not open statistics.
    await signInAs(core, 'admin01');
    await addAccount(core, 'fudaoyuan', ['liaison'], '文学院');
    await signInAs(core, 'fudaoyuan');
    expect(openingQuery(core)).toBeNull();
    expect(prefetchStatisticsPart({ vault: core.vault, jobs })).toBe(false);

    expectOk(await core.call('auth.lock', {}));
    expect(openingQuery(core)).toBeNull();
    expect(prefetchStatisticsPart({ vault: core.vault, jobs })).toBe(false);
    core.dispose();
  });
});
