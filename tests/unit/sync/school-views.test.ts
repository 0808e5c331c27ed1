import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleEvent } from '../../../src-main/core/sync/bundle/codec';
import { runCli } from '../../../src-main/school-server/cli';
import { createReceiverServer } from '../../../src-main/school-server/http';
import { openReceiverStore } from '../../../src-main/school-server/open-store';
import { tempDir } from '../core/helpers';
import { trustWorkstation } from '../../../src-main/school-server/keys';
import {
  departmentCensus,
  departmentKeyAttention,
  mergedKeyAttention,
  openCrisisEvents,
  schoolStatistics,
} from '../../../src-main/school-server/views/view-queries';
import { VIEW_TABLES } from '../../../src-main/school-server/views/view-tables';
import { clientAddress, WebApi } from '../../../src-main/school-server/web/api';
import { addUser } from '../../../src-main/school-server/web/users';
import { makeKeys, seal, type Keys } from './fixtures';
import { harness, pgUrl, type Harness, type StoreKind } from './receiver-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const NOW = new Date('2026-11-29T12:00:00.000Z');
const AT = '2026-11-29T09:00:00.000Z';
/** Made-up clinical text: it must never be in a projection. */
const DESCRIPTION_MARKER = 'DESCRIPTION-MARKER-9d1e 学生自述内容';
const REASON_MARKER = 'REASON-MARKER-4c2b 关注原因';
const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };

type Row = Record<string, unknown>;

function events(rows: { entity: string; id: string; op?: BundleEvent['op']; payload: Row }[], ws: string): BundleEvent[] {
  return rows.map((r, i) => ({
    seq: i + 1,
    hlc: `${AT}-${String(i + 1).padStart(4, '0')}-${ws}`,
    entity: r.entity,
    entityId: r.id,
    op: r.op ?? 'insert',
    payload: r.payload,
    createdAt: AT,
  }));
}

/** What workstation A's full profile carries: a student in crisis with an overdue step, on the key-attention list. */
function workstationA(): { entity: string; id: string; op?: BundleEvent['op']; payload: Row }[] {
  return [
    { entity: 'accounts', id: 'acc-1', payload: { id: 'acc-1', displayName: '王老师', username: 'wang' } },
    {
      entity: 'students',
      id: 'stu-1',
      payload: {
        id: 'stu-1',
        studentNo: '2026000101',
        name: '测试学生甲',
        department: '计算机学院',
        className: '计科1班',
        status: 'enrolled',
        phone: '13800000000',
        updatedAt: AT,
      },
    },
    {
      entity: 'students',
      id: 'stu-2',
      payload: { id: 'stu-2', studentNo: '2026000102', name: '测试学生乙', department: '文学院', className: '汉语1班', status: 'enrolled', updatedAt: AT },
    },
    {
      entity: 'crisis_events',
      id: 'ev-1',
      payload: {
        id: 'ev-1',
        eventNo: 'CR-2026-0001',
        studentId: 'stu-1',
        level: '1',
        status: 'open',
        ownerId: 'acc-1',
        discoveredAt: '2026-11-29T08:00:00.000Z',
        description: DESCRIPTION_MARKER,
        summary: null,
      },
    },
    // Due 10 minutes after discovery, still open at noon: overdue.
    {
      entity: 'crisis_steps',
      id: 'st-1',
      payload: { id: 'st-1', eventId: 'ev-1', key: 'report', dueMinutes: 10, levels: [], status: 'open', note: DESCRIPTION_MARKER, naReason: null },
    },
    // Ongoing: never overdue.
    { entity: 'crisis_steps', id: 'st-2', payload: { id: 'st-2', eventId: 'ev-1', key: 'followup', dueMinutes: null, levels: [], status: 'open', note: null } },
    {
      entity: 'key_attention',
      id: 'ka-1',
      payload: {
        id: 'ka-1',
        studentId: 'stu-1',
        level: '2',
        reason: REASON_MARKER,
        responsible: { counselorId: 'acc-1', departmentCounselor: null },
        nextReviewOn: '2026-11-20',
        status: 'active',
      },
    },
    // A student whose basic data has not arrived (the bundle with the student row is missing).
    {
      entity: 'key_attention',
      id: 'ka-2',
      payload: {
        id: 'ka-2',
        studentId: 'stu-unknown',
        level: '3',
        reason: REASON_MARKER,
        responsible: { counselorId: null },
        nextReviewOn: '2026-12-10',
        status: 'active',
      },
    },
  ];
}

