import type { BundleEvent } from '../core/sync/bundle/codec';
import { nextRow } from './store';
import { viewChanges, type ViewChanges } from './views/view-ops';

/**
 * A bundle's events folded per row and made ready to write, before the store is touched: each row's
 * final JSON text and the projections' changes. It holds for a store whose last sequence is the
 * one before the bundle's first (the usual case); the store checks that in its transaction.
 *
 * Preparing is most of the work of applying a bundle besides the writes themselves, and needs
 * nothing from the store: the receiver does it on the worker thread that opens the next bundle
 * (bundle-opener.ts) while the current one is written.
 */
export interface PreparedRows {
  /** How many events the rows were folded from (all are applied). */
  events: number;
  /** Rows the bundle decides alone (their first event here inserts or removes them). */
  rows: FinalRows;
  /** Rows the bundle only updates: the updates merged in order, to be laid over the stored row. */
  merges: RowMerge[];
  /** The projections' changes from `rows` (the merges' are added once they are laid over). */
  views: ViewChanges;
}

/**
 * Final rows, one array per column (one object per row would cost the thread that receives them).
 * The rows' JSON texts travel as ONE string, `json`, row i's text ending at `ends[i]` (an empty text:
 * the row is removed): the applying thread receives one block instead of a string per row, and
 * takes each text as a slice of it, so its young generation does not copy them from GC to GC.
 */
export interface FinalRows {
  entity: string[];
  entityId: string[];
  json: string;
  ends: number[];
  seq: number[];
  hlc: string[];
  createdAt: string[];
}

/** Row i's JSON text; null: removed. */
export function rowText(rows: FinalRows, i: number): string | null {
  const start = i === 0 ? 0 : rows.ends[i - 1];
  return rows.ends[i] === start ? null : rows.json.slice(start, rows.ends[i]);
}

export interface RowMerge {
  /** The row's last event here (its sequence, clock and time are the row's). */
  event: BundleEvent;
  /** Every update's fields, later ones winning: laid over the stored row as the updates one by one would be. */
  fields: Record<string, unknown>;
}

/** Folds `events` (those to apply, in order) per row. */
export function prepareRows(workstationId: string, profile: string, events: readonly BundleEvent[]): PreparedRows {
  const folded = new Map<string, { event: BundleEvent; row: Record<string, unknown> | null; merge: boolean }>();
  for (const event of events) {
    const place = `${event.entity}\u0000${event.entityId}`;
    const before = folded.get(place);
    // Until an insert or a removal, a row's updates merge with one another (nextRow without a stored
    // row); `merge` marks that the stored row, if any, still lies beneath them.
    const merge = event.op === 'update' && (before === undefined || before.merge);
    folded.set(place, { event, row: nextRow(before?.row ?? undefined, event), merge });
  }
  const rows: FinalRows = { entity: [], entityId: [], json: '', ends: [], seq: [], hlc: [], createdAt: [] };
  const texts: string[] = [];
  let end = 0;
  const merges: RowMerge[] = [];
  const decided: { event: BundleEvent; row: Record<string, unknown> | null }[] = [];
  for (const entry of folded.values()) {
    if (entry.merge) {
      merges.push({ event: entry.event, fields: entry.row! });
      continue;
    }
    const { event, row } = entry;
    const text = row === null ? '' : JSON.stringify(row);
    texts.push(text);
    end += text.length;
    rows.ends.push(end);
    rows.entity.push(event.entity);
    rows.entityId.push(event.entityId);
    rows.seq.push(event.seq);
    rows.hlc.push(event.hlc);
    rows.createdAt.push(event.createdAt);
    decided.push(entry);
  }
  rows.json = texts.join('');
  return { events: events.length, rows, merges, views: viewChanges(workstationId, profile, decided) };
}

/**
 * A merge laid over the stored row: the same row as applying the updates one by one to it (keys in
 * the same order: the stored row's, then new ones in the order the updates brought them).
 */
export function mergedRow(stored: Record<string, unknown> | undefined, merge: RowMerge): Record<string, unknown> {
  return stored ? { ...stored, ...merge.fields } : merge.fields;
}
