import { describe, expect, it } from 'vitest';
import { ROSTER_FIELDS } from '../../../src-shared/contract/roster';
import { MAX_IMPORT_ROWS, streamTableFile } from '../../../src-main/core/util/parse-table';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';

/**
 * Issue 19 goal 3: an import with no preview before it reads its file row by row into its plan
 * (streamRosterPlan), never holding the parsed file whole. What it reads late in the file must
 * still decide for the whole file: a duplicate 学号 rejects its earlier copy too, and a file
 * refused late (too many rows, unreadable) writes nothing at all.
 */
const b64 = (buffer: Buffer) => buffer.toString('base64');

/** The synthetic roster's columns, each to its field (as the CLI and the bench give it). */
const MAPPING = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [ROSTER_FIELDS[i], h]));

type Core = Awaited<ReturnType<typeof setUpCore>>['core'];

/** Students, audit events and outbox events in the store: what an import writes. */
function written(core: Core) {
  const { sqlite } = core.vault.requireStore();
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { students: count('students'), audit: count('audit_events'), outbox: count('outbox') };
}

/** The import's summary as a preview of the same file (in another store) shows it. */
async function previewSummary(fileName: string, contentBase64: string) {
  const { core } = await setUpCore();
  const preview = expectOk(await core.call('roster.preview', { fileName, contentBase64 }));
  return {
    mapping: preview.mapping,
    summary: { ...preview.plan, rejected: preview.problems.map((p: { row: number; reason: string }) => ({ row: p.row, reason: p.reason })) },
  };
}

describe('roster import read row by row (no preview before it)', () => {
  it('a 学号 repeated near the end of the file rejects its first copy too, as the preview does (.xlsx and .csv)', async () => {
    const rows = rosterRows(3000);
    rows[2999][0] = rows[0][0];
    rows[2998][3] = '2007-02-30';
    for (const [fileName, bytes] of [
      ['late.xlsx', await xlsx(ROSTER_HEADERS, rows)],
      ['late.csv', csvUtf8Bom(ROSTER_HEADERS, rows)],
    ] as const) {
      const { mapping, summary: shown } = await previewSummary(fileName, b64(bytes));
      const { core } = await setUpCore();
      const summary = expectOk(await core.call('roster.import', { fileName, contentBase64: b64(bytes), mapping }));
      expect(summary).toEqual(shown);
      expect(summary.rejected).toEqual([
        { row: 2, reason: 'duplicateInFile' },
        { row: 2999 + 1, reason: 'badDate' },
        { row: 3000 + 1, reason: 'duplicateInFile' },
      ]);
      expect(summary).toMatchObject({ rows: 3000, created: 2997 });
      expect(expectOk(await core.call('students.search', { query: rows[0][0] })).total).toBe(0);
      expect(written(core).students).toBe(2997);
    }
  });

  it('a CSV that turns unreadable near its end is refused whole: nothing written, and the next import works', async () => {
    const good = csvUtf8Bom(ROSTER_HEADERS, rosterRows(2000)).toString('utf8');
    // An opening quote never closed: the parser fails only at the end of the file.
    const broken = Buffer.from(`${good}"2026999999,张三,男\r\n`, 'utf8');
    const { core } = await setUpCore();
    const before = written(core);
    expectError(await core.call('roster.import', { fileName: 'broken.csv', contentBase64: b64(broken), mapping: MAPPING }), 'VALIDATION', 'unreadableFile');
    expect(written(core)).toEqual(before);
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(0);
    const fine = expectOk(await core.call('roster.import', { fileName: 'fine.csv', contentBase64: b64(Buffer.from(good, 'utf8')), mapping: MAPPING }));
    expect(fine).toMatchObject({ rows: 2000, created: 2000 });
  });

  it('a mapping that names a column the file lacks is refused after the file is read (its own problems first), writing nothing', async () => {
    const file = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(50)));
    const { core } = await setUpCore();
    const before = written(core);
    const mapping = { studentNo: '学号', name: '姓名', dorm: '不存在的列' };
    expectError(await core.call('roster.import', { fileName: 'm.csv', contentBase64: file, mapping }), 'VALIDATION', 'mappingColumnMissing');
    expectError(await core.call('roster.import', { fileName: 'm.csv', contentBase64: file, mapping: { name: '姓名' } }), 'VALIDATION', 'mappingNeedsStudentNo');
    expectError(await core.call('roster.import', { fileName: 'm.pdf', contentBase64: file, mapping }), 'VALIDATION', 'unsupportedFileType');
    expect(written(core)).toEqual(before);
  });

  it('a cancel while the file is read writes nothing', async () => {
    const file = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(20_000)));
    const { core } = await setUpCore();
    const before = written(core);
    const pending = core.call('roster.import', { fileName: 'big.csv', contentBase64: file, mapping: MAPPING, jobId: 'job-s' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(expectOk(await core.call('jobs.cancel', { jobId: 'job-s' }))).toEqual({ cancelled: true });
    expectError(await pending, 'CANCELLED');
    expect(written(core)).toEqual(before);
  });

  it('streamTableFile hands over the same header and rows parseTableFile keeps, and counts them', async () => {
    const rows = rosterRows(30);
    const bytes = await xlsx(ROSTER_HEADERS, rows);
    const seen: [number, string[]][] = [];
    let headers: string[] = [];
    const file = await streamTableFile('s.xlsx', bytes, { headers: (h) => (headers = h), row: (fileRow, cells) => seen.push([fileRow, cells]) });
    expect(file).toEqual({ encoding: 'xlsx', headers: ROSTER_HEADERS, rows: 30 });
    expect(headers).toEqual(ROSTER_HEADERS);
    expect(seen.map(([fileRow]) => fileRow)).toEqual(rows.map((_, i) => i + 2));
    expect(seen[7][1][0]).toBe(rows[7][0]);
  });

  it(`a file of ${MAX_IMPORT_ROWS + 1} data rows is refused at the limit after its rows were planned, writing nothing`, { timeout: 180_000 }, async () => {
    const lines = ['学号,姓名,性别,院系'];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`2026${String(i).padStart(7, '0')},张${i % 100},男,计算机学院`);
    const { core } = await setUpCore();
    const before = written(core);
    const result = await core.call('roster.import', {
      fileName: 'huge.csv',
      contentBase64: b64(Buffer.from(lines.join('\r\n'), 'utf8')),
      mapping: { studentNo: '学号', name: '姓名', gender: '性别', department: '院系' },
    });
    expectError(result, 'VALIDATION', 'tooManyRows');
    expect(written(core)).toEqual(before);
  });
});
