import type { CensusMapping } from '../../../src-shared/contract/census';
import { AppError } from '../../../src-shared/contract/errors';
import { getInstrumentDefinition } from '../../../src-shared/instruments';
import { normalizeHeader } from '../roster/mapping';

/**
 * Where a census platform's export keeps each answer. Item columns are named like 1..90,
 * T1.., Q1.., 第1题.., optionally prefixed by the instrument (SCL1, UPI_1). Unprefixed columns
 * are given to the batch's instruments in order: numbering that starts again at 1 begins the
 * next instrument, as platforms write one block per questionnaire.
 */
export interface CensusColumns {
  studentNo: number;
  name: number | null;
  gender: number | null;
  department: number | null;
  /** instrument -> column index per item (item 1 at [0]). */
  items: Record<string, number[]>;
  upiAsksForCounseling: number | null;
  upiAuxiliary: number[];
}

const ITEM_HEADER = /^(scl-?90|scl|upi)?[\s_\-.]*(?:t|q|第|题)?\s*(\d{1,3})\s*题?$/i;
const PREFIX_TO_INSTRUMENT: Record<string, string> = { scl: 'scl90', scl90: 'scl90', 'scl-90': 'scl90', upi: 'upi' };

function find(headers: readonly string[], names: string[]): number | null {
  const at = headers.findIndex((h) => names.includes(normalizeHeader(h)));
  return at >= 0 ? at : null;
}

/** Why a file's columns cannot be read yet: shown by the preview so the user can correct the mapping. */
export interface CensusMappingError {
  reason: 'censusNoStudentNoColumn' | 'censusItemColumnsMissing' | 'mappingColumnMissing';
  instrument?: string;
  expected?: number;
  found?: number;
  column?: string;
}

/** Find what can be found, and say what is missing, without giving up at the first gap. */
export function scanCensusColumns(headers: readonly string[], instruments: readonly string[]) {
  const errors: CensusMappingError[] = [];
  const studentNo = find(headers, ['学号', '学生学号', '学籍号', 'studentno', 'studentid', '用户名', '账号']);
  if (studentNo === null) errors.push({ reason: 'censusNoStudentNoColumn' });
  const items: Record<string, number[]> = Object.fromEntries(instruments.map((id) => [id, []]));
  let block = 0;
  let last = 0;
  headers.forEach((header, column) => {
    const match = header.trim().match(ITEM_HEADER);
    if (!match) return;
    const n = Number(match[2]);
    let instrument: string | undefined;
    if (match[1]) instrument = PREFIX_TO_INSTRUMENT[match[1].toLowerCase()];
    else {
      if (n <= last) block += 1;
      last = n;
      instrument = instruments[block];
    }
    if (instrument && items[instrument] && n >= 1) items[instrument][n - 1] = column;
  });
  for (const id of instruments) {
    const count = getInstrumentDefinition(id).itemCount;
    const found = items[id].slice(0, count).filter((c) => c !== undefined).length;
    if (found < count) errors.push({ reason: 'censusItemColumnsMissing', instrument: id, expected: count, found });
    items[id] = items[id].slice(0, count);
  }
  const asks = headers.findIndex((h) => /(主动|希望|需要|要求).*咨询/.test(h));
  const columns: CensusColumns = {
    studentNo: studentNo ?? -1,
    name: find(headers, ['姓名', '学生姓名', 'name']),
    gender: find(headers, ['性别', 'gender', 'sex']),
    department: find(headers, ['院系', '学院', '所在院系', 'department', 'college']),
    items,
    upiAsksForCounseling: asks >= 0 ? asks : null,
    upiAuxiliary: headers.flatMap((h, i) => (/^附加题?\s*\d$/.test(h.trim()) ? [i] : [])),
  };
  return { columns, errors };
}

/**
 * Item-like columns that no instrument of the reading uses: a file declared as UPI that also holds
 * SCL-90 items (or the other way round) would otherwise be read as the wrong questionnaire.
 */
