/**
 * Walking the audit log newest first through its indexes, one entry at a time, so a page costs
 * what it shows rather than a pass over every matching event (millions at a decade's size).
 *
 * An entry is a plain event, or a bulk operation (an import, a destruction: one transaction, so
 * its events have consecutive numbers) shown once. The walk merges one cursor per index range
 * (per action when types are chosen) and, on meeting a bulk operation, jumps every cursor below
 * its first event: a 60 000-row census import costs one index probe, not 60 000 rows.
 */

export interface WalkHead {
  seq: number;
  bulk: string | null;
}

export interface WalkEntry {
  /** The newest event of the entry that matches the filter. */
  seq: number;
  bulk: string | null;
  /** For a bulk operation: all its events, matching or not. */
  range: { first: number; last: number } | null;
}

/** Fetches up to `limit` matching heads with seq below `below`, newest first. */
export type FetchBelow = (below: number, limit: number) => WalkHead[];

/** One index range read in growing batches, newest first. */
class Cursor {
  private buffer: WalkHead[] = [];
  private position = 0;
  private below = Number.MAX_SAFE_INTEGER;
  private exhausted = false;
  private batch = 64;

  constructor(private readonly fetch: FetchBelow) {}

  peek(): WalkHead | undefined {
    if (this.position >= this.buffer.length && !this.exhausted) {
      this.buffer = this.fetch(this.below, this.batch);
      this.position = 0;
      if (this.buffer.length < this.batch) this.exhausted = true;
      if (this.buffer.length) this.below = this.buffer[this.buffer.length - 1].seq;
      this.batch = Math.min(this.batch * 4, 4096);
    }
    return this.buffer[this.position];
  }

  advance(): void {
    this.position += 1;
  }

  /** Continue with the events numbered below `seq`. */
  skipBelow(seq: number): void {
    while (this.position < this.buffer.length && this.buffer[this.position].seq >= seq) this.position += 1;
    if (this.position >= this.buffer.length) this.below = Math.min(this.below, seq);
  }
}

/**
 * The entries, newest first. `rangeOf` gives a bulk operation's events around one of them (null:
 * the event is shown on its own, as the grouping query did for an id it could not place).
 */
export function* walkEntries(
  fetches: readonly FetchBelow[],
  rangeOf: (bulk: string, seq: number) => { first: number; last: number } | null,
): Generator<WalkEntry> {
  const cursors = fetches.map((fetch) => new Cursor(fetch));
  for (;;) {
    let newest: Cursor | undefined;
    let head: WalkHead | undefined;
    for (const cursor of cursors) {
      const candidate = cursor.peek();
      if (candidate && (!head || candidate.seq > head.seq)) {
        head = candidate;
        newest = cursor;
      }
    }
    if (!head || !newest) return;
    newest.advance();
    const range = head.bulk ? rangeOf(head.bulk, head.seq) : null;
    if (!range) {
      yield { seq: head.seq, bulk: null, range: null };
      continue;
    }
    yield { seq: head.seq, bulk: head.bulk, range };
    for (const cursor of cursors) cursor.skipBelow(range.first);
  }
}
