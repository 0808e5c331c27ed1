import pg from 'pg';
import type { BundleEvent, BundleManifest } from '../core/sync/bundle/codec';
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
    private readonly client: pg.Client,
    storeKey: Buffer,
  ) {
    this.sealer = new RowSealer(storeKey);
  }

  /** `schema` (optional) keeps the tables in their own namespace (tests use a fresh one each). */
  static async connect(connectionString: string, options: { schema?: string; key: Buffer }): Promise<PgReceiverStore> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      if (options.schema) {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`Invalid schema name ${options.schema}`);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        await client.query(`SET search_path TO ${options.schema}`);
      }
      await client.query(receiverTablesDdl({ sequence: 'BIGINT', json: 'JSONB' }));
      await client.query(viewTablesDdl());
      await client.query(SERVER_TABLES_DDL);
      await upgradeProjections(client);
    } catch (error) {
      await client.end();
      throw error;
    }
    return new PgReceiverStore(client, options.key);
  }

  async lastSeq(workstationId: string, profile: string): Promise<number> {
    const result = await this.client.query('SELECT last_seq FROM positions WHERE workstation_id = $1 AND profile = $2', [workstationId, profile]);
    return result.rows.length ? Number(result.rows[0].last_seq) : 0;
  }

  async applyBundle(manifest: BundleManifest, events: readonly BundleEvent[], appliedAt: string): Promise<ApplyOutcome> {
    const { workstationId: ws, profile } = manifest;
    const c = this.client;
    await c.query('BEGIN');
    try {
      // The position row is the lock: two receivers on one database cannot apply the same range twice.
      await c.query(`INSERT INTO positions (workstation_id, profile, last_seq, updated_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING`, [
        ws,
        profile,
        appliedAt,
      ]);
      const locked = await c.query('SELECT last_seq FROM positions WHERE workstation_id = $1 AND profile = $2 FOR UPDATE', [ws, profile]);
      const last = Number(locked.rows[0].last_seq);
      const verdict = classify(manifest, last);
      if (verdict !== 'apply') {
        await c.query('ROLLBACK');
        return verdict === 'duplicate' ? { outcome: 'duplicate', lastSeq: last } : { outcome: 'gap', lastSeq: last };
      }
      // Folded in memory first so each row is read, opened and sealed once, however often it changed.
      const final = new Map<string, { event: BundleEvent; row: Record<string, unknown> | null }>();
      let applied = 0;
      for (const event of events) {
        if (event.seq <= last) continue;
        const place = rowPlace(ws, profile, event.entity, event.entityId);
        let existing: Record<string, unknown> | undefined;
        if (event.op === 'update') {
          const folded = final.get(place);
          existing = folded ? (folded.row ?? undefined) : await this.readRow(ws, profile, event.entity, event.entityId);
        }
        final.set(place, { event, row: nextRow(existing, event) });
        applied += 1;
      }
      const referencedQuery = referencedStudentsQuery(ws);
      const referenced = new Set<string>(
        (await c.query(numbered(referencedQuery.sql), referencedQuery.params)).rows.flatMap((r: { student_local_id: string | null }) =>
          r.student_local_id === null ? [] : [r.student_local_id],
        ),
      );
      const written = [...final.entries()];
      for (const [, { event, row }] of written) {
        if (row === null)
          await c.query('DELETE FROM entities WHERE workstation_id = $1 AND profile = $2 AND entity = $3 AND entity_id = $4', [
            ws,
            profile,
            event.entity,
            event.entityId,
          ]);
      }
      // All the bundle's rows in one statement: a column array each (unnest), parsed once, one round trip.
      const ids: string[] = [];
      const entities: string[] = [];
      const stored: string[] = [];
      const seqs: number[] = [];
      const hlcs: string[] = [];
      const changedAt: string[] = [];
      for (const [place, { event, row }] of written) {
        if (row === null) continue;
        entities.push(event.entity);
        ids.push(event.entityId);
        stored.push(JSON.stringify(this.sealer.seal(row, place)));
        seqs.push(event.seq);
        hlcs.push(event.hlc);
        changedAt.push(event.createdAt);
      }
      if (ids.length > 0) await c.query(ENTITY_UNNEST_UPSERT, [ws, profile, entities, ids, stored, seqs, hlcs, changedAt]);
      // The projections move in the same transaction as the rows they are made from.
      for (const { sql, params } of projectionPlan(ws, viewChanges(ws, profile, final.values()), referenced, 'unnest')) await c.query(numbered(sql), params);
      await c.query(
        `INSERT INTO bundles (workstation_id, profile, from_seq, to_seq, bundle_id, event_count, payload_sha256, applied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [ws, profile, manifest.fromSeq, manifest.toSeq, manifest.bundleId, manifest.eventCount, manifest.payloadSha256, appliedAt],
      );
      await c.query('UPDATE positions SET last_seq = $3, updated_at = $4 WHERE workstation_id = $1 AND profile = $2', [ws, profile, manifest.toSeq, appliedAt]);
      await c.query('COMMIT');
      return { outcome: 'applied', eventsApplied: applied, lastSeq: manifest.toSeq };
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async readRow(ws: string, profile: string, entity: string, entityId: string): Promise<Record<string, unknown> | undefined> {
    const found = await this.client.query('SELECT row FROM entities WHERE workstation_id = $1 AND profile = $2 AND entity = $3 AND entity_id = $4', [
      ws,
      profile,
      entity,
      entityId,
    ]);
    return found.rows.length ? this.sealer.open(found.rows[0].row, rowPlace(ws, profile, entity, entityId)) : undefined;
  }

  /** Rows stored before sealing existed (plain JSONB) are sealed in place; returns how many. */
  async sealPlainRows(): Promise<number> {
    const rows = await this.client.query('SELECT workstation_id, profile, entity, entity_id, row FROM entities');
    let sealed = 0;
    await this.client.query('BEGIN');
    try {
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
    const result = await this.client.query(
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
    const positions = await this.client.query('SELECT workstation_id, profile, last_seq FROM positions WHERE last_seq > 0 ORDER BY workstation_id, profile');
    const rows = await this.client.query(
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
    return (await this.client.query(numbered(sql), [...params])).rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.client.query(numbered(sql), [...params]);
  }

  protectText(text: string, place: string): string {
    return JSON.stringify(this.sealer.seal({ text }, place));
  }

  revealText(stored: string, place: string): string {
    return String(this.sealer.open(JSON.parse(stored), place).text);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** A store written by an earlier version gains the merged key-attention projection, built from what it holds. */
async function upgradeProjections(client: pg.Client): Promise<void> {
  await client.query('ALTER TABLE view_key_attention ADD COLUMN IF NOT EXISTS merged_key TEXT');
  await client.query(MERGED_KEY_ATTENTION_DDL);
  if ((await client.query(NEEDS_REBUILD_QUERY)).rows.length === 0) return;
  await client.query('BEGIN');
  try {
    for (const { sql, params } of rebuildStatements()) await client.query(numbered(sql), params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A bundle's rows, one array per column; the workstation and profile are the same for all. */
const ENTITY_UNNEST_UPSERT = `INSERT INTO entities (workstation_id, profile, entity, entity_id, row, seq, hlc, changed_at)
  SELECT $1, $2, e, i, r::jsonb, s, h, c FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[]) AS u(e, i, r, s, h, c)
  ON CONFLICT (workstation_id, profile, entity, entity_id) DO UPDATE SET row = excluded.row, seq = excluded.seq, hlc = excluded.hlc, changed_at = excluded.changed_at`;

/** `?` placeholders (the text both stores share) as PostgreSQL's `$1, $2, …`. No query here has a literal `?`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}
