import type { TeachingTerm } from '../../../src-shared/calendar/calendar-time';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';

const TERM_SETTING = 'calendar.term';

export function readTerm(db: Db): TeachingTerm | null {
  const value = readSettingValue<TeachingTerm | { cleared: true }>(db, TERM_SETTING);
  return value && 'firstMonday' in value ? { firstMonday: value.firstMonday, weeks: value.weeks } : null;
}

/** Clearing keeps the row (the settings value cannot be NULL) with a marker instead of a term. */
export function writeTerm(tx: WriteContext, term: TeachingTerm | null, at: string): TeachingTerm | null {
  writeSettingValue(tx, TERM_SETTING, term ?? { cleared: true }, at);
  return readTerm(tx.db);
}
