import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseTableFile } from '../core/util/parse-table';
import { signUpdate, type RosterUpdate } from '../core/sync/bundle/codec';

export class RosterFileError extends Error {}

/**
 * Rows of a roster update keyed by the roster import's headers (学号, 姓名, 院系, …): the
 * registrar's export as CSV/XLSX (read like the workstation's roster import, GBK included) or
 * JSON (an array of objects, or `{ "rows": [...] }`).
 */
export async function readRosterRows(file: string): Promise<Record<string, string>[]> {
  const bytes = readFileSync(file);
  if (file.toLowerCase().endsWith('.json')) return rowsFromJson(bytes.toString('utf8'));
  const table = await parseTableFile(basename(file), bytes);
  return table.rows.map(({ cells }) => {
    const row: Record<string, string> = {};
    table.headers.forEach((header, i) => {
      if (header.trim() !== '') row[header.trim()] = (cells[i] ?? '').trim();
    });
    return row;
  });
}

function rowsFromJson(text: string): Record<string, string>[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new RosterFileError('The roster file is not valid JSON.');
  }
  const rows = Array.isArray(value) ? value : (value as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) throw new RosterFileError('The roster JSON must be an array of rows or { "rows": [...] }.');
  return rows.map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new RosterFileError(`Row ${i + 1} is not an object.`);
    const out: Record<string, string> = {};
    for (const [key, cell] of Object.entries(row)) {
      if (cell === null || cell === undefined) continue;
      if (typeof cell === 'object') throw new RosterFileError(`Row ${i + 1}, "${key}": a cell must be text or a number.`);
      out[key] = String(cell);
    }
    return out;
  });
}

export function makeRosterUpdate(rows: Record<string, string>[], privateKeyPem: string, createdAt: string): { update: RosterUpdate; fileText: string } {
  if (rows.length === 0) throw new RosterFileError('The roster file has no rows.');
  const update: RosterUpdate = { kind: 'roster', bundleId: randomUUID(), createdAt, rows };
  return { update, fileText: signUpdate(update, privateKeyPem) };
}
