import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assessments } from '../../../src-main/core/store/schema/assessments';
import { createCase } from '../../../src-main/core/cases/case-service';
import { cases } from '../../../src-main/core/store/schema/cases';
import { censusBatches, censusFollowups } from '../../../src-main/core/store/schema/census';
import { crisisEvents, crisisTemplates } from '../../../src-main/core/store/schema/crisis';
import { educationActivities } from '../../../src-main/core/store/schema/activities';
import { keyAttention, keyAttentionHistory } from '../../../src-main/core/store/schema/keyattention';
import { sessionNotes } from '../../../src-main/core/store/schema/notes';
import { referrals } from '../../../src-main/core/store/schema/referrals';
import { students } from '../../../src-main/core/store/schema/students';
import { semesterSpan } from '../../../src-main/core/statistics/periods';
import { CLINICAL_COLUMNS, STATISTICS_SQL } from '../../../src-main/core/statistics/statistics-sql';
import { FAMILY_FIGURES_SQL } from '../../../src-main/core/statistics/family-figures';
import type { WriteContext } from '../../../src-main/core/store/unit-of-work';
import type { NoteTopic } from '../../../src-shared/contract/notes';
import { expectError, expectOk, setUpCore } from './helpers';

/**
 * Hand-computed fixture (autumn semester 2025 = 2025-09-01 … 2026-01-31, Asia/Shanghai):
 *
 * 文学院 a1–a3 2024级, a4–a7 2025级; 理学院 b1–b2 2025级. Signed sessions in the period:
 *   a1 ×3 面询 [学业] (one at local 2025-09-01 00:00), a2 面询 [学业, 人际], a3 电话 [人际],
 *   a4 网络 [学业], a5 面询 [情绪], a6 面询 [学业], b1 面询 [学业], b2 电话 [恋爱].
 * Not counted: b1's draft, a1 at local 2025-08-31 23:59, a1 at local 2026-02-01 00:00.
 */
const PERIOD = { kind: 'semester', schoolYear: 2025, term: 'autumn' } as const;
const ZONE = 'Asia/Shanghai';

const STUDENTS = {
  a1: ['文学院', '2024级'],
  a2: ['文学院', '2024级'],
  a3: ['文学院', '2024级'],
  a4: ['文学院', '2025级'],
  a5: ['文学院', '2025级'],
  a6: ['文学院', '2025级'],
  a7: ['文学院', '2025级'],
  b1: ['理学院', '2025级'],
  b2: ['理学院', '2025级'],
} as const;
type Key = keyof typeof STUDENTS;

/** A unique string in a note body: the statistics path must never read it. */
const SECRET_BODY = '只在咨询记录正文里出现的内容';

