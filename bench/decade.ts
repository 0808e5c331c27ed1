import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessments } from '../src-main/core/store/schema/assessments';
import { AuditAppender } from '../src-main/core/audit/audit-chain';
import { cases } from '../src-main/core/store/schema/cases';
import { censusBatches, censusFollowups } from '../src-main/core/store/schema/census';
import { Core } from '../src-main/core/core';
import { crisisEvents, crisisSteps, crisisTemplates } from '../src-main/core/store/schema/crisis';
import { DEFAULT_CRISIS_TEMPLATE } from '../src-main/core/crisis/templates';
import { keyAttention, keyAttentionHistory } from '../src-main/core/store/schema/keyattention';
import { sessionNotes } from '../src-main/core/store/schema/notes';
import type { SqliteDatabase } from '../src-main/core/store/database';
import { RowWriter } from '../src-main/core/store/row-writer';
import { accounts } from '../src-main/core/store/schema/kernel';
import { students } from '../src-main/core/store/schema/students';
import { silentLog } from '../src-main/core/util/log';
import type { CallResult } from '../src-shared/contract';
import { alternate, type Figure } from './pairs';
import { connectionHatch } from '../src-main/core/store/open-store';

/**
 * Issue 19 goal 2: a decade of a large university's center in one store, and every read a page
 * makes on opening timed through the real core. The fixture is written by direct prepared inserts
 * (a fixture for timing reads, not a test of the write path), with an intact audit chain so the
 * backup verification walks what a real store would hold.
 */
const SCALE = Number(process.env.BENCH_DECADE_SCALE ?? 1);
const FULL = {
  students: 60_000,
  censuses: 10,
  sessions: 150_000,
  cases: 20_000,
  crisis: 2_000,
  keyAttentionHistory: 30_000,
  /** Views of student files: on top of one event per row written, so the log reaches millions. */
  views: 1_500_000,
};
const SIZE = Object.fromEntries(Object.entries(FULL).map(([k, v]) => [k, k === 'censuses' ? v : Math.max(10, Math.round(v * SCALE))])) as typeof FULL;
const ASSESSMENTS = SIZE.students * SIZE.censuses;
const KEY_ENTRIES = Math.round(SIZE.keyAttentionHistory / 3);
const CALLS = Number(process.env.BENCH_DECADE_CALLS ?? 30);
/** Idle time after a write before the statistics page is opened again: the prefetch's quiet (1 s), its next check (≤ 1 s) and the parts. */
const PREFETCH_IDLE_MS = 3000;
/** `BENCH_DECADE_ONLY=backup`: build the full fixture and measure only the backup figure (no reads, no plot). */
const BACKUP_ONLY = process.env.BENCH_DECADE_ONLY === 'backup';
const PASSWORD = 'bench director pass 1';
const DEPARTMENTS = ['文学院', '理学院', '工学院', '医学院', '商学院', '法学院', '艺术学院', '外国语学院', '教育学院', '信息学院', '经济学院', '化学院'];
const MODES = ['in_person', 'in_person', 'in_person', 'phone', 'online'] as const;
const TOPICS = ['学业', '人际', '情绪', '恋爱', '家庭', '生涯', '适应', '睡眠'];
const COUNSELORS = 20;
const DECADE_START = Date.parse('2016-09-01T01:00:00Z');
const DECADE_SPAN = Date.parse('2026-08-30T00:00:00Z') - DECADE_START;

/** Proportional reference: item i of `of` points into a table of `into` rows (always below the built part). */
const ref = (i: number, of: number, into: number) => Math.floor((i * into) / of);
const instant = (i: number, of: number) => new Date(DECADE_START + Math.floor((DECADE_SPAN * i) / of)).toISOString();
const range = (total: number, from: number, to: number): [number, number] => [Math.floor(total * from), Math.floor(total * to)];

interface Fixture {
  sqlite: SqliteDatabase;
  writer: RowWriter;
  audit: AuditAppender;
  workstationId: string;
  directorId: string;
  counselors: string[];
  /** The bulk operation the events being written belong to (an import's transaction), as the unit of work stamps it. */
  bulk: string | null;
}

