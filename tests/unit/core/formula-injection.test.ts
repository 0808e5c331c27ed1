import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../../src-main/core/util/rejected-file';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore } from './helpers';

/**
 * Every spreadsheet the app hands out (census department list and statistics, centre statistics and
 * work report, audit log, the roster's rejected rows) keeps text that starts like a formula as text:
 * read back, no cell starts with = + - @ tab or CR, and no cell is a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const EVIL = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', "=cmd|' /C calc'!A0"];
const DEPARTMENT = '@SUM(A1)院系';
const b64 = (b: Buffer) => b.toString('base64');

/** Text of every cell of every sheet; a formula cell is reported as such. */
async function xlsxCells(base64: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.SharedString) cells.push(`=FORMULA CELL ${cell.address}`);
        else if (cell.type === ExcelJS.ValueType.RichText) cells.push((cell.value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''));
        else if (typeof cell.value === 'string') cells.push(cell.value);
      });
    });
  });
  return cells;
}

function csvCells(base64: string): string[] {
  const text = Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\ufeff/, '');
  return (parse(text, { relax_column_count: true }) as string[][]).flat();
}

function expectNeutral(name: string, cells: string[], mustContain: string[]) {
  expect(cells.length, name).toBeGreaterThan(0);
  expect(
    cells.filter((cell) => FORMULA_START.test(cell)),
    name,
  ).toEqual([]);
  // The hostile text did reach the file, kept as text behind an apostrophe.
  for (const text of mustContain)
    expect(
      cells.some((cell) => cell.includes(`'${text}`)),
      `${name} holds ${text}`,
    ).toBe(true);
}

describe('formula injection in exports', () => {
  it('neutralizeFormula covers the OWASP list and leaves other text alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula('张三')).toBe('张三');
    expect(neutralizeFormula('2026级')).toBe('2026级');
  });

  it('every .xlsx and .csv export keeps formula-like text as text', async () => {
    const { core } = await setUpCore();
    expectOk(await core.call('settings.update', { schoolName: '=HYPERLINK("http://x","学校")' }));

    // A roster whose names and classes start like formulas, one department named like one, and
    // rows that are rejected (bad date) so the rejected-rows file carries them too.
    const count = 16;
    const rows = rosterRows(count);
    EVIL.forEach((text, i) => {
      rows[i][1] = text; // 姓名
      rows[i][7] = text; // 班级
      rows[i][4] = DEPARTMENT; // 院系
    });
    const rejected = rosterRows(2, 100).map((row, i) => {
      row[1] = EVIL[i];
      row[3] = 'not a date';
      return row;
    });
    const roster = b64(csvUtf8Bom(ROSTER_HEADERS, [...rows, ...rejected]));
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
    expect(preview.rejectedCsvBase64).toBeTruthy();
    expectNeutral('roster rejected rows', csvCells(preview.rejectedCsvBase64), [EVIL[0], EVIL[1]]);
    const result = expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
    if (result.rejectedCsvBase64) expectNeutral('roster import rejected rows', csvCells(result.rejectedCsvBase64), [EVIL[0]]);

    // A census batch whose name starts like a formula; every student takes part, so the flagged
    // ones (the formula-named among them) are on the department's list.
    const batch = expectOk(await core.call('census.createBatch', { name: '+普查批次', cohort: '2026级新生', grade: '2026级' }));
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        censusStudents(count).map((s, i) => censusRow({ ...s, name: rows[i][1] }, 'numbers')),
      ),
    );
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    const list = expectOk(await core.call('census.exportDepartmentList', { batchId: batch.id, department: DEPARTMENT }));
    const listCells = await xlsxCells(list.contentBase64);
    expectNeutral('census department list', listCells, [EVIL.find((text) => listCells.some((cell) => cell === `'${text}`)) ?? EVIL[0]]);
    const censusStats = expectOk(await core.call('census.exportStatistics', { batchId: batch.id }));
    expectNeutral('census statistics', await xlsxCells(censusStats.contentBase64), [DEPARTMENT]);

    // The centre's statistics and work report: school name, department and batch name are text.
    const period = { kind: 'schoolYear', schoolYear: 2026 } as const;
    const stats = expectOk(await core.call('statistics.exportXlsx', { period }));
    expectNeutral('statistics', await xlsxCells(stats.contentBase64), ['=HYPERLINK("http://x","学校")', '+普查批次']);
    const ofDepartment = expectOk(await core.call('statistics.exportXlsx', { period, department: DEPARTMENT }));
    expectNeutral('statistics of a department', await xlsxCells(ofDepartment.contentBase64), [DEPARTMENT]);
    const report = expectOk(await core.call('statistics.workReport', { period }));
    expectNeutral('work report', await xlsxCells(report.contentBase64), ['=HYPERLINK("http://x","学校")', '+普查批次']);

    // The audit log names the students the events are about, and the accounts that acted.
    expectOk(
      await core.call('accounts.create', {
        username: 'evil.name',
        displayName: '=HYPERLINK("http://x","账号")',
        roles: ['counselor'],
        password: 'evil name pw 01',
      }),
    );
    const audit = expectOk(await core.call('auditlog.export', {}));
    expectNeutral('audit log', await xlsxCells(audit.contentBase64), ['=HYPERLINK("http://x","账号")']);
  }, 60_000);
});
