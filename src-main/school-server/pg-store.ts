import pg from 'pg';
import type { BundleEvent, BundleManifest } from '../core/sync/bundle/codec';
import { binaryArrayParams } from './pg-arrays';
import { isSealed, RowSealer, rowPlace } from './store-key';
import { MERGED_KEY_ATTENTION_DDL, NEEDS_REBUILD_QUERY, rebuildStatements, referencedStudentsQuery } from './views/merged-key-attention';
import { projectionPlan } from './views/projection-plan';
import { viewChanges } from './views/view-ops';
import { viewTablesDdl } from './views/view-tables';
import { SERVER_TABLES_DDL } from './web/server-tables';
import { classify, nextRow, receiverTablesDdl, type ApplyOutcome, type Position, type ReceiverStore, type StoreDump } from './store';

/**
 * The PostgreSQL store (DATABASE_URL). Same tables and rules as the SQLite one. Every row is kept
 * sealed (AES-256-GCM under a key derived from the receiver's store key, bound to its place), so a
 * dump of the database alone reveals no content; an update is therefore merged here, not with
 * jsonb `||` (top-level keys, like the SQLite store's object spread).
 */
export class PgReceiverStore implements ReceiverStore {
  readonly kind = 'postgres' as const;
  private readonly sealer: RowSealer;

  private constructor(
    /** Bundle application's connection: its transactions span many statements (applyBundle, sealPlainRows). */
    private readonly client: pg.Client,
    /**
     * Everything else (the pages' reads, accounts, sessions, the server's audit log) on a connection
     * of its own. On the apply's connection a statement sent while a bundle was being applied ran
     * inside that transaction: a page read rows not yet committed, and an audit entry written then
     * was lost with a bundle that rolled back.
     */
    private readonly session: pg.Client,
    storeKey: Buffer,
  ) {
    this.sealer = new RowSealer(storeKey);
  }

