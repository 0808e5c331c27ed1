import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { checkpointInBackground, type BackgroundCheckpoint } from '../core/store/background-checkpoint';
import { CIPHER, fileLooksEncrypted } from '../core/store/database';
import { MERGED_KEY_ATTENTION_DDL, NEEDS_REBUILD_QUERY, rebuildStatements, referencedStudentsQuery } from './views/merged-key-attention';
import { entityUpsertText, projectionPlan } from './views/projection-plan';
import { viewChanges } from './views/view-ops';
import { viewTablesDdl } from './views/view-tables';
import { SERVER_TABLES_DDL } from './web/server-tables';
import type { BundleEvent, BundleManifest } from '../core/sync/bundle/codec';
import { mergedRow, prepareRows, rowText, type PreparedRows } from './prepared-rows';
import { classify, receiverTablesDdl, type ApplyOutcome, type Position, type ReceiverStore, type StoreDump } from './store';

export class ReceiverDatabaseError extends Error {}

/** SQLite's default: WAL pages are copied into the file every so many pages. */
const WAL_AUTOCHECKPOINT_PAGES = 1000;

/** How long a checkpoint thread is waited for (closing, or the next import): 330 MB of log take about 4 s on a busy 2-core PC. */
const CHECKPOINT_JOIN_MS = 60_000;

/** 64 MiB: what a log may keep on disk once reused (an import's log grows to hundreds of MB). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** 128 MiB: the views of a large school fit, and a school server has the memory. */
const SERVER_CACHE_KIB = 128 * 1024;

/** Keys a connection with the store key; a wrong key or a damaged file fails on the first read. */
function keyed(file: string, key: Buffer): Database.Database {
  const db = new Database(file);
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    db.close();
    throw new ReceiverDatabaseError(
      `${file} cannot be opened with the store key (another receiver's file, a plain file that \`school-server init\` has not encrypted yet, or a damaged file).`,
    );
  }
  return db;
}

/**
 * The embedded store, D/receiver.db, encrypted like the workstation's (SQLite3MC, chacha20) with
 * the receiver's store key (store-key.ts): the file, its WAL and a copy of them hold no content.
 */
