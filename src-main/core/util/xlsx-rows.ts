import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * A lean streaming reader of an .xlsx file's first worksheet, as text cells (issue 19 goals 1
 * and 3). exceljs's streaming reader made a Row and a Cell object (with its style) per cell, and
 * parked a sheet on disk when the shared strings came after it; this one reads the zip from memory
 * (the central directory, so the parts are read in the order needed, never written anywhere),
 * keeps the shared strings as a string array and the number formats as one flag per cell style,
 * and hands each row to the caller as soon as its `</row>` is read. Nothing else grows with the file.
 *
 * Cells come as the registrar sees them: text trimmed (rich text runs joined, phonetic runs left
 * out), numbers without `.0`, date-formatted numbers as YYYY-MM-DD (1900 or 1904 date system),
 * booleans as true/false, error cells as their code (#N/A), formula cells as their cached result.
 * A missing cell is '' at its column; a row ends at its last non-empty cell.
 */

/** Thrown for anything that is not a readable .xlsx (the caller turns it into its own error). */
export class UnreadableXlsx extends Error {
  constructor(reason: string) {
    super(`unreadable .xlsx: ${reason}`);
    this.name = 'UnreadableXlsx';
  }
}

/** Excel's own limits: 16,384 columns (XFD) and 32,767 characters in a cell. */
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;

const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as a 1900-system serial
const DATE1904_OFFSET_DAYS = 1_462;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Built-in number formats that show a date: 14–22 and 45–47 as exceljs read them (18–21 and 45–47
 * are times, which it also took for dates), and the Chinese locale's built-in date formats
 * (27–31, 36, 50–54, 57, 58: 2007年1月2日, 1月2日, …) that Excel and WPS in China store by id only.
 */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 36, 45, 46, 47, 50, 51, 52, 53, 54, 57, 58]);

/**
 * A custom number format shows a date when, outside quoted text, escapes, fills, brackets
 * ([Red], [$-804]) and AM/PM markers, it has a year or a day code, or a month code with no
 * hour or second code (m next to h or s is minutes): `yyyy"年"m"月"d"日"`, `mmm-yy`, `yyyy/m/d h:mm`
 * are dates; `h:mm`, `mm:ss`, `[h]:mm:ss`, `0.00` and `General` are not.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time: [h]:mm, [mm]:ss
    .replace(/\[[^\]]*\]/g, '')
    .replace(/am\/pm|a\/p/gi, '')
    .replace(/general/gi, '')
    .toLowerCase();
  if (/[yd]/.test(bare)) return true;
  return bare.includes('m') && !/[hs]/.test(bare);
}

/** A date serial as YYYY-MM-DD (exceljs's arithmetic: the same day for every serial it read). */
function serialDate(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - EXCEL_EPOCH_DAYS + (date1904 ? DATE1904_OFFSET_DAYS : 0)) * DAY_MS));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/** 'AB12' → 27 (0-based column), or -1 when the reference has no column letters. */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
    if (column > MAX_COLUMNS) throw new UnreadableXlsx(`cell reference ${ref.slice(0, 20)}`);
  }
  return i === 0 ? -1 : column - 1;
}

/** The element's name without its namespace prefix (`x:c` → `c`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

/** Stops a part's parse early (its handlers have read what they need). */
class StopParsing extends Error {}

interface Zip {
  file: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

function openZip(bytes: Buffer): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: false }, (error, file) => {
      if (error || !file) return reject(new UnreadableXlsx(error?.message ?? 'no zip'));
      const entries = new Map<string, yauzl.Entry>();
      file.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        file.readEntry();
      });
      file.once('end', () => resolve({ file, entries }));
      file.once('error', (e: Error) => reject(new UnreadableXlsx(e.message)));
      file.readEntry();
    });
  });
}

/** The entry of a part (by exact name, else ignoring case as Excel does), or undefined. */
function entryOf(zip: Zip, path: string): yauzl.Entry | undefined {
  const exact = zip.entries.get(path);
  if (exact) return exact;
  const lower = path.toLowerCase();
  for (const [name, entry] of zip.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

function openEntry(zip: Zip, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.file.openReadStream(entry, (error, stream) => (error || !stream ? reject(new UnreadableXlsx(error?.message ?? 'entry')) : resolve(stream)));
  });
}

/** Streams one part through a SAX parser: inflated, decoded and parsed a chunk at a time. */
async function parsePart(zip: Zip, entry: yauzl.Entry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  const stream = await openEntry(zip, entry);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) parser.write(text);
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  } finally {
    stream.destroy();
  }
}

