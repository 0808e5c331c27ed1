import { canonicalJson, sha256Hex } from '../../core/util/canonical-json';
import type { ReceiverStore } from '../store';

/**
 * The server's own audit log: every sign-in (and failed one), every view and every report filed,
 * hash-chained like the workstation's (the hash covers the sequence, so a removed or reordered
 * entry breaks the chain). Details never hold content: the path viewed, counts, the department.
 */

const GENESIS = '0'.repeat(64);

export interface ServerAuditEntry {
  at: string;
  username: string | null;
  action: 'signIn' | 'signInFailed' | 'signOut' | 'view' | 'fileReport';
  target: string | null;
  details: Record<string, unknown>;
}

function entryHash(seq: number, entry: ServerAuditEntry, prevHash: string): string {
  return sha256Hex(`${prevHash}\n${canonicalJson({ seq, ...entry })}`);
}

export class ServerAuditLog {
  /** Appends are serialised in this process; the sequence's primary key refuses a fork by another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: ReceiverStore) {}

  append(entry: ServerAuditEntry): Promise<void> {
    const next = this.queue.then(async () => {
      const head = (await this.store.all<{ seq: number; hash: string }>('SELECT seq, hash FROM server_audit ORDER BY seq DESC LIMIT 1'))[0];
      const seq = Number(head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS;
      await this.store.run('INSERT INTO server_audit (seq, at, username, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        seq,
        entry.at,
        entry.username,
        entry.action,
        entry.target,
        canonicalJson(entry.details),
        prevHash,
        entryHash(seq, entry, prevHash),
      ]);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Walks the chain; names the first entry that does not follow from the one before. */
  async verify(): Promise<{ ok: true; entries: number } | { ok: false; firstBroken: number }> {
    const rows = await this.store.all<{
      seq: number;
      at: string;
      username: string | null;
      action: ServerAuditEntry['action'];
      target: string | null;
      details: string;
      prev_hash: string;
      hash: string;
    }>('SELECT seq, at, username, action, target, details, prev_hash, hash FROM server_audit ORDER BY seq');
    let prev = GENESIS;
    let expectedSeq = 1;
    for (const row of rows) {
      const seq = Number(row.seq);
      const entry: ServerAuditEntry = { at: row.at, username: row.username, action: row.action, target: row.target, details: JSON.parse(row.details) };
      if (seq !== expectedSeq || row.prev_hash !== prev || entryHash(seq, entry, prev) !== row.hash) return { ok: false, firstBroken: seq };
      prev = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, entries: rows.length };
  }
}
