import { describe, expect, it } from 'vitest';
import { CENSUS_HEADERS, censusRow, censusStudents, type CensusPattern } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * What the import speed and memory work (issue 19 goals 1 and 3) must not change: a large file
 * written in slices on the job connection (with its bounded page cache, so dirty pages spill to
 * the WAL mid-transaction) is still all-or-nothing, leaves an intact audit chain, and gives the
 * same summary as the screening rules say.
 */
const b64 = (b: Buffer) => b.toString('base64');
const COUNT = 2_000;
/** Seconds: thousands of rows through the whole core on a shared 2-core machine. */
const SLOW = 180_000;

async function withRosterAndBatch(count: number) {
  const made = await setUpCore();
  const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(count)));
  const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
  expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
  const batch = expectOk(await made.core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生' }));
  return { ...made, batch };
}

function counts(core: Awaited<ReturnType<typeof setUpCore>>['core']) {
  const sqlite = core.vault.requireStore().sqlite;
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    assessments: count('assessments'),
    alerts: count('alerts'),
    followups: count('census_followups'),
    outbox: count('outbox'),
    audit: count('audit_events'),
  };
}

/** The expected screening of the generated patterns, counted without the scorer. */
function expected(patterns: CensusPattern[]) {
  return {
    positive: patterns.filter((p) => p === 'sclPositive').length,
    category1: patterns.filter((p) => p === 'upiCat1' || p === 'upiItem25').length,
    category2: patterns.filter((p) => p === 'upiCat2').length,
    listed: patterns.filter((p) => p !== 'calm').length,
  };
}

describe('a large census file', () => {
  it(
    'a write that fails on a row in the middle leaves nothing written; the same file then imports whole',
    async () => {
      const { core, batch } = await withRosterAndBatch(COUNT);
      const students = censusStudents(COUNT);
      const file = b64(
        await xlsx(
          CENSUS_HEADERS,
          students.map((s) => censusRow(s, 'numbers')),
        ),
      );
      const sqlite = connectionHatch(core.vault.requireStore());
      const middle = sqlite
        .prepare('SELECT id FROM students WHERE student_no = ?')
        .pluck()
        .get(students[COUNT / 2].studentNo) as string;
      // A fault injected by the test: the store refuses the form of the student in the middle of the file.
      sqlite
        .prepare(`CREATE TRIGGER test_refuse_one BEFORE INSERT ON assessments WHEN NEW.student_id = '${middle}' BEGIN SELECT RAISE(ABORT, 'injected'); END`)
        .run();
      const before = counts(core);

      const failed = await core.call('census.import', { batchId: batch.id, fileName: 'census.xlsx', contentBase64: file });
      expect(failed.ok).toBe(false);
      expect(counts(core)).toEqual(before);
      expect(expectOk(await core.call('census.followups', { batchId: batch.id }))).toEqual([]);
      expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);

      sqlite.prepare('DROP TRIGGER test_refuse_one').run();
      const summary = expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'census.xlsx', contentBase64: file }));
      const want = expected(students.map((s) => s.pattern));
      const after = counts(core);
      expect(summary).toEqual({
        rows: COUNT,
        imported: COUNT,
        unchanged: 0,
        rejected: [],
        warnings: [],
        positive: want.positive,
        category1: want.category1,
        category2: want.category2,
        alerts: after.alerts - before.alerts,
      });
      expect(after.assessments - before.assessments).toBe(2 * COUNT);
      expect(after.followups).toBe(want.listed);
      // Every row written has its outbox event: forms, list entries, alerts and the remembered mapping.
      expect(after.outbox - before.outbox).toBe(2 * COUNT + want.listed + summary.alerts + 1);
      expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: true, checked: after.audit });
    },
    SLOW,
  );
});

describe('a large roster file', () => {
  it(
    'imports every row of a generated .xlsx file, searchable after the commit, the audit chain intact',
    async () => {
      const { core } = await setUpCore();
      const rows = 12_000;
      const content = b64(await xlsx(ROSTER_HEADERS, rosterRows(rows)));
      const preview = expectOk(await core.call('roster.preview', { fileName: 'r.xlsx', contentBase64: content }));
      expect(preview.plan).toMatchObject({ rows, created: rows, updated: 0, unchanged: 0, rejected: [] });
      const summary = expectOk(await core.call('roster.import', { fileName: 'r.xlsx', contentBase64: content, mapping: preview.mapping }));
      expect(summary).toEqual(preview.plan);
      expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(rows);
      const sqlite = core.vault.requireStore().sqlite;
      expect(sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'students'").pluck().get()).toBe(rows);
      expect(expectOk(await core.call('audit.verify', {})).intact).toBe(true);
    },
    SLOW,
  );
});
