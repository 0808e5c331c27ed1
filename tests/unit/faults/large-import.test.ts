import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, parseTableFile } from '../../../src-main/core/util/parse-table';
import { tempDir } from '../core/helpers';

/**
 * Issue 15, finding 6: a roster or census file with millions of rows exhausted memory. Files are
 * read as streams with a row limit (stated in the error), and memory does not grow with the file
 * beyond the rows kept. Each large file is parsed in a child process that reports its peak RSS.
 */
const CHILD = fileURLToPath(new URL('./parse-large-child.ts', import.meta.url));
const MB = 1024 * 1024;

interface ChildReport {
  rows: number | null;
  error: string | null;
  details: { reason?: string; limit?: number } | null;
  baselineRss: number;
  peakRss: number;
  ms: number;
}

function parseInChild(file: string): ChildReport {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file], { cwd: process.cwd(), encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildReport;
}

function csvLines(count: number): string {
  const lines = ['学号,姓名,性别,院系'];
  for (let i = 0; i < count; i++) lines.push(`2026${String(i).padStart(7, '0')},张${i % 100},男,计算机学院`);
  return `${lines.join('\r\n')}\r\n`;
}

describe('large import files (issue 15, finding 6)', () => {
  it('a CSV of a million rows is refused at the limit, and parsing it grows memory by far less than the file would need', { timeout: 120_000 }, () => {
    const file = join(tempDir(), 'huge.csv');
    writeFileSync(file, csvLines(1_000_000));
    const report = parseInChild(file);
    expect(report).toMatchObject({ rows: null, error: 'VALIDATION', details: { reason: 'tooManyRows', limit: 200_000 } });
    // Keeping every row of this file took ~600 MB over the baseline; the rows up to the limit take ~120 MB.
    expect((report.peakRss - report.baselineRss) / MB).toBeLessThan(250);
  });

  it('an .xlsx of 200,001 data rows is refused at the limit with bounded memory', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'huge.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['学号', '姓名', '性别', '院系']).commit();
    for (let i = 0; i < MAX_IMPORT_ROWS + 1; i++) sheet.addRow([`2026${String(i).padStart(7, '0')}`, `张${i % 100}`, '男', '计算机学院']).commit();
    sheet.commit();
    await workbook.commit();
    const report = parseInChild(file);
    expect(report).toMatchObject({ rows: null, error: 'VALIDATION', details: { reason: 'tooManyRows', limit: 200_000 } });
    expect((report.peakRss - report.baselineRss) / MB).toBeLessThan(350);
  });

  it('exactly 200,000 data rows (and blank lines around them) are still read', { timeout: 120_000 }, async () => {
    const text = `\r\n${csvLines(MAX_IMPORT_ROWS)}\r\n\r\n`;
    const table = await parseTableFile('limit.csv', Buffer.from(text, 'utf8'));
    expect(table.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(table.headers).toEqual(['学号', '姓名', '性别', '院系']);
    expect(table.rows[MAX_IMPORT_ROWS - 1]!.cells[0]).toBe(`2026${String(MAX_IMPORT_ROWS - 1).padStart(7, '0')}`);
  });
});
