import { DEFAULT_CRISIS_LEVELS, type CrisisLevel } from '../../../src-shared/contract/crisis';
import { readSettingValue } from '../settings/settings-service';
import type { Db } from '../store/unit-of-work';

export const CRISIS_LEVELS_SETTING = 'crisis.levels';

/** The school's level scheme (highest first), from settings, else the default 一级/二级/三级. */
export function readCrisisLevels(db: Db): CrisisLevel[] {
  return readSettingValue<CrisisLevel[]>(db, CRISIS_LEVELS_SETTING) ?? DEFAULT_CRISIS_LEVELS;
}

export function crisisLevel(db: Db, key: string): CrisisLevel | undefined {
  return readCrisisLevels(db).find((level) => level.key === key);
}
