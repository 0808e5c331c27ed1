import { describe, expect, it } from 'vitest';
import { ParsedFileCache } from '../../../src-main/core/jobs/parsed-file-cache';
import { parseTableFile } from '../../../src-main/core/util/parse-table';
import { rejectedRowsCsv } from '../../../src-main/core/util/rejected-file';
import { xlsx } from '../../support/synthetic';

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe('parsed tables kept compact (issue 19 goal 3)', () => {
  it('gives back every cell as read: empty ones, a NUL inside a cell, and the file row numbers', async () => {
    const table = await parseTableFile('r.csv', csv(['学号,姓名,备注', '', '2026000001,张一,', `2026000002,王\u0000二,x`, ',,', '2026000003,,末']));
    expect(table.headers).toEqual(['学号', '姓名', '备注']);
    expect(table.rows.map((r) => [r.fileRow, r.cells])).toEqual([
      [3, ['2026000001', '张一', '']],
      [4, ['2026000002', '王\u0000二', 'x']],
      [6, ['2026000003', '', '末']],
    ]);
    // Each read is the row's own array: changing it changes nothing kept.
    table.rows[1].cells[1] = 'changed';
    expect(table.rows[1].cells[1]).toBe('王\u0000二');
    // The rejected-rows file still shows the NUL as its picture.
    expect(rejectedRowsCsv(table, [{ row: 4, reason: 'controlCharacter' }])).toContain('王␀二');
  });

  it('reads .xlsx rows with gaps as empty cells (a row ends at its last filled cell, as before)', async () => {
    const table = await parseTableFile(
      'r.xlsx',
      await xlsx(
        ['学号', '姓名', '院系'],
        [
          ['2026000001', '', '文学院'],
          ['2026000002', '王二', ''],
        ],
      ),
    );
    expect(table.rows.map((r) => [r.fileRow, r.cells.map((c) => c ?? '')])).toEqual([
      [2, ['2026000001', '', '文学院']],
      [3, ['2026000002', '王二']],
    ]);
  });

  it('the import takes the preview’s parse and does not keep it', async () => {
    const cache = new ParsedFileCache();
    let parses = 0;
    const parse = async () => ({ parsed: ++parses });
    expect(await cache.get('f.csv', 'AAAA', parse)).toEqual({ parsed: 1 });
    expect(await cache.take('f.csv', 'AAAA', parse)).toEqual({ parsed: 1 });
    // Taken: the next import of the same file parses it again, and keeps nothing either.
    expect(await cache.take('f.csv', 'AAAA', parse)).toEqual({ parsed: 2 });
    expect(await cache.get('f.csv', 'AAAA', parse)).toEqual({ parsed: 3 });
  });
});
