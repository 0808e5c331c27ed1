import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENSUS_HEADERS, censusAnswers, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1' };

describe('counsel census import: questionnaires in separate files (issue 14 item 8)', () => {
  it('adds upi to an existing scl90 batch, keeps every JSON field, and a re-run reports zero new positives', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'admin01'], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD })).code).toBe(
      0,
    );
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(roster, csvUtf8Bom(ROSTER_HEADERS, rosterRows(8)));
    expect((await runCli(['roster', 'import', '--file', roster, '--data-dir', dir], ADMIN)).code).toBe(0);
    const students = censusStudents(8);
    const scl = join(tempDir(), 'scl90.csv');
    writeFileSync(
      scl,
      csvUtf8Bom(
        CENSUS_HEADERS.slice(0, 92),
        students.map((s) => censusRow(s, 'numbers').slice(0, 92)),
      ),
    );
    // A platform's UPI export: 学号 and 60 items, no auxiliary questions.
    const upi = join(tempDir(), 'upi.csv');
    writeFileSync(
      upi,
      csvUtf8Bom(
        [CENSUS_HEADERS[0], ...CENSUS_HEADERS.slice(92, 152)],
        students.map((s) => [s.studentNo, ...censusAnswers(s.pattern).upi.map(String)]),
      ),
    );

    const first = await runCli(['census', 'import', '--batch', '2026级', '--file', scl, '--instruments', 'scl90', '--data-dir', dir], ADMIN);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ imported: 8, positive: 1, instrumentsAdded: [] });

    const second = await runCli(['census', 'import', '--batch', '2026级', '--file', upi, '--instruments', 'upi', '--data-dir', dir], ADMIN);
    expect(second.code, second.stderr).toBe(0);
    const out = second.json();
    expect(out).toMatchObject({ rows: 8, imported: 8, unchanged: 0, rejected: [], category1: 2, category2: 1, alerts: 1, instrumentsAdded: ['upi'] });
    for (const field of ['rows', 'imported', 'unchanged', 'rejected', 'warnings', 'category1', 'category2', 'alerts', 'instrumentsAdded'])
      expect(out).toHaveProperty(field);

    const batches = (await runCli(['call', 'census.listBatches', '{}', '--data-dir', dir], ADMIN)).json();
    expect(batches[0].instruments).toEqual(['scl90', 'upi']);
    const list = (await runCli(['call', 'census.followups', JSON.stringify({ batchId: batches[0].id }), '--data-dir', dir], ADMIN)).json();
    // Every UPI category 1 or 2 student is on the interview list.
    for (const s of students.filter((x) => ['upiCat1', 'upiCat2', 'upiItem25'].includes(x.pattern))) {
      expect(list.map((f: { student: { studentNo: string } }) => f.student.studentNo)).toContain(s.studentNo);
    }

    const rerun = await runCli(['census', 'import', '--batch', '2026级', '--file', upi, '--instruments', 'upi', '--data-dir', dir], ADMIN);
    expect(rerun.json()).toMatchObject({ imported: 0, unchanged: 8, category1: 0, category2: 0, alerts: 0, instrumentsAdded: [] });
  });
});

describe('counsel score --instrument upi (issue 14 item 7)', () => {
  it('without options counts the auxiliary questions as "no": 60 items give a determined category', async () => {
    const calm = await runCli(['score', '--instrument', 'upi', '--responses', JSON.stringify(Array(60).fill(0))]);
    expect(calm.code).toBe(0);
    expect(calm.json()).toMatchObject({ status: 'complete', category: 3, possibleCategories: [3] });
    const two = await runCli(['score', '--instrument', 'upi', '--responses', JSON.stringify(censusAnswers('upiCat2').upi)]);
    expect(two.json()).toMatchObject({ category: 2 });
    // Asked and left blank: an explicit null keeps the category open.
    const blank = await runCli(['score', '--instrument', 'upi', '--responses', JSON.stringify(Array(60).fill(0)), '--options', '{"asksForCounseling":null}']);
    expect(blank.json()).toMatchObject({ category: null, possibleCategories: [1, 3] });
  });
});