function buildFixture(tx: WriteContext, counselorId: string) {
  const at = '2025-08-01T00:00:00.000Z';
  const id: Record<string, string> = {};
  Object.entries(STUDENTS).forEach(([key, [department, grade]], i) => {
    id[key] = randomUUID();
    tx.insert(students, {
      id: id[key],
      studentNo: `20259000${i}`,
      name: `测试学生${key}`,
      namePinyin: `ceshi${key}`,
      nameInitials: 'cs',
      department,
      grade,
      guardians: [],
      status: 'enrolled',
      source: 'manual',
      createdAt: at,
      updatedAt: at,
    });
  });
  const caseOf: Record<string, string> = {};
  const openCase = (key: Key, openedAt: string) => (caseOf[key] = createCase(tx, { studentId: id[key], counselorId, riskLevel: 'low' }, openedAt).id);
  openCase('a1', '2025-09-10T02:00:00.000Z');
  openCase('a2', '2025-10-01T02:00:00.000Z');
  openCase('b1', '2025-11-01T02:00:00.000Z');
  openCase('a3', '2025-07-01T02:00:00.000Z');
  tx.update(cases, caseOf.a3, { status: 'closed', closedAt: '2025-09-20T02:00:00.000Z', closingReason: 'goals_met' });
  for (const key of ['a4', 'a5', 'a6', 'b2'] as const) openCase(key, '2025-06-01T02:00:00.000Z');

  const TOPIC_OF: Record<string, NoteTopic> = { 学业: 'academic_adjustment', 人际: 'interpersonal', 情绪: 'emotion_regulation', 恋爱: 'relationships' };
  const note = (key: Key, sessionAt: string, mode: 'in_person' | 'phone' | 'online', topics: string[], status: 'signed' | 'draft' = 'signed') =>
    tx.insert(sessionNotes, {
      id: randomUUID(),
      caseId: caseOf[key],
      studentId: id[key],
      authorId: counselorId,
      sessionAt,
      mode,
      minutes: 50,
      topics,
      // The plan's topic each free word stands for (statistics count by these since 0018_note_topics).
      topicCategories: topics.map((word) => TOPIC_OF[word]),
      body: { content: SECRET_BODY },
      status,
      signDueAt: sessionAt,
      signedBy: status === 'signed' ? counselorId : null,
      signedAt: status === 'signed' ? sessionAt : null,
      createdAt: sessionAt,
      updatedAt: sessionAt,
    });
  note('a1', '2025-08-31T16:00:00.000Z', 'in_person', ['学业']); // local 2025-09-01 00:00: inside
  note('a1', '2025-09-15T02:00:00.000Z', 'in_person', ['学业']);
  note('a1', '2025-10-15T02:00:00.000Z', 'in_person', ['学业']);
  note('a2', '2025-10-16T02:00:00.000Z', 'in_person', ['学业', '人际']);
  note('a3', '2025-10-17T02:00:00.000Z', 'phone', ['人际']);
  note('a4', '2025-11-17T02:00:00.000Z', 'online', ['学业']);
  note('a5', '2025-11-18T02:00:00.000Z', 'in_person', ['情绪']);
  note('a6', '2025-12-18T02:00:00.000Z', 'in_person', ['学业']);
  note('b1', '2025-12-19T02:00:00.000Z', 'in_person', ['学业']);
  note('b2', '2026-01-19T02:00:00.000Z', 'phone', ['恋爱']);
  note('b1', '2025-12-20T02:00:00.000Z', 'in_person', ['学业'], 'draft');
  note('a1', '2025-08-31T15:59:00.000Z', 'in_person', ['学业']); // local 2025-08-31 23:59: before
  note('a1', '2026-01-31T16:00:00.000Z', 'in_person', ['学业']); // local 2026-02-01 00:00: after

  const template = tx.insert(crisisTemplates, { id: randomUUID(), version: 9001, name: '测试流程', definition: { steps: [] } as never, createdAt: at });
  const crisis = (key: Key, level: string, discoveredAt: string, no: string) =>
    tx.insert(crisisEvents, {
      id: randomUUID(),
      eventNo: no,
      studentId: id[key],
      source: 'manual',
      templateId: template.id,
      templateVersion: 9001,
      discoveredAt,
      description: SECRET_BODY,
      level,
      status: 'open',
      createdAt: discoveredAt,
      updatedAt: discoveredAt,
    });
  crisis('a1', '1', '2025-10-05T02:00:00.000Z', 'W-1');
  crisis('a2', '2', '2025-10-06T02:00:00.000Z', 'W-2');
  crisis('b1', '2', '2025-12-01T02:00:00.000Z', 'W-3');
  crisis('a4', '3', '2025-06-01T02:00:00.000Z', 'W-4');

  const referral = (key: Key, referredOn: string, status: 'planned' | 'referred') =>
    tx.insert(referrals, {
      id: randomUUID(),
      studentId: id[key],
      hospital: '测试医院',
      referredOn,
      letterText: SECRET_BODY,
      consentToShare: true,
      status,
      createdAt: at,
      updatedAt: at,
    });
  referral('a1', '2025-10-06', 'referred');
  referral('a2', '2025-10-07', 'planned');
  referral('b2', '2026-02-02', 'referred');

  const history: [Key, 'added' | 'removed' | 'restored', string][] = [
    ['a1', 'added', '2025-08-01T02:00:00.000Z'],
    ['a1', 'removed', '2025-10-10T02:00:00.000Z'],
    ['a2', 'added', '2025-09-15T02:00:00.000Z'],
    ['a3', 'added', '2025-09-16T02:00:00.000Z'],
    ['b1', 'added', '2025-07-01T02:00:00.000Z'],
    ['b2', 'added', '2025-11-01T02:00:00.000Z'],
    ['b2', 'removed', '2025-12-01T02:00:00.000Z'],
    ['b2', 'restored', '2026-01-10T02:00:00.000Z'],
  ];
  const entries: Record<string, string> = {};
  for (const [key, kind, changedAt] of history) {
    if (!entries[key]) {
      entries[key] = randomUUID();
      tx.insert(keyAttention, {
        id: entries[key],
        studentId: id[key],
        level: '2',
        reason: SECRET_BODY,
        responsible: {} as never,
        cadenceDays: 14,
        nextReviewOn: '2026-03-01',
        status: 'active',
        source: 'manual',
        createdAt: changedAt,
        updatedAt: changedAt,
      });
    }
    tx.insert(keyAttentionHistory, { id: randomUUID(), entryId: entries[key], studentId: id[key], kind, reason: SECRET_BODY, changedAt });
  }

  const batch = (name: string, periodStart: string, periodEnd: string) =>
    tx.insert(censusBatches, {
      id: randomUUID(),
      name,
      cohort: '新生',
      grade: '2025级',
      periodStart,
      periodEnd,
      instruments: ['scl90', 'upi'],
      rules: {},
      createdAt: at,
      updatedAt: at,
    });
  const current = batch('2025级新生普查', '2025-09-10', '2025-09-30');
  const earlier = batch('2024级新生普查', '2024-09-10', '2024-09-30');
  const form = (batchId: string, key: Key, instrument: string, result: Record<string, unknown>) =>
    tx.insert(assessments, {
      id: randomUUID(),
      studentId: id[key],
      instrument,
      instrumentVersion: '1',
      mode: 'import',
      status: 'complete',
      responses: [SECRET_BODY],
      options: {},
      result: { instrument, ...result },
      censusBatchId: batchId,
      startedAt: at,
      completedAt: at,
      updatedAt: at,
    });
  for (const key of ['a4', 'a5', 'a6', 'b1', 'b2'] as const) {
    form(current.id, key, 'scl90', { screenPositive: key === 'a4' || key === 'a5' });
    form(current.id, key, 'upi', { category: key === 'a4' ? 1 : 3 });
  }
  form(earlier.id, 'a1', 'scl90', { screenPositive: true });
  tx.insert(censusFollowups, {
    id: randomUUID(),
    batchId: current.id,
    studentId: id.a4,
    urgency: 1,
    reasons: [SECRET_BODY],
    status: 'done',
    outcome: 'watch',
    note: SECRET_BODY,
    createdAt: at,
    updatedAt: at,
  });
  tx.insert(censusFollowups, {
    id: randomUUID(),
    batchId: current.id,
    studentId: id.a5,
    urgency: 2,
    reasons: [SECRET_BODY],
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  });

  const activity = (kind: 'lecture' | 'training_peer_counselors' | 'workshop', date: string, participants: number, department: string | null) =>
    tx.insert(educationActivities, {
      id: randomUUID(),
      kind,
      title: '测试活动',
      date,
      organizer: '心理中心',
      department,
      participants,
      createdAt: at,
      updatedAt: at,
    });
  activity('lecture', '2025-10-10', 120, null);
  activity('training_peer_counselors', '2025-11-11', 40, '文学院');
  activity('workshop', '2026-03-01', 30, null);
}

