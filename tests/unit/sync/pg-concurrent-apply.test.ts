import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { BundleEvent } from '../../../src-main/core/sync/bundle/codec';
import { PgReceiverStore } from '../../../src-main/school-server/pg-store';
import { makeKeys, seal, type Keys } from './fixtures';
import { pgUrl, TEST_STORE_KEY } from './receiver-fixtures';

/**
 * Two receivers on one database (the CLI's `import` while `serve` takes bundles over HTTP) apply
 * bundles at the same moment. The merged key-attention list is shared by every workstation, and a
 * workstation's view rows by its profiles: bundles that touch the same student must not refuse each
 * other nor leave a merged row that misses one of them (a student held at risk on two PCs must show
 * with the highest level and both holders).
 */

const AT = '2026-11-29T12:00:00.000Z';

function studentWithEntry(seq: number, round: number, level: string): BundleEvent[] {
  const student = `s-${round}`;
  return [
    {
      seq,
      hlc: `h-${seq}`,
      entity: 'students',
      entityId: student,
      op: 'insert',
      payload: { id: student, studentNo: `2026${round}`, name: `学生${round}` },
      createdAt: AT,
    },
    {
      seq: seq + 1,
      hlc: `h-${seq + 1}`,
      entity: 'key_attention',
      entityId: `ka-${round}`,
      op: 'insert',
      payload: { id: `ka-${round}`, studentId: student, level, status: 'active', responsible: { counselorId: 'c-1' } },
      createdAt: AT,
    },
  ];
}

function rosterEntry(seq: number, round: number, level: string): BundleEvent {
  // The departments profile carries the same entry (same id) with the 学号 on it: it counts once, as the full one.
  return {
    seq,
    hlc: `h-${seq}`,
    entity: 'key_attention_roster',
    entityId: `ka-${round}`,
    op: 'insert',
    payload: { id: `ka-${round}`, studentNo: `2026${round}`, name: `学生${round}`, level, status: 'active' },
    createdAt: AT,
  };
}

describe.skipIf(!pgUrl)('PostgreSQL receivers applying at the same time (TEST_DATABASE_URL)', () => {
  it('bundles of two workstations and of one workstation’s two profiles, applied at once, are all applied and merged as if one after the other', async () => {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const first = await PgReceiverStore.connect(pgUrl!, { schema, key: TEST_STORE_KEY });
    const second = await PgReceiverStore.connect(pgUrl!, { schema, key: TEST_STORE_KEY });
    const third = await PgReceiverStore.connect(pgUrl!, { schema, key: TEST_STORE_KEY });
    try {
      const [ws1, ws2]: Keys[] = [await makeKeys('ws-0001'), await makeKeys('ws-0002')];
      const rounds = 12;
      const seqs = { ws1: 0, ws2: 0, roster: 0 };
      for (let round = 0; round < rounds; round += 1) {
        const one = studentWithEntry(seqs.ws1 + 1, round, '1');
        const two = studentWithEntry(seqs.ws2 + 1, round, '2');
        const three = [rosterEntry(seqs.roster + 1, round, '1')];
        seqs.ws1 += 2;
        seqs.ws2 += 2;
        seqs.roster += 1;
        const [b1, b2, b3] = await Promise.all([seal(ws1, one), seal(ws2, two), seal(ws1, three, { profile: 'departments' })]);
        // Each receiver applies one bundle at a time (Receiver serialises its calls): three receivers, one bundle each.
        const [x, y, z] = round % 2 === 0 ? [first, second, third] : [third, first, second];
        const outcomes = await Promise.allSettled([
          x.applyBundle(b1.manifest, one, AT),
          y.applyBundle(b2.manifest, two, AT),
          z.applyBundle(b3.manifest, three, AT),
        ]);
        expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.outcome : String(o.reason)))).toEqual(['applied', 'applied', 'applied']);
      }
      const merged = await first.all<{ student_key: string; level: string; holders: number }>(
        'SELECT student_key, level, holders FROM view_key_attention_students ORDER BY student_key',
      );
      expect(merged.map((m) => ({ ...m, holders: Number(m.holders) }))).toEqual(
        Array.from({ length: rounds }, (_, round) => ({ student_key: `2026${round}`, level: '1', holders: 2 })).sort((a, b) =>
          a.student_key.localeCompare(b.student_key),
        ),
      );
    } finally {
      await Promise.allSettled([first.close(), second.close(), third.close()]);
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }, 60_000);
});