interface Relationship {
  type: string;
  target: string;
}

/** A relationships part: id → type and target (resolved against the folder of the part it describes). */
async function relationships(zip: Zip, relsPath: string, baseDir: string): Promise<Map<string, Relationship>> {
  const found = new Map<string, Relationship>();
  const entry = entryOf(zip, relsPath);
  if (!entry) return found;
  await parsePart(zip, entry, {
    open(name, attributes) {
      if (name !== 'Relationship' || !attributes.Id || !attributes.Target || attributes.TargetMode === 'External') return;
      const target = attributes.Target.startsWith('/') ? attributes.Target.slice(1) : posix.normalize(posix.join(baseDir, attributes.Target));
      found.set(attributes.Id, { type: attributes.Type ?? '', target });
    },
    text() {},
    close() {},
  });
  return found;
}

function relationshipOfType(rels: Map<string, Relationship>, type: string): string | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(`/${type}`)) return rel.target;
  return undefined;
}

/** The attribute `r:id` under whatever prefix the file gave the relationships namespace. */
function relationshipId(attributes: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(attributes)) if (name.endsWith(':id')) return value;
  return undefined;
}

interface WorkbookParts {
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  date1904: boolean;
}

/** The package's workbook, its first sheet (the first tab), shared strings, styles and date system. */
async function workbookParts(zip: Zip): Promise<WorkbookParts> {
  const rootRels = await relationships(zip, '_rels/.rels', '');
  const workbookPath = relationshipOfType(rootRels, 'officeDocument') ?? 'xl/workbook.xml';
  const workbookEntry = entryOf(zip, workbookPath);
  if (!workbookEntry) throw new UnreadableXlsx('no workbook');
  const dir = posix.dirname(workbookPath);
  const rels = await relationships(zip, posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`), dir);
  let date1904 = false;
  let sheetId: string | undefined;
  await parsePart(zip, workbookEntry, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      else if (name === 'sheet') {
        sheetId = relationshipId(attributes);
        throw new StopParsing();
      }
    },
    text() {},
    close() {},
  });
  const sheet = sheetId === undefined ? undefined : rels.get(sheetId)?.target;
  if (!sheet || !entryOf(zip, sheet)) throw new UnreadableXlsx('no first sheet');
  const orDefault = (path: string) => (entryOf(zip, path) ? path : undefined);
  return {
    sheet,
    sharedStrings: relationshipOfType(rels, 'sharedStrings') ?? orDefault(posix.join(dir, 'sharedStrings.xml')),
    styles: relationshipOfType(rels, 'styles') ?? orDefault(posix.join(dir, 'styles.xml')),
    date1904,
  };
}

/** Whether each cell style (cellXfs, by index) shows its number as a date. */
async function dateStyles(zip: Zip, path: string | undefined): Promise<boolean[]> {
  const entry = path === undefined ? undefined : entryOf(zip, path);
  if (!entry) return [];
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, {
    open(name, attributes) {
      if (name === 'numFmt' && attributes.numFmtId !== undefined) customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(attributes.numFmtId ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') {
        inCellXfs = false;
        throw new StopParsing();
      }
    },
  });
  return formatIds.map((id) => {
    const custom = customFormats.get(id);
    return custom === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(custom);
  });
}

/**
 * Collects the text of `<t>` elements outside phonetic runs (`<rPh>`), as in a shared string
 * (`<si>`) or an inline string (`<is>`): plain or rich text, its runs joined.
 */
class StringText {
  private depthInPhonetic = 0;
  private inText = false;
  text = '';

  open(name: string): void {
    if (name === 'rPh') this.depthInPhonetic += 1;
    else if (name === 't' && this.depthInPhonetic === 0) this.inText = true;
  }

  add(text: string): void {
    if (!this.inText) return;
    this.text += text;
    if (this.text.length > MAX_CELL_TEXT) throw new UnreadableXlsx('cell text too long');
  }

  close(name: string): void {
    if (name === 'rPh') this.depthInPhonetic -= 1;
    else if (name === 't') this.inText = false;
  }

  take(): string {
    const text = this.text.trim();
    this.text = '';
    this.inText = false;
    this.depthInPhonetic = 0;
    return text;
  }
}

/** The shared strings, trimmed: the one thing kept that grows with the file (besides the caller's rows). */
async function sharedStrings(zip: Zip, path: string | undefined): Promise<string[]> {
  const entry = path === undefined ? undefined : entryOf(zip, path);
  if (!entry) return [];
  const strings: string[] = [];
  const current = new StringText();
  await parsePart(zip, entry, {
    open(name) {
      if (name === 'si') current.take();
      else current.open(name);
    },
    text(text) {
      current.add(text);
    },
    close(name) {
      if (name === 'si') strings.push(current.take());
      else current.close(name);
    },
  });
  return strings;
}

/** What the sheet reader is inside of. */
const In = { Nothing: 0, Value: 1, InlineString: 2 } as const;

/**
 * The sheet's rows, one `<row>` at a time: each complete row goes to `onRow` before the next is
 * read. `onRow` may throw to stop the reading (its error is what this throws).
 */
async function readSheet(
  zip: Zip,
  path: string,
  strings: readonly string[],
  isDate: readonly boolean[],
  date1904: boolean,
  onRow: (fileRow: number, cells: string[]) => void,
): Promise<void> {
  let inSheetData = false;
  let cells: string[] | null = null;
  let rowNumber = 0;
  let nextColumn = 0;
  // The cell being read.
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inside: (typeof In)[keyof typeof In] = In.Nothing;
  const inline = new StringText();
  let hasInline = false;

  const cellText = (): string => {
    switch (type) {
      case 's':
        return strings[Number.parseInt(value, 10)] ?? '';
      case 'inlineStr':
        return hasInline ? inline.take() : value.trim();
      case 'str':
      case 'e':
        return value.trim();
      case 'b': {
        const text = value.trim();
        return text === '' ? '' : Number.parseInt(text, 10) !== 0 ? 'true' : 'false';
      }
      case 'd': {
        const text = value.trim();
        return /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? text;
      }
      default: {
        const text = value.trim();
        if (text === '') return '';
        const number = Number.parseFloat(text);
        if (Number.isNaN(number)) return text;
        return isDate[style] ? serialDate(number, date1904) : String(number);
      }
    }
  };

  await parsePart(zip, entryOf(zip, path)!, {
    open(name, attributes) {
      if (inside === In.InlineString) {
        inline.open(name);
        return;
      }
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (!inSheetData) break;
          {
            const number = attributes.r ? Number.parseInt(attributes.r, 10) : Number.NaN;
            rowNumber = Number.isNaN(number) ? rowNumber + 1 : number;
          }
          cells = [];
          nextColumn = 0;
          break;
        case 'c':
          if (!cells) break;
          column = attributes.r ? columnOf(attributes.r) : -1;
          if (column < 0) column = nextColumn;
          if (column >= MAX_COLUMNS) throw new UnreadableXlsx('too many columns');
          type = attributes.t ?? 'n';
          style = attributes.s ? Number.parseInt(attributes.s, 10) : 0;
          value = '';
          hasInline = false;
          break;
        case 'v':
          if (column >= 0) inside = In.Value;
          break;
        case 'is':
          if (column >= 0) {
            inside = In.InlineString;
            hasInline = true;
            inline.take();
          }
          break;
      }
    },
    text(text) {
      if (inside === In.Value) {
        value += text;
        if (value.length > MAX_CELL_TEXT) throw new UnreadableXlsx('cell text too long');
      } else if (inside === In.InlineString) inline.add(text);
    },
    close(name) {
      if (inside === In.InlineString) {
        if (name === 'is') inside = In.Nothing;
        else inline.close(name);
        return;
      }
      switch (name) {
        case 'v':
          inside = In.Nothing;
          break;
        case 'c':
          if (!cells || column < 0) break;
          {
            const text = cellText();
            if (text !== '') cells[column] = text;
          }
          nextColumn = column + 1;
          column = -1;
          break;
        case 'row':
          if (!cells) break;
          {
            const row = cells;
            cells = null;
            for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = '';
            onRow(rowNumber, row);
          }
          break;
        case 'sheetData':
          // The rest of the sheet (merged cells, hyperlinks, page setup) is not read.
          throw new StopParsing();
      }
    },
  });
}

/**
 * Reads the first worksheet (the first tab) of an .xlsx file held in memory, handing each row to
 * `onRow` (its 1-based row number in the sheet, its cells as text). Throws UnreadableXlsx for a
 * damaged zip or XML, or whatever `onRow` throws.
 */
export async function readXlsxRows(bytes: Buffer, onRow: (fileRow: number, cells: string[]) => void): Promise<void> {
  const zip = await openZip(bytes);
  try {
    const parts = await workbookParts(zip);
    const isDate = await dateStyles(zip, parts.styles);
    const strings = await sharedStrings(zip, parts.sharedStrings);
    await readSheet(zip, parts.sheet, strings, isDate, parts.date1904, onRow);
  } finally {
    zip.file.close();
  }
}
