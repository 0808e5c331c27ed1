/**
 * Text that came from a file someone else made (roster, census): what must never be stored
 * silently. NUL and the other C0 controls (and DEL) are invisible in every screen and export, break
 * CSV and XML files written later, and in a name make two students look the same; U+FFFD is what
 * a decoder leaves where bytes did not decode (a wrong encoding or a damaged file), so the text
 * stored would not be what the file meant.
 */
export type TextProblem = 'controlCharacter' | 'undecodable';

/** C0 controls and DEL; tab, line feed and carriage return are allowed only in multi-line fields. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const REPLACEMENT_CHARACTER = '\ufffd';

/** The first problem of one text field, or null. Names and the other one-line fields never allow a line break or tab. */
export function textProblem(value: string, options: { multiLine?: boolean } = {}): TextProblem | null {
  if (value.includes(REPLACEMENT_CHARACTER)) return 'undecodable';
  return (options.multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value) ? 'controlCharacter' : null;
}

/** The first problem among the given columns of a row (only the columns that are imported). */
export function rowTextProblem(cells: readonly string[], columns: Iterable<number | null>): { column: number; reason: TextProblem } | null {
  for (const column of columns) {
    if (column === null) continue;
    const reason = textProblem(cells[column] ?? '');
    if (reason) return { column, reason };
  }
  return null;
}

/**
 * The same text with each control character shown as its visible Unicode picture (␀ for NUL, ␊
 * for a line feed…), for files a person reads to fix the rows: the position stays visible and
 * the file is not broken by it.
 */
export function showControlCharacters(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, (ch) => (ch === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + ch.charCodeAt(0))));
}