async function twoWorkstations(kind: StoreKind): Promise<{ h: Harness; a: Keys; b: Keys }> {
  const h = await harness(kind, await makeKeys('ws-a'));
  cleanups.push(() => h.close());
  const b = await makeKeys('ws-b');
  trustWorkstation(h.dir, b.workstationId, b.workstation.publicKeyPem);
  b.identity = h.keys.identity;
  b.recipient = h.keys.recipient;
  const fromA = await seal(h.keys, events(workstationA(), 'ws-a'));
  expect((await h.receiver.receive(fromA.manifestFile, fromA.payload)).outcome).toBe('applied');
  // Workstation B holds the same student (by 学号) at the top level, with another class on record.
  const fromB = await seal(
    b,
    events(
      [
        { entity: 'accounts', id: 'acc-9', payload: { id: 'acc-9', displayName: '李老师' } },
        {
          entity: 'students',
          id: 'x-77',
          payload: {
            id: 'x-77',
            studentNo: '2026000101',
            name: '测试学生甲',
            department: '计算机学院',
            className: '计科2班',
            status: 'enrolled',
            updatedAt: '2026-11-29T10:00:00.000Z',
          },
        },
        {
          entity: 'key_attention',
          id: 'kb-1',
          payload: {
            id: 'kb-1',
            studentId: 'x-77',
            level: '1',
            reason: REASON_MARKER,
            responsible: { counselorId: 'acc-9' },
            nextReviewOn: '2026-12-01',
            status: 'active',
          },
        },
      ],
      'ws-b',
    ),
  );
  expect((await h.receiver.receive(fromB.manifestFile, fromB.payload)).outcome).toBe('applied');
  // B's departments roster for 文学院 and 计算机学院.
  const roster = await seal(
    b,
    events(
      [
        {
          entity: 'key_attention_roster',
          id: 'kb-1',
          payload: {
            id: 'kb-1',
            studentNo: '2026000101',
            name: '测试学生甲',
            department: '计算机学院',
            className: '计科2班',
            level: '1',
            responsible: { counselor: '李老师' },
            nextReviewOn: '2026-12-01',
            status: 'active',
          },
        },
        {
          entity: 'key_attention_roster',
          id: 'kb-2',
          payload: {
            id: 'kb-2',
            studentNo: '2026000555',
            name: '测试学生丙',
            department: '文学院',
            className: '汉语2班',
            level: '3',
            responsible: { counselor: '李老师' },
            nextReviewOn: '2026-11-01',
            status: 'active',
          },
        },
      ],
      'ws-b',
    ),
    { profile: 'departments' },
  );
  expect((await h.receiver.receive(roster.manifestFile, roster.payload)).outcome).toBe('applied');
  return { h, a: h.keys, b };
}