async function withFixture() {
  const made = await setUpCore();
  const store = made.core.vault.requireStore();
  const adminId = made.core.vault.requireSession().accountId;
  store.uow.run(made.core.vault.actor(), (tx) => buildFixture(tx, adminId));
  return made;
}

type Core = Awaited<ReturnType<typeof setUpCore>>['core'];

async function signInAsLeadership(core: Core) {
  expectOk(await core.call('accounts.create', { username: 'leader1', displayName: '领导小组成员', roles: ['leadership'], password: 'leader pass 01' }));
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username: 'leader1', password: 'leader pass 01' }));
  expectOk(await core.call('auth.changePassword', { currentPassword: 'leader pass 01', newPassword: 'leader pass 02' }));
}

async function readWorkbook(base64: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as never);
  const sheet = (name: string) => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  const lookup = (name: string, label: string) => sheet(name).find((r) => r[0] === label)?.[1];
  return { workbook, sheet, lookup };
}

const input = (department?: string) => ({ period: PERIOD, timeZone: ZONE, ...(department ? { department } : {}) });

describe('statistics', () => {
  it('counts the period exactly for the director', async () => {
    const { core } = await withFixture();
    const stats = expectOk(await core.call('statistics.compute', input()));
    expect(stats.period).toMatchObject({ kind: 'semester', start: '2025-09-01', end: '2026-01-31' });
    expect(stats.suppressed).toBe(false);
    expect(stats.sessions).toMatchObject({ total: 10, students: 8, hours: 8.3 });
    expect(stats.sessions.byMode).toEqual([
      { key: 'in_person', label: 'in_person', sessions: 7, students: 5 },
      { key: 'online', label: 'online', sessions: 1, students: 1 },
      { key: 'phone', label: 'phone', sessions: 2, students: 2 },
    ]);
    expect(stats.sessions.byGrade.map((r: any) => [r.key, r.sessions, r.students])).toEqual([
      ['2024级', 5, 3],
      ['2025级', 5, 5],
    ]);
    // Every topic of the plan has its row, in the plan's order with 其他 last.
    expect(stats.sessions.byTopic.map((r: any) => [r.key, r.label, r.sessions, r.students])).toEqual([
      ['academic_adjustment', '学习适应', 7, 5],
      ['emotion_regulation', '情绪调节', 1, 1],
      ['interpersonal', '人际交往', 2, 2],
      ['stress_coping', '压力应对', 0, 0],
      ['career_planning', '生涯规划', 0, 0],
      ['relationships', '情感问题', 1, 1],
      ['other', '其他', 0, 0],
    ]);
    expect(stats.cases).toEqual({ opened: 3, closed: 1 });
    expect(stats.crisis.total).toBe(3);
    expect(stats.crisis.byLevel.map((r: any) => [r.key, r.label, r.events])).toEqual([
      ['1', '一级', 1],
      ['2', '二级', 2],
      ['3', '三级', 0],
    ]);
    expect(stats.referrals).toEqual({ total: 1, students: 1 });
    expect(stats.keyAttention).toEqual({ atEnd: 4, added: 3, removed: 2 });
    expect(stats.census).toEqual([
      {
        name: '2025级新生普查',
        roster: 6,
        screened: 5,
        participationRate: 83.3,
        positives: [
          { instrument: 'scl90', screened: 5, positive: 2, rate: 40 },
          { instrument: 'upi', screened: 5, positive: 1, rate: 20 },
        ],
        listed: 2,
        interviewed: 1,
      },
    ]);
    expect(stats.activities.activities).toEqual({ count: 1, participants: 120 });
    expect(stats.activities.trainings).toEqual({ count: 1, participants: 40 });
  });

  it('filters by department', async () => {
    const { core } = await withFixture();
    const stats = expectOk(await core.call('statistics.compute', input('文学院')));
    expect(stats.department).toBe('文学院');
    expect(stats.sessions).toMatchObject({ total: 8, students: 6 });
    expect(stats.sessions.byMode.map((r: any) => [r.key, r.sessions])).toEqual([
      ['in_person', 6],
      ['online', 1],
      ['phone', 1],
    ]);
    expect(stats.cases.opened).toBe(2);
    expect(stats.crisis.byLevel.map((r: any) => r.events)).toEqual([1, 1, 0]);
    expect(stats.keyAttention).toEqual({ atEnd: 2, added: 2, removed: 1 });
    expect(stats.census[0]).toMatchObject({ roster: 4, screened: 3 });
    expect(stats.activities.activities).toEqual({ count: 0, participants: 0 });
    expect(stats.activities.trainings).toEqual({ count: 1, participants: 40 });
    const options = expectOk(await core.call('statistics.options', {}));
    expect(options.departments).toEqual(['文学院', '理学院']);
  });

  it('takes the period boundaries in the school zone, by month, semester and school year', async () => {
    const { core } = await withFixture();
    const september = expectOk(await core.call('statistics.compute', { period: { kind: 'month', year: 2025, month: 9 }, timeZone: ZONE }));
    expect(september.period).toMatchObject({ start: '2025-09-01', end: '2025-09-30' });
    expect(september.sessions.total).toBe(2); // a1 at local 09-01 00:00 and on 09-15
    const august = expectOk(await core.call('statistics.compute', { period: { kind: 'month', year: 2025, month: 8 }, timeZone: ZONE }));
    expect(august.sessions.total).toBe(1); // a1 at local 08-31 23:59
    const spring = expectOk(await core.call('statistics.compute', { period: { kind: 'semester', schoolYear: 2025, term: 'spring' }, timeZone: ZONE }));
    expect(spring.period).toMatchObject({ start: '2026-02-01', end: '2026-07-31' });
    expect(spring.sessions.total).toBe(1);
    expect(spring.activities.activities).toEqual({ count: 1, participants: 30 });
    const year = expectOk(await core.call('statistics.compute', { period: { kind: 'schoolYear', schoolYear: 2025 }, timeZone: ZONE }));
    expect(year.period).toMatchObject({ start: '2025-09-01', end: '2026-08-31' });
    expect(year.sessions.total).toBe(11);
    expect(year.referrals.total).toBe(2);
  });

  it('moves a semester to the teaching term when one is configured, without counting a day twice', () => {
    expect(semesterSpan(2025, 'autumn', null)).toEqual({ start: '2025-09-01', end: '2026-01-31', fromTeachingTerm: false });
    const longTerm = { firstMonday: '2025-08-25', weeks: 25 }; // to 2026-02-15
    expect(semesterSpan(2025, 'autumn', longTerm)).toEqual({ start: '2025-08-25', end: '2026-02-15', fromTeachingTerm: true });
    expect(semesterSpan(2025, 'spring', longTerm)).toEqual({ start: '2026-02-16', end: '2026-07-31', fromTeachingTerm: true });
    expect(semesterSpan(2024, 'spring', longTerm)).toEqual({ start: '2025-02-01', end: '2025-07-31', fromTeachingTerm: false });
  });

  it('shows the leadership group "<5" for cells under 5 students, and withholds the one cell that would give a "<5" back', async () => {
    const { core } = await withFixture();
    await signInAsLeadership(core);
    const stats = expectOk(await core.call('statistics.compute', input()));
    expect(stats.suppressed).toBe(true);
    expect(stats.sessions).toMatchObject({ total: 10, students: 8, hours: 8.3 });
    expect(stats.sessions.byMode.map((r: any) => [r.key, r.sessions, r.students])).toEqual([
      ['in_person', 7, 5],
      ['online', '<5', '<5'],
      ['phone', '<5', '<5'],
    ]);
    // 2024级 has 3 students: with the total shown, 2025级's exact figure would give it back.
    expect(stats.sessions.byGrade.map((r: any) => [r.key, r.sessions, r.students])).toEqual([
      ['2024级', '<5', '<5'],
      ['2025级', '—', '—'],
    ]);
    // The plan's topic names point at nobody: every row stays, small ones as "<5".
    expect(stats.sessions.byTopic.map((r: any) => [r.key, r.sessions, r.students])).toEqual([
      ['academic_adjustment', 7, 5],
      ['emotion_regulation', '<5', '<5'],
      ['interpersonal', '<5', '<5'],
      ['stress_coping', 0, 0],
      ['career_planning', 0, 0],
      ['relationships', '<5', '<5'],
      ['other', 0, 0],
    ]);
    expect(stats.cases).toEqual({ opened: '<5', closed: '<5' });
    expect(stats.crisis.total).toBe('<5');
    expect(stats.crisis.byLevel.map((r: any) => r.events)).toEqual(['<5', '<5', 0]);
    expect(stats.referrals.total).toBe('<5');
    expect(stats.keyAttention).toEqual({ atEnd: '<5', added: '<5', removed: '<5' });
    expect(stats.census[0]).toMatchObject({ roster: 6, screened: 5, participationRate: 83.3, listed: '<5', interviewed: '<5' });
    expect(stats.census[0].positives[0]).toEqual({ instrument: 'scl90', screened: 5, positive: '<5', rate: null });
    // No exact small number anywhere in what leadership receives.
    const json = JSON.stringify(stats);
    expect(json).not.toMatch(/测试学生|2025900/);
  });

  it('refuses the leadership group every identifiable channel', async () => {
    const { core } = await withFixture();
    await signInAsLeadership(core);
    expectError(await core.call('students.search', { query: '' }), 'FORBIDDEN');
    expectError(await core.call('cases.list', { scope: 'all' }), 'FORBIDDEN');
    expectOk(await core.call('statistics.options', {}));
  });

  it('exports "<5" in the .xlsx even for the director, and the work report has the upward sheets', async () => {
    const { core } = await withFixture();
    const file = expectOk(await core.call('statistics.exportXlsx', input()));
    expect(file.fileName).toBe('心理中心统计-2025-09-01至2026-01-31.xlsx');
    const book = await readWorkbook(file.contentBase64);
    expect(book.lookup('概况', '咨询人次')).toBe(10);
    expect(book.lookup('概况', '新开个案')).toBe('<5');
    expect(book.lookup('概况', '危机事件')).toBe('<5');
    expect(book.sheet('咨询方式').slice(1, 4)).toEqual([
      ['面询', 7, 5],
      ['网络', '<5', '<5'],
      ['电话', '<5', '<5'],
    ]);

    const report = expectOk(await core.call('statistics.workReport', input()));
    const work = await readWorkbook(report.contentBase64);
    // The upward sheets first, in this order; modules add theirs after them (家校沟通 among them).
    expect(work.workbook.worksheets.map((s) => s.name).slice(0, 6)).toEqual([
      '基本情况',
      '咨询问题分布',
      '危机干预',
      '心理普查',
      '教育活动与培训',
      '重点关注学生',
    ]);
    expect(work.workbook.worksheets.map((s) => s.name)).toContain('家校沟通');
    expect(work.lookup('基本情况', '个体咨询人次')).toBe(10);
    expect(work.lookup('基本情况', '服务学生数')).toBe(8);
    expect(work.lookup('基本情况', '咨询时长（小时）')).toBe(8.3);
    expect(work.lookup('危机干预', '危机事件总数')).toBe('<5');
    expect(work.lookup('重点关注学生', '期末在库人数')).toBe('<5');
    expect(work.sheet('心理普查')[1]).toEqual(['2025级新生普查', 6, 5, '83.3%', '<5', '—', '<5', '—', '<5']);
    expect(work.lookup('教育活动与培训', '培训合计')).toBe(1);
    const exports = core.vault
      .requireStore()
      .sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'export' AND entity = 'statistics'")
      .pluck()
      .get();
    expect(exports).toBe(2);
  });

  it('runs only aggregate statements that never name a clinical column', async () => {
    const { core } = await withFixture();
    const sqlite = core.vault.requireStore().sqlite;
    const seen: string[] = [];
    const original = sqlite.prepare.bind(sqlite);
    (sqlite as { prepare: unknown }).prepare = (source: string) => {
      seen.push(source);
      return original(source);
    };
    try {
      expectOk(await core.call('statistics.compute', input()));
      expectOk(await core.call('statistics.exportXlsx', input('文学院')));
    } finally {
      (sqlite as { prepare: unknown }).prepare = original;
    }
    const clinical = new RegExp(`\\b(${CLINICAL_COLUMNS.join('|')})\\b`, 'i');
    const statements = [...Object.values(STATISTICS_SQL), FAMILY_FIGURES_SQL];
    for (const sql of statements) expect(sql).not.toMatch(clinical);
    const touching = seen.filter(
      (sql) => /session_notes|assessments|crisis_events|key_attention|referrals|census_followups/.test(sql) && !/^\s*insert/i.test(sql),
    );
    expect(touching.length).toBeGreaterThan(5);
    // Nothing the figures read is in the audit log: the cache keeps them across events written alone (statistics-cache.ts).
    for (const sql of seen) expect(sql).not.toMatch(/\baudit_events\b/i);
    for (const sql of touching) {
      expect(statements).toContain(sql);
      expect(sql).not.toMatch(clinical);
      expect(sql).not.toMatch(/\bs\.name\b|\bSELECT \*/i);
    }
  });
});
