import type { Statistics } from '../../../src-shared/contract/statistics';
import type { OpenStore } from '../store/open-store';
import type { StatisticsQuery } from './statistics-service';

/** Periods kept per connection (a year, its terms, a few departments): aggregates only, small. */
const KEPT = 16;

interface Entry {
  revision: string;
  figures: Statistics;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/** The store as the cache reads it: the main connection and its unit of work. */
type CachedStore = Pick<OpenStore, 'sqlite' | 'uow'>;

/**
 * The store's revision as this connection sees it: `data_version` moves when any other
 * connection commits (an import's long transaction, the CLI, another process), `total_changes()`
 * when this connection writes (the unit of work, a raw statement). Any write moves one of them,
 * except the audit events written alone (a view, a sign-in, an export): every page a person opens
 * records one, and none changes a figure, so they no longer make the next call compute again.
 */
export function storeRevision(store: CachedStore): string {
  const dataVersion = store.sqlite.prepare('PRAGMA data_version').pluck().get();
  const ownChanges = store.sqlite.prepare<[], number>('SELECT total_changes()').pluck().get()!;
  return `${String(dataVersion)}:${String(ownChanges - store.uow.rowsOfEventsAlone)}`;
}

/**
 * A year's statistics read a decade's tables (about 100 ms at full size); opening the page again,
 * switching tabs or exporting after viewing asks the same question of an unchanged store. The
 * answer is kept per query and reused only while the store's revision is the same: any write of
 * a record, from this process or another, makes the next call compute again. Suppressed and exact
 * figures are different queries (never served to each other); the cache goes with the connection
 * at lock.
 */
export function cachedStatistics(store: CachedStore, query: StatisticsQuery, compute: () => Statistics): Statistics {
  let cache = caches.get(store.sqlite);
  if (!cache) caches.set(store.sqlite, (cache = new Map()));
  const key = JSON.stringify([query.bounds, query.department, query.suppress, query.levels]);
  const revision = storeRevision(store);
  const hit = cache.get(key);
  if (hit && hit.revision === revision) return structuredClone(hit.figures);
  const figures = compute();
  cache.delete(key);
  cache.set(key, { revision, figures: structuredClone(figures) });
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return figures;
}