function viewSuite(kind: StoreKind): void {
  it('projections: open events across workstations with student, responsible counselor and overdue steps, and no clinical column anywhere', async () => {
    const { h } = await twoWorkstations(kind);
    const open = await openCrisisEvents(h.receiver.store, NOW);
    expect(open).toEqual([
      {
        workstationId: 'ws-a',
        eventNo: 'CR-2026-0001',
        student: { studentNo: '2026000101', name: '测试学生甲', department: '计算机学院', className: '计科1班' },
        level: '1',
        status: 'open',
        responsible: '王老师',
        discoveredAt: '2026-11-29T08:00:00.000Z',
        overdueSteps: 1,
      },
    ]);
    for (const table of Object.values(VIEW_TABLES)) {
      const rows = await h.receiver.store.all<Row>(`SELECT * FROM ${table.name}`);
      const text = JSON.stringify(rows);
      expect(text).not.toContain('MARKER');
      for (const row of rows) expect(Object.keys(row).sort()).toEqual([...table.columns].sort());
    }
    const clinical = [
      'description',
      'summary',
      'note',
      'na_reason',
      'reason',
      'content',
      'body',
      'responses',
      'phone',
      'urgency',
      'risk_level',
      'outcome',
      'reasons',
      'score',
      'scores',
      'closing_summary',
      'closing_reason',
      'feedback',
    ];
    for (const table of Object.values(VIEW_TABLES)) for (const column of table.columns) expect(clinical).not.toContain(column);

    // Closing the event on the workstation takes it off the open list (an update merges).
    const closing = await seal(
      h.keys,
      [{ seq: 9, hlc: `${AT}-0009-ws-a`, entity: 'crisis_events', entityId: 'ev-1', op: 'update', payload: { status: 'closed' }, createdAt: AT }],
      { fromSeq: 9, toSeq: 9 },
    );
    expect((await h.receiver.receive(closing.manifestFile, closing.payload)).outcome).toBe('applied');
    expect(await openCrisisEvents(h.receiver.store, NOW)).toEqual([]);
  });

  it('key attention merged by 学号: the highest level wins, every holder is listed, overdue first, and an entry without its student stays visible', async () => {
    const { h } = await twoWorkstations(kind);
    const merged = await mergedKeyAttention(h.receiver.store, '2026-11-29');
    const first = merged.find((m) => m.student.studentNo === '2026000101')!;
    expect(first.level).toBe('1');
    expect(first.nextReviewOn).toBe('2026-11-20');
    expect(first.overdue).toBe(true);
    expect(first.heldBy.map((x) => [x.workstationId, x.level, x.responsible]).sort()).toEqual([
      ['ws-a', '2', '王老师'],
      ['ws-b', '1', '李老师'],
    ]);
    // Workstation B records 计科2班, A 计科1班: B's record is newer and wins, and the disagreement is shown.
    expect(first.student.className).toBe('计科2班');
    expect(first.conflicts).toEqual([
      {
        field: 'className',
        values: expect.arrayContaining([
          { value: '计科1班', workstations: ['ws-a'] },
          { value: '计科2班', workstations: ['ws-b'] },
        ]),
      },
    ]);
    const unknown = merged.find((m) => m.student.studentNo === null);
    expect(unknown).toMatchObject({ level: '3', heldBy: [{ workstationId: 'ws-a' }] });
    expect(merged.map((m) => m.student.studentNo)).toContain('2026000555');
    expect(merged[0].overdue).toBe(true);
    expect(JSON.stringify(merged)).not.toContain('MARKER');
  });

  it('the 院系 view holds only its own department, from the departments roster', async () => {
    const { h } = await twoWorkstations(kind);
    const literature = await departmentKeyAttention(h.receiver.store, '文学院', '2026-11-29');
    expect(literature).toEqual([
      {
        student: { studentNo: '2026000555', name: '测试学生丙', department: '文学院', className: '汉语2班' },
        level: '3',
        nextReviewOn: '2026-11-01',
        overdue: true,
        responsible: '李老师',
        workstations: 1,
      },
    ]);
    const computing = await departmentKeyAttention(h.receiver.store, '计算机学院', '2026-11-29');
    expect(computing.map((s) => s.student.studentNo)).toEqual(['2026000101']);
  });

  it('the 院系 view lists a student held on two workstations once: highest level and its counselor, earliest review, overdue if any is', async () => {
    const { h } = await twoWorkstations(kind);
    // Workstation A's departments roster holds the same student at a lower level, with an earlier review now overdue.
    const rosterA = await seal(
      h.keys,
      events(
        [
          {
            entity: 'key_attention_roster',
            id: 'ka-9',
            payload: {
              id: 'ka-9',
              studentNo: '2026000101',
              name: '测试学生甲',
              department: '计算机学院',
              className: '计科1班',
              level: '2',
              responsible: { counselor: '王老师' },
              nextReviewOn: '2026-11-20',
              status: 'active',
            },
          },
        ],
        'ws-a',
      ),
      { profile: 'departments' },
    );
    expect((await h.receiver.receive(rosterA.manifestFile, rosterA.payload)).outcome).toBe('applied');
    const computing = await departmentKeyAttention(h.receiver.store, '计算机学院', '2026-11-29');
    expect(computing).toEqual([expect.objectContaining({ level: '1', responsible: '李老师', nextReviewOn: '2026-11-20', overdue: true, workstations: 2 })]);
    expect(computing[0].student.studentNo).toBe('2026000101');
  });

  it('statistics merge workstations before the small-cell rule', async () => {
    const { h } = await twoWorkstations(kind);
    const stats = await schoolStatistics(h.receiver.store, 2026, '2026-11-29');
    expect(stats.workstations).toBe(2);
    expect(stats.crisisEventsByLevel).toEqual([{ level: '1', count: '<5' }]);
    expect(stats.keyAttentionByLevel.map((k) => k.level)).toEqual(['1', '3']);
  });

  it('sessions, cases, referrals and census merge across workstations before suppression (3 + 3 students show as 6), and the 院系 sees census status only', async () => {
    const h = await harness(kind, await makeKeys('ws-a'));
    cleanups.push(() => h.close());
    const b = await makeKeys('ws-b');
    trustWorkstation(h.dir, b.workstationId, b.workstation.publicKeyPem);
    b.identity = h.keys.identity;
    b.recipient = h.keys.recipient;
    const activity = (ws: string, offset: number) =>
      [0, 1, 2].flatMap((i) => {
        const n = offset + i;
        return [
          {
            entity: 'students',
            id: `s-${n}`,
            payload: { id: `s-${n}`, studentNo: `20260010${n}`, name: `测试学生${n}`, department: '物理学院', className: '物理1班', updatedAt: AT },
          },
          {
            entity: 'cases',
            id: `c-${n}`,
            payload: {
              id: `c-${n}`,
              studentId: `s-${n}`,
              status: 'active',
              riskLevel: 'high',
              openedAt: '2026-10-01T00:00:00.000Z',
              closingSummary: DESCRIPTION_MARKER,
            },
          },
          {
            entity: 'session_notes',
            id: `n-${n}`,
            payload: { id: `n-${n}`, caseId: `c-${n}`, sessionAt: '2026-10-02T00:00:00.000Z', body: DESCRIPTION_MARKER },
          },
          {
            entity: 'referrals',
            id: `r-${n}`,
            payload: { id: `r-${n}`, studentId: `s-${n}`, status: 'referred', reason: REASON_MARKER, createdAt: '2026-10-03T00:00:00.000Z' },
          },
          {
            entity: 'census_followups',
            id: `f-${n}`,
            payload: {
              id: `f-${n}`,
              batchId: 'batch-1',
              studentId: `s-${n}`,
              urgency: 3,
              reasons: [REASON_MARKER],
              status: i === 0 ? 'done' : 'pending',
              outcome: 'watch',
              createdAt: '2026-09-10T00:00:00.000Z',
            },
          },
        ];
      });
    const fromA = await seal(h.keys, events(activity('ws-a', 10), 'ws-a'));
    const fromB = await seal(b, events(activity('ws-b', 20), 'ws-b'));
    expect((await h.receiver.receive(fromA.manifestFile, fromA.payload)).outcome).toBe('applied');
    expect((await h.receiver.receive(fromB.manifestFile, fromB.payload)).outcome).toBe('applied');
    const stats = await schoolStatistics(h.receiver.store, 2026, '2026-11-29');
    // Each workstation alone has 3 (a "<5"); merged first, the school has 6.
    expect(stats).toMatchObject({ studentsCounseled: 6, sessions: 6, casesOpened: 6, referrals: 6, censusListed: 6, censusInterviewed: '<5' });
    const census = await departmentCensus(h.receiver.store, '物理学院');
    expect(census).toHaveLength(6);
    expect(census.filter((c) => c.interviewed).map((c) => c.student.studentNo)).toEqual(['2026001010', '2026001020']);
    expect(Object.keys(census[0]).sort()).toEqual(['interviewed', 'listed', 'student']);
    expect(await departmentCensus(h.receiver.store, '文学院')).toEqual([]);
    for (const table of Object.values(VIEW_TABLES)) {
      const rows = await h.receiver.store.all<Row>(`SELECT * FROM ${table.name}`);
      expect(JSON.stringify(rows)).not.toContain('MARKER');
      for (const row of rows) expect(Object.keys(row).sort()).toEqual([...table.columns].sort());
    }
    expect((await h.receiver.store.all<Row>('SELECT * FROM view_sessions')).length).toBe(6);
  });
}

