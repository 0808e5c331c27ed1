/** Cell readers shared by the roster and census imports: Chinese spreadsheets' usual spellings. */

const GENDER_VALUES: Record<string, 'male' | 'female' | 'other'> = {
  男: 'male',
  男性: 'male',
  m: 'male',
  male: 'male',
  '1': 'male',
  女: 'female',
  女性: 'female',
  f: 'female',
  female: 'female',
  '2': 'female',
  其他: 'other',
  other: 'other',
};

/** undefined: not a gender we know (the row is rejected); null: left empty. */
export function readGender(cell: string): 'male' | 'female' | 'other' | null | undefined {
  const value = cell.trim().toLowerCase();
  if (value === '') return null;
  return GENDER_VALUES[value];
}

/**
 * Dates as registrars write them: 2008-03-01, 2008/3/1, 2008.3.1, 20080301, 2008年3月1日.
 * undefined: not a real date; null: empty.
 */
export function readDate(cell: string): string | null | undefined {
  const value = cell.trim();
  if (value === '') return null;
  const match = value.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? value.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  if (y < 1900 || date.getTime() > Date.now()) return undefined;
  return `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
