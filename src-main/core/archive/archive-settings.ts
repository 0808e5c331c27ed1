import { ARCHIVE_AFTER_DAYS, RECORD_KINDS, RETENTION_YEARS, type ArchiveSettings, type RecordKind } from '../../../src-shared/contract/archive';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';

export const AFTER_DAYS_SETTING = 'archive.afterDays';
export const RETENTION_SETTING = 'archive.retention';

function defaultRetention(): Record<RecordKind, number> {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, RETENTION_YEARS.default])) as Record<RecordKind, number>;
}

/** Stored values over the defaults, so a kind added later starts at the default. */
export function readArchiveSettings(db: Db): ArchiveSettings {
  const afterDays = readSettingValue<number>(db, AFTER_DAYS_SETTING) ?? ARCHIVE_AFTER_DAYS.default;
  const stored = readSettingValue<Partial<Record<RecordKind, number>>>(db, RETENTION_SETTING) ?? {};
  return { afterDays, retention: { ...defaultRetention(), ...stored } };
}

export function writeArchiveSettings(tx: WriteContext, value: ArchiveSettings, at: string): ArchiveSettings {
  writeSettingValue(tx, AFTER_DAYS_SETTING, value.afterDays, at);
  writeSettingValue(tx, RETENTION_SETTING, value.retention, at);
  return readArchiveSettings(tx.db);
}
