import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleEvent } from '../../../src-main/core/sync/bundle/codec';
import { arrayParam, binaryArrayParams, integerArray, textArray } from '../../../src-main/school-server/pg-arrays';
import { VIEW_TABLES } from '../../../src-main/school-server/views/view-tables';
import { seal } from './fixtures';
import { harness, pgUrl } from './receiver-fixtures';

/**
 * The PostgreSQL store sends a bundle's columns as binary arrays, writes new rows with a plain
 * INSERT and stored ones with an UPDATE (after asking which are stored), and reads the rows that
 * updates merge into in one query. These tests hold it to the SQLite store, which does none of that.
 */

describe('binary array parameters', () => {
  it('encode what array_send would: dimensions, null flag, element type, lengths', () => {
    const buffer = textArray(['a', null, '中']);
    expect(buffer.readInt32BE(0)).toBe(1);
    expect(buffer.readInt32BE(4)).toBe(1);
    expect(buffer.readInt32BE(8)).toBe(25);
    expect(buffer.readInt32BE(12)).toBe(3);
    expect(buffer.readInt32BE(16)).toBe(1);
    expect(buffer.readInt32BE(20)).toBe(1);
    expect(buffer.subarray(24, 25).toString()).toBe('a');
    expect(buffer.readInt32BE(25)).toBe(-1);
    expect(buffer.readInt32BE(29)).toBe(3);
    expect(buffer.subarray(33).toString()).toBe('中');
    expect(textArray([]).length).toBe(12);
    expect(textArray([]).readInt32BE(0)).toBe(0);
  });

  it('leave as they are the arrays a binary type cannot hold, for the server to judge as before', () => {
    const tooBig = [1, 2 ** 31];
    expect(integerArray(tooBig, 'integer')).toBeNull();
    expect(arrayParam(tooBig, 'integer')).toBe(tooBig);
    expect(arrayParam([1.5], 'bigint')).toEqual([1.5]);
    expect(arrayParam(['x', 3], 'text')).toEqual(['x', 3]);
    expect(Buffer.isBuffer(arrayParam([2 ** 40, null, -1], 'bigint'))).toBe(true);
    const params = binaryArrayParams('SELECT $1::text, $2::text[], $3::integer[]', ['a', ['b'], [1]]);
    expect(params[0]).toBe('a');
    expect(Buffer.isBuffer(params[1]) && Buffer.isBuffer(params[2])).toBe(true);
  });
});

describe.skipIf(!pgUrl)('binary array parameters on PostgreSQL (TEST_DATABASE_URL)', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('give back every text as sent (quotes, backslashes, braces, commas, spaces, CJK, emoji, empty, NULL)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { maxLength: 40 }), async (values) => {
        const texts = values.map((v) => (v === null ? null : v.replace(/\u0000/g, '')));
        const sql = 'SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n';
        const result = await client.query(sql, binaryArrayParams(sql, [texts]));
        expect(result.rows.map((r: { v: string | null }) => r.v)).toEqual(texts);
      }),
      { numRuns: 50 },
    );
    const fixed = ['"quoted"', 'back\\slash', '{brace}', 'a,b', ' spaced ', '学生 😀', '', null, 'NULL'];
    const sql = 'SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n';
    expect((await client.query(sql, binaryArrayParams(sql, [fixed]))).rows.map((r: { v: string | null }) => r.v)).toEqual(fixed);
  });

  it('give back integers and bigints as sent, and an out-of-range integer is refused by the server as before', async () => {
    const sql = 'SELECT a::text, b::text FROM unnest($1::integer[], $2::bigint[]) AS u(a, b)';
    const result = await client.query(
      sql,
      binaryArrayParams(sql, [
        [-2147483648, null, 2147483647],
        [2 ** 53 - 1, -5, null],
      ]),
    );
    expect(result.rows).toEqual([
      { a: '-2147483648', b: String(2 ** 53 - 1) },
      { a: null, b: '-5' },
      { a: '2147483647', b: null },
    ]);
    await expect(client.query('SELECT unnest($1::integer[])', binaryArrayParams('SELECT unnest($1::integer[])', [[2 ** 31]]))).rejects.toThrow(/out of range/);
  });
});

