import { crc32 } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseTableFile } from '../../../src-main/core/util/parse-table';
import { isDateFormat, readXlsxRows } from '../../../src-main/core/util/xlsx-rows';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, rosterRows, xlsx } from '../../support/synthetic';

/**
 * The lean .xlsx reader (issue 19 goals 1 and 3) against the oracle: the exceljs streaming reader
 * as parse-table.ts used it until 2026-12-06 (kept here, below), on the project's synthetic files
 * and on workbooks with every kind of cell. Where the two differ on purpose (exceljs's mistakes),
 * the test says so and asserts both.
 */

type Row = [fileRow: number, cells: string[]];

// ---- The oracle: parse-table.ts's exceljs path as it was. ----

function sheetsLast(bytes: Buffer): Buffer {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return bytes;
  const count = bytes.readUInt16LE(eocd + 10);
  const centralAt = bytes.readUInt32LE(eocd + 16);
  const entries: { name: string; offset: number }[] = [];
  let at = centralAt;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return bytes;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({ name: bytes.toString('utf8', at + 46, at + 46 + nameLength), offset: bytes.readUInt32LE(at + 42) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  if (byOffset.some((e) => e.offset >= centralAt)) return bytes;
  const slice = (entry: { offset: number }) => {
    const next = byOffset.find((e) => e.offset > entry.offset)?.offset ?? centralAt;
    return bytes.subarray(entry.offset, next);
  };
  const isSheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  const ordered = [...byOffset.filter((e) => !isSheet(e.name)), ...byOffset.filter((e) => isSheet(e.name))];
  return Buffer.concat([...ordered.map(slice), bytes.subarray(centralAt)]);
}

function oracleCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (cell.richText)
      return cell.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (cell.result !== undefined) return oracleCellText(cell.result);
    if (typeof cell.text === 'string') return cell.text.trim();
  }
  return String(value).trim();
}

async function oracleRows(bytes: Buffer): Promise<Row[]> {
  const rows: Row[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(sheetsLast(bytes)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) rows.push([row.number, (row.values as unknown[]).slice(1).map(oracleCellText)]);
    break;
  }
  return rows;
}

/** The oracle's cells as this reader gives them: a gap is '' and a row ends at its last non-empty cell. */
function normalized(rows: Row[]): Row[] {
  return rows.map(([fileRow, cells]) => {
    const full = Array.from(cells, (c) => c ?? '');
    while (full.length > 0 && full[full.length - 1] === '') full.pop();
    return [fileRow, full];
  });
}

async function leanRows(bytes: Buffer): Promise<Row[]> {
  const rows: Row[] = [];
  await readXlsxRows(bytes, (fileRow, cells) => rows.push([fileRow, cells]));
  return rows;
}

// ---- Hand-written packages (stored, not deflated), for what exceljs never writes. ----

