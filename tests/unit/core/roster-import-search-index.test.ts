import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { StudentSearchIndex, studentIndexState } from '../../../src-main/core/students/search-index';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';

/**
 * Issue 19 goal 3: a roster import's long transaction keeps only the columns the search index
 * reads of each student it writes, and hands them over after its COMMIT. Safety: right after the
 * import, the index shows every imported student as the store has it (new and changed ones);
 * after a rollback it shows none of them and the changed ones as they were.
 */
type Made = Awaited<ReturnType<typeof setUpCore>>;

const b64 = (buffer: Buffer) => buffer.toString('base64');

/** An index built in one go from the store's rows: what the kept one must answer. */
function builtFromStore(core: Made['core']) {
  const rows = core.vault
    .requireStore()
    .sqlite.prepare(
      'SELECT id, student_no AS studentNo, name, gender, department, grade, class_name AS className, status, name_pinyin AS namePinyin, name_initials AS nameInitials FROM students',
    )
    .all() as ConstructorParameters<typeof StudentSearchIndex>[0];
  return new StudentSearchIndex(rows);
}

const SEARCHES = [
  { query: '' },
  { query: '2026' },
  { query: 'zh' },
  { query: 'zhang' },
  { query: '张' },
  { query: '', department: '计算机学院' },
  { query: '', department: '心理学院' },
  { query: '', department: '外国语学院' },
  { query: '', grade: '2026级' },
  { query: '', className: '计算1班' },
  { query: '', status: 'enrolled' as const },
];

async function expectIndexAsStore(core: Made['core']) {
  const reference = builtFromStore(core);
  for (const search of SEARCHES) {
    const found = expectOk(await core.call('students.search', { ...search, limit: 500 }));
    const expected = reference.search({ offset: 0, limit: 500, ...search }, { kind: 'all' });
    expect(found.total, JSON.stringify(search)).toBe(expected.total);
    expect(found.rows.map((s: { id: string }) => s.id)).toEqual(expected.ids);
  }
}

/** 200 students imported, the index built and ready, then a file of `count` rows whose first 200 move to 心理学院. */
async function world(count: number) {
  const made = await setUpCore();
  const { core } = made;
  const first = rosterRows(200);
  const firstFile = b64(csvUtf8Bom(ROSTER_HEADERS, first));
  const mapping = expectOk(await core.call('roster.preview', { fileName: 'a.csv', contentBase64: firstFile })).mapping;
  expectOk(await core.call('roster.import', { fileName: 'a.csv', contentBase64: firstFile, mapping }));
  expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(200);
  expect(studentIndexState(core.vault.requireStore())).toBe('ready');
  const department = ROSTER_HEADERS.indexOf('院系');
  const rows = rosterRows(count).map((row, i) => (i < 200 ? row.map((cell, c) => (c === department ? '心理学院' : cell)) : row));
  return { ...made, mapping, file: b64(csvUtf8Bom(ROSTER_HEADERS, rows)) };
}

describe('a roster import and the student search index (issue 19 goal 3)', () => {
  it('right after the import, the index shows every new and changed student as the store has them', async () => {
    const { core, mapping, file } = await world(3000);
    const summary = expectOk(await core.call('roster.import', { fileName: 'b.csv', contentBase64: file, mapping }));
    expect(summary).toMatchObject({ rows: 3000, created: 2800, updated: 200, unchanged: 0 });
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(3000);
    expect(expectOk(await core.call('students.search', { query: '', department: '心理学院' })).total).toBe(200);
    await expectIndexAsStore(core);
  });

  it('an import rolled back in the middle of its writes leaves the index as it was', async () => {
    const { core, events, mapping, file } = await world(20_000);
    const before = expectOk(await core.call('students.search', { query: '', limit: 500 }));
    const pending = core.call('roster.import', { fileName: 'b.csv', contentBase64: file, mapping, jobId: 'job-rb' });
    // Cancelled once some of its slices are written: the one transaction rolls back.
    const written = () =>
      events.some(
        (e) => e.name === 'job.progress' && (e.payload as any).jobId === 'job-rb' && (e.payload as any).phase === 'write' && (e.payload as any).done > 0,
      );
    while (!written()) await nextTurn();
    expect(expectOk(await core.call('jobs.cancel', { jobId: 'job-rb' }))).toEqual({ cancelled: true });
    expectError(await pending, 'CANCELLED');
    const last = events.filter((e) => e.name === 'job.progress' && (e.payload as any).jobId === 'job-rb').at(-1)!.payload as any;
    expect(last.done).toBeLessThan(last.total);

    const after = expectOk(await core.call('students.search', { query: '', limit: 500 }));
    expect(after.total).toBe(200);
    expect(after.rows).toEqual(before.rows);
    expect(expectOk(await core.call('students.search', { query: '', department: '心理学院' })).total).toBe(0);
    await expectIndexAsStore(core);
  });

  it('an import without a preview (its own parse, let go row by row) writes what a preview of the same file shows', async () => {
    const rows = rosterRows(40);
    rows[3][0] = ''; // missing 学号
    rows[5][3] = '2007-02-30'; // no such date
    rows[9][0] = rows[1][0]; // duplicate 学号: both copies rejected
    const file = b64(csvUtf8Bom(ROSTER_HEADERS, rows));
    const previewed = await setUpCore();
    const preview = expectOk(await previewed.core.call('roster.preview', { fileName: 'p.csv', contentBase64: file }));
    const { core } = await setUpCore();
    const summary = expectOk(await core.call('roster.import', { fileName: 'p.csv', contentBase64: file, mapping: preview.mapping }));
    expect(summary).toEqual({ ...preview.plan, rejected: preview.problems.map((p: { row: number; reason: string }) => ({ row: p.row, reason: p.reason })) });
    expect(summary).toMatchObject({ rows: 40, created: 36, updated: 0 });
    expect(summary.rejected.map((r: { reason: string }) => r.reason).sort()).toEqual(['badDate', 'duplicateInFile', 'duplicateInFile', 'missingStudentNo']);
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(36);
    await expectIndexAsStore(core);
  });
});