/** One audit event per row written, as the unit of work would record it. */
function created(f: Fixture, at: string, entity: string, entityId: string, actorId: string, action = 'create'): void {
  f.audit.append({
    at,
    actorId,
    action,
    entity,
    entityId,
    details: f.bulk ? { source: 'bench', bulk: f.bulk } : { source: 'bench' },
    beforeDigest: null,
    afterDigest: null,
    workstationId: f.workstationId,
  });
}

export function prepare(core: Core): Fixture {
  const sqlite = connectionHatch(core.vault.requireStore());
  const writer = new RowWriter(sqlite);
  const workstationId = sqlite.prepare("SELECT value FROM meta WHERE id = 'workstationId'").pluck().get() as string;
  const directorId = core.vault.requireSession().accountId;
  const audit = new AuditAppender(sqlite);
  const counselors = Array.from({ length: COUNSELORS }, (_, i) => `counselor-${i}`);
  const at = '2016-08-01T00:00:00.000Z';
  sqlite.transaction(() => {
    audit.loadHead();
    const f = { sqlite, writer, audit, workstationId, directorId, counselors, bulk: null };
    for (const [i, id] of counselors.entries()) {
      writer.insert(accounts, { id, username: `counselor${i}`, displayName: `咨询师${i}`, roles: ['counselor'], createdAt: at, updatedAt: at });
      created(f, at, 'accounts', id, directorId);
    }
    writer.insert(crisisTemplates, {
      id: 'decade-template',
      version: 1,
      name: '默认危机干预流程',
      definition: DEFAULT_CRISIS_TEMPLATE,
      createdBy: null,
      createdAt: at,
    });
    for (let year = 0; year < SIZE.censuses; year++) {
      const y = 2016 + year;
      writer.insert(censusBatches, {
        id: `batch-${year}`,
        name: `${y}级新生普查`,
        cohort: `${y}级新生`,
        grade: `${y}级`,
        periodStart: `${y}-09-10`,
        periodEnd: `${y}-10-10`,
        instruments: ['scl90', 'upi'],
        rules: {},
        createdAt: `${y}-09-01T00:00:00.000Z`,
        updatedAt: `${y}-09-01T00:00:00.000Z`,
      });
      created(f, `${y}-09-01T00:00:00.000Z`, 'census_batches', `batch-${year}`, directorId);
    }
  })();
  return { sqlite, writer, audit, workstationId, directorId, counselors, bulk: null };
}

