import { describe, expect, it } from 'vitest';
import { streamTableFile } from '../../../src-main/core/util/parse-table';

/**
 * Other calls wait while a file is read on the core's thread: a large CSV must leave the event loop
 * turns while it is parsed (its records arrive in microtasks only; a 200,000-row file held the
 * thread for ~2 s in one piece).
 */
describe('reading a large CSV', () => {
  it('gives the event loop turns while its encoding is checked and at least every 2,000 rows, and hands over every row in order', async () => {
    const lines = ['学号,姓名,院系'];
    for (let i = 0; i < 20_000; i++) lines.push(`2026${String(i).padStart(6, '0')},测试学生${i},院系${i % 20}`);
    let turns = 0;
    let reading = true;
    const tick = () => {
      if (!reading) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);

    const seen: number[] = [];
    let turnsAtFirstRow = -1;
    let longest = 0;
    let stretch = 0;
    let lastTurns = turns;
    const result = await streamTableFile('roster.csv', Buffer.from(lines.join('\n'), 'utf8'), {
      headers: (headers) => expect(headers).toEqual(['学号', '姓名', '院系']),
      row: (fileRow, cells) => {
        if (seen.length === 0) turnsAtFirstRow = turns;
        seen.push(fileRow);
        expect(cells[0]).toBe(`2026${String(fileRow - 2).padStart(6, '0')}`);
        if (turns === lastTurns) stretch += 1;
        else [stretch, lastTurns] = [1, turns];
        longest = Math.max(longest, stretch);
      },
    });
    reading = false;

    expect(result.rows).toBe(20_000);
    expect(seen).toHaveLength(20_000);
    expect(seen[0]).toBe(2);
    expect(seen[19_999]).toBe(20_001);
    // The encoding check before the first row (the whole file decoded once) gives turns too.
    expect(turnsAtFirstRow).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(2_000);
  });
});
