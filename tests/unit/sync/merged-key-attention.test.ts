import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleEvent, BundleManifest } from '../../../src-main/core/sync/bundle/codec';
import { SqliteReceiverStore } from '../../../src-main/school-server/sqlite-store';
import type { ReceiverStore } from '../../../src-main/school-server/store';
import { keyAttentionPage, mergedKeyAttention, schoolStatistics } from '../../../src-main/school-server/views/view-queries';
import type { MergedKeyAttention } from '../../../src-shared/school-server-api';
import { openStore, pgUrl, TEST_STORE_KEY, type StoreKind } from './receiver-fixtures';

/**
 * The merged key-attention projection (one row per student, kept while bundles apply) must give
 * the director exactly the list that merging every entry gives: no student dropped or doubled by
 * paging, whatever order entries, student rows, removals and 学号 arrive in.
 */

const TODAY = '2026-11-29';
const AT = '2026-11-29T09:00:00.000Z';
const WORKSTATIONS = ['ws-a', 'ws-b'];
const STUDENT_NOS = ['2026000001', '2026000002', '2026000003', null];

type Change =
  | { kind: 'student'; ws: number; local: number; studentNo: string | null; remove: boolean }
  | { kind: 'entry'; ws: number; entry: number; local: number; level: string; status: string; nextReviewOn: string | null; op: 'insert' | 'update' | 'delete' }
  | { kind: 'roster'; ws: number; entry: number; studentNo: string | null; level: string; status: string; nextReviewOn: string | null };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('student' as const),
    ws: fc.nat(1),
    local: fc.nat(3),
    studentNo: fc.constantFrom(...STUDENT_NOS),
    remove: fc.boolean().map((b) => b && Math.random() < 0.3),
  }),
  fc.record({
    kind: fc.constant('entry' as const),
    ws: fc.nat(1),
    entry: fc.nat(4),
    local: fc.nat(3),
    level: fc.constantFrom('1', '2', '3', 'x'),
    status: fc.constantFrom('active', 'active', 'removed'),
    nextReviewOn: fc.constantFrom('2026-11-01', '2026-12-20', null),
    op: fc.constantFrom('insert' as const, 'update' as const, 'delete' as const),
  }),
  fc.record({
    kind: fc.constant('roster' as const),
    ws: fc.nat(1),
    entry: fc.nat(4),
    studentNo: fc.constantFrom(...STUDENT_NOS),
    level: fc.constantFrom('1', '2', '3'),
    status: fc.constantFrom('active', 'removed'),
    nextReviewOn: fc.constantFrom('2026-11-01', '2026-12-20', null),
  }),
);

function asEvent(c: Change): { ws: string; profile: string; event: Omit<BundleEvent, 'seq' | 'hlc'> } {
  const ws = WORKSTATIONS[c.ws];
  if (c.kind === 'student') {
    const id = `s-${c.local}`;
    const payload: Record<string, unknown> = { id, name: `测试学生${c.local}`, department: '物理学院', className: '物理1班', updatedAt: AT };
    if (c.studentNo) payload.studentNo = c.studentNo;
    return { ws, profile: 'full', event: { entity: 'students', entityId: id, op: c.remove ? 'delete' : 'insert', payload, createdAt: AT } };
  }
  if (c.kind === 'entry') {
    const id = `k-${c.entry}`;
    const payload =
      c.op === 'update'
        ? { level: c.level, status: c.status }
        : { id, studentId: `s-${c.local}`, level: c.level, status: c.status, nextReviewOn: c.nextReviewOn, reason: '合成', responsible: {} };
    return { ws, profile: 'full', event: { entity: 'key_attention', entityId: id, op: c.op, payload, createdAt: AT } };
  }
  const id = `k-${c.entry}`;
  const payload: Record<string, unknown> = { level: c.level, status: c.status, nextReviewOn: c.nextReviewOn, name: '测试学生', department: '物理学院' };
  if (c.studentNo) payload.studentNo = c.studentNo;
  return { ws, profile: 'departments', event: { entity: 'key_attention_roster', entityId: id, op: 'insert', payload, createdAt: AT } };
}

/** Applies the changes as bundles of the given sizes per (workstation, profile), in order. */
const sequences = new WeakMap<ReceiverStore, Map<string, number>>();
async function applyChanges(store: ReceiverStore, changes: Change[], sizes: number[]): Promise<void> {
  const seqs = sequences.get(store) ?? new Map<string, number>();
  sequences.set(store, seqs);
  let pending: { ws: string; profile: string; events: BundleEvent[] } | null = null;
  let bundle = 0;
  const flush = async () => {
    if (!pending) return;
    const { ws, profile, events } = pending;
    const manifest = {
      workstationId: ws,
      profile,
      fromSeq: events[0].seq,
      toSeq: events.at(-1)!.seq,
      bundleId: `b-${ws}-${events[0].seq}`,
      eventCount: events.length,
      payloadSha256: 'x',
    } as BundleManifest;
    expect((await store.applyBundle(manifest, events, AT)).outcome).toBe('applied');
    pending = null;
    bundle += 1;
  };
  for (const c of changes) {
    const { ws, profile, event } = asEvent(c);
    if (pending && (pending.ws !== ws || pending.profile !== profile || pending.events.length >= sizes[bundle % sizes.length])) await flush();
    const position = `${ws}/${profile}`;
    const seq = (seqs.get(position) ?? 0) + 1;
    seqs.set(position, seq);
    pending ??= { ws, profile, events: [] };
    pending.events.push({ ...event, seq, hlc: `${AT}-${seq}` });
  }
  await flush();
}