describe('school server views on SQLite', () => viewSuite('sqlite'));
describe.skipIf(!pgUrl)('school server views on PostgreSQL (TEST_DATABASE_URL)', () => viewSuite('postgres'));

describe('the views API (/api/…)', () => {
  async function server(kind: StoreKind = 'sqlite') {
    const { h } = await twoWorkstations(kind);
    let now = NOW;
    const web = new WebApi(h.receiver, { now: () => now, idleMs: 60_000 });
    const http = createReceiverServer(h.receiver, () => undefined, web);
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => http.close(() => done())));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const store = h.receiver.store;
    await addUser(store, { username: 'director1', role: 'director', password: 'director password' }, AT, FAST_KDF);
    await addUser(store, { username: 'wenxue', role: 'liaison', department: '文学院', password: 'liaison password' }, AT, FAST_KDF);
    await addUser(store, { username: 'leader1', role: 'leadership', password: 'leader password' }, AT, FAST_KDF);
    async function signIn(username: string, password: string) {
      const res = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ username, password }) });
      const body = (await res.json()) as { csrfToken?: string };
      const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
      return { status: res.status, cookie, csrf: body.csrfToken ?? '', setCookie: res.headers.get('set-cookie') ?? '' };
    }
    const get = (path: string, cookie = '') => fetch(`${base}${path}`, { headers: { cookie } });
    return { base, web, store, signIn, get, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  }

  it('401 without a session; a director sees crisis, key attention, statistics and workstations; the cookie is HttpOnly', async () => {
    const s = await server();
    for (const path of ['/api/crisis', '/api/keyattention', '/api/statistics?year=2026', '/api/workstations', '/api/department/students'])
      expect((await s.get(path)).status).toBe(401);
    const director = await s.signIn('director1', 'director password');
    expect(director.status).toBe(200);
    expect(director.setCookie).toMatch(/HttpOnly/);
    expect(director.setCookie).toMatch(/SameSite=Strict/);
    const crisis = (await (await s.get('/api/crisis', director.cookie)).json()) as { events: { eventNo: string; overdueSteps: number }[] };
    expect(crisis.events).toMatchObject([{ eventNo: 'CR-2026-0001', overdueSteps: 1 }]);
    expect(((await (await s.get('/api/keyattention', director.cookie)).json()) as { students: unknown[] }).students.length).toBe(3);
    // Paged, the same students in the same order, with the totals on every page.
    type Page = { students: { student: { studentNo: string | null } }[]; total: number; overdue: number };
    const whole = (await (await s.get('/api/keyattention', director.cookie)).json()) as Page;
    const first = (await (await s.get('/api/keyattention?offset=0&limit=2', director.cookie)).json()) as Page;
    const second = (await (await s.get('/api/keyattention?offset=2&limit=2', director.cookie)).json()) as Page;
    expect([...first.students, ...second.students].map((x) => x.student.studentNo)).toEqual(whole.students.map((x) => x.student.studentNo));
    expect([first.total, second.total, whole.total]).toEqual([3, 3, 3]);
    expect(first.overdue).toBe(whole.overdue);
    for (const bad of ['limit=0', 'limit=501', 'offset=-1&limit=5', 'limit=abc'])
      expect((await s.get(`/api/keyattention?${bad}`, director.cookie)).status).toBe(400);
    expect((await s.get('/api/statistics?year=2026', director.cookie)).status).toBe(200);
    const ws = (await (await s.get('/api/workstations', director.cookie)).json()) as { workstations: { workstationId: string }[] };
    expect(ws.workstations.map((w) => w.workstationId).sort()).toEqual(['ws-a', 'ws-b']);
    expect((await s.get('/api/department/students', director.cookie)).status).toBe(403);
  });

  it('a liaison sees only their department and files reports with the CSRF token; leadership gets statistics only', async () => {
    const s = await server();
    const liaison = await s.signIn('wenxue', 'liaison password');
    const own = (await (await s.get('/api/department/students', liaison.cookie)).json()) as { students: { student: { studentNo: string } }[] };
    expect(own.students.map((x) => x.student.studentNo)).toEqual(['2026000555']);
    for (const path of ['/api/crisis', '/api/keyattention', '/api/workstations', '/api/statistics?year=2026'])
      expect((await s.get(path, liaison.cookie)).status).toBe(403);

    const report = { studentNo: '2026000555', content: '同学反映该生近期情绪低落', urgent: true };
    const post = (headers: Record<string, string>) =>
      fetch(`${s.base}/api/reports`, { method: 'POST', headers: { cookie: liaison.cookie, ...headers }, body: JSON.stringify(report) });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'forged' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': liaison.csrf })).status).toBe(201);
    const stored = await s.store.all<{ department: string; student_no: string; filed_by: string }>(
      'SELECT department, student_no, filed_by FROM server_reports',
    );
    expect(stored).toEqual([{ department: '文学院', student_no: '2026000555', filed_by: 'wenxue' }]);
    expect((await s.get('/api/reports', liaison.cookie)).status).toBe(403);
    const director = await s.signIn('director1', 'director password');
    const listed = (await (await s.get('/api/reports', director.cookie)).json()) as {
      reports: { studentNo: string; student: string; urgent: boolean; content: string }[];
    };
    expect(listed.reports).toMatchObject([{ studentNo: '2026000555', urgent: true, content: '同学反映该生近期情绪低落' }]);
    // The liaison reads back what their department filed; another department's liaison sees none of it.
    const ownReports = (await (await s.get('/api/department/reports', liaison.cookie)).json()) as { reports: { studentNo: string; filedBy: string }[] };
    expect(ownReports.reports).toMatchObject([{ studentNo: '2026000555', filedBy: 'wenxue', content: '同学反映该生近期情绪低落' }]);
    await addUser(s.store, { username: 'wuli', role: 'liaison', department: '物理学院', password: 'liaison password' }, AT, FAST_KDF);
    const other = await s.signIn('wuli', 'liaison password');
    expect(((await (await s.get('/api/department/reports', other.cookie)).json()) as { reports: unknown[] }).reports).toEqual([]);
    expect((await s.get('/api/department/reports', director.cookie)).status).toBe(403);

    const leader = await s.signIn('leader1', 'leader password');
    const stats = await s.get('/api/statistics?year=2026', leader.cookie);
    expect(stats.status).toBe(200);
    expect(JSON.stringify(await stats.json())).not.toContain('测试学生');
    for (const path of ['/api/crisis', '/api/keyattention', '/api/department/students']) expect((await s.get(path, leader.cookie)).status).toBe(403);
  });

  it('sign-in is throttled after five failures, sessions end when idle, and every sign-in and view is in a verifiable hash chain', async () => {
    const s = await server();
    for (let i = 0; i < 5; i += 1) expect((await s.signIn('director1', 'wrong password!')).status).toBe(401);
    // Even the right password is not checked during the lock-out.
    expect((await s.signIn('director1', 'director password')).status).toBe(429);
    s.advance(16 * 60_000);
    const director = await s.signIn('director1', 'director password');
    expect(director.status).toBe(200);
    expect((await s.get('/api/crisis', director.cookie)).status).toBe(200);
    s.advance(61_000);
    expect((await s.get('/api/crisis', director.cookie)).status).toBe(401);

    const log = await s.store.all<{ action: string; target: string | null }>('SELECT action, target FROM server_audit ORDER BY seq');
    expect(log.filter((e) => e.action === 'signInFailed')).toHaveLength(5);
    expect(log).toContainEqual({ action: 'view', target: '/api/crisis' });
    expect(await s.web.audit.verify()).toEqual({ ok: true, entries: log.length });
    await s.store.run("UPDATE server_audit SET target = '/api/other' WHERE action = 'view'");
    expect(await s.web.audit.verify()).toMatchObject({ ok: false });
  });
});