export class SqliteReceiverStore implements ReceiverStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Kept for the checkpoint thread of a folder import (manyBundles); zeroed at close. */
  private readonly key: Buffer;
  /** The last folder import's checkpoint, running on its own thread until it has copied the log. */
  private checkpoint: BackgroundCheckpoint | null = null;

  constructor(
    private readonly file: string,
    key: Buffer,
  ) {
    this.db = keyed(file, key);
    this.key = Buffer.from(key);
    this.db.pragma('journal_mode = WAL');
    // A receipt tells the workstation that its bundle is kept: every COMMIT is synced before one is
    // written (NORMAL would sync only at checkpoints, and a power cut could lose acknowledged bundles).
    this.db.pragma('synchronous = FULL');
    // The log left by a large import is cut back to this size when it is next reused.
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // Every page read is decrypted: a server-sized page cache keeps the views' indexes in memory.
    this.db.pragma(`cache_size = -${SERVER_CACHE_KIB}`);
    this.db.exec(receiverTablesDdl({ sequence: 'INTEGER', json: 'TEXT' }));
    this.db.exec(viewTablesDdl());
    this.db.exec(SERVER_TABLES_DDL);
    this.upgradeProjections();
  }

  /** A store written by an earlier version gains the merged key-attention projection, built from what it holds. */
  private upgradeProjections(): void {
    const columns = this.db.prepare(`SELECT name FROM pragma_table_info('view_key_attention')`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'merged_key')) this.db.exec('ALTER TABLE view_key_attention ADD COLUMN merged_key TEXT');
    this.db.exec(MERGED_KEY_ATTENTION_DDL);
    if (this.db.prepare(NEEDS_REBUILD_QUERY).get()) {
      this.db.transaction(() => rebuildStatements().forEach(({ sql, params }) => this.db.prepare(sql).run(...params)))();
    }
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.prepared.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.prepared.set(sql, prepared);
    }
    return prepared;
  }

  private readonly prepared = new Map<string, Database.Statement>();

  async all<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    this.statement(sql).run(...params);
  }

  /** The whole file is encrypted: text is kept as it is. */
  protectText(text: string): string {
    return text;
  }

  revealText(stored: string): string {
    return stored;
  }

  /** A store from before encryption (a plain receiver.db) is encrypted in place under the key. */
  static encryptPlainFile(file: string, key: Buffer): void {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      // SQLite3MC cannot re-key a database in WAL mode: fold the WAL in and leave WAL first.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.pragma(`cipher='${CIPHER}'`);
      db.pragma(`rekey="x'${key.toString('hex')}'"`);
    } finally {
      db.close();
    }
  }

  /** True when the file reads as a plain SQLite database (its header is `SQLite format 3`). */
  static isPlainFile(file: string): boolean {
    return statSync(file).size >= 16 && !fileLooksEncrypted(file);
  }

  async lastSeq(workstationId: string, profile: string): Promise<number> {
    return this.readLastSeq(workstationId, profile);
  }

  private readLastSeq(workstationId: string, profile: string): number {
    const row = this.db.prepare('SELECT last_seq FROM positions WHERE workstation_id = ? AND profile = ?').get(workstationId, profile) as
      { last_seq: number } | undefined;
    return row?.last_seq ?? 0;
  }

  async applyBundle(manifest: BundleManifest, events: readonly BundleEvent[], appliedAt: string): Promise<ApplyOutcome> {
    return this.apply(manifest, appliedAt, (last) => {
      // Events at or before the last applied sequence (a bundle may repeat the last ones sent) are skipped.
      const toApply = last < manifest.fromSeq ? events : events.filter((event) => event.seq > last);
      return prepareRows(manifest.workstationId, manifest.profile, toApply);
    });
  }

  /** A bundle prepared off this thread (prepared-rows.ts): `stale` when it does not follow the last applied sequence. */
  async applyPrepared(manifest: BundleManifest, prepared: PreparedRows, appliedAt: string): Promise<ApplyOutcome | { outcome: 'stale' }> {
    let stale = false;
    const outcome = this.apply(manifest, appliedAt, (last) => {
      if (last === manifest.fromSeq - 1) return prepared;
      stale = true;
      return null;
    });
    return stale ? { outcome: 'stale' } : outcome;
  }

  /**
   * WAL mode copies committed pages into the file every 1,000 pages (SQLite's default checkpoint):
   * during an import of many bundles that copied the pages every bundle touches (the indexes, the
   * views) again after every bundle, about a third of the applying thread's time. They are copied
   * once at the end instead, on a thread of their own (core/store/background-checkpoint.ts): at 30
   * workstations × 20,000 events that copy takes seconds, and the import's receipts need not wait
   * for it, since each bundle's COMMIT was synced (synchronous = FULL). Meanwhile the store answers
   * and writes as usual: SQLite lets one connection checkpoint while another writes. Where no
   * thread starts, this connection copies the log and empties it, as before.
   */
  async manyBundles<T>(work: () => Promise<T>): Promise<T> {
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      return await work();
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      // An earlier import's checkpoint still running would hold the checkpoint lock: the new one waits for it.
      this.checkpoint?.join(CHECKPOINT_JOIN_MS);
      this.checkpoint = checkpointInBackground(this.file, this.key);
      // TRUNCATE: a large import leaves no large log behind. Readers of another process may keep it
      // from finishing (it waits for them for the busy timeout); the usual checkpoints then go on.
      if (!this.checkpoint) this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  /** Waits (at most `ms`) for the last import's checkpoint thread to let go of the store; true once it has or when none runs. */
  checkpointSettled(ms: number): boolean {
    return this.checkpoint?.join(ms) ?? true;
  }

  /** One transaction: the position re-read, the rows the bundle leaves (`rowsFor` the last sequence; null: give up), the projections, the position moved. */
  private apply(manifest: BundleManifest, appliedAt: string, rowsFor: (last: number) => PreparedRows | null): ApplyOutcome {
    const { workstationId: ws, profile } = manifest;
    const run = this.db.transaction((): ApplyOutcome => {
      const last = this.readLastSeq(ws, profile);
      const verdict = classify(manifest, last);
      if (verdict === 'duplicate') return { outcome: 'duplicate', lastSeq: last };
      if (verdict === 'gap') return { outcome: 'gap', lastSeq: last };
      const prepared = rowsFor(last);
      // Given up (nothing written): the caller applies the bundle's events instead.
      if (prepared === null) return { outcome: 'gap', lastSeq: last };
      const { rows, views } = prepared;
      // Rows the bundle only updates are laid over the stored row, read here.
      const merged: { event: BundleEvent; row: Record<string, unknown> }[] = [];
      if (prepared.merges.length > 0) {
        const select = this.statement('SELECT row FROM entities WHERE workstation_id = ? AND profile = ? AND entity = ? AND entity_id = ?');
        for (const merge of prepared.merges) {
          const found = select.get(ws, profile, merge.event.entity, merge.event.entityId) as { row: string } | undefined;
          merged.push({ event: merge.event, row: mergedRow(found ? (JSON.parse(found.row) as Record<string, unknown>) : undefined, merge) });
        }
        viewChanges(ws, profile, merged, views);
      }
      const referencedQuery = referencedStudentsQuery(ws);
      const referenced = new Set(
        (this.statement(referencedQuery.sql).all(...referencedQuery.params) as { student_local_id: string | null }[]).flatMap((r) =>
          r.student_local_id === null ? [] : [r.student_local_id],
        ),
      );
      const remove = this.statement('DELETE FROM entities WHERE workstation_id = ? AND profile = ? AND entity = ? AND entity_id = ?');
      // One prepared single-row statement bound row by row: about twice as fast here as 100-row VALUES texts.
      const upsert = this.statement(entityUpsertText());
      const count = rows.ends.length;
      for (let i = 0; i < count; i += 1) if (rowText(rows, i) === null) remove.run(ws, profile, rows.entity[i], rows.entityId[i]);
      for (let i = 0; i < count; i += 1) {
        const text = rowText(rows, i);
        if (text !== null) upsert.run(ws, profile, rows.entity[i], rows.entityId[i], text, rows.seq[i], rows.hlc[i], rows.createdAt[i]);
      }
      for (const { event, row } of merged) upsert.run(ws, profile, event.entity, event.entityId, JSON.stringify(row), event.seq, event.hlc, event.createdAt);
      // The projections move in the same transaction as the rows they are made from.
      for (const { sql, params, rowWidth } of projectionPlan(ws, views, referenced)) {
        const statement = this.statement(sql);
        if (rowWidth === undefined) {
          statement.run(params);
          continue;
        }
        const row = new Array<unknown>(rowWidth);
        for (let i = 0; i < params.length; i += rowWidth) {
          for (let j = 0; j < rowWidth; j += 1) row[j] = params[i + j];
          statement.run(row);
        }
      }
      this.statement(
        `INSERT INTO bundles (workstation_id, profile, from_seq, to_seq, bundle_id, event_count, payload_sha256, applied_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(ws, profile, manifest.fromSeq, manifest.toSeq, manifest.bundleId, manifest.eventCount, manifest.payloadSha256, appliedAt);
      this.statement(
        `INSERT INTO positions (workstation_id, profile, last_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workstation_id, profile) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
      ).run(ws, profile, manifest.toSeq, appliedAt);
      return { outcome: 'applied', eventsApplied: prepared.events, lastSeq: manifest.toSeq };
    });
    return run.immediate();
  }

  async positions(): Promise<Position[]> {
    const rows = this.db
      .prepare(
        `SELECT p.workstation_id, p.profile, p.last_seq, p.updated_at,
                (SELECT COUNT(*) FROM bundles b WHERE b.workstation_id = p.workstation_id AND b.profile = p.profile) AS bundles
         FROM positions p ORDER BY p.workstation_id, p.profile`,
      )
      .all() as { workstation_id: string; profile: string; last_seq: number; updated_at: string; bundles: number }[];
    return rows.map((r) => ({ workstationId: r.workstation_id, profile: r.profile, lastSeq: r.last_seq, bundles: r.bundles, updatedAt: r.updated_at }));
  }

  async dump(): Promise<StoreDump> {
    const positions = this.db.prepare('SELECT workstation_id, profile, last_seq FROM positions ORDER BY workstation_id, profile').all() as {
      workstation_id: string;
      profile: string;
      last_seq: number;
    }[];
    const rows = this.db
      .prepare('SELECT workstation_id, profile, entity, entity_id, seq, row FROM entities ORDER BY workstation_id, profile, entity, entity_id')
      .all() as { workstation_id: string; profile: string; entity: string; entity_id: string; seq: number; row: string }[];
    return {
      positions: positions.map((p) => ({ workstationId: p.workstation_id, profile: p.profile, lastSeq: p.last_seq })),
      rows: rows.map((r) => ({
        workstationId: r.workstation_id,
        profile: r.profile,
        entity: r.entity,
        entityId: r.entity_id,
        seq: r.seq,
        row: JSON.parse(r.row),
      })),
    };
  }

  /**
   * Waits for an import's checkpoint first: the thread's connection then never outlives the store's.
   * Past the deadline closing is still safe (a checkpoint cut short leaves its frames in the log,
   * copied by the next connection).
   */
  async close(): Promise<void> {
    this.checkpointSettled(CHECKPOINT_JOIN_MS);
    this.key.fill(0);
    this.db.close();
  }
}
