import { eq } from 'drizzle-orm';
import { IDLE_LOCK_MINUTES, type Settings } from '../../../src-shared/contract/schemas';
import { settings } from '../store/schema';
import type { Db, WriteContext } from '../store/unit-of-work';

export const DEFAULT_SETTINGS: Settings = {
  schoolName: '',
  idleLockMinutes: IDLE_LOCK_MINUTES.default,
};

export function readSettings(db: Db): Settings {
  const rows = db.select().from(settings).all();
  const stored = Object.fromEntries(rows.map((row) => [row.id, row.value]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** Each key is its own row, so two people changing different settings never clash. */
export function writeSettings(tx: WriteContext, patch: Partial<Settings>, at: string): Settings {
  for (const [id, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (tx.db.select().from(settings).where(eq(settings.id, id)).get()) tx.update(settings, id, { value, updatedAt: at });
    else tx.insert(settings, { id, value, updatedAt: at });
  }
  return readSettings(tx.db);
}
