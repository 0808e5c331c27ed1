import { describe, expect, it } from 'vitest';
import { CENSUS_HEADERS, censusRow, censusStudents, type CensusPattern } from '../../support/census-files';
import { ROSTER_HEADERS, csvGbk, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const b64 = (b: Buffer) => b.toString('base64');

async function withRosterAndBatch(count: number) {
  const made = await setUpCore();
  const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(count)));
  const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
  expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
  const batch = expectOk(await made.core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生' }));
  return { ...made, batch };
}

/** Expected screening, computed from the generated patterns, not by the scorer. */
function expected(patterns: CensusPattern[]) {
  return {
    positive: patterns.filter((p) => p === 'sclPositive').length,
    category1: patterns.filter((p) => p === 'upiCat1' || p === 'upiItem25').length,
    category2: patterns.filter((p) => p === 'upiCat2').length,
    listed: patterns.filter((p) => p !== 'calm').length,
  };
}

describe('census import', () => {
  it('imports a GBK file with letter answers, screens it, and puts the flagged students on the list in order', async () => {
    const { core, batch } = await withRosterAndBatch(16);
    const students = censusStudents(16);
    const file = b64(
      csvGbk(
        CENSUS_HEADERS,
        students.map((s) => censusRow(s, 'letters')),
      ),
    );
    const summary = expectOk(await core.call('census.import', { batchId: batch.id, fileName: '普查.csv', contentBase64: file }));
    const want = expected(students.map((s) => s.pattern));
    expect(summary).toMatchObject({
      rows: 16,
      imported: 16,
      unchanged: 0,
      rejected: [],
      positive: want.positive,
      category1: want.category1,
      category2: want.category2,
    });
    // Item 25 (suicidal thoughts) raised an alert for each such student.
    expect(summary.alerts).toBe(students.filter((s) => s.pattern === 'upiItem25').length);
    const list = expectOk(await core.call('census.followups', { batchId: batch.id }));
    expect(list).toHaveLength(want.listed);
    const urgencyOf = (p: CensusPattern) => ({ upiItem25: 0, upiCat1: 1, sclPositive: 2, upiCat2: 3, calm: 9 })[p];
    const order = list.map((f: any) => urgencyOf(students.find((s) => s.studentNo === f.student.studentNo)!.pattern));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(list[0].reasons).toContain('UPI_ITEM25');
  });

  it('reads UTF-8-BOM 是/否 and Chinese labels, and xlsx numbers, with the same outcome', async () => {
    const students = censusStudents(8);
    for (const [fileName, content] of [
      [
        'labels.csv',
        csvUtf8Bom(
          CENSUS_HEADERS,
          students.map((s) => censusRow(s, 'labels')),
        ),
      ],
      [
        'numbers.xlsx',
        await xlsx(
          CENSUS_HEADERS,
          students.map((s) => censusRow(s, 'numbers')),
        ),
      ],
    ] as const) {
      const { core, batch } = await withRosterAndBatch(8);
      const summary = expectOk(await core.call('census.import', { batchId: batch.id, fileName, contentBase64: b64(content) }));
      expect(summary, fileName).toMatchObject({ imported: 8, positive: 1, category1: 2, category2: 1, rejected: [] });
    }
  });

  it('rejects every kind of bad row with its reason; later duplicate wins with a warning', async () => {
    const { core, batch } = await withRosterAndBatch(8);
    const students = censusStudents(8);
    const rows = students.map((s) => censusRow(s, 'numbers'));
    rows[1][0] = ''; // no 学号
    rows[2][0] = '2099999999'; // not in the roster
    rows[3][2 + 4] = '7'; // SCL-90 item 5 out of range
    rows[4][2 + 90] = '?'; // UPI item 1 unreadable
    rows[5][2 + 10] = ''; // one SCL item missing: scored (prorated), with a warning
    rows.push(censusRow({ ...students[0], pattern: 'sclPositive' }, 'numbers')); // duplicate: later wins
    const preview = expectOk(
      await core.call('census.preview', { batchId: batch.id, fileName: 'bad.csv', contentBase64: b64(csvUtf8Bom(CENSUS_HEADERS, rows)) }),
    );
    expect(preview.rejected).toEqual([
      { row: 3, reason: 'missingStudentNo' },
      { row: 4, reason: 'notInRoster' },
      { row: 5, reason: 'outOfRange' },
      { row: 6, reason: 'badAnswer' },
    ]);
    expect(preview.warnings).toEqual([
      { row: 2, reason: 'duplicateInFile' },
      { row: 7, reason: 'incomplete' },
    ]);
    const summary = expectOk(
      await core.call('census.import', { batchId: batch.id, fileName: 'bad.csv', contentBase64: b64(csvUtf8Bom(CENSUS_HEADERS, rows)) }),
    );
    expect(summary.imported).toBe(4);
    expect(summary.positive).toBe(1); // students[2] was rejected; the later row made students[0] positive
  });

  it('re-importing the same file changes nothing', async () => {
    const { core, batch } = await withRosterAndBatch(8);
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        censusStudents(8).map((s) => censusRow(s, 'numbers')),
      ),
    );
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    const outbox = () => core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
    const before = outbox();
    const again = expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    expect(again).toMatchObject({ imported: 0, unchanged: 16, alerts: 0 });
    expect(outbox()).toBe(before);
  });

  it('a cancelled import leaves nothing written', async () => {
    const { core, batch } = await withRosterAndBatch(3000);
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        censusStudents(3000).map((s) => censusRow(s, 'numbers')),
      ),
    );
    const pending = core.call('census.import', { batchId: batch.id, fileName: 'big.csv', contentBase64: file, jobId: 'census-1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectOk(await core.call('jobs.cancel', { jobId: 'census-1' }));
    expectError(await pending, 'CANCELLED');
    expect(expectOk(await core.call('census.followups', { batchId: batch.id }))).toEqual([]);
    expect(core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM assessments').pluck().get()).toBe(0);
  });

  it('students missing from the roster can be created from the file when asked', async () => {
    const { core, batch } = await withRosterAndBatch(2);
    const extra = { studentNo: '2026777777', name: '新同学', pattern: 'calm' as const };
    const file = b64(csvUtf8Bom(CENSUS_HEADERS, [censusRow(extra, 'numbers')]));
    expect(expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'x.csv', contentBase64: file })).rejected).toEqual([
      { row: 2, reason: 'notInRoster' },
    ]);
    expect(
      expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'x.csv', contentBase64: file, createMissingStudents: true })).imported,
    ).toBe(1);
    expect(expectOk(await core.call('students.search', { query: '2026777777' })).rows[0].name).toBe('新同学');
  });

  it('assigns by department, records outcomes, and reports progress; liaisons see counts only', async () => {
    const { core, batch } = await withRosterAndBatch(24);
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        censusStudents(24).map((s) => censusRow(s, 'numbers')),
      ),
    );
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    const counselor = expectOk(
      await core.call('accounts.create', { username: 'zixun1', displayName: '咨询师甲', roles: ['counselor'], password: 'counselor pw 01' }),
    );
    const list = expectOk(await core.call('census.followups', { batchId: batch.id }));
    const department = list[0].student.department;
    const inDepartment = list.filter((f: any) => f.student.department === department).length;
    expect(expectOk(await core.call('census.assign', { batchId: batch.id, counselorId: counselor.id, department }))).toEqual({ assigned: inDepartment });
    expectError(await core.call('census.assign', { batchId: batch.id, counselorId: counselor.id }), 'VALIDATION');
    const done = expectOk(await core.call('census.recordOutcome', { followupId: list[0].id, outcome: 'watch', note: '已约谈，情绪平稳' }));
    expect(done).toMatchObject({ status: 'done', outcome: 'watch', assignedTo: { displayName: '咨询师甲' } });
    const progress = expectOk(await core.call('census.progress', { batchId: batch.id }));
    expect(progress.byDepartment.find((d: any) => d.department === department)).toEqual({ department, total: inDepartment, done: 1 });

    expectOk(await core.call('accounts.create', { username: 'liaison1', displayName: '院系老师', roles: ['liaison'], password: 'liaison pw 001', department }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'liaison1', password: 'liaison pw 001' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'liaison pw 001', newPassword: 'liaison pw 002' }));
    expectError(await core.call('census.followups', { batchId: batch.id }), 'FORBIDDEN');
    const own = expectOk(await core.call('census.progress', { batchId: batch.id }));
    expect(own.byDepartment).toEqual([{ department, total: inDepartment, done: 1 }]);
    expect(JSON.stringify(own)).not.toMatch(/SCL|UPI|reasons|note/);
    const status = expectOk(await core.call('census.departmentStatus', { batchId: batch.id, department }));
    expect(status).toHaveLength(inDepartment);
    expect(Object.keys(status[0]).sort()).toEqual(['assignedTo', 'className', 'name', 'status', 'studentNo']);
    const other = list.find((f: any) => f.student.department !== department)?.student.department ?? '计算机学院';
    expectError(await core.call('census.departmentStatus', { batchId: batch.id, department: other }), 'FORBIDDEN', 'otherDepartment');
    expectError(await core.call('census.exportDepartmentList', { batchId: batch.id, department: other }), 'FORBIDDEN', 'otherDepartment');
    expectOk(await core.call('census.exportDepartmentList', { batchId: batch.id, department }));
  });

  it("the liaison projection's SQL selects no reasons, urgency, outcome or note", async () => {
    const { departmentStatus } = await import('../../../src-main/core/census/census-service');
    const { core, batch } = await withRosterAndBatch(1);
    const statements: string[] = [];
    const sqlite = connectionHatch(core.vault.requireStore());
    const prepare = sqlite.prepare.bind(sqlite);
    (sqlite as any).prepare = (text: string) => (statements.push(text), prepare(text));
    departmentStatus(core.vault.requireStore().db, batch.id, '文学院');
    (sqlite as any).prepare = prepare;
    expect(statements.join('\n')).toMatch(/census_followups/);
    expect(statements.join('\n')).not.toMatch(/reasons|urgency|outcome|"note"|result|responses/);
  });

  it('the batch keeps the rules it was created with', async () => {
    const { core } = await withRosterAndBatch(1);
    expectOk(await core.call('instruments.configure', { instrument: 'upi', options: { variant: 'C' } }));
    const later = expectOk(
      await core.call('census.createBatch', {
        name: '第二批',
        cohort: '2026级',
        rules: { scl90: { screen: { totalAbove: 200, pstAbove: 43, factorMeanAtLeast: 2 } } },
      }),
    );
    expect(later.rules.upi).toMatchObject({ variant: 'C' });
    expect(later.rules.scl90).toMatchObject({ screen: { totalAbove: 200 } });
    const first = expectOk(await core.call('census.listBatches', {})).find((b: any) => b.name === '2026级新生普查');
    expect(first.rules.upi).toMatchObject({ variant: 'B' });
    expectError(await core.call('census.createBatch', { name: '第二批', cohort: 'x' }), 'CONFLICT', 'censusBatchNameTaken');
  });
});