/** Everything a store holds that a bundle writes: the rows and every projection table. */
async function contents(store: Awaited<ReturnType<typeof harness>>['receiver']['store']) {
  const views: Record<string, unknown[]> = {};
  for (const table of Object.values(VIEW_TABLES)) {
    const rows = await store.all<Record<string, unknown>>(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`);
    views[table.name] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  }
  return { dump: await store.dump(), views };
}

describe.skipIf(!pgUrl)('PostgreSQL apply against SQLite (TEST_DATABASE_URL)', () => {
  it('property: the same bundles leave the same rows and projections in both stores (re-inserts, updates of stored rows, deletes, overlaps)', async () => {
    const sqlite = await harness('sqlite');
    const postgres = await harness('postgres', sqlite.keys);
    try {
      const entities = ['students', 'key_attention', 'cases', 'crisis_events'] as const;
      let seq = 0;
      const history: BundleEvent[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              entity: fc.constantFrom(...entities),
              id: fc.integer({ min: 0, max: 5 }),
              op: fc.constantFrom('insert', 'update', 'update', 'delete'),
              v: fc.nat(9),
            }),
            { minLength: 1, maxLength: 25 },
          ),
          fc.nat(3),
          async (specs, overlap) => {
            const events: BundleEvent[] = specs.map((s) => {
              seq += 1;
              const id = `${s.entity}-${s.id}`;
              const student = `students-${s.v % 6}`;
              // An update carries some fields only: the rest comes from the row as stored or as folded.
              const payload =
                s.op === 'delete'
                  ? { id }
                  : s.op === 'update'
                    ? s.entity === 'students'
                      ? { className: `班{${s.v}}` }
                      : s.entity === 'key_attention'
                        ? { level: String(1 + (s.v % 3)), status: s.v === 0 ? 'removed' : 'active' }
                        : { status: `s,${s.v}` }
                    : s.entity === 'students'
                      ? { id, studentNo: `2026${s.v}`, name: `学生"${s.v}\\`, className: null }
                      : s.entity === 'key_attention'
                        ? { id, studentId: student, level: String(1 + (s.v % 3)), status: 'active', responsible: { counselorId: 'a' } }
                        : { id, studentId: student, status: 'open', eventNo: `E,${s.v}`, level: '1' };
              return { seq, hlc: `h-${seq}`, entity: s.entity, entityId: id, op: s.op as BundleEvent['op'], payload, createdAt: '2026-11-29T10:00:00.000Z' };
            });
            // A bundle may start inside what is applied (it repeats the last events sent: they are skipped).
            const bundle = await seal(sqlite.keys, [...history.slice(Math.max(0, history.length - overlap)), ...events]);
            history.push(...events);
            for (const h of [sqlite, postgres]) expect((await h.receiver.receive(bundle.manifestFile, bundle.payload)).outcome).toBe('applied');
            expect(await contents(postgres.receiver.store)).toEqual(await contents(sqlite.receiver.store));
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await postgres.close();
      await sqlite.close();
    }
  }, 120_000);
});

describe.skipIf(!pgUrl)('PostgreSQL store: statements outside bundle application (TEST_DATABASE_URL)', () => {
  const student = (n: number): BundleEvent => ({
    seq: n,
    hlc: `h-${n}`,
    entity: 'students',
    entityId: `s-${n}`,
    op: 'insert',
    payload: { id: `s-${n}`, studentNo: `2026${n}`, name: `学生${n}` },
    createdAt: '2026-11-29T10:00:00.000Z',
  });

  it('a page read sent while a bundle is applied runs in a transaction of its own, not inside the apply', async () => {
    const h = await harness('postgres');
    try {
      const events = [1, 2, 3].map(student);
      const bundle = await seal(h.keys, events);
      const applying = h.receiver.store.applyBundle(bundle.manifest, events, '2026-11-29T12:00:00.000Z');
      // Sent right after the apply's BEGIN: on the apply's connection it ran inside that transaction,
      // whose start is earlier than the statement's.
      const [seen] = await h.receiver.store.all<{ alone: boolean }>('SELECT transaction_timestamp() = statement_timestamp() AS alone');
      expect((await applying).outcome).toBe('applied');
      expect(seen!.alone).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('an audit entry written while a bundle is refused is kept when the apply rolls back', async () => {
    const h = await harness('postgres');
    try {
      // Starts at 5 with nothing applied: refused as a gap, its transaction rolled back.
      const events = [student(5)];
      const bundle = await seal(h.keys, events, { fromSeq: 5, toSeq: 5 });
      const applying = h.receiver.store.applyBundle(bundle.manifest, events, '2026-11-29T12:00:00.000Z');
      const written = h.receiver.store.run(
        'INSERT INTO server_audit (seq, at, username, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [1, '2026-11-29T12:00:00.000Z', 'director', 'view', '/api/crisis', '{}', '0'.repeat(64), '1'.repeat(64)],
      );
      expect((await applying).outcome).toBe('gap');
      await written;
      expect(await h.receiver.store.all('SELECT action, target FROM server_audit')).toEqual([{ action: 'view', target: '/api/crisis' }]);
    } finally {
      await h.close();
    }
  });
});
