import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { AppError } from '../../../src-shared/contract/errors';

/** A spreadsheet as text cells: the header row and the data rows under it (1-based file rows kept). */
export interface ParsedTable {
  encoding: string;
  headers: string[];
  rows: { fileRow: number; cells: string[] }[];
}

/**
 * Excel in China saves CSV as GBK unless told otherwise; other tools write UTF-8, with or
 * without a BOM. Strict UTF-8 decoding fails on GBK bytes, which is how the two are told apart
 * (GB18030 is a superset of GBK, so it reads both).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export async function parseTableFile(fileName: string, bytes: Uint8Array): Promise<ParsedTable> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return parseXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsvText(bytes);
  throw new AppError('VALIDATION', { reason: 'unsupportedFileType', fileName });
}

function parseCsvText(bytes: Uint8Array): ParsedTable {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true, trim: false });
  } catch {
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  }
  return withHeader(records.map((cells, i) => ({ fileRow: i + 1, cells: cells.map((c) => c.trim()) })), encoding);
}

/** The streaming reader is about a third faster than loading the whole workbook; first sheet only. */
async function parseXlsx(bytes: Uint8Array): Promise<ParsedTable> {
  const records: { fileRow: number; cells: string[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell a date cell from a number
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        records.push({ fileRow: row.number, cells: (row.values as unknown[]).slice(1).map(cellText) });
      }
      break;
    }
  } catch {
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  }
  if (records.length === 0) throw new AppError('VALIDATION', { reason: 'emptyFile' });
  return withHeader(records, 'xlsx');
}

/** Excel cells as the registrar sees them: dates as YYYY-MM-DD, numbers without `.0`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
    if (cell.richText) return cell.richText.map((r) => r.text).join('').trim();
    if (cell.result !== undefined) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text.trim();
  }
  return String(value).trim();
}

function withHeader(records: { fileRow: number; cells: string[] }[], encoding: string): ParsedTable {
  const firstIndex = records.findIndex((r) => r.cells.some((c) => c !== ''));
  if (firstIndex < 0) throw new AppError('VALIDATION', { reason: 'emptyFile' });
  const headers = records[firstIndex].cells.map((h) => h.trim());
  const rows = records.slice(firstIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  return { encoding, headers, rows };
}
