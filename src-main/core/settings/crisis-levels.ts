import { DEFAULT_CRISIS_LEVELS, type CrisisLevel } from '../../../src-shared/contract/crisis';
import { ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { readSettingValue, writeSettingValue } from './settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { crisisEvents } from '../store/schema/crisis';

export const CRISIS_LEVELS_SETTING = 'crisis.levels';

/** The school's level scheme (highest first), from settings, else the default 一级/二级/三级. */
export function readCrisisLevels(db: Db): CrisisLevel[] {
  return readSettingValue<CrisisLevel[]>(db, CRISIS_LEVELS_SETTING) ?? DEFAULT_CRISIS_LEVELS;
}

export function crisisLevel(db: Db, key: string): CrisisLevel | undefined {
  return readCrisisLevels(db).find((level) => level.key === key);
}

/** Position in the scheme (0 = highest); an unknown key sorts after every known level. */
export function levelRank(levels: readonly CrisisLevel[], key: string): number {
  const index = levels.findIndex((level) => level.key === key);
  return index === -1 ? levels.length : index;
}

export function requireCrisisLevel(db: Db, key: string): CrisisLevel {
  const level = crisisLevel(db, key);
  if (!level) throw new AppError('VALIDATION', { reason: 'crisisUnknownLevel', level: key });
  return level;
}

/**
 * Saves the scheme. A level still held by an event that is not closed cannot be dropped: the
 * event would lose its colour, cadence and the steps that depend on it.
 */
export function writeCrisisLevels(tx: WriteContext, levels: CrisisLevel[], at: string): CrisisLevel[] {
  const keys = levels.map((level) => level.key);
  if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION', { reason: 'crisisDuplicateLevelKey' });
  const inUse = tx.db
    .selectDistinct({ level: crisisEvents.level })
    .from(crisisEvents)
    .where(ne(crisisEvents.status, 'closed'))
    .all()
    .map((row) => row.level)
    .filter((level) => !keys.includes(level));
  if (inUse.length > 0) throw new AppError('CONFLICT', { reason: 'crisisLevelInUse', level: inUse[0] });
  writeSettingValue(tx, CRISIS_LEVELS_SETTING, levels, at);
  return levels;
}