const canonical = (m: MergedKeyAttention) => ({
  studentNo: m.student.studentNo,
  level: m.level,
  nextReviewOn: m.nextReviewOn,
  overdue: m.overdue,
  heldBy: m.heldBy.map((h) => `${h.workstationId}:${h.level}:${h.nextReviewOn}`).sort(),
});
const sortKey = (c: ReturnType<typeof canonical>) => JSON.stringify(c);

async function allPages(store: ReceiverStore, limit: number): Promise<{ students: MergedKeyAttention[]; total: number; overdue: number }> {
  const students: MergedKeyAttention[] = [];
  let total = 0;
  let overdue = 0;
  for (let offset = 0; ; offset += limit) {
    const page = await keyAttentionPage(store, TODAY, offset, limit);
    total = page.total;
    overdue = page.overdue;
    students.push(...page.students);
    if (page.students.length < limit) break;
  }
  return { students, total, overdue };
}

async function expectPagesMatchTheWholeList(store: ReceiverStore): Promise<void> {
  const whole = await mergedKeyAttention(store, TODAY);
  const paged = await allPages(store, 2);
  expect(paged.total).toBe(whole.length);
  // One line per student: a student known by 学号 is never listed twice.
  const numbers = paged.students.flatMap((m) => (m.student.studentNo ? [m.student.studentNo] : []));
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(paged.overdue).toBe(whole.filter((m) => m.overdue).length);
  expect(paged.students.map(canonical).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
    whole.map(canonical).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
  // The pages keep the list's order: overdue first, then the highest level.
  const rank = (m: MergedKeyAttention) => [m.overdue ? 0 : 1, ['1', '2', '3'].indexOf(m.level ?? '') === -1 ? 3 : ['1', '2', '3'].indexOf(m.level!)];
  for (let i = 1; i < paged.students.length; i += 1) {
    const [a, b] = [rank(paged.students[i - 1]), rank(paged.students[i])];
    expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])).toBe(true);
  }
  // The statistics count the same students per level.
  const stats = await schoolStatistics(store, 2026, TODAY);
  const byLevel = new Map<string, number>();
  for (const m of whole) byLevel.set(m.level ?? '', (byLevel.get(m.level ?? '') ?? 0) + 1);
  for (const { level, count } of stats.keyAttentionByLevel) expect(count).toEqual((byLevel.get(level) ?? 0) < 5 ? '<5' : byLevel.get(level));
}

function suite(kind: StoreKind) {
  it('property: every page together is the whole merged list, in its order, whatever arrives when', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        async (changes, sizes) => {
          const dir = mkdtempSync(join(tmpdir(), 'merged-ka-'));
          const store = await openStore(kind, dir);
          try {
            await applyChanges(store, changes, sizes);
            await expectPagesMatchTheWholeList(store);
          } finally {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: kind === 'sqlite' ? 60 : 15 },
    );
  }, 240_000);

  it('a student whose 学号 arrives after their entry moves from "no 学号" to their merged line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merged-ka-'));
    const store = await openStore(kind, dir);
    try {
      await applyChanges(
        store,
        [
          { kind: 'entry', ws: 0, entry: 1, local: 1, level: '2', status: 'active', nextReviewOn: '2026-12-20', op: 'insert' },
          { kind: 'roster', ws: 1, entry: 7, studentNo: '2026000002', level: '1', status: 'active', nextReviewOn: '2026-11-01' },
        ],
        [5],
      );
      let page = await keyAttentionPage(store, TODAY, 0, 10);
      expect(page.total).toBe(2);
      expect(page.students.map((s) => s.student.studentNo)).toEqual(['2026000002', null]);
      await applyChanges(store, [{ kind: 'student', ws: 0, local: 1, studentNo: '2026000002', remove: false }], [5]);
      page = await keyAttentionPage(store, TODAY, 0, 10);
      expect(page.total).toBe(1);
      expect(page.students[0]).toMatchObject({ level: '1', overdue: true, student: { studentNo: '2026000002', name: '测试学生1' } });
      expect(page.students[0].heldBy.map((h) => h.workstationId).sort()).toEqual(['ws-a', 'ws-b']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

describe('the merged key-attention projection on SQLite', () => {
  suite('sqlite');

  it('a store from before the projection is brought up to date when it is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merged-ka-'));
    const file = join(dir, 'receiver.db');
    let store = new SqliteReceiverStore(file, TEST_STORE_KEY);
    await applyChanges(
      store,
      [
        { kind: 'student', ws: 0, local: 0, studentNo: '2026000001', remove: false },
        { kind: 'entry', ws: 0, entry: 0, local: 0, level: '1', status: 'active', nextReviewOn: '2026-11-01', op: 'insert' },
        { kind: 'roster', ws: 1, entry: 2, studentNo: '2026000003', level: '3', status: 'active', nextReviewOn: null },
      ],
      [5],
    );
    // What an earlier version left: entries without a merged key and no merged rows.
    await store.run('UPDATE view_key_attention SET merged_key = NULL');
    await store.run('DELETE FROM view_key_attention_students');
    expect((await keyAttentionPage(store, TODAY, 0, 10)).total).toBe(0);
    await store.close();
    store = new SqliteReceiverStore(file, TEST_STORE_KEY);
    try {
      const page = await keyAttentionPage(store, TODAY, 0, 10);
      expect(page.students.map((s) => s.student.studentNo)).toEqual(['2026000001', '2026000003']);
      await expectPagesMatchTheWholeList(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
describe.skipIf(!pgUrl)('the merged key-attention projection on PostgreSQL (TEST_DATABASE_URL)', () => suite('postgres'));
