import { describe, expect, it } from 'vitest';
import { cachedStatistics } from '../../../src-main/core/statistics/statistics-cache';
import {
  computePart,
  computeStatistics,
  PART_NAMES,
  STATISTICS_PARTS,
  type PartName,
  type StatisticsQuery,
} from '../../../src-main/core/statistics/statistics-service';
import { resolvePeriod } from '../../../src-main/core/statistics/periods';
import { STUDENT_IN_DEPARTMENT } from '../../../src-main/core/statistics/statistics-sql';
import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';
import type { ReadSqlite } from '../../../src-main/core/store/read-sqlite';
import { students } from '../../../src-main/core/store/schema/students';
import { notesWorld, signedNote } from './notes-fixture';
import { writeSettingValue } from '../../../src-main/core/settings/settings-service';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { connectionHatch } from '../../../src-main/core/store/open-store';
import { expectOk, setUpCore } from './helpers';

/**
 * Issue 19 goal 2: each part of a year's statistics is kept while the tables it reads are
 * unchanged, and computed again after a write to one of them through the unit of work; every part
 * is computed again after a write by any other route (a raw statement on the connection, an
 * import's long transaction on its own connection). Audit events written alone (a view) keep them.
 */
const roster = (count: number, start = 0) => csvUtf8Bom(ROSTER_HEADERS, rosterRows(count, start)).toString('base64');

async function importRoster(core: Awaited<ReturnType<typeof setUpCore>>['core'], count: number, start = 0) {
  const file = { fileName: 'r.csv', contentBase64: roster(count, start) };
  const preview = expectOk(await core.call('roster.preview', file));
  expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
}

/** A census batch of the 2026 grade, in the 2026 school year. */
async function createBatch(core: Awaited<ReturnType<typeof setUpCore>>['core']) {
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
}

const YEAR = { period: { kind: 'schoolYear' as const, schoolYear: 2026 }, timeZone: 'Asia/Shanghai' };

