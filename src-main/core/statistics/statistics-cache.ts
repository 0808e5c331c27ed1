import type { Statistics } from '../../../src-shared/contract/statistics';
import type { ReadSqlite } from '../store/read-sqlite';
import type { StatisticsQuery } from './statistics-service';

/** Periods kept per connection (a year, its terms, a few departments): aggregates only, small. */
const KEPT = 16;

interface Entry {
  revision: string;
  figures: Statistics;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * The store's revision as this connection sees it: `data_version` moves when any other
 * connection commits (an import's long transaction, the CLI, another process), `total_changes()`
 * when this connection writes (the unit of work, a raw statement). Any write moves one of them.
 */
export function storeRevision(sqlite: ReadSqlite): string {
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck().get();
  const ownChanges = sqlite.prepare('SELECT total_changes()').pluck().get();
  return `${String(dataVersion)}:${String(ownChanges)}`;
}

/**
 * A year's statistics read a decade's tables (hundreds of ms at full size); opening the page again,
 * switching tabs or exporting after viewing asks the same question of an unchanged store. The
 * answer is kept per query and reused only while the store's revision is the same: any write,
 * from this process or another, makes the next call compute again. Suppressed and exact figures
 * are different queries (never served to each other); the cache goes with the connection at lock.
 */
export function cachedStatistics(sqlite: ReadSqlite, query: StatisticsQuery, compute: () => Statistics): Statistics {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  const key = JSON.stringify([query.bounds, query.department, query.suppress, query.levels]);
  const revision = storeRevision(sqlite);
  const hit = cache.get(key);
  if (hit && hit.revision === revision) return structuredClone(hit.figures);
  const figures = compute();
  cache.delete(key);
  cache.set(key, { revision, figures: structuredClone(figures) });
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return figures;
}
