import { stringify } from 'csv-stringify/sync';
import type { ParsedTable } from './parse-table';
import { showControlCharacters } from './text-hygiene';

/** Reasons in the file the user fixes by hand: Chinese first, the code for support. */
const REASON_LABELS: Record<string, string> = {
  missingStudentNo: '缺少学号',
  badStudentNo: '学号格式不正确',
  missingName: '缺少姓名',
  badDate: '日期无法识别',
  duplicateInFile: '文件中学号重复',
  unknownGender: '性别无法识别',
  fieldTooLong: '内容过长',
  notInRoster: '学号不在花名册中',
  outOfRange: '答案超出范围',
  incomplete: '问卷不完整',
  controlCharacter: '含有控制字符（不可见字符）',
  undecodable: '含有无法识别的字符（编码错误或文件损坏）',
  tooManyRows: '行数超过上限',
};

/** A cell starting with = + - @ would run as a formula in Excel: keep it text. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The rejected rows as a CSV that opens in Excel (UTF-8 with BOM): the original columns plus
 * the problem, so the registrar can fix them and import again.
 */
export function rejectedRowsCsv(table: ParsedTable, problems: { row: number; reason: string }[]): string | null {
  if (problems.length === 0) return null;
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), `${REASON_LABELS[p.reason] ?? p.reason} (${p.reason})`]);
  const records = table.rows
    .filter((r) => byRow.has(r.fileRow))
    // Control characters shown as their pictures (␀, ␊…): visible where they are, and the CSV stays whole.
    .map(({ fileRow, cells }) => [
      String(fileRow),
      ...table.headers.map((_, i) => neutralizeFormula(showControlCharacters(cells[i] ?? ''))),
      byRow.get(fileRow)!.join('; '),
    ]);
  const header = ['行号 row', ...table.headers.map(neutralizeFormula), '问题 problem'];
  return `\ufeff${stringify([header, ...records])}`;
}