export function unusedItemColumns(headers: readonly string[], columns: CensusColumns): number {
  const used = new Set(Object.values(columns.items).flat());
  return headers.filter((header, column) => ITEM_HEADER.test(header.trim()) && !used.has(column)).length;
}

export function detectCensusColumns(headers: readonly string[], instruments: readonly string[]): CensusColumns {
  const { columns, errors } = scanCensusColumns(headers, instruments);
  if (errors.length > 0) throw new AppError('VALIDATION', { ...errors[0] });
  return columns;
}

const SCL_LABELS = ['没有', '很轻', '中等', '偏重', '严重'];
const YES = ['是', '有', 'y', 'yes', '√', 'a', '1'];
const NO = ['否', '无', 'n', 'no', '×', 'x', 'b', '0'];

/**
 * One cell as an answer on the instrument's scale: a number as written, a letter A-E as the
 * n-th option, or the Chinese option label. null for an empty cell; undefined when unreadable.
 */
export function readCensusAnswer(instrument: string, cell: string, scale: { min: number; max: number }): number | null | undefined {
  const value = cell.trim();
  if (value === '') return null;
  if (instrument === 'upi') {
    const lower = value.toLowerCase();
    if (YES.includes(lower)) return 1;
    if (NO.includes(lower)) return 0;
    return undefined;
  }
  if (/^-?\d+$/.test(value)) return Number(value);
  if (/^[A-Ea-e]$/.test(value)) return scale.min + value.toUpperCase().charCodeAt(0) - 65;
  const label = SCL_LABELS.indexOf(value);
  if (instrument === 'scl90' && label >= 0) return scale.min + label;
  return undefined;
}

export function readYesNo(cell: string): boolean | null {
  const value = cell.trim().toLowerCase();
  if (YES.includes(value)) return true;
  if (NO.includes(value)) return false;
  return null;
}

/** The detected (or given) columns as header names: what the user sees and corrects. */
export function mappingFromColumns(headers: readonly string[], columns: CensusColumns): CensusMapping {
  const header = (i: number | null) => (i === null ? null : headers[i]);
  return {
    studentNo: headers[columns.studentNo] ?? '',
    name: header(columns.name),
    gender: header(columns.gender),
    department: header(columns.department),
    firstItem: Object.fromEntries(Object.entries(columns.items).flatMap(([id, indices]) => (indices[0] === undefined ? [] : [[id, headers[indices[0]]]]))),
    upiAsksForCounseling: header(columns.upiAsksForCounseling),
    upiAuxiliary: columns.upiAuxiliary.map((i) => headers[i]),
  };
}

/** A mapping by header names back to column positions; each instrument's items follow its first. */
export function columnsFromMapping(headers: readonly string[], mapping: CensusMapping, instruments: readonly string[]): CensusColumns {
  const at = (name: string | null | undefined): number | null => {
    if (name === null || name === undefined) return null;
    const index = headers.indexOf(name);
    if (index < 0) throw new AppError('VALIDATION', { reason: 'mappingColumnMissing', column: name });
    return index;
  };
  const items: Record<string, number[]> = {};
  for (const id of instruments) {
    const first = at(mapping.firstItem[id as keyof CensusMapping['firstItem']]);
    const count = getInstrumentDefinition(id).itemCount;
    if (first === null) throw new AppError('VALIDATION', { reason: 'censusItemColumnsMissing', instrument: id, expected: count, found: 0 });
    if (first + count > headers.length) {
      throw new AppError('VALIDATION', { reason: 'censusItemColumnsMissing', instrument: id, expected: count, found: headers.length - first });
    }
    items[id] = Array.from({ length: count }, (_, i) => first + i);
  }
  return {
    studentNo: at(mapping.studentNo)!,
    name: at(mapping.name),
    gender: at(mapping.gender),
    department: at(mapping.department),
    items,
    upiAsksForCounseling: at(mapping.upiAsksForCounseling),
    upiAuxiliary: (mapping.upiAuxiliary ?? []).map((h) => at(h)!),
  };
}
