import type { ReceiverStore } from '../store';

/**
 * Results of heavy whole-school reads (the year's statistics), kept until the next bundle is
 * applied. The revision is read from the store on every call, so a bundle applied by another
 * process on the same store (`school-server import` beside `serve`) is seen at once.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, { revision: string; value: Promise<T> }>();

  constructor(private readonly maxEntries = 16) {}

  async get(store: ReceiverStore, key: string, compute: () => Promise<T>): Promise<T> {
    const revision = await storeRevision(store);
    const found = this.entries.get(key);
    if (found && found.revision === revision) return found.value;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { revision, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failed computation is not kept: the next call tries again.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}

/** Moves whenever a bundle is applied: every application raises a position's last sequence and its time. */
export async function storeRevision(store: ReceiverStore): Promise<string> {
  const [row] = await store.all<{ n: number; s: number | string | null; u: string | null }>(
    'SELECT COUNT(*) AS n, SUM(last_seq) AS s, MAX(updated_at) AS u FROM positions',
  );
  return `${row?.n ?? 0}/${row?.s ?? 0}/${row?.u ?? ''}`;
}