  /** `schema` (optional) keeps the tables in their own namespace (tests use a fresh one each). */
  static async connect(connectionString: string, options: { schema?: string; key: Buffer }): Promise<PgReceiverStore> {
    if (options.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`Invalid schema name ${options.schema}`);
    const client = new pg.Client({ connectionString });
    const session = new pg.Client({ connectionString });
    try {
      await client.connect();
      await session.connect();
      if (options.schema) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        await client.query(`SET search_path TO ${options.schema}`);
        await session.query(`SET search_path TO ${options.schema}`);
      }
      await client.query(receiverTablesDdl({ sequence: 'BIGINT', json: 'JSONB' }));
      await client.query(viewTablesDdl());
      await client.query(SERVER_TABLES_DDL);
      await upgradeProjections(client);
    } catch (error) {
      await Promise.allSettled([client.end(), session.end()]);
      throw error;
    }
    return new PgReceiverStore(client, session, options.key);
  }

  async lastSeq(workstationId: string, profile: string): Promise<number> {
    const result = await this.session.query('SELECT last_seq FROM positions WHERE workstation_id = $1 AND profile = $2', [workstationId, profile]);
    return result.rows.length ? Number(result.rows[0].last_seq) : 0;
  }

  async applyBundle(manifest: BundleManifest, events: readonly BundleEvent[], appliedAt: string): Promise<ApplyOutcome> {
    const { workstationId: ws, profile } = manifest;
    const c = this.client;
    // Statements are queued without waiting where nothing here needs their answer, so that rows are
    // sealed while the server works on the statements before them.
    const queue = new StatementQueue(c);
    const send = (sql: string, params: readonly unknown[] = []) => queue.send(sql, params);
    await c.query('BEGIN');
    try {
      send(APPLY_LOCK);
      // Under the apply lock the position read here stays true until COMMIT.
      send(`INSERT INTO positions (workstation_id, profile, last_seq, updated_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING`, [ws, profile, appliedAt]);
      const locked = await send('SELECT last_seq FROM positions WHERE workstation_id = $1 AND profile = $2 FOR UPDATE', [ws, profile]);
      const last = Number(locked.rows[0].last_seq);
      const verdict = classify(manifest, last);
      if (verdict !== 'apply') {
        await c.query('ROLLBACK');
        return verdict === 'duplicate' ? { outcome: 'duplicate', lastSeq: last } : { outcome: 'gap', lastSeq: last };
      }
      // A bundle's column arrays are a few MB: kept in memory by the server rather than in temporary files.
      send(`SET LOCAL work_mem = '64MB'`);
      const referencedQuery = referencedStudentsQuery(ws);
      const referencedRows = send(numbered(referencedQuery.sql), referencedQuery.params);

      // Folded in memory first so each row is read, opened and sealed once, however often it changed.
      // A row whose first event here is an update merges into the stored row: those are read in one query.
      const stored = await this.storedRows(queue, ws, profile, events, last);
      const final = new Map<string, { event: BundleEvent; row: Record<string, unknown> | null }>();
      let applied = 0;
      for (const event of events) {
        if (event.seq <= last) continue;
        const place = rowPlace(ws, profile, event.entity, event.entityId);
        let existing: Record<string, unknown> | undefined;
        if (event.op === 'update') {
          const folded = final.get(place);
          existing = folded ? (folded.row ?? undefined) : stored.get(place);
        }
        final.set(place, { event, row: nextRow(existing, event) });
        applied += 1;
      }

      // Removed rows in one statement; the written ones split into those already stored (UPDATE) and
      // new ones (a plain INSERT: under the apply lock nothing else writes these rows,
      // and INSERT … ON CONFLICT costs the server a speculative insertion per row).
      const removed: { entity: string[]; id: string[] } = { entity: [], id: [] };
      const written: [string, BundleEvent, Record<string, unknown>][] = [];
      const keys: { entity: string[]; id: string[] } = { entity: [], id: [] };
      for (const [place, { event, row }] of final) {
        if (row === null) {
          removed.entity.push(event.entity);
          removed.id.push(event.entityId);
        } else {
          written.push([place, event, row]);
          keys.entity.push(event.entity);
          keys.id.push(event.entityId);
        }
      }
      if (removed.id.length > 0) send(ENTITY_DELETE, [ws, profile, removed.entity, removed.id]);
      const present = written.length > 0 ? send(ENTITY_PRESENT, [ws, profile, keys.entity, keys.id]) : null;
      let isStored: Set<string> | null = null;
      // The first batch is small: the server has nothing to do until it arrives.
      for (let start = 0, end = 0; start < written.length; start = end) {
        end = Math.min(written.length, start === 0 ? FIRST_ROWS_PER_SEND : start + ROWS_PER_SEND);
        const sealed = new Array<string>(end - start);
        for (let i = start; i < end; i += 1) sealed[i - start] = this.sealer.sealText(written[i][2], written[i][0]);
        isStored ??= new Set((await present!).rows.map((r: { entity: string; entity_id: string }) => rowPlace(ws, profile, r.entity, r.entity_id)));
        const insert = new EntityColumns();
        const update = new EntityColumns();
        for (let i = start; i < end; i += 1) (isStored.has(written[i][0]) ? update : insert).add(written[i][1], sealed[i - start]);
        if (insert.size > 0) send(ENTITY_INSERT, [ws, profile, ...insert.params()]);
        if (update.size > 0) send(ENTITY_UPDATE, [ws, profile, ...update.params()]);
        // Lets node-postgres send the next statement when the server is done with one.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }

      // The projections move in the same transaction as the rows they are made from.
      const referenced = new Set<string>(
        (await referencedRows).rows.flatMap((r: { student_local_id: string | null }) => (r.student_local_id === null ? [] : [r.student_local_id])),
      );
      for (const { sql, params } of projectionPlan(ws, viewChanges(ws, profile, final.values()), referenced, 'unnest')) send(numbered(sql), params);
      send(
        `INSERT INTO bundles (workstation_id, profile, from_seq, to_seq, bundle_id, event_count, payload_sha256, applied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [ws, profile, manifest.fromSeq, manifest.toSeq, manifest.bundleId, manifest.eventCount, manifest.payloadSha256, appliedAt],
      );
      send('UPDATE positions SET last_seq = $3, updated_at = $4 WHERE workstation_id = $1 AND profile = $2', [ws, profile, manifest.toSeq, appliedAt]);
      await queue.done();
      await c.query('COMMIT');
      return { outcome: 'applied', eventsApplied: applied, lastSeq: manifest.toSeq };
    } catch (error) {
      await queue.settled();
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The stored rows that events after `last` update before anything else in the bundle wrote them, opened, by place. */
  private async storedRows(
    queue: StatementQueue,
    ws: string,
    profile: string,
    events: readonly BundleEvent[],
    last: number,
  ): Promise<Map<string, Record<string, unknown>>> {
    const seen = new Set<string>();
    const entity: string[] = [];
    const id: string[] = [];
    for (const event of events) {
      if (event.seq <= last) continue;
      const place = rowPlace(ws, profile, event.entity, event.entityId);
      if (seen.has(place)) continue;
      seen.add(place);
      if (event.op === 'update') {
        entity.push(event.entity);
        id.push(event.entityId);
      }
    }
    const rows = new Map<string, Record<string, unknown>>();
    if (id.length === 0) return rows;
    const found = await queue.send(ENTITY_READ, [ws, profile, entity, id]);
    for (const r of found.rows as { entity: string; entity_id: string; row: unknown }[]) {
      const place = rowPlace(ws, profile, r.entity, r.entity_id);
      rows.set(place, this.sealer.open(r.row, place));
    }
    return rows;
  }

  /** Rows stored before sealing existed (plain JSONB) are sealed in place; returns how many. */
  async sealPlainRows(): Promise<number> {
    const rows = await this.client.query('SELECT workstation_id, profile, entity, entity_id, row FROM entities');
    let sealed = 0;
    await this.client.query('BEGIN');
    try {
      await this.client.query(APPLY_LOCK);
      for (const r of rows.rows) {
        if (isSealed(r.row)) continue;
        const place = rowPlace(r.workstation_id, r.profile, r.entity, r.entity_id);
        await this.client.query('UPDATE entities SET row = $5::jsonb WHERE workstation_id = $1 AND profile = $2 AND entity = $3 AND entity_id = $4', [
          r.workstation_id,
          r.profile,
          r.entity,
          r.entity_id,
          JSON.stringify(this.sealer.seal(r.row as Record<string, unknown>, place)),
        ]);
        sealed += 1;
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return sealed;
  }

  async positions(): Promise<Position[]> {
    const result = await this.session.query(
      `SELECT p.workstation_id, p.profile, p.last_seq, p.updated_at,
              (SELECT COUNT(*) FROM bundles b WHERE b.workstation_id = p.workstation_id AND b.profile = p.profile) AS bundles
       FROM positions p WHERE p.last_seq > 0 ORDER BY p.workstation_id, p.profile`,
    );
    return result.rows.map((r) => ({
      workstationId: r.workstation_id,
      profile: r.profile,
      lastSeq: Number(r.last_seq),
      bundles: Number(r.bundles),
      updatedAt: r.updated_at,
    }));
  }

  async dump(): Promise<StoreDump> {
    const positions = await this.session.query('SELECT workstation_id, profile, last_seq FROM positions WHERE last_seq > 0 ORDER BY workstation_id, profile');
    const rows = await this.session.query(
      'SELECT workstation_id, profile, entity, entity_id, seq, row FROM entities ORDER BY workstation_id, profile, entity, entity_id',
    );
    return {
      positions: positions.rows.map((p) => ({ workstationId: p.workstation_id, profile: p.profile, lastSeq: Number(p.last_seq) })),
      rows: rows.rows.map((r) => ({
        workstationId: r.workstation_id,
        profile: r.profile,
        entity: r.entity,
        entityId: r.entity_id,
        seq: Number(r.seq),
        row: this.sealer.open(r.row, rowPlace(r.workstation_id, r.profile, r.entity, r.entity_id)),
      })),
    };
  }

  async all<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.session.query(numbered(sql), [...params])).rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.session.query(numbered(sql), [...params]);
  }

  protectText(text: string, place: string): string {
    return JSON.stringify(this.sealer.seal({ text }, place));
  }

  revealText(stored: string, place: string): string {
    return String(this.sealer.open(JSON.parse(stored), place).text);
  }

  async close(): Promise<void> {
    await Promise.all([this.client.end(), this.session.end()]);
  }
}

/** A store written by an earlier version gains the merged key-attention projection, built from what it holds. */
async function upgradeProjections(client: pg.Client): Promise<void> {
  await client.query('ALTER TABLE view_key_attention ADD COLUMN IF NOT EXISTS merged_key TEXT');
  await client.query(MERGED_KEY_ATTENTION_DDL);
  if ((await client.query(NEEDS_REBUILD_QUERY)).rows.length === 0) return;
  await client.query('BEGIN');
  try {
    await client.query(APPLY_LOCK);
    for (const { sql, params } of rebuildStatements()) await client.query(numbered(sql), params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Bundles are applied one at a time per database and schema, whichever process applies them (the
 * CLI's import while serve takes bundles over HTTP). The position row's lock keeps two receivers off
 * one workstation's range, but the projections are shared: the merged key-attention list across
 * workstations, a workstation's view rows across its profiles. Two applications touching the same
 * student at once refused each other on the merged row's key, or could leave a merged row that
 * missed one of them. Held until COMMIT or ROLLBACK.
 */
const APPLY_LOCK = `SELECT pg_advisory_xact_lock(hashtext('counsel-receiver-apply:' || current_schema()))`;

/** How many rows are sealed and sent at a time: the server writes one batch while the next is sealed. */
const ROWS_PER_SEND = 2000;
const FIRST_ROWS_PER_SEND = 500;

const ENTITY_KEYS = `unnest($3::text[], $4::text[]) AS k(e, i)`;
/** A bundle's rows, one array per column; the workstation and profile are the same for all. */
const ENTITY_INSERT = `INSERT INTO entities (workstation_id, profile, entity, entity_id, row, seq, hlc, changed_at)
  SELECT $1, $2, e, i, r::jsonb, s, h, c FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[]) AS u(e, i, r, s, h, c)`;
const ENTITY_UPDATE = `UPDATE entities t SET row = u.r::jsonb, seq = u.s, hlc = u.h, changed_at = u.c
  FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[]) AS u(e, i, r, s, h, c)
  WHERE t.workstation_id = $1 AND t.profile = $2 AND t.entity = u.e AND t.entity_id = u.i`;
const ENTITY_PRESENT = `SELECT t.entity, t.entity_id FROM ${ENTITY_KEYS}
  JOIN entities t ON t.workstation_id = $1 AND t.profile = $2 AND t.entity = k.e AND t.entity_id = k.i`;
const ENTITY_READ = `SELECT t.entity, t.entity_id, t.row FROM ${ENTITY_KEYS}
  JOIN entities t ON t.workstation_id = $1 AND t.profile = $2 AND t.entity = k.e AND t.entity_id = k.i`;
const ENTITY_DELETE = `DELETE FROM entities t USING ${ENTITY_KEYS}
  WHERE t.workstation_id = $1 AND t.profile = $2 AND t.entity = k.e AND t.entity_id = k.i`;

/**
 * Statements of one transaction sent one after another without the caller waiting for each (the
 * client runs one statement at a time): each is sent once the one before has answered, none after
 * one failed. Column arrays are sent in binary.
 */
class StatementQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly sent: Promise<unknown>[] = [];

  constructor(private readonly client: pg.Client) {}

  send(sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult> {
    const values = binaryArrayParams(sql, params);
    const result = this.tail.then(() => this.client.query(sql, values));
    result.catch(() => undefined); // read by done() or the caller, in order
    this.tail = result;
    this.sent.push(result);
    return result;
  }

  /** Every statement answered; the first failure otherwise. */
  async done(): Promise<void> {
    await Promise.all(this.sent);
  }

  /** Nothing left running (after a failure, before ROLLBACK). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.sent);
  }
}

/** Rows to write, one array per column (entity, id, sealed row, seq, hlc, changed_at). */
class EntityColumns {
  private readonly entity: string[] = [];
  private readonly id: string[] = [];
  private readonly row: string[] = [];
  private readonly seq: number[] = [];
  private readonly hlc: string[] = [];
  private readonly changedAt: string[] = [];

  get size(): number {
    return this.id.length;
  }

  add(event: BundleEvent, sealed: string): void {
    this.entity.push(event.entity);
    this.id.push(event.entityId);
    this.row.push(sealed);
    this.seq.push(event.seq);
    this.hlc.push(event.hlc);
    this.changedAt.push(event.createdAt);
  }

  params(): unknown[] {
    return [this.entity, this.id, this.row, this.seq, this.hlc, this.changedAt];
  }
}

/** `?` placeholders (the text both stores share) as PostgreSQL's `$1, $2, …`. No query here has a literal `?`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}