describe('the sign-in throttle behind the reverse proxy', () => {
  it('keys on the proxy’s last X-Forwarded-For entry only when the peer is loopback', () => {
    const req = (peer: string, forwarded?: string) =>
      ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as never;
    expect(clientAddress(req('127.0.0.1', '10.0.0.8, 192.0.2.7'))).toBe('192.0.2.7');
    expect(clientAddress(req('::ffff:127.0.0.1', '192.0.2.9'))).toBe('192.0.2.9');
    // A client talking to the server directly cannot choose its address with the header.
    expect(clientAddress(req('192.0.2.50', '127.0.0.1'))).toBe('192.0.2.50');
    expect(clientAddress(req('127.0.0.1'))).toBe('127.0.0.1');
  });
});

describe('school-server user add', () => {
  it('adds accounts of the three roles with a hashed password; refuses duplicates, a liaison without a department and short passwords', async () => {
    const dir = tempDir('users-');
    const env = { SCHOOL_SERVER_PASSPHRASE: 'receiver passphrase for tests', SCHOOL_SERVER_PASSWORD: 'a long enough password' };
    let out = '';
    let err = '';
    const io = (extra: Record<string, string> = {}) => ({
      out: (t: string) => void (out += t),
      err: (t: string) => void (err += t),
      env: { ...env, ...extra },
    });
    expect(await runCli(['user', 'add', '--dir', dir, '--username', 'wenxue', '--role', 'liaison', '--department', '文学院'], io())).toBe(0);
    expect(JSON.parse(out)).toEqual({ username: 'wenxue', role: 'liaison', department: '文学院' });
    expect(await runCli(['user', 'add', '--dir', dir, '--username', 'wenxue', '--role', 'liaison', '--department', '文学院'], io())).toBe(1);
    expect(await runCli(['user', 'add', '--dir', dir, '--username', 'nodept', '--role', 'liaison'], io())).toBe(1);
    expect(await runCli(['user', 'add', '--dir', dir, '--username', 'boss', '--role', 'principal'], io())).toBe(1);
    expect(await runCli(['user', 'add', '--dir', dir, '--username', 'short', '--role', 'director'], io({ SCHOOL_SERVER_PASSWORD: 'short' }))).toBe(1);
    expect(err).toMatch(/exists already/);
    expect(err).toMatch(/needs --department/);
    expect(err).not.toMatch(/\n\s+at /);
    const store = await openReceiverStore(dir, env);
    const rows = await store.all<{ username: string; password: string }>('SELECT username, password FROM server_users');
    await store.close();
    expect(rows.map((r) => r.username)).toEqual(['wenxue']);
    expect(rows[0].password).not.toContain('a long enough password');
    expect(JSON.parse(rows[0].password).kdf.name).toBe('scrypt');
  }, 90_000);
});
