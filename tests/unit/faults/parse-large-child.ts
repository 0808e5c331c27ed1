/**
 * Parses one import file in its own process and reports the outcome and the peak memory, for
 * the large-file test (issue 15, finding 6):
 *
 *   node --import tsx tests/unit/faults/parse-large-child.ts FILE
 *
 * Prints one JSON line: `{ rows, error, details, baselineRss, peakRss, ms }` (RSS in bytes). The
 * baseline is the peak after the file's bytes are read (as the import channel holds them),
 * before parsing starts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseTableFile } from '../../../src-main/core/util/parse-table';

const file = process.argv[2]!;
const bytes = readFileSync(file);
const peak = () => process.resourceUsage().maxRSS * 1024;
const baselineRss = peak();
const started = Date.now();
let outcome: { rows: number | null; error: string | null; details: unknown };
try {
  const table = await parseTableFile(basename(file), bytes);
  outcome = { rows: table.rows.length, error: null, details: null };
} catch (error) {
  const e = error as { code?: string; details?: unknown; message?: string };
  outcome = { rows: null, error: e.code ?? String(e.message), details: e.details ?? null };
}
process.stdout.write(`${JSON.stringify({ ...outcome, baselineRss, peakRss: peak(), ms: Date.now() - started })}\n`);
