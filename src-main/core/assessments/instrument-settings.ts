import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import {
  getInstrumentDefinition,
  INSTRUMENT_IDS,
  InstrumentInputError,
  listInstruments,
  resolveOptions,
  type LoadedWording,
} from '../../../src-shared/instruments';
import type { InstrumentId } from '../../../src-shared/instruments/types';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { instrumentWordings } from '../store/schema/assessments';

const SETTING = 'instruments.config';

type InstrumentConfig = Partial<Record<InstrumentId, { enabled: boolean; options: Record<string, unknown> }>>;

export function instrumentConfig(db: Db, id: InstrumentId): { enabled: boolean; options: Record<string, unknown> } {
  const stored = readSettingValue<InstrumentConfig>(db, SETTING)?.[id];
  return { enabled: stored?.enabled ?? true, options: resolveOptions(id, stored?.options ?? {}) };
}

export function loadedWording(db: Db, id: InstrumentId): LoadedWording | null {
  return (db.select().from(instrumentWordings).where(eq(instrumentWordings.id, id)).get()?.wording as LoadedWording | undefined) ?? null;
}

export function instrumentSetting(db: Db, id: InstrumentId) {
  const definition = getInstrumentDefinition(id);
  const config = instrumentConfig(db, id);
  const loaded = loadedWording(db, id);
  return {
    id,
    name: definition.name,
    itemCount: definition.itemCount,
    enabled: config.enabled,
    options: config.options,
    scoringOnly: definition.scoringOnly,
    hasWording: definition.wording !== null || loaded !== null,
    wordingSource: definition.wording ? ('shipped' as const) : loaded ? ('loaded' as const) : ('none' as const),
  };
}

export function listInstrumentSettings(db: Db) {
  return listInstruments().map((definition) => instrumentSetting(db, definition.id));
}

/** Options are validated by the scorer's own schema, so a cutoff the engine cannot use is refused. */
export function configureInstrument(tx: WriteContext, id: InstrumentId, change: { enabled?: boolean; options?: Record<string, unknown> }, at: string): void {
  const current = readSettingValue<InstrumentConfig>(tx.db, SETTING) ?? {};
  let options = current[id]?.options ?? {};
  if (change.options) {
    try {
      resolveOptions(id, change.options);
    } catch (error) {
      if (error instanceof InstrumentInputError) throw new AppError('VALIDATION', { ...error.details, reason: 'badInstrumentOptions' });
      throw error;
    }
    options = change.options;
  }
  writeSettingValue(tx, SETTING, { ...current, [id]: { enabled: change.enabled ?? current[id]?.enabled ?? true, options } }, at);
}

export function saveWording(tx: WriteContext, id: InstrumentId, wording: LoadedWording, at: string): void {
  const definition = getInstrumentDefinition(id);
  const numbers = wording.items.map((item) => item.number);
  const complete = numbers.length === definition.itemCount && numbers.every((n, i) => n === i + 1);
  if (!complete) throw new AppError('VALIDATION', { reason: 'wordingItemsMismatch', expected: definition.itemCount, actual: numbers.length });
  const row = { wording: wording as unknown as Record<string, unknown>, loadedBy: tx.actor.accountId, loadedAt: at };
  if (tx.db.select({ id: instrumentWordings.id }).from(instrumentWordings).where(eq(instrumentWordings.id, id)).get()) tx.update(instrumentWordings, id, row);
  else tx.insert(instrumentWordings, { id, ...row });
}

export { INSTRUMENT_IDS };
