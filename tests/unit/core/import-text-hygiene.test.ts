import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvGbk, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';

/**
 * Issue 15, finding 5: control characters and failed decodings in imported text. A name or any
 * imported text field with NUL, another C0 control or U+FFFD is a rejected row with its own
 * reason, never stored; a file that mostly fails to decode is refused with the other encoding
 * suggested.
 */
const b64 = (buffer: Buffer) => buffer.toString('base64');
const NAME = ROSTER_HEADERS.indexOf('姓名');
const DEPARTMENT = ROSTER_HEADERS.indexOf('院系');

function csvUtf8(rows: string[][]): Buffer {
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from([ROSTER_HEADERS, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

async function storedNames(core: Awaited<ReturnType<typeof setUpCore>>['core']): Promise<string[]> {
  return expectOk(await core.call('students.search', { query: '' })).rows.map((r: { name: string }) => r.name);
}

describe('imported text: control characters and undecodable bytes', () => {
  it('rejects roster rows whose mapped text holds NUL, other C0 controls, a line break or U+FFFD, each with its reason', async () => {
    const { core } = await setUpCore();
    const rows = rosterRows(8);
    rows[1][NAME] = '张\u0000三';
    rows[2][NAME] = '李\u0007四';
    rows[3][DEPARTMENT] = '计算机\u001b学院';
    rows[4][NAME] = '王\n五'; // a line break inside a quoted cell: names are one line
    rows[5][NAME] = '赵\t六';
    rows[6][NAME] = '刘\ufffd七';
    const file = { fileName: 'roster.csv', contentBase64: b64(csvUtf8(rows)) };
    const preview = expectOk(await core.call('roster.preview', file));
    expect(preview.encoding).toBe('utf-8');
    expect(preview.problems.map((p: any) => [p.row, p.reason, p.field])).toEqual([
      [3, 'controlCharacter', 'name'],
      [4, 'controlCharacter', 'name'],
      [5, 'controlCharacter', 'department'],
      [6, 'controlCharacter', 'name'],
      [7, 'controlCharacter', 'name'],
      [8, 'undecodable', 'name'],
    ]);
    // The rejected-rows file shows where the invisible character was, and is not itself broken by it.
    const csv = Buffer.from(preview.rejectedCsvBase64, 'base64').toString('utf8');
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(csv).toContain('张␀三');
    expect(csv).toContain('(controlCharacter)');

    const summary = expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
    expect(summary).toMatchObject({ rows: 8, created: 2 });
    const names = await storedNames(core);
    expect(names).toHaveLength(2);
    expect(names.every((n) => !/[\u0000-\u001f\ufffd]/.test(n))).toBe(true);
  });

  it('an .xlsx cell with a line break (Alt+Enter) in a name is rejected', async () => {
    const { core } = await setUpCore();
    const rows = rosterRows(3);
    rows[1][NAME] = '陈\n八';
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.xlsx', contentBase64: b64(await xlsx(ROSTER_HEADERS, rows)) }));
    expect(preview.problems.map((p: any) => [p.row, p.reason])).toEqual([[3, 'controlCharacter']]);
  });

  it('a UTF-8 file with one damaged byte stays UTF-8: that row is rejected as undecodable, the others keep their names', async () => {
    const { core } = await setUpCore();
    const rows = rosterRows(20);
    const bytes = csvUtf8(rows);
    // Damage the first byte of the 5th data row's name (a 3-byte UTF-8 character).
    const at = bytes.indexOf(Buffer.from(rows[4][NAME], 'utf8'));
    bytes[at] = 0xff;
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: b64(bytes) }));
    expect(preview.encoding).toBe('utf-8');
    expect(preview.problems.map((p: any) => [p.row, p.reason])).toEqual([[6, 'undecodable']]);
    const summary = expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: b64(bytes), mapping: preview.mapping }));
    expect(summary.created).toBe(19);
    const names = await storedNames(core);
    expect(names).toContain(rows[0][NAME]);
    expect(names).not.toContain(rows[4][NAME]);
  });

  it('a GBK file that says UTF-8 (BOM) is refused, suggesting GBK, and correctly encoded files still read as before', async () => {
    const { core } = await setUpCore();
    const gbkText = iconv.encode([ROSTER_HEADERS, ...rosterRows(10)].map((r) => r.join(',')).join('\r\n'), 'gbk');
    const mislabelled = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbkText]);
    const error = expectError(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: b64(mislabelled) }), 'VALIDATION', 'fileEncodingMismatch');
    expect(error.details).toMatchObject({ encoding: 'utf-8', suggested: 'gbk' });
    // Nothing stored.
    expect(await storedNames(core)).toEqual([]);
    // The right files still import as before.
    expect(expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: b64(csvGbk(ROSTER_HEADERS, rosterRows(10))) })).encoding).toBe(
      'gb18030',
    );
    expect(expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(10))) })).encoding).toBe(
      'utf-8-bom',
    );
  });

  it('rejects census rows with a control character in the name or U+FFFD in an answer', async () => {
    const made = await setUpCore();
    const { core } = made;
    const batch = expectOk(await core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生' }));
    const students = censusStudents(4);
    const rows = students.map((s) => censusRow(s, 'numbers'));
    rows[1][1] = '孙\u0000九';
    rows[2][2 + 3] = '\ufffd';
    const file = { batchId: batch.id, fileName: 'c.csv', contentBase64: b64(csvUtf8Bom(CENSUS_HEADERS, rows)), createMissingStudents: true };
    const preview = expectOk(await core.call('census.preview', file));
    expect(preview.rejected).toEqual([
      { row: 3, reason: 'controlCharacter' },
      { row: 4, reason: 'undecodable' },
    ]);
    const summary = expectOk(await core.call('census.import', file));
    expect(summary.imported).toBe(2);
    expect((await storedNames(core)).every((n) => !/[\u0000-\u001f\ufffd]/.test(n))).toBe(true);
  });
});