function storedZip(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt32LE(crc32(data), 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    central.push(header, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface Package {
  sheets: string[];
  sharedStrings?: string[];
  styles?: string;
  workbookPr?: string;
  /** The tabs in order, as indexes into `sheets` (sheet1.xml is sheets[0]). */
  tabs?: number[];
  prefix?: string;
}

function xlsxPackage({ sheets, sharedStrings, styles, workbookPr = '', tabs, prefix = '' }: Package): Buffer {
  const order = tabs ?? sheets.map((_, i) => i);
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const files: Record<string, string> = {
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:rel="${RELS}">${workbookPr}<${p}sheets>${order
      .map((i) => `<${p}sheet name="S${i + 1}" sheetId="${i + 1}" rel:id="rIdSheet${i + 1}"/>`)
      .join('')}</${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_RELS}">${sheets
      .map((_, i) => `<Relationship Id="rIdSheet${i + 1}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rIdStyles" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rIdStrings" Type="${RELS}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
  };
  if (styles !== undefined) files['xl/styles.xml'] = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${styles}</styleSheet>`;
  sheets.forEach((rows, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
  });
  // After the sheets, as Excel writes it.
  if (sharedStrings)
    files['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${sharedStrings.length}">${sharedStrings.join('')}</sst>`;
  return storedZip(files);
}

/** A workbook as exceljs writes it: with shared strings, or (its streaming writer) with inline ones. */
async function workbookBuffer(build: (workbook: ExcelJS.Workbook) => void, options = { useSharedStrings: true }): Promise<Buffer> {
  if (options.useSharedStrings) {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  build(workbook as unknown as ExcelJS.Workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('the lean .xlsx reader gives what the exceljs reader gave', () => {
  it('on the synthetic roster', async () => {
    const file = await xlsx(ROSTER_HEADERS, rosterRows(500));
    const rows = await leanRows(file);
    expect(rows).toHaveLength(501);
    expect(rows).toEqual(normalized(await oracleRows(file)));
  });

  it('on the synthetic census files (answers as digits, letters, labels and as number cells)', async () => {
    const students = censusStudents(40);
    for (const style of ['numbers', 'letters', 'labels'] as const) {
      const file = await xlsx(
        CENSUS_HEADERS,
        students.map((s) => censusRow(s, style)),
      );
      expect(await leanRows(file)).toEqual(normalized(await oracleRows(file)));
    }
    const numeric = await xlsx(
      CENSUS_HEADERS,
      students.map((s) => censusRow(s, 'numbers').map((cell, i) => (i < 2 ? cell : Number(cell)))),
    );
    const rows = await leanRows(numeric);
    expect(rows[1]![1]).toHaveLength(CENSUS_HEADERS.length);
    expect(rows).toEqual(normalized(await oracleRows(numeric)));
  });

  it('on a workbook with dates, date-formatted numbers, decimals, booleans, formulas, rich text, gaps and a second sheet', async () => {
    for (const useSharedStrings of [true, false]) {
      const file = await workbookBuffer(
        (workbook) => {
          const sheet = workbook.addWorksheet('名单');
          sheet.addRow(['学号', '姓名', '出生日期', '入学', '分数', '是否', '公式', '文本公式', '富文本', '链接', '备注']);
          sheet.addRow([
            '2026000001',
            ' 张一 ',
            new Date(Date.UTC(2007, 0, 2)),
            39_084,
            1.5,
            true,
            { formula: 'E2*2', result: 3 },
            { formula: 'B2&"x"', result: '张一x' },
            { richText: [{ text: ' 王' }, { font: { bold: true }, text: '二 ' }] },
            { text: '链接', hyperlink: 'https://example.invalid/' },
            '末',
          ]);
          sheet.getRow(2).getCell(4).numFmt = 'yyyy"年"m"月"d"日"';
          sheet.addRow([2_026_000_002, '李三', new Date(Date.UTC(2008, 1, 29, 13, 30)), 45_000.75, 0.1 + 0.2, false, { formula: 'E3-1', result: -0.7 }]);
          sheet.getRow(3).getCell(3).numFmt = 'yyyy/m/d h:mm';
          sheet.getRow(3).getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
          sheet.addRow([]);
          const gaps = sheet.addRow(['2026000004']);
          gaps.getCell(4).value = '中间有空';
          gaps.getCell(11).value = 1e21;
          sheet.addRow(['2026000005', '', '', -3, 12_345_678_901, 'x'.repeat(300)]);
          const second = workbook.addWorksheet('说明');
          second.addRow(['这一页不读']);
        },
        { useSharedStrings },
      );
      const rows = await leanRows(file);
      const oracle = normalized(await oracleRows(file));
      if (useSharedStrings) expect(rows).toEqual(oracle);
      else {
        // Inline rich text: exceljs kept only its last run (' 王' lost); the runs are joined here.
        expect(oracle[1]![1][8]).toBe('二');
        expect(rows[1]![1][8]).toBe('王二');
        oracle[1]![1][8] = '王二';
        expect(rows).toEqual(oracle);
      }
      expect(rows.map(([n]) => n)).toEqual([1, 2, 3, 5, 6]);
      expect(rows[1]![1]).toEqual(['2026000001', '张一', '2007-01-02', '2007-01-02', '1.5', 'true', '3', '张一x', '王二', '链接', '末']);
      expect(rows[2]![1]).toEqual(['2026000002', '李三', '2008-02-29', '2023-03-15', '0.30000000000000004', 'false', '-0.7']);
      expect(rows[3]![1]).toEqual(['2026000004', '', '', '中间有空', '', '', '', '', '', '', '1e+21']);
      expect(rows[4]![1]).toEqual(['2026000005', '', '', '-3', '12345678901', 'x'.repeat(300)]);
    }
  });

  it('reads through parseTableFile with the same headers, rows and file row numbers', async () => {
    const file = await xlsx(ROSTER_HEADERS, [...rosterRows(3), [], ...rosterRows(2, 3)]);
    const table = await parseTableFile('r.xlsx', file);
    const oracle = normalized(await oracleRows(file));
    expect(table.headers).toEqual(oracle[0]![1]);
    expect(table.rows.map((r) => [r.fileRow, r.cells])).toEqual(oracle.slice(1).filter(([, cells]) => cells.length > 0));
    expect(table.rows.map((r) => r.fileRow)).toEqual([2, 3, 4, 6, 7]);
  });
});

describe('cells exceljs read wrongly, read as the registrar sees them', () => {
  it('error cells, boolean and date formula results, time formats and the Chinese built-in date formats', async () => {
    const file = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(['错误', '公式布尔', '公式日期', '时间', '中文日期']);
      sheet.addRow([{ error: '#N/A' }, { formula: 'TRUE()', result: true }, { formula: 'DATE(2007,1,2)', result: 39_084 }, 0.5, 39_084]);
      sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
      sheet.getCell('D2').numFmt = 'hh:mm'; // a custom format (exceljs writes h:mm as the built-in 20)
    });
    const oracle = normalized(await oracleRows(file));
    expect(oracle[1]![1].slice(0, 4)).toEqual(['[object Object]', '1', '39084', '1899-12-30']);
    expect((await leanRows(file))[1]![1]).toEqual(['#N/A', 'true', '2007-01-02', '0.5', '39084']);

    // Excel and WPS in China store 2007年1月2日 (numFmtId 31) and 1月2日 (58) by id, with no format code.
    const chinese = xlsxPackage({
      styles: '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="58"/></cellXfs>',
      sheets: ['<row r="1"><c r="A1" s="1"><v>39084</v></c><c r="B1" s="2"><v>39084.5</v></c><c r="C1"><v>39084</v></c></row>'],
    });
    expect(await leanRows(chinese)).toEqual([[1, ['2007-01-02', '2007-01-02', '39084']]]);
  });

  it('inline and shared rich text with phonetic runs, CDATA, entities, t="d" cells and cells without a reference', async () => {
    const file = xlsxPackage({
      sharedStrings: [
        '<si><t xml:space="preserve"> 陈 </t></si>',
        '<si><r><rPr><b/></rPr><t>漢</t></r><r><t>字</t></r><rPh sb="0" eb="1"><t>かん</t></rPh></si>',
        '<si><t/></si>',
        '<si><t>A &amp; B &lt;C&gt;</t></si>',
      ],
      sheets: [
        [
          '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c><c r="E2" t="s"><v>2</v></c></row>',
          '<row r="3"><c t="inlineStr"><is><r><t>一</t></r><r><t xml:space="preserve">二 </t></r><rPh><t>x</t></rPh></is></c><c t="str"><v><![CDATA[<三>]]></v></c><c t="s"><v>3</v></c></row>',
          '<row><c r="A4" t="d"><v>2024-02-29T00:00:00</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4"><f>1/0</f></c><c r="E4" t="s"><v>99</v></c></row>',
        ].join(''),
      ],
    });
    expect(await leanRows(file)).toEqual([
      [2, ['', '陈', '', '漢字']],
      [3, ['一二', '<三>', 'A & B <C>']],
      [4, ['2024-02-29', 'true', '#DIV/0!']],
    ]);
  });

  it('the first tab, not the first sheet file; the 1904 date system; namespace prefixes; style 0 with a date format', async () => {
    const file = xlsxPackage({
      prefix: 'x',
      workbookPr: '<x:workbookPr date1904="1"/>',
      tabs: [1, 0],
      styles:
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="164"/><xf numFmtId="0"/></cellXfs>',
      sheets: [
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>第二个标签</x:t></x:is></x:c></x:row>',
        '<x:row r="1"><x:c r="A1"><x:v>37622</x:v></x:c><x:c r="B1" s="1"><x:v>7</x:v></x:c></x:row>',
      ],
    });
    // 37,622 in the 1904 system is 39,084 in the 1900 system: 2007-01-02.
    expect(await leanRows(file)).toEqual([[1, ['2007-01-02', '7']]]);
  });

  it('tells date formats from time and number formats', () => {
    for (const code of ['yyyy-mm-dd', 'm/d/yy', 'mmm-yy', 'd-mmm', '[$-804]yyyy"年"m"月"d"日"', 'yyyy/m/d h:mm', 'mmmm', '[DBNum1]yyyy"年"m"月"'])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0', '0.00E+00', '@', 'h:mm', 'mm:ss', '[h]:mm:ss', '[mm]:ss', 'h:mm AM/PM', '"月"0', '0"天"', '_(* #,##0_)'])
      expect(isDateFormat(code), code).toBe(false);
  });
});

describe('files the reader refuses', () => {
  const refused = async (bytes: Buffer) => {
    const error = (await parseTableFile('r.xlsx', bytes).catch((e: unknown) => e)) as { code?: string; details?: unknown };
    return { code: error.code, details: error.details };
  };
  const unreadable = { code: 'VALIDATION', details: { reason: 'unreadableFile' } };

  it('a damaged file (truncated, not a zip, broken XML, no workbook) is unreadable; an empty sheet is empty', async () => {
    const good = await xlsx(ROSTER_HEADERS, rosterRows(50));
    expect(await refused(good.subarray(0, Math.floor(good.length / 2)))).toEqual(unreadable);
    expect(await refused(Buffer.from('学号,姓名\n1,张一\n'))).toEqual(unreadable);
    expect(await refused(xlsxPackage({ sheets: ['<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></row>'] }))).toEqual(unreadable);
    expect(await refused(storedZip({ 'word/document.xml': '<document/>' }))).toEqual(unreadable);
    expect(await refused(xlsxPackage({ sheets: ['<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'] }))).toEqual(unreadable);
    expect(await refused(xlsxPackage({ sheets: [''] }))).toEqual({ code: 'VALIDATION', details: { reason: 'emptyFile' } });
    expect(await refused(xlsxPackage({ sheets: ['<row r="1"><c r="A1"/></row>'] }))).toEqual({ code: 'VALIDATION', details: { reason: 'emptyFile' } });
  });

  it('stops at an error the caller throws from a row, with nothing more read', async () => {
    const file = await xlsx(ROSTER_HEADERS, rosterRows(100));
    let seen = 0;
    const stop = new Error('enough');
    await expect(
      readXlsxRows(file, () => {
        seen += 1;
        if (seen === 10) throw stop;
      }),
    ).rejects.toBe(stop);
    expect(seen).toBe(10);
  });
});