describe('census statistics and exports', () => {
  async function imported(count: number) {
    const made = await setUpCore();
    const rows = rosterRows(count);
    // A listed student (pattern sclPositive) whose name would run as a formula in Excel.
    rows[2][1] = '=HYPERLINK("x")';
    const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rows));
    const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
    expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
    const batch = expectOk(await made.core.call('census.createBatch', { name: '2026级', cohort: '2026级新生', grade: '2026级' }));
    const students = censusStudents(count);
    // Every student but the last takes part.
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        students.slice(0, -1).map((s) => censusRow(s, 'numbers')),
      ),
    );
    expectOk(await made.core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    return { ...made, batch, students, rows };
  }

  it('counts participation, positive rates and UPI categories as an independent tally does', async () => {
    const { core, batch, students, rows } = await imported(20);
    const { current } = expectOk(await core.call('census.statistics', { batchId: batch.id }));
    const taking = students.slice(0, -1);
    expect(current.screened).toBe(19);
    const departments = [...new Set(rows.map((r) => r[4]))];
    for (const department of departments) {
      const roster = rows.filter((r) => r[4] === department).length;
      const screened = taking.filter((s) => rows.find((r) => r[0] === s.studentNo)![4] === department).length;
      expect(current.participation).toContainEqual({ department, roster, screened });
    }
    const pattern = (p: string) => taking.filter((s) => s.pattern === p).length;
    expect(current.positiveRates).toEqual([
      { instrument: 'scl90', screened: 19, positive: pattern('sclPositive') },
      { instrument: 'upi', screened: 19, positive: pattern('upiCat1') + pattern('upiItem25') },
    ]);
    expect(current.upiCategories).toEqual([
      { key: '1', count: pattern('upiCat1') + pattern('upiItem25') },
      { key: '2', count: pattern('upiCat2') },
      { key: '3', count: 19 - pattern('upiCat1') - pattern('upiItem25') - pattern('upiCat2') },
    ]);
    expect(current.distributions.scl90Total.reduce((n: number, b: any) => n + b.count, 0)).toBe(19);
    expect(JSON.stringify(current)).not.toContain(students[0].studentNo);
  });

  it("exports a department's list with 学号, 姓名, 班级 and status only, formulas neutralised", async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { core, batch, rows } = await imported(16);
    const department = rows[2][4];
    const file = expectOk(await core.call('census.exportDepartmentList', { batchId: batch.id, department }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '学号', '姓名', '班级', '约谈状态']);
    const listed = expectOk(await core.call('census.followups', { batchId: batch.id, department }));
    expect(sheet.rowCount).toBe(listed.length + 1);
    expect(sheet.columnCount).toBe(4);
    const names = sheet.getColumn(2).values.filter(Boolean) as string[];
    expect(names).toContain(`'=HYPERLINK("x")`);
    for (const name of names) expect(name.startsWith('=')).toBe(false);
    const stats = expectOk(await core.call('census.exportStatistics', { batchId: batch.id }));
    expect(Buffer.from(stats.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('census files per instrument', () => {
  it('screens on the forms of both files when SCL-90 and UPI come separately', async () => {
    const { core, batch } = await withRosterAndBatch(8);
    const students = censusStudents(8);
    const full = students.map((s) => censusRow(s, 'numbers'));
    const sclHeaders = CENSUS_HEADERS.slice(0, 92);
    const upiHeaders = [CENSUS_HEADERS[0], ...CENSUS_HEADERS.slice(92)];
    const scl = b64(
      csvUtf8Bom(
        sclHeaders,
        full.map((r) => r.slice(0, 92)),
      ),
    );
    const upi = b64(
      csvUtf8Bom(
        upiHeaders,
        full.map((r) => [r[0], ...r.slice(92)]),
      ),
    );
    expectError(await core.call('census.import', { batchId: batch.id, fileName: 's.csv', contentBase64: scl }), 'VALIDATION', 'censusItemColumnsMissing');
    const first = expectOk(await core.call('census.import', { batchId: batch.id, instruments: ['scl90'], fileName: 's.csv', contentBase64: scl }));
    expect(first).toMatchObject({ imported: 8, positive: 1 });
    expect(first.category1).toBeUndefined();
    expect(expectOk(await core.call('census.followups', { batchId: batch.id }))).toHaveLength(1);
    const second = expectOk(await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'u.csv', contentBase64: upi }));
    expect(second).toMatchObject({ imported: 8, category1: 2, category2: 1 });
    const list = expectOk(await core.call('census.followups', { batchId: batch.id }));
    expect(list).toHaveLength(4);
    expect(list[0].reasons).toContain('UPI_ITEM25');
    expectError(
      await core.call('census.import', { batchId: batch.id, instruments: ['k10'], fileName: 'u.csv', contentBase64: upi }),
      'VALIDATION',
      'censusInstrumentNotInBatch',
    );
  });
});

describe('census column mapping', () => {
  it('shows the detected mapping, accepts a corrected one, and remembers it per platform', async () => {
    const { core, batch } = await withRosterAndBatch(4);
    const students = censusStudents(4);
    // A platform with its own headers: 考号 for the number, SCL题1.. and UPI题1.. for the items.
    const headers = [
      '考号',
      '姓名',
      ...Array.from({ length: 90 }, (_, i) => `SCL题目${i + 1}`),
      ...Array.from({ length: 60 }, (_, i) => `UPI题目${i + 1}`),
      '主动要求咨询',
      '附加题1',
      '附加题2',
      '附加题3',
      '附加题4',
    ];
    const content = b64(
      csvUtf8Bom(
        headers,
        students.map((s) => censusRow(s, 'numbers')),
      ),
    );
    // Nothing detectable: the preview still answers, with the headers and what is missing, so the user can map them.
    const undetected = expectOk(await core.call('census.preview', { batchId: batch.id, fileName: 'p.csv', contentBase64: content, platform: '平台甲' }));
    expect(undetected).toMatchObject({ rows: 4, imported: 0, mappingSource: 'detected', problems: [], headers });
    expect(undetected.mappingErrors.map((e: { reason: string }) => e.reason)).toEqual([
      'censusNoStudentNoColumn',
      'censusItemColumnsMissing',
      'censusItemColumnsMissing',
    ]);
    expect(undetected.mappingErrors[1]).toMatchObject({ instrument: 'scl90', expected: 90, found: 0 });
    // The import itself refuses the same file and writes nothing.
    expectError(
      await core.call('census.import', { batchId: batch.id, fileName: 'p.csv', contentBase64: content, platform: '平台甲' }),
      'VALIDATION',
      'censusNoStudentNoColumn',
    );
    expect(expectOk(await core.call('census.followups', { batchId: batch.id }))).toEqual([]);
    // A half-corrected mapping names the column that is not in the file.
    const wrong = expectOk(
      await core.call('census.preview', {
        batchId: batch.id,
        fileName: 'p.csv',
        contentBase64: content,
        platform: '平台甲',
        mapping: { studentNo: '考号', firstItem: { scl90: 'SCL题目1', upi: '没有这一列' } },
      }),
    );
    expect(wrong).toMatchObject({ mappingSource: 'given', imported: 0, mappingErrors: [{ reason: 'mappingColumnMissing', column: '没有这一列' }] });
    const mapping = {
      studentNo: '考号',
      name: '姓名',
      firstItem: { scl90: 'SCL题目1', upi: 'UPI题目1' },
      upiAsksForCounseling: '主动要求咨询',
      upiAuxiliary: ['附加题1', '附加题2', '附加题3', '附加题4'],
    };
    const given = expectOk(await core.call('census.preview', { batchId: batch.id, fileName: 'p.csv', contentBase64: content, platform: '平台甲', mapping }));
    expect(given).toMatchObject({ mappingSource: 'given', imported: 4, rejected: [] });
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'p.csv', contentBase64: content, platform: '平台甲', mapping }));
    const next = expectOk(await core.call('census.preview', { batchId: batch.id, fileName: 'p.csv', contentBase64: content, platform: '平台甲' }));
    expect(next).toMatchObject({ mappingSource: 'remembered', unchanged: 8 });
    expect(next.mapping).toMatchObject(mapping);
    // The standard layout is still detected for another platform.
    const standard = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        students.map((s) => censusRow(s, 'numbers')),
      ),
    );
    const detected = expectOk(await core.call('census.preview', { batchId: batch.id, fileName: 's.csv', contentBase64: standard }));
    expect(detected).toMatchObject({ mappingSource: 'detected', mapping: { studentNo: '学号', firstItem: { scl90: 'T1', upi: '1' } } });
  });
});