describe('statistics cache (issue 19 goal 2)', () => {
  it('a cached answer is recomputed after a write: an import on its own connection, a write through the core', async () => {
    const { core } = await setUpCore();
    await importRoster(core, 6);
    await createBatch(core);
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

  it('keeps each part while the tables it reads are unchanged: a signed note recomputes the sessions only', async () => {
    const { core, kase, student, as } = await notesWorld();
    // Signed in as the counselor who writes the note: a new sign-in opens a new connection, and the cache goes with the old one.
    await as('wang.zx');
    const store = core.vault.requireStore();
    const query = yearQuery();
    const computed: PartName[] = [];
    const counting = (name: PartName) => {
      computed.push(name);
      return computePart(store.sqlite, query, name);
    };
    const first = cachedStatistics(store, query, counting);
    expect(computed).toEqual(PART_NAMES);
    const again = () => {
      computed.length = 0;
      return cachedStatistics(store, query, counting);
    };
    // Unchanged: every part kept, and the whole answer equal to a fresh computation.
    expect(again()).toEqual(computeStatistics(store.sqlite, query));
    expect(computed).toEqual([]);

    // A setting (the school's name) is read by no part.
    store.uow.run(core.vault.actor(), (tx) => writeSettingValue(tx, 'schoolName', '另一所学校', new Date().toISOString()));
    again();
    expect(computed).toEqual([]);

    await signedNote(core, kase.id, { sessionAt: '2026-10-08T06:00:00.000Z' });
    const afterNote = again();
    expect(computed).toEqual(['sessions']);
    expect(first.sessions.total).toBe(0);
    expect(afterNote.sessions.total).toBe(1);
    expect(afterNote).toEqual(computeStatistics(store.sqlite, query));
    // Kept answers are copies: changing one handed out changes nothing kept.
    (afterNote.sessions as { total: unknown }).total = 99;
    expect(again().sessions.total).toBe(1);
    expect(computed).toEqual([]);

    // A student's record: for the whole school, only the parts that count students themselves
    // (grades, rosters, attendance); the others read students only to keep a department's.
    const department = { ...query, department: '文学院' };
    const inDepartment = cachedStatistics(store, department);
    store.uow.run(core.vault.actor(), (tx) => tx.update(students, student.id, { dorm: '合成公寓 1-101' }));
    again();
    expect([...computed].sort()).toEqual(['censusRosters', 'education', 'groups', 'sessions']);
    computed.length = 0;
    expect(cachedStatistics(store, department, (name) => (computed.push(name), computePart(store.sqlite, department, name)))).toEqual(inDepartment);
    expect(computed).toEqual(PART_NAMES.filter((name) => name !== 'activities'));
    // A student moved to another department leaves the department's figures at once.
    store.uow.run(core.vault.actor(), (tx) => tx.update(students, student.id, { department: '理学院' }));
    expect(cachedStatistics(store, department).sessions.total).toBe(0);
    expect(cachedStatistics(store, query).sessions.total).toBe(1);
  });

  it('computes every part again after a write the unit of work cannot name, and keeps them across audit events alone', async () => {
    const { core } = await setUpCore();
    await importRoster(core, 3);
    const store = core.vault.requireStore();
    const query = yearQuery();
    const computed: PartName[] = [];
    const again = () => {
      computed.length = 0;
      return cachedStatistics(store, query, (name) => {
        computed.push(name);
        return computePart(store.sqlite, query, name);
      });
    };
    again();
    const student = expectOk(await core.call('students.search', { query: '', limit: 1 })).rows[0];
    const eventsBefore = Number(store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get());
    // Opening the key-attention list and a student's file: each records a view, and changes no record.
    expectOk(await core.call('keyattention.list', {}));
    expectOk(await core.call('students.get', { id: student.id }));
    expect(Number(store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get())).toBeGreaterThan(eventsBefore);
    again();
    expect(computed).toEqual([]);

    // A row changed outside the unit of work's records, beside an event: every part, whatever it reads.
    store.uow.run(core.vault.actor(), (tx) => {
      tx.record('view', 'students', student.id, {});
      connectionHatch(store).prepare('UPDATE students SET dorm = ? WHERE id = ?').run('合成公寓 2-202', student.id);
    });
    again();
    expect(computed).toEqual(PART_NAMES);
    // A raw statement alone, in a table no part reads: still every part (the route is what is unknown).
    connectionHatch(store).prepare("UPDATE settings SET value = value WHERE id = 'schoolName'").run();
    again();
    expect(computed).toEqual(PART_NAMES);
    // A run that wrote a record and then failed: rolled back, so nothing changed, but it is not named either.
    expect(() =>
      store.uow.run(core.vault.actor(), (tx) => {
        tx.update(students, student.id, { dorm: '合成公寓 3-303' });
        throw new Error('synthetic failure after a write');
      }),
    ).toThrow('synthetic failure');
    again();
    expect(computed).toEqual(PART_NAMES);
    again();
    expect(computed).toEqual([]);

    // Events alone inside another run are counted once, so the revision never returns to an earlier value.
    const counted = store.uow.rowsOfEventsAlone;
    store.uow.run(core.vault.actor(), (outer) => {
      outer.record('view', 'students', student.id, {});
      store.uow.run(core.vault.actor(), (inner) => inner.record('view', 'students', student.id, {}));
    });
    expect(store.uow.rowsOfEventsAlone - counted).toBe(2);
  });

  it('serves suppressed and exact figures as different questions', async () => {
    const { core } = await setUpCore();
    await importRoster(core, 3);
    const store = core.vault.requireStore();
    let computed = 0;
    const counting = (query: StatisticsQuery) => (name: PartName) => {
      computed += 1;
      return computePart(store.sqlite, query, name);
    };
    const exact = yearQuery();
    const suppressed = { ...exact, suppress: true };
    cachedStatistics(store, exact, counting(exact));
    expect(computed).toBe(PART_NAMES.length);
    expect(cachedStatistics(store, suppressed, counting(suppressed)).suppressed).toBe(true);
    expect(computed).toBe(2 * PART_NAMES.length);
    expect(cachedStatistics(store, exact, counting(exact)).suppressed).toBe(false);
    expect(computed).toBe(2 * PART_NAMES.length);
  });

  it("names every table each part's statements read (its query programs), so no write leaves a part stale", async () => {
    const { core } = await setUpCore();
    await importRoster(core, 3);
    // Data that makes every statement run: a census batch of a grade (its roster, forms and list), a course of a grade (its roster).
    await createBatch(core);
    expectOk(
      await core.call('courses.create', {
        schoolYear: 2026,
        term: 'autumn',
        name: '大学生心理健康教育',
        kind: 'compulsory',
        teachers: ['王老师'],
        hours: 32,
        grade: '2026级',
        enrolled: 3,
      }),
    );
    const sqlite = core.vault.requireStore().sqlite;
    const tables = tablesByRootPage(sqlite);
    const query = yearQuery();
    for (const name of PART_NAMES) {
      const prepared: string[] = [];
      // A fresh wrapper: the statement caches are per connection object, so every statement is prepared again here.
      const recording = new Proxy(sqlite, {
        get(target, property) {
          if (property === 'prepare') {
            return (sql: string) => {
              prepared.push(sql);
              return target.prepare(sql);
            };
          }
          const value = Reflect.get(target, property) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      computePart(recording, query, name);
      expect(prepared.length, name).toBeGreaterThan(0);
      const part: { reads: readonly string[]; readsForDepartment?: readonly string[] } = STATISTICS_PARTS[name];
      const named = [...part.reads, ...(part.readsForDepartment ?? [])];
      for (const table of named) expect([...tables.values()].includes(table), `${name} names ${table}`).toBe(true);
      // With a department: every table the statements read.
      const read = new Set(prepared.flatMap((sql) => tablesRead(sqlite, sql, tables)));
      expect(
        [...read].filter((table) => !named.includes(table)),
        name,
      ).toEqual([]);
      // With none: the statements without their department filters read only `reads`.
      const wholeSchool = new Set(prepared.flatMap((sql) => tablesRead(sqlite, sql.replace(STUDENT_IN_DEPARTMENT, '1'), tables)));
      expect(
        [...wholeSchool].filter((table) => !part.reads.includes(table)),
        `${name} without a department`,
      ).toEqual([]);
    }
  });
});

function yearQuery(): StatisticsQuery {
  const bounds = resolvePeriod({ kind: 'schoolYear', schoolYear: 2026 }, null, 'Asia/Shanghai');
  return { bounds, department: null, suppress: false, levels: DEFAULT_CRISIS_LEVELS };
}

/** Root page of every table and index, as the table it belongs to. */
function tablesByRootPage(sqlite: ReadSqlite): Map<number, string> {
  const rows = sqlite.prepare("SELECT rootpage, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index') AND rootpage > 0").all() as {
    rootpage: number;
    tbl_name: string;
  }[];
  return new Map(rows.map((r) => [r.rootpage, r.tbl_name]));
}

/** The tables a statement's program opens for reading (EXPLAIN's OpenRead), its parameters left NULL. */
function tablesRead(sqlite: ReadSqlite, sql: string, tables: Map<number, string>): string[] {
  const explain = sqlite.prepare(`EXPLAIN ${sql}`);
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
  const positional = (sql.match(/\?/g) ?? []).length;
  const program = (names.length > 0 ? explain.all(Object.fromEntries(names.map((n) => [n, null]))) : explain.all(...Array<null>(positional).fill(null))) as {
    opcode: string;
    p2: number;
  }[];
  return program.filter((op) => op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx').map((op) => tables.get(op.p2) ?? `rootpage ${op.p2}`);
}
