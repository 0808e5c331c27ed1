import { parse as parseCsvStream } from 'csv-parse';
import { Readable } from 'node:stream';
import { AppError } from '../../../src-shared/contract/errors';
import { readXlsxRows } from './xlsx-rows';

/** A spreadsheet as text cells: the header row and the data rows under it (1-based file rows kept). */
export interface ParsedTable {
  encoding: string;
  headers: string[];
  rows: { readonly fileRow: number; readonly cells: string[] }[];
}

const SEPARATOR = '\u0000';

/**
 * A data row as the table keeps it until it is read: its cells joined into one string (split again
 * on each read of `cells`), not an array of strings. A 200,000-row roster's table is then about
 * half its size, and a census row of 150 one-digit answers a quarter (issue 19 goal 3). A row with
 * the separator in a cell (a control character, which the import rejects) keeps its array.
 */
class PackedRow {
  private readonly packed: string | string[];

  constructor(
    readonly fileRow: number,
    cells: string[],
  ) {
    this.packed = cells.length === 0 || cells.some((c) => c.includes(SEPARATOR)) ? cells : cells.join(SEPARATOR);
  }

  get cells(): string[] {
    return typeof this.packed === 'string' ? this.packed.split(SEPARATOR) : [...this.packed];
  }
}

/** Rows a roster or census file may hold (data rows under the header): far above any school's cohort. */
export const MAX_IMPORT_ROWS = 200_000;

const CHUNK = 1024 * 1024;

type Candidate = 'utf-8' | 'gb18030';

/** Lines of the text, and how many of them hold a U+FFFD (bytes this decoder could not read). */
function badLines(bytes: Uint8Array, encoding: Candidate): { lines: number; bad: number } {
  // In chunks with a streaming decoder: the decoded text is never held whole.
  const decoder = new TextDecoder(encoding);
  let lines = 0;
  let bad = 0;
  let lineHasText = false;
  let lineIsBad = false;
  const take = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a) {
        if (lineHasText) lines += 1;
        if (lineIsBad) bad += 1;
        lineHasText = lineIsBad = false;
      } else {
        lineHasText = true;
        if (ch === 0xfffd) lineIsBad = true;
      }
    }
  };
  for (let at = 0; at < bytes.length; at += CHUNK) take(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
  take(decoder.decode());
  if (lineHasText) lines += 1;
  if (lineIsBad) bad += 1;
  return { lines, bad };
}

/** More than half of the lines fail to decode: the file is not in this encoding. */
function mostlyFails({ lines, bad }: { lines: number; bad: number }): boolean {
  return bad > 0 && bad * 2 > lines;
}

const ENCODING_NAMES: Record<Candidate, string> = { 'utf-8': 'utf-8', gb18030: 'gbk' };

function refuseEncoding(tried: Candidate): never {
  const other: Candidate = tried === 'utf-8' ? 'gb18030' : 'utf-8';
  throw new AppError('VALIDATION', { reason: 'fileEncodingMismatch', encoding: ENCODING_NAMES[tried], suggested: ENCODING_NAMES[other] });
}

/**
 * Excel in China saves CSV as GBK unless told otherwise; other tools write UTF-8, with or
 * without a BOM. The encoding is the one whose decoding leaves fewer lines with U+FFFD (GB18030
 * is a superset of GBK, so it reads both). A UTF-8 file with one damaged byte stays UTF-8 (its
 * row is then rejected as undecodable) instead of turning into GBK gibberish as a whole; a file
 * that mostly fails in the encoding chosen (or declared by its BOM) is refused, naming the other.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: 'utf-8-bom' | Candidate; offset: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (mostlyFails(badLines(bytes.subarray(3), 'utf-8'))) refuseEncoding('utf-8');
    return { encoding: 'utf-8-bom', offset: 3 };
  }
  const utf8 = badLines(bytes, 'utf-8');
  if (utf8.bad === 0) return { encoding: 'utf-8', offset: 0 };
  const gb = badLines(bytes, 'gb18030');
  const [chosen, counts] = gb.bad < utf8.bad ? (['gb18030', gb] as const) : (['utf-8', utf8] as const);
  if (mostlyFails(counts)) refuseEncoding(chosen);
  return { encoding: chosen, offset: 0 };
}

export async function parseTableFile(fileName: string, bytes: Uint8Array): Promise<ParsedTable> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return parseXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsvText(bytes);
  throw new AppError('VALIDATION', { reason: 'unsupportedFileType', fileName });
}

/**
 * Keeps the header (the first non-empty row) and the non-empty data rows of a file, packed,
 * refusing it once it has more than MAX_IMPORT_ROWS data rows: only the rows kept grow with the
 * file, and never past the limit.
 */
class RowCollector {
  headers: string[] | null = null;
  readonly rows: PackedRow[] = [];

  add(fileRow: number, cells: string[]): void {
    if (!cells.some((c) => c !== '')) return;
    if (this.headers === null) this.headers = cells.map((h) => h.trim());
    else if (this.rows.length >= MAX_IMPORT_ROWS) throw new AppError('VALIDATION', { reason: 'tooManyRows', limit: MAX_IMPORT_ROWS });
    else this.rows.push(new PackedRow(fileRow, cells));
  }

  table(encoding: string): ParsedTable {
    if (this.headers === null) throw new AppError('VALIDATION', { reason: 'emptyFile' });
    return { encoding, headers: this.headers, rows: this.rows };
  }
}

function* decodedChunks(bytes: Uint8Array, encoding: string): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += CHUNK) yield decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true });
  yield decoder.decode();
}

/** Decoded in chunks and parsed as a stream: neither the whole text nor every record is held. */
async function parseCsvText(bytes: Uint8Array): Promise<ParsedTable> {
  const { encoding, offset } = detectEncoding(bytes);
  const collector = new RowCollector();
  const parser = parseCsvStream({ relax_column_count: true, skip_empty_lines: false, bom: true, trim: false });
  const source = Readable.from(decodedChunks(bytes.subarray(offset), encoding === 'utf-8-bom' ? 'utf-8' : encoding));
  source.pipe(parser);
  let fileRow = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      fileRow += 1;
      collector.add(
        fileRow,
        cells.map((c) => c.trim()),
      );
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  } finally {
    source.destroy();
    parser.destroy();
  }
  return collector.table(encoding);
}

/**
 * The first worksheet, read by the lean streaming reader (xlsx-rows.ts): from memory, never
 * written to disk, one row at a time into the collector.
 */
async function parseXlsx(bytes: Uint8Array): Promise<ParsedTable> {
  const collector = new RowCollector();
  try {
    // A view of the bytes, not a copy (Buffer.from(buffer) copies): the file is held once less.
    const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await readXlsxRows(view, (fileRow, cells) => collector.add(fileRow, cells));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  }
  return collector.table('xlsx');
}
