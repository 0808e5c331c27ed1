import type { Statistics } from '../../../src-shared/contract/statistics';
import type { OpenStore } from '../store/open-store';
import { assembleStatistics, computePart, PART_NAMES, tablesReadBy, type PartName, type StatisticsQuery } from './statistics-service';

/** Periods kept per connection (a year, its terms, a few departments): aggregates only, small. */
const KEPT = 16;

interface Entry {
  revision: string;
  figures: unknown;
}

/** A query asked on this connection, with its parts as last computed. */
interface Asked {
  query: StatisticsQuery;
  parts: Map<PartName, Entry>;
}

const caches = new WeakMap<object, Map<string, Asked>>();

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
  const { parts } = askedNow(store, query);
  const base = storeRevision(store);
  return assembleStatistics(query, (name) => {
    const revision = partRevision(store, base, name, query);
    const kept = parts.get(name);
    if (kept && kept.revision === revision) return structuredClone(kept.figures) as never;
    return keep(parts, name, revision, compute(name)) as never;
  });
}

/**
 * Computes the first part of this query that is missing or out of date, and keeps it as a call
 * would: what the idle-time prefetch does one part at a time (statistics-prefetch.ts). It does not
 * count as asking (the order in which queries were last asked stays). False when every part was
 * up to date and nothing was computed.
 */
export function refreshStalePart(
  store: CachedStore,
  query: StatisticsQuery,
  compute: (name: PartName) => unknown = (name) => computePart(store.sqlite, query, name),
): boolean {
  const name = staleParts(store, query)[0];
  if (name === undefined) return false;
  const asked = cacheOf(store).get(queryKey(query)) ?? remember(store, query);
  keep(asked.parts, name, partRevision(store, storeRevision(store), name, query), compute(name));
  return true;
}

/** The parts of this query a call would compute now (none kept, or kept at an older revision). */
export function staleParts(store: CachedStore, query: StatisticsQuery): PartName[] {
  const parts = cacheOf(store).get(queryKey(query))?.parts;
  const base = storeRevision(store);
  return PART_NAMES.filter((name) => parts?.get(name)?.revision !== partRevision(store, base, name, query));
}

/** The queries last asked on this connection, the most recent first: the views a person is looking at. */
export function recentQueries(store: CachedStore, count: number): StatisticsQuery[] {
  const asked = [...cacheOf(store).values()];
  return asked
    .slice(Math.max(0, asked.length - count))
    .reverse()
    .map((entry) => entry.query);
}

function queryKey(query: StatisticsQuery): string {
  return JSON.stringify([query.bounds, query.department, query.suppress, query.levels]);
}

function cacheOf(store: CachedStore): Map<string, Asked> {
  let cache = caches.get(store.sqlite);
  if (!cache) caches.set(store.sqlite, (cache = new Map()));
  return cache;
}

/** A query's kept parts, made the most recently asked. */
function askedNow(store: CachedStore, query: StatisticsQuery): Asked {
  const cache = cacheOf(store);
  const asked = cache.get(queryKey(query));
  if (!asked) return remember(store, query);
  cache.delete(queryKey(query));
  cache.set(queryKey(query), asked);
  return asked;
}

/** A new query, the most recent; the one asked longest ago goes past KEPT. */
function remember(store: CachedStore, query: StatisticsQuery): Asked {
  const cache = cacheOf(store);
  const asked = { query, parts: new Map<PartName, Entry>() };
  cache.set(queryKey(query), asked);
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return asked;
}

/** Kept as a copy: the caller's answer may be changed (suppressed, assembled) without reaching the cache. */
function keep(parts: Map<PartName, Entry>, name: PartName, revision: string, figures: unknown): unknown {
  parts.set(name, { revision, figures: structuredClone(figures) });
  return figures;
}
