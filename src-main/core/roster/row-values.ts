import { readSheetDate } from '../util/sheet-date';

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
 * Birth dates as registrars write them (any spelling readSheetDate reads), from 1900 to today.
 * undefined: not a real date or outside that range; null: empty.
 */
export function readDate(cell: string): string | null | undefined {
  const date = readSheetDate(cell);
  if (!date) return date;
  if (Number(date.slice(0, 4)) < 1900 || Date.parse(`${date}T00:00:00Z`) > Date.now()) return undefined;
  return date;
}