describe('xlsx as Excel orders it (issue 15: nothing in clear on disk)', () => {
  it('an .xlsx whose shared strings come after the sheet is read without writing the sheet to a temp file', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { parseTableFile } = await import('../../../src-main/core/util/parse-table');
    const dir = mkdtempSync(join(tmpdir(), 'counsel-xlsx-'));
    const file = join(dir, 'excel-order.xlsx');
    // The streaming writer, like Excel, puts xl/sharedStrings.xml after the worksheet.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(ROSTER_HEADERS).commit();
    for (const row of rosterRows(50)) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
    const bytes = readFileSync(file);
    expect(bytes.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(bytes.indexOf('xl/sharedStrings.xml'));

    const privateTmp = mkdtempSync(join(tmpdir(), 'counsel-private-tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      const table = await parseTableFile('excel-order.xlsx', bytes);
      expect(table.rows).toHaveLength(50);
      expect(table.rows[0]!.cells[NAME]).toBe(rosterRows(1)[0]![NAME]);
      expect(readdirSync(privateTmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

describe('fuzz: imported text never carries a control character or U+FFFD into the store', () => {
  it('random names and departments (seeded): every row with one is rejected with its reason, every other row is stored as written', async () => {
    let seed = 0x15_0005;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const BAD = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\t', '\n', '\r', '\ufffd'];
    const GOOD = ['张', '王', '李', '子', '晨', 'A', 'b', '·', ' ', '-', '丶', 'é', '𠀋'];
    const { core } = await setUpCore();
    const rows = rosterRows(120);
    const expectedBad = new Map<number, string>();
    rows.forEach((row, i) => {
      const chars = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(GOOD));
      const bad = random() < 0.4 ? pick(BAD) : null;
      const at = 1 + Math.floor(random() * (chars.length - 1));
      // Inside the text (leading and trailing whitespace is trimmed before anything is checked),
      // between characters (never inside a surrogate pair, which would itself not encode).
      const text = bad ? [...chars.slice(0, at), bad, ...chars.slice(at)].join('') : chars.join('');
      if (random() < 0.5) row[NAME] = `测${text}`;
      else row[DEPARTMENT] = `院${text}`;
      if (bad) expectedBad.set(i + 2, bad === '\ufffd' ? 'undecodable' : 'controlCharacter');
    });
    const file = { fileName: 'fuzz.csv', contentBase64: b64(csvUtf8(rows)) };
    const preview = expectOk(await core.call('roster.preview', file));
    expect(new Map(preview.problems.map((p: any) => [p.row, p.reason]))).toEqual(expectedBad);
    const summary = expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
    expect(summary.created).toBe(rows.length - expectedBad.size);
    const stored = core.vault.requireStore().sqlite.prepare('SELECT name, department FROM students').all() as { name: string; department: string }[];
    expect(stored).toHaveLength(rows.length - expectedBad.size);
    for (const s of stored) expect(`${s.name}${s.department}`).not.toMatch(/[\u0000-\u001f\u007f\ufffd]/);
  });
});
