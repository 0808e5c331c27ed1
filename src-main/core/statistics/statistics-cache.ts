import type { Statistics } from '../../../src-shared/contract/statistics';
import type { OpenStore } from '../store/open-store';
import { assembleStatistics, computePart, tablesReadBy, type PartName, type StatisticsQuery } from './statistics-service';

/** Periods kept per connection (a year, its terms, a few departments): aggregates only, small. */
const KEPT = 16;

interface Entry {
  revision: string;
  figures: unknown;
}

const caches = new WeakMap<object, Map<string, Map<PartName, Entry>>>();

/** The store as the cache reads it: the main connection and its unit of work. */
type CachedStore = Pick<OpenStore, 'sqlite' | 'uow'>;

/**
 * The store's revision as this connection sees it, for writes the unit of work cannot name:
 * `data_version` moves when any other connection commits (an import's long transaction, the CLI,
 * another process), `total_changes()` when this connection writes. Left out: the rows of commits
 * that named their tables (partRevision counts those per table) and audit events written alone
 * (a view, a sign-in, an export: every page a person opens records one, and none changes a
 * figure). So a write by any other route (a raw statement, a rolled-back run) moves it.
 */
function storeRevision(store: CachedStore): string {
  const dataVersion = store.sqlite.prepare('PRAGMA data_version').pluck().get();
  const ownChanges = store.sqlite.prepare<[], number>('SELECT total_changes()').pluck().get()!;
  const named = store.uow.rowsOfEventsAlone + store.uow.rowsOfReportedCommits;
  return `${String(dataVersion)}:${String(ownChanges - named)}`;
}

/** A part's revision: the store's, and the commits to the tables the part reads for this query. */
function partRevision(store: CachedStore, base: string, name: PartName, query: StatisticsQuery): string {
  return `${base}:${String(store.uow.commitsTo(tablesReadBy(name, query)))}`;
}

/**
 * A year's statistics read a decade's tables (over 100 ms at full size); opening the page again,
 * switching tabs or exporting after viewing asks the same question of a store that has mostly not
 * changed. Each part of the answer (sessions, census, key attention, ...) is kept per query and
 * computed again only when a table it reads was written: a signed note recomputes the sessions,
 * not the decade's census forms. Any write the unit of work cannot name (another connection, a
 * raw statement) computes every part again. Suppressed and exact figures are different queries
 * (never served to each other); the cache goes with the connection at lock.
 */
export function cachedStatistics(
  store: CachedStore,
  query: StatisticsQuery,
  compute: (name: PartName) => unknown = (name) => computePart(store.sqlite, query, name),
): Statistics {
  let cache = caches.get(store.sqlite);
  if (!cache) caches.set(store.sqlite, (cache = new Map()));
  const key = JSON.stringify([query.bounds, query.department, query.suppress, query.levels]);
  const parts = cache.get(key) ?? new Map<PartName, Entry>();
  // Most recently asked last: the oldest query goes first.
  cache.delete(key);
  cache.set(key, parts);
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);

  const base = storeRevision(store);
  return assembleStatistics(query, (name) => {
    const revision = partRevision(store, base, name, query);
    const kept = parts.get(name);
    if (kept && kept.revision === revision) return structuredClone(kept.figures) as never;
    const figures = compute(name);
    parts.set(name, { revision, figures: structuredClone(figures) });
    return figures as never;
  });
}
