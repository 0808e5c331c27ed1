import { eq } from 'drizzle-orm';
import { IDLE_LOCK_MINUTES, type Settings } from '../../../src-shared/contract/schemas';
import { settings } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';

export const DEFAULT_SETTINGS: Settings = {
  schoolName: '',
  idleLockMinutes: IDLE_LOCK_MINUTES.default,
};

/** `workstationName` is optional (set at setup or later by the admin): absent until named. */
const GENERAL_KEYS = [...Object.keys(DEFAULT_SETTINGS), 'workstationName'];

export function readSettings(db: Db): Settings {
  const rows = db
    .select()
    .from(settings)
    .all()
    .filter((row) => GENERAL_KEYS.includes(row.id));
  const stored = Object.fromEntries(rows.map((row) => [row.id, row.value]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** Each key is its own row, so two people changing different settings never clash. */
export function writeSettings(tx: WriteContext, patch: Partial<Settings>, at: string): Settings {
  for (const [id, value] of Object.entries(patch)) {
    if (value !== undefined) writeSettingValue(tx, id, value, at);
  }
  return readSettings(tx.db);
}

/** Module settings (instrument switches, remembered mappings) live in the same table. */
export function readSettingValue<T>(db: Db, id: string): T | undefined {
  return db.select().from(settings).where(eq(settings.id, id)).get()?.value as T | undefined;
}

/** Writes only a real change, so saving the same value twice leaves no audit or outbox event. */
export function writeSettingValue(tx: WriteContext, id: string, value: unknown, at: string): void {
  const current = tx.db.select().from(settings).where(eq(settings.id, id)).get();
  if (!current) tx.insert(settings, { id, value, updatedAt: at });
  else if (JSON.stringify(current.value) !== JSON.stringify(value)) tx.update(settings, id, { value, updatedAt: at });
}

/**
 * This workstation's name (设置 → 工作站名称, e.g. 1号工作站), or null when none was given. Shown in
 * the audit log and its export instead of 本工作站, and meant for export bundles.
 */
export function getWorkstationName(db: Db): string | null {
  const value = readSettingValue<unknown>(db, 'workstationName');
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
