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

/** A file read by streamTableFile: its encoding, header and how many data rows were handed over. */
export interface StreamedTable {
  encoding: string;
  headers: string[];
  rows: number;
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

/** CSV records parsed between two turns of the event loop (~10 ms of parsing and checking here). */
const CSV_ROWS_PER_TURN = 1000;

/** Lets timers and messages that are waiting run (setImmediate: after the I/O and timer phases). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Candidate = 'utf-8' | 'gb18030';

/** Lines of the text, and how many of them hold a U+FFFD (bytes this decoder could not read). */
async function badLines(bytes: Uint8Array, encoding: Candidate): Promise<{ lines: number; bad: number }> {
  // In chunks with a streaming decoder: the decoded text is never held whole, and other calls get
  // a turn between two chunks (~10 ms each).
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
  for (let at = 0; at < bytes.length; at += CHUNK) {
    take(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
    await nextTurn();
  }
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
export async function detectEncoding(bytes: Uint8Array): Promise<{ encoding: 'utf-8-bom' | Candidate; offset: number }> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (mostlyFails(await badLines(bytes.subarray(3), 'utf-8'))) refuseEncoding('utf-8');
    return { encoding: 'utf-8-bom', offset: 3 };
  }
  const utf8 = await badLines(bytes, 'utf-8');
  if (utf8.bad === 0) return { encoding: 'utf-8', offset: 0 };
  const gb = await badLines(bytes, 'gb18030');
  const [chosen, counts] = gb.bad < utf8.bad ? (['gb18030', gb] as const) : (['utf-8', utf8] as const);
  if (mostlyFails(counts)) refuseEncoding(chosen);
  return { encoding: chosen, offset: 0 };
}

/**
 * A file's rows handed over one at a time as they are read (streamTableFile): the header (the
 * first non-empty row) first, then each non-empty data row with its 1-based file row. The cells
 * are the consumer's to keep or drop; nothing else holds them.
 */
export interface TableRowConsumer {
  headers(headers: string[]): void;
  row(fileRow: number, cells: string[]): void;
}

/**
 * Takes the header (the first non-empty row) and the non-empty data rows of a file in order,
 * refusing it once it has more than MAX_IMPORT_ROWS data rows: a consumer sees at most the limit.
 */
class RowCounter {
  headers: string[] | null = null;
  rows = 0;

  constructor(private readonly consumer: TableRowConsumer) {}

  add(fileRow: number, cells: string[]): void {
    if (!cells.some((c) => c !== '')) return;
    if (this.headers === null) {
      this.headers = cells.map((h) => h.trim());
      this.consumer.headers(this.headers);
    } else if (this.rows >= MAX_IMPORT_ROWS) throw new AppError('VALIDATION', { reason: 'tooManyRows', limit: MAX_IMPORT_ROWS });
    else {
      this.rows += 1;
      this.consumer.row(fileRow, cells);
    }
  }

  /** The file's header and data row count, once it is read whole. */
  result(encoding: string): StreamedTable {
    if (this.headers === null) throw new AppError('VALIDATION', { reason: 'emptyFile' });
    return { encoding, headers: this.headers, rows: this.rows };
  }
}

export async function parseTableFile(fileName: string, bytes: Uint8Array): Promise<ParsedTable> {
  const collector = new RowCollector();
  const { encoding, headers } = await streamTableFile(fileName, bytes, collector);
  return { encoding, headers, rows: collector.rows };
}

/**
 * The file read as parseTableFile reads it (same encoding, header, rows and errors), each row
 * handed to `consumer` as soon as it is read instead of kept in a table: a caller that turns rows
 * into something smaller never holds the whole file's cells (issue 19 goal 3). An error thrown
 * by the consumer (an AppError) stops the read and is thrown as it is.
 */
export async function streamTableFile(fileName: string, bytes: Uint8Array, consumer: TableRowConsumer): Promise<StreamedTable> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return parseXlsx(bytes, consumer);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsvText(bytes, consumer);
  throw new AppError('VALIDATION', { reason: 'unsupportedFileType', fileName });
}

/**
 * Keeps the header and the data rows of a file, packed (see RowCounter): only the rows kept grow
 * with the file, and never past the limit.
 */
class RowCollector implements TableRowConsumer {
  readonly rows: PackedRow[] = [];

  headers(): void {}

  row(fileRow: number, cells: string[]): void {
    this.rows.push(new PackedRow(fileRow, cells));
  }
}

/**
 * What the CSV parser takes at once: it turns a whole piece into records before the first one is
 * read, so a piece is the longest the thread is held (a 1 MiB piece ~60 ms; this one a few ms).
 */
const CSV_PIECE = 64 * 1024;

function* decodedChunks(bytes: Uint8Array, encoding: string): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += CSV_PIECE) yield decoder.decode(bytes.subarray(at, at + CSV_PIECE), { stream: true });
  yield decoder.decode();
}

/** Decoded in chunks and parsed as a stream: neither the whole text nor every record is held. */
async function parseCsvText(bytes: Uint8Array, consumer: TableRowConsumer): Promise<StreamedTable> {
  const { encoding, offset } = await detectEncoding(bytes);
  const collector = new RowCounter(consumer);
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
      // The stream's records arrive in microtasks only: without a turn of the event loop now and
      // then, a 200,000-row file (and its consumer's row checks) held the thread for ~2 s, and
      // every other call waited behind it. The .xlsx reader's inflate already gives such turns.
      if (fileRow % CSV_ROWS_PER_TURN === 0) await nextTurn();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  } finally {
    source.destroy();
    parser.destroy();
  }
  return collector.result(encoding);
}

/**
 * The first worksheet, read by the lean streaming reader (xlsx-rows.ts): from memory, never
 * written to disk, one row at a time to the consumer.
 */
async function parseXlsx(bytes: Uint8Array, consumer: TableRowConsumer): Promise<StreamedTable> {
  const collector = new RowCounter(consumer);
  try {
    // A view of the bytes, not a copy (Buffer.from(buffer) copies): the file is held once less.
    const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await readXlsxRows(view, (fileRow, cells) => collector.add(fileRow, cells));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { reason: 'unreadableFile' });
  }
  return collector.result('xlsx');
}
