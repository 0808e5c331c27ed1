/**
 * A calendar date as people type it in a spreadsheet cell: 2026-09-01, 2026/9/1, 2026.9.1,
 * 20260901, 2026年9月1日. Returns `YYYY-MM-DD`; undefined: not a real date (e.g. 2026-02-30);
 * null: the cell is empty. Shared by the roster's and the network's imports.
 */
export function readSheetDate(cell: string): string | null | undefined {
  const value = cell.trim();
  if (value === '') return null;
  const match = value.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? value.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