/** Writes the part [from, to) of every kind of record, so the store can grow 10 % → 50 % → 100 %. */
export function grow(f: Fixture, from: number, to: number): void {
  const { writer } = f;
  const responses = Array.from({ length: 90 }, (_, k) => (k % 5) + 1);
  const body = { content: '来访者主诉近期学业压力大，睡眠不佳。咨询师进行了共情与澄清，布置了放松练习作业。'.repeat(6) };
  const counselor = (i: number) => f.counselors[i % f.counselors.length];
  const chunk = (total: number, fn: (i: number) => void, options: { bulk?: boolean } = {}) => {
    const [a, b] = range(total, from, to);
    // Big transactions, not one: keeps the WAL and the page cache bounded at full size.
    for (let start = a; start < b; start += 20_000)
      f.sqlite.transaction(() => {
        f.audit.loadHead(); // the reads in between record their own events (views)
        // An import's transaction is one bulk operation in the audit log (one entry there).
        f.bulk = options.bulk ? randomUUID() : null;
        for (let i = start; i < Math.min(b, start + 20_000); i++) fn(i);
        f.bulk = null;
      })();
  };
  chunk(
    SIZE.students,
    (i) => {
      const year = i % SIZE.censuses;
      const at = instant(year, SIZE.censuses);
      writer.insert(students, {
        id: `s-${i}`,
        studentNo: `${2016 + year}${String(i).padStart(6, '0')}`,
        name: `测试学生${i}`,
        namePinyin: `ceshixuesheng${i}`,
        nameInitials: 'csxs',
        department: DEPARTMENTS[i % DEPARTMENTS.length],
        grade: `${2016 + year}级`,
        className: `${DEPARTMENTS[i % DEPARTMENTS.length]}${(i % 8) + 1}班`,
        guardians: [],
        status: year < 6 ? 'graduated' : 'enrolled',
        source: 'roster',
        createdAt: at,
        updatedAt: at,
      });
      created(f, at, 'students', `s-${i}`, f.directorId, 'roster-import');
    },
    { bulk: true },
  );
  chunk(
    ASSESSMENTS,
    (j) => {
      const student = Math.floor(j / SIZE.censuses);
      const census = j % SIZE.censuses;
      const at = instant(census * 10 + 1, SIZE.censuses * 10);
      for (const instrument of ['scl90', 'upi'] as const) {
        if ((instrument === 'upi') !== (j % 2 === 1)) continue; // half SCL-90, half UPI: one per census per student
        writer.insert(assessments, {
          id: `a-${j}`,
          studentId: `s-${student}`,
          instrument,
          instrumentVersion: '1',
          mode: 'import',
          status: 'complete',
          responses: instrument === 'upi' ? responses.slice(0, 64) : responses,
          options: {},
          result: instrument === 'upi' ? { instrument, category: (j % 3) + 1 } : { instrument, screenPositive: j % 9 === 0 },
          censusBatchId: `batch-${census}`,
          startedAt: at,
          completedAt: at,
          updatedAt: at,
        });
        created(f, at, 'assessments', `a-${j}`, f.directorId, 'census-import');
        if (j % 9 === 0) {
          writer.insert(censusFollowups, {
            id: `f-${j}`,
            batchId: `batch-${census}`,
            studentId: `s-${student}`,
            urgency: 2,
            reasons: [instrument],
            status: census < SIZE.censuses - 1 || j % 2 ? 'done' : 'pending',
            createdAt: at,
            updatedAt: at,
          });
          created(f, at, 'census_followups', `f-${j}`, f.directorId);
        }
      }
    },
    { bulk: true },
  );
  chunk(SIZE.cases, (i) => {
    const openedAt = instant(i, SIZE.cases);
    const open = i >= SIZE.cases - Math.round(SIZE.cases / 40);
    writer.insert(cases, {
      id: `c-${i}`,
      caseNo: `B-${i}`,
      studentId: `s-${ref(i, SIZE.cases, SIZE.students)}`,
      counselorId: i % 10 === 0 ? f.directorId : counselor(i),
      status: open ? 'active' : 'closed',
      riskLevel: 'low',
      openedAt,
      closedAt: open ? null : instant(Math.min(i + 20, SIZE.cases - 1), SIZE.cases),
      createdAt: openedAt,
      updatedAt: openedAt,
    });
    created(f, openedAt, 'cases', `c-${i}`, counselor(i), 'intake');
  });
  chunk(SIZE.sessions, (i) => {
    const c = ref(i, SIZE.sessions, SIZE.cases);
    const sessionAt = instant(i, SIZE.sessions);
    const author = c % 10 === 0 ? f.directorId : counselor(c);
    writer.insert(sessionNotes, {
      id: `n-${i}`,
      caseId: `c-${c}`,
      studentId: `s-${ref(c, SIZE.cases, SIZE.students)}`,
      authorId: author,
      sessionAt,
      mode: MODES[i % MODES.length],
      minutes: 50,
      topics: [TOPICS[i % TOPICS.length]],
      body,
      status: 'signed',
      signDueAt: sessionAt,
      signedBy: author,
      signedAt: sessionAt,
      createdAt: sessionAt,
      updatedAt: sessionAt,
    });
    created(f, sessionAt, 'session_notes', `n-${i}`, author);
    created(f, sessionAt, 'session_notes', `n-${i}`, author, 'sign');
  });
  const steps = DEFAULT_CRISIS_TEMPLATE.steps;
  chunk(SIZE.crisis, (i) => {
    const discoveredAt = instant(i, SIZE.crisis);
    const open = i >= SIZE.crisis - 12;
    const owner = counselor(i);
    writer.insert(crisisEvents, {
      id: `e-${i}`,
      eventNo: `W-${i}`,
      studentId: `s-${ref(i, SIZE.crisis, SIZE.students)}`,
      source: 'manual',
      templateId: 'decade-template',
      templateVersion: 1,
      discoveredAt,
      level: String((i % 3) + 1),
      ownerId: owner,
      status: open ? 'open' : 'closed',
      closedAt: open ? null : discoveredAt,
      createdAt: discoveredAt,
      updatedAt: discoveredAt,
    });
    created(f, discoveredAt, 'crisis_events', `e-${i}`, owner);
    for (const [position, step] of steps.entries()) {
      const done = !open || position < 3;
      writer.insert(crisisSteps, {
        id: `e-${i}-${step.key}`,
        eventId: `e-${i}`,
        key: step.key,
        position,
        title: step.title,
        ownerRole: step.ownerRole,
        dueMinutes: step.dueMinutes,
        levels: step.levels,
        status: done ? 'done' : 'open',
        doneBy: done ? owner : null,
        doneAt: done ? discoveredAt : null,
        note: done ? '已完成' : null,
        createdAt: discoveredAt,
        updatedAt: discoveredAt,
      });
      if (done) created(f, discoveredAt, 'crisis_steps', `e-${i}-${step.key}`, owner, 'complete-step');
    }
  });
  chunk(KEY_ENTRIES, (i) => {
    const studentId = `s-${ref(i, KEY_ENTRIES, SIZE.students)}`;
    const added = instant(i, KEY_ENTRIES);
    const removed = i < KEY_ENTRIES - 300;
    writer.insert(keyAttention, {
      id: `k-${i}`,
      studentId,
      level: String((i % 3) + 1),
      reason: '普查筛查阳性，访谈后列入',
      responsible: { counselorId: counselor(i), departmentCounselor: '院系辅导员', dormWatcher: '宿舍长', peerCounselor: '心理委员' },
      cadenceDays: 14,
      nextReviewOn: '2026-09-01',
      status: removed ? 'removed' : 'active',
      source: 'manual',
      createdAt: added,
      updatedAt: added,
    });
    created(f, added, 'key_attention', `k-${i}`, f.directorId);
    const kinds = ['added', 'reviewed', removed ? 'removed' : 'reviewed'] as const;
    for (const [n, kind] of kinds.entries()) {
      writer.insert(keyAttentionHistory, { id: `kh-${i}-${n}`, entryId: `k-${i}`, studentId, kind, reason: '基准', changedAt: added });
      created(f, added, 'key_attention_history', `kh-${i}-${n}`, f.directorId);
    }
  });
  chunk(SIZE.views, (i) => created(f, instant(i, SIZE.views), 'students', `s-${i % Math.max(1, Math.floor(SIZE.students * to))}`, counselor(i), 'view'));
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function ok<T = unknown>(result: CallResult<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

/** The p95 of CALLS calls of one channel (the first call, preparing statements, included). */
async function p95(core: Core, channel: string, input: unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = process.hrtime.bigint();
    ok(await core.call(channel as never, input as never));
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
}

/** What the workbench asks for when it opens (Workbench.tsx and its panels), for a director. */
const WORKBENCH: [string, unknown][] = [
  ['system.gettingStarted', {}],
  ['alerts.list', { status: 'open' }],
  ['crisis.board', { status: 'open' }],
  ['crisis.overdue', {}],
  ['leadership.openDecisions', {}],
  ['sync.riskOfMyCases', {}],
  ['followups.unowned', {}],
  ['followups.assignees', {}],
  ['calendar.today', {}],
  ['notes.mine', {}],
  ['notes.cosignQueue', {}],
  ['reports.triageQueue', { limit: 5 }],
  ['cases.list', { scope: 'mine', status: 'open' }],
  ['followups.list', { mine: true, status: 'open' }],
  ['keyattention.dueReviews', {}],
  ['accounts.list', {}],
  ['settings.get', {}],
  ['system.about', {}],
];

/** Each page's opening reads on the decade store (ids chosen where the data is densest). */
function pageReads(): { page: string; target: number; reads: [string, unknown][] }[] {
  const student = `s-${ref(SIZE.cases - 1, SIZE.cases, SIZE.students)}`; // has a case, sessions, 10 censuses
  const lastBatch = `batch-${SIZE.censuses - 1}`;
  return [
    {
      page: 'student list (facets + first page)',
      target: 100,
      reads: [
        ['students.facets', {}],
        ['students.search', { query: '', limit: 50 }],
      ],
    },
    {
      page: 'student search (学号 prefix, name, pinyin)',
      target: 100,
      reads: [
        ['students.search', { query: '2025', limit: 50 }],
        ['students.search', { query: '测试学生5', limit: 50 }],
        ['students.search', { query: 'csxs', limit: 50 }],
      ],
    },
    {
      page: 'student file (students.get + timeline)',
      target: 100,
      reads: [
        ['students.get', { id: student }],
        ['students.timeline', { studentId: student }],
        ['cases.forStudent', { studentId: student }],
        ['keyattention.forStudent', { studentId: student }],
        ['assessments.listForStudent', { studentId: student }],
      ],
    },
    {
      page: 'case page (cases.get)',
      target: 100,
      reads: [
        ['cases.get', { id: `c-${SIZE.cases - 1}` }],
        ['notes.list', { caseId: `c-${SIZE.cases - 1}` }],
      ],
    },
    {
      page: 'crisis board (all) + one event',
      target: 100,
      reads: [
        ['crisis.board', { status: 'all' }],
        ['crisis.get', { id: `e-${SIZE.crisis - 1}` }],
      ],
    },
    {
      page: 'census interview list (latest batch)',
      target: 100,
      reads: [
        ['census.listBatches', {}],
        // The page asks for its first page (at-risk students first, with the batch's counts).
        ['census.followups', { batchId: lastBatch, offset: 0, limit: 50 }],
        ['census.progress', { batchId: lastBatch }],
      ],
    },
    {
      page: 'key-attention list',
      target: 100,
      reads: [
        ['keyattention.list', {}],
        // As the page asks when 显示已移出 is ticked: the most recently removed 200, with their total.
        ['keyattention.list', { status: 'removed', limit: 200 }],
      ],
    },
    {
      page: 'statistics for a school year',
      target: 100,
      reads: [
        ['statistics.options', {}],
        ['statistics.compute', { period: { kind: 'schoolYear', schoolYear: 2025 }, timeZone: 'Asia/Shanghai' }],
      ],
    },
    { page: 'audit log, filtered by person', target: 200, reads: [['auditlog.list', { actorId: 'counselor-3', page: 1, pageSize: 50 }]] },
    { page: 'audit log, filtered by student', target: 200, reads: [['auditlog.list', { studentId: student, page: 1, pageSize: 50 }]] },
    { page: 'audit log, filtered by type (sign)', target: 200, reads: [['auditlog.list', { categories: ['sign'], page: 1, pageSize: 50 }]] },
    { page: 'audit log, unfiltered first page', target: 200, reads: [['auditlog.list', { page: 1, pageSize: 50 }]] },
  ];
}

/** The main reads whose growth the plot shows. */
const GROWTH: [string, string, (student: string) => unknown][] = [
  ['students.search', 'student search', () => ({ query: '测试学生5', limit: 50 })],
  ['students.timeline', 'student timeline', (student) => ({ studentId: student })],
  ['crisis.board', 'crisis board (all)', () => ({ status: 'all' })],
  ['keyattention.list', 'key-attention list', () => ({})],
  ['statistics.compute', 'statistics, school year', () => ({ period: { kind: 'schoolYear', schoolYear: 2025 }, timeZone: 'Asia/Shanghai' })],
  ['auditlog.list', 'audit log by person', () => ({ actorId: 'counselor-3', page: 1, pageSize: 50 })],
  ['auditlog.list', 'audit log by type', () => ({ categories: ['sign'], page: 1, pageSize: 50 })],
];

interface GrowthPoint {
  fraction: number;
  records: number;
  times: number[];
}

async function measureGrowth(core: Core, fraction: number, records: number): Promise<GrowthPoint> {
  const built = Math.floor(SIZE.cases * fraction);
  const student = `s-${ref(built - 1, SIZE.cases, SIZE.students)}`;
  const times: number[] = [];
  for (const [channel, , input] of GROWTH) times.push(await p95(core, channel, input(student)));
  return { fraction, records, times };
}

/** A plain SVG polyline chart, no dependency: p95 per main read against the number of records. */
function growthSvg(points: GrowthPoint[]): string {
  const W = 760;
  const H = 420;
  const left = 60;
  const right = 230;
  const top = 40;
  const bottom = 50;
  const maxX = Math.max(...points.map((p) => p.records));
  const maxY = Math.max(10, ...points.flatMap((p) => p.times)) * 1.1;
  const x = (v: number) => left + ((W - left - right) * v) / maxX;
  const y = (v: number) => H - bottom - ((H - top - bottom) * v) / maxY;
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="14">p95 per read vs store size (decade fixture x${SCALE}, ${new Date().toISOString().slice(0, 10)})</text>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="black"/>`,
    `<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">records in the store (rows + audit events)</text>`,
    `<text x="16" y="${(top + H - bottom) / 2}" transform="rotate(-90 16 ${(top + H - bottom) / 2})" text-anchor="middle">p95 ms</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = (maxY * k) / 4;
    parts.push(
      `<line x1="${left}" y1="${y(v)}" x2="${W - right}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`,
    );
  }
  // The page target, so a line above it is a miss at a glance; when every read is far below it,
  // the axis keeps the growth readable and a note says where the target is.
  parts.push(
    100 <= maxY
      ? `<line x1="${left}" y1="${y(100)}" x2="${W - right}" y2="${y(100)}" stroke="#d62728" stroke-dasharray="6 4"/><text x="${W - right - 4}" y="${y(100) - 4}" text-anchor="end" fill="#d62728">100 ms target</text>`
      : `<text x="${W - right - 4}" y="${top - 6}" text-anchor="end" fill="#d62728">100 ms target: above this chart</text>`,
  );
  for (const p of points)
    parts.push(
      `<text x="${x(p.records)}" y="${H - bottom + 16}" text-anchor="middle">${(p.records / 1e6).toFixed(2)}M (${Math.round(p.fraction * 100)}%)</text>`,
    );
  for (const [g, [, label]] of GROWTH.entries()) {
    const colour = colours[g % colours.length];
    const coords = points.map((p) => `${x(p.records).toFixed(1)},${y(p.times[g]).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${coords}"/>`);
    for (const p of points) parts.push(`<circle cx="${x(p.records).toFixed(1)}" cy="${y(p.times[g]).toFixed(1)}" r="3" fill="${colour}"/>`);
    parts.push(
      `<line x1="${W - right + 15}" y1="${top + 10 + g * 20}" x2="${W - right + 35}" y2="${top + 10 + g * 20}" stroke="${colour}" stroke-width="2"/><text x="${W - right + 40}" y="${top + 14 + g * 20}">${label}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function recordCount(sqlite: SqliteDatabase): number {
  const tables = [
    'students',
    'assessments',
    'census_followups',
    'cases',
    'session_notes',
    'crisis_events',
    'crisis_steps',
    'key_attention',
    'key_attention_history',
    'audit_events',
  ];
  return tables.reduce((n, t) => n + (sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0);
}

/** Bytes per record kind: the table's and its indexes' pages (dbstat), divided by its rows. */
function bytesPerKind(sqlite: SqliteDatabase): Figure[] {
  const kinds = ['students', 'assessments', 'session_notes', 'cases', 'crisis_events', 'crisis_steps', 'key_attention_history', 'audit_events', 'outbox'];
  let sizes: Map<string, number>;
  try {
    const rows = sqlite
      .prepare<[], { tbl: string; bytes: number }>(
        'SELECT m.tbl_name AS tbl, sum(d.pgsize) AS bytes FROM dbstat d JOIN sqlite_master m ON m.name = d.name GROUP BY m.tbl_name',
      )
      .all();
    sizes = new Map(rows.map((r) => [r.tbl, r.bytes]));
  } catch {
    return [{ figure: 'bytes per record kind: dbstat is not in this SQLite build (information)', value: 0, unit: '-' }];
  }
  return kinds.map((kind) => {
    const rows = sqlite.prepare(`SELECT count(*) FROM ${kind}`).pluck().get() as number;
    const bytes = sizes.get(kind) ?? 0;
    return {
      figure: `${kind}: ${rows.toLocaleString('en')} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB with indexes, bytes per row (information)`,
      value: rows ? bytes / rows : 0,
      unit: 'B',
    };
  });
}

export async function freshCore(dir: string): Promise<Core> {
  const core = new Core({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 }, log: silentLog, emit: () => {} });
  ok(
    await core.call('setup.initialize', {
      schoolName: '基准测试大学',
      admin: { username: 'director', displayName: '基准主任', password: PASSWORD },
      adminIsDirector: true,
    }),
  );
  ok(await core.call('auth.signIn', { username: 'director', password: PASSWORD }));
  return core;
}

/** Sign-in until every workbench panel has its data: what a person waits for after the password. */
async function signInToWorkbench(core: Core): Promise<number> {
  ok(await core.call('auth.lock', {}));
  const start = process.hrtime.bigint();
  ok(await core.call('auth.signIn', { username: 'director', password: PASSWORD }));
  for (const [channel, input] of WORKBENCH) ok(await core.call(channel as never, input as never));
  return ms(start);
}

export async function benchDecade(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'counsel-bench-decade-'));
  const results: Figure[] = [];
  const core = await freshCore(join(root, 'decade'));
  const empty = await freshCore(join(root, 'empty'));
  try {
    const fixture = prepare(core);
    const growth: GrowthPoint[] = [];
    let built = 0;
    let buildMs = 0;
    for (const fraction of BACKUP_ONLY ? [1] : [0.1, 0.5, 1]) {
      const start = process.hrtime.bigint();
      grow(fixture, built, fraction);
      buildMs += ms(start);
      built = fraction;
      fixture.sqlite.pragma('optimize');
      const records = recordCount(fixture.sqlite);
      console.log(`decade fixture x${SCALE} at ${fraction * 100}%: ${records.toLocaleString('en')} records, built in ${(buildMs / 1000).toFixed(0)} s`);
      growth.push(BACKUP_ONLY ? { fraction, records, times: [] } : await measureGrowth(core, fraction, records));
    }
    // One untimed sign-in first: its jobs catch up once on the fixture (archiving a decade's closed
    // cases, seconds of writes), as a real store would have done year by year.
    await signInToWorkbench(core);
    const records = growth[growth.length - 1].records;
    const label = `decade x${SCALE} (${SIZE.students.toLocaleString('en')} students, ${records.toLocaleString('en')} records)`;
    results.push({ figure: `${label}: fixture build, direct inserts, seconds (information)`, value: buildMs / 1000, unit: 's' });
    if (!BACKUP_ONLY) {
      // The plot goes with docs/benchmarks.md, which only a full run rewrites (run.ts): a partial
      // run's plot would stand beside another run's table.
      const partial = process.argv.includes('--only') || process.env.BENCH_ONLY !== undefined;
      if (!partial) {
        const svg = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks-growth.svg');
        mkdirSync(dirname(svg), { recursive: true });
        writeFileSync(svg, growthSvg(growth));
      }
      for (const [g, [, name]] of GROWTH.entries()) {
        results.push({
          figure: `growth of ${name}: p95 at 10 % / 50 % / 100 % = ${growth.map((p) => p.times[g].toFixed(1)).join(' / ')} ms (information)`,
          value: growth[2].times[g],
          unit: 'ms',
        });
      }

      // Every page's opening reads; the slowest read of a page is its figure.
      const workbench: [string, number][] = [];
      for (const [channel, input] of WORKBENCH) workbench.push([channel, await p95(core, channel, input)]);
      const slowest = workbench.reduce((a, b) => (b[1] > a[1] ? b : a));
      results.push({
        figure: `${label}: workbench, ${WORKBENCH.length} panel reads, slowest p95 (${slowest[0]})`,
        value: slowest[1],
        unit: 'ms',
        target: '<= 100 ms',
        pass: slowest[1] <= 100,
      });
      for (const page of pageReads()) {
        const times: [string, number][] = [];
        for (const [channel, input] of page.reads) times.push([channel, await p95(core, channel, input)]);
        const worst = times.reduce((a, b) => (b[1] > a[1] ? b : a));
        results.push({
          figure: `${label}: ${page.page}, slowest p95 (${worst[0]})`,
          value: worst[1],
          unit: 'ms',
          target: `<= ${page.target} ms`,
          pass: worst[1] <= page.target,
        });
      }

      // statistics.compute keeps each part of its answer while the tables that part reads are
      // unchanged (statistics-cache.ts). Three writes, each before every call: a session note (the
      // commonest record; its part is computed again), a student's record (the parts that count
      // students themselves), and a raw statement the unit of work cannot name (every part: as the
      // first time after sign-in, or after an import).
      const statisticsInput = { period: { kind: 'schoolYear', schoolYear: 2025 }, timeZone: 'Asia/Shanghai' };
      const store = core.vault.requireStore();
      const openCase = store.sqlite.prepare("SELECT id, student_id AS student FROM cases WHERE status = 'active' ORDER BY opened_at DESC LIMIT 1").get() as
        { id: string; student: string } | undefined;
      if (!openCase) throw new Error('the decade fixture has no open case to write a session note in');
      const afterWrite = async (what: string, write: (i: number) => unknown) => {
        const times: number[] = [];
        for (let i = 0; i < Math.min(CALLS, 10); i++) {
          await write(i);
          const start = process.hrtime.bigint();
          ok(await core.call('statistics.compute', statisticsInput));
          times.push(ms(start));
        }
        times.sort((a, b) => a - b);
        const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
        results.push({ figure: `${label}: statistics for a school year, ${what}, p95`, value: p95, unit: 'ms', target: '<= 100 ms', pass: p95 <= 100 });
      };
      await afterWrite('after a session note is written (its part computed again)', (i) =>
        store.uow.run(core.vault.actor(), (tx) => {
          const at = '2026-03-02T02:00:00.000Z';
          tx.insert(sessionNotes, {
            id: `probe-note-${randomUUID()}`,
            caseId: openCase.id,
            studentId: openCase.student,
            authorId: fixture.directorId,
            sessionAt: at,
            mode: 'in_person',
            minutes: 50 + i,
            topics: ['学业'],
            body: { chief_complaint: '测试主诉' },
            status: 'signed',
            signDueAt: at,
            signedBy: fixture.directorId,
            signedAt: at,
            createdAt: at,
            updatedAt: at,
          });
        }),
      );
      await afterWrite("after a student's record is changed (the parts that count students computed again)", (i) =>
        store.uow.run(core.vault.actor(), (tx) => tx.update(students, `s-${i}`, { dorm: `合成公寓 ${i}` })),
      );
      const raw = connectionHatch(store).prepare('UPDATE settings SET value = value WHERE rowid = (SELECT min(rowid) FROM settings)');
      await afterWrite('computed from nothing (every part: the first view after sign-in or an import)', () => raw.run());
      // The same write, then the core idle as while a person reads another page: the parts are
      // computed ahead (statistics-prefetch.ts), as the running app does; the idle wait is not timed.
      const stopPrefetch = core.startStatisticsPrefetch();
      await afterWrite(`after a write by another route and ${PREFETCH_IDLE_MS / 1000} s idle (parts computed ahead while idle)`, async () => {
        raw.run();
        await new Promise((resolve) => setTimeout(resolve, PREFETCH_IDLE_MS));
      });
      stopPrefetch();

      const signIn = await alternate(
        () => signInToWorkbench(core),
        () => signInToWorkbench(empty),
      );
      results.push(signIn.figure(`${label}: sign-in to a usable workbench vs an empty store`, 1.5));
    }

    // Backup + verify (password: seal, integrity, audit chain) vs a plain VACUUM INTO of the same store.
    const sqlite = connectionHatch(core.vault.requireStore());
    let n = 0;
    const backups = await alternate(
      async () => {
        const folder = join(root, `backup-${n++}`);
        mkdirSync(folder);
        const start = process.hrtime.bigint();
        const run = ok<{ file: string }>(await core.call('backup.create', { folder }));
        const verified = ok<{ ok: boolean }>(
          await core.call('backup.verify', { path: run.file, credentials: { kind: 'password', username: 'director', password: PASSWORD } }),
        );
        const took = ms(start);
        if (!verified.ok) throw new Error(`the decade backup did not verify: ${JSON.stringify(verified)}`);
        rmSync(folder, { recursive: true, force: true });
        return took;
      },
      async () => {
        const file = join(root, `vacuum-${n++}.db`);
        const start = process.hrtime.bigint();
        sqlite.exec(`VACUUM INTO '${file}'`);
        const took = ms(start);
        rmSync(file, { force: true });
        return took;
      },
      // Three alternations like every other figure (goal 5): one pair of runs swung by 20 % quiet.
      Number(process.env.BENCH_DECADE_BACKUP_ROUNDS ?? 3),
    );
    results.push(backups.figure(`${label}: backup + verify vs plain VACUUM INTO`, 2));

    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = sqlite.name;
    results.push({ figure: `${label}: store file size, MiB (information)`, value: statSync(file).size / 2 ** 20, unit: 'MiB' });
    results.push(...bytesPerKind(sqlite));
    return results;
  } finally {
    core.dispose();
    empty.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
