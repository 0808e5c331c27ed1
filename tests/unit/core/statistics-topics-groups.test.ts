import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../src-main/core/cases/case-service';
import { counselingGroups, groupSessions } from '../../../src-main/core/store/schema/groups';
import { sessionNotes } from '../../../src-main/core/store/schema/notes';
import { GROUP_FIGURES_SQL } from '../../../src-main/core/statistics/group-figures';
import { CLINICAL_COLUMNS } from '../../../src-main/core/statistics/statistics-sql';
import { students } from '../../../src-main/core/store/schema/students';
import type { WriteContext } from '../../../src-main/core/store/unit-of-work';
import type { NoteTopic } from '../../../src-shared/contract/notes';
import type { Statistics } from '../../../src-shared/contract/statistics';
import { expectOk, setUpCore } from './helpers';

/**
 * October 2025 (Asia/Shanghai). 文学院 w1–w6, 理学院 l1–l2.
 * Notes (signed unless said): w1 [emotion] tagged 情绪, w2 [emotion] tagged 情绪调节, w3 [emotion, stress],
 *   w4 [other: 睡眠], l1 [career], w5 draft [interpersonal] (not counted), w6 in September (not counted).
 * Groups: 新生适应团体 meets twice in October (w1–w5 + l1, then w1–w3) and once in November;
 *   压力管理团体 meets once in October (l2). A group's note is clinical and never read.
 */
const PERIOD = { kind: 'month', year: 2025, month: 10 } as const;
const ZONE = 'Asia/Shanghai';
const SECRET = '团体记录里才有的内容';
const KEYS = { w1: '文学院', w2: '文学院', w3: '文学院', w4: '文学院', w5: '文学院', w6: '文学院', l1: '理学院', l2: '理学院' } as const;
type Key = keyof typeof KEYS;
type Row = Statistics['sessions']['byTopic'][number];

function build(tx: WriteContext, counselorId: string) {
  const at = '2025-08-01T00:00:00.000Z';
  const id = {} as Record<Key, string>;
  Object.entries(KEYS).forEach(([key, department], i) => {
    id[key as Key] = randomUUID();
    tx.insert(students, {
      id: id[key as Key],
      studentNo: `20258800${i}`,
      name: `测试${key}`,
      namePinyin: key,
      nameInitials: 'cs',
      department,
      grade: '2025级',
      guardians: [],
      status: 'enrolled',
      source: 'manual',
      createdAt: at,
      updatedAt: at,
    });
  });
  const note = (
    key: Key,
    sessionAt: string,
    topicCategories: NoteTopic[],
    topics: string[],
    extra: { status?: 'signed' | 'draft'; topicOther?: string } = {},
  ) => {
    const kase = createCase(tx, { studentId: id[key], counselorId, riskLevel: 'low' }, at);
    const status = extra.status ?? 'signed';
    tx.insert(sessionNotes, {
      id: randomUUID(),
      caseId: kase.id,
      studentId: id[key],
      authorId: counselorId,
      sessionAt,
      mode: 'in_person',
      minutes: 50,
      topics,
      topicCategories,
      topicOther: extra.topicOther ?? null,
      body: { content: SECRET },
      status,
      signDueAt: sessionAt,
      signedBy: status === 'signed' ? counselorId : null,
      signedAt: status === 'signed' ? sessionAt : null,
      createdAt: sessionAt,
      updatedAt: sessionAt,
    });
  };
  note('w1', '2025-10-08T02:00:00.000Z', ['emotion_regulation'], ['情绪']);
  note('w2', '2025-10-09T02:00:00.000Z', ['emotion_regulation'], ['情绪调节']);
  note('w3', '2025-10-10T02:00:00.000Z', ['emotion_regulation', 'stress_coping'], ['情绪问题', '压力']);
  note('w4', '2025-10-11T02:00:00.000Z', ['other'], ['睡眠'], { topicOther: '睡眠' });
  note('l1', '2025-10-12T02:00:00.000Z', ['career_planning'], []);
  note('w5', '2025-10-13T02:00:00.000Z', ['interpersonal'], [], { status: 'draft' });
  note('w6', '2025-09-13T02:00:00.000Z', ['interpersonal'], []);

  const group = (name: string) =>
    tx.insert(counselingGroups, {
      id: randomUUID(),
      name,
      theme: 'custom',
      customTheme: name,
      leaders: [counselorId],
      status: 'running',
      createdAt: at,
      updatedAt: at,
    }).id;
  const meet = (groupId: string, number: number, heldAt: string, who: Key[]) =>
    tx.insert(groupSessions, { id: randomUUID(), groupId, number, heldAt, attendance: who.map((k) => id[k]), note: SECRET, createdAt: at, updatedAt: at });
  const freshmen = group('新生适应团体');
  const stress = group('压力管理团体');
  meet(freshmen, 1, '2025-10-01T07:00:00.000Z', ['w1', 'w2', 'w3', 'w4', 'w5', 'l1']);
  meet(freshmen, 2, '2025-10-15T07:00:00.000Z', ['w1', 'w2', 'w3']);
  meet(freshmen, 3, '2025-11-01T07:00:00.000Z', ['w1', 'w2']);
  // Local 2025-10-31 23:30 in Shanghai: still October.
  meet(stress, 1, '2025-10-31T15:30:00.000Z', ['l2']);
}

async function world() {
  const made = await setUpCore();
  const store = made.core.vault.requireStore();
  store.uow.run(made.core.vault.actor(), (tx) => build(tx, made.core.vault.requireSession().accountId));
  return made;
}

const input = (department?: string) => ({ period: PERIOD, timeZone: ZONE, ...(department ? { department } : {}) });

async function sheetRows(base64: string, name: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as never);
  const rows: unknown[][] = [];
  workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("statistics by the plan's topics and of group counseling", () => {
  it('counts sessions by topic: 情绪, 情绪调节 and 情绪问题 are one row; all seven rows, 其他 last', async () => {
    const { core } = await world();
    const stats = expectOk(await core.call('statistics.compute', input()));
    expect(stats.sessions).toMatchObject({ total: 5, students: 5 });
    expect(stats.sessions.byTopic.map((r: Row) => [r.key, r.label, r.sessions, r.students])).toEqual([
      ['academic_adjustment', '学习适应', 0, 0],
      ['emotion_regulation', '情绪调节', 3, 3],
      ['interpersonal', '人际交往', 0, 0],
      ['stress_coping', '压力应对', 1, 1],
      ['career_planning', '生涯规划', 1, 1],
      ['relationships', '情感问题', 0, 0],
      ['other', '其他', 1, 1],
    ]);
  });

  it('counts groups, sessions held, distinct members and attendances of the period, by department too', async () => {
    const { core } = await world();
    expect(expectOk(await core.call('statistics.compute', input())).groups).toEqual({ groups: 2, sessions: 3, members: 7, memberSessions: 10 });
    // 文学院: only its members count, and only the sessions one of them attended.
    expect(expectOk(await core.call('statistics.compute', input('文学院'))).groups).toEqual({ groups: 1, sessions: 2, members: 5, memberSessions: 8 });
    expect(expectOk(await core.call('statistics.compute', input('理学院'))).groups).toEqual({ groups: 2, sessions: 2, members: 2, memberSessions: 2 });
  });

  it('the small-cell rule: leadership sees "<5" for figures of fewer than 5 students, topics and groups alike', async () => {
    const { core } = await world();
    expectOk(await core.call('accounts.create', { username: 'leader1', displayName: '领导小组成员', roles: ['leadership'], password: 'leader pass 01' }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'leader1', password: 'leader pass 01' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'leader pass 01', newPassword: 'leader pass 02' }));
    const all = expectOk(await core.call('statistics.compute', input()));
    expect(all.groups).toEqual({ groups: 2, sessions: 3, members: 7, memberSessions: 10 });
    expect(all.sessions.byTopic.map((r: Row) => r.sessions)).toEqual([0, '<5', 0, '<5', '<5', 0, '<5']);
    const science = expectOk(await core.call('statistics.compute', input('理学院')));
    expect(science.groups).toEqual({ groups: '<5', sessions: '<5', members: '<5', memberSessions: '<5' });
    expect(JSON.stringify(all)).not.toContain(SECRET);
  });

  it('the statistics export and the work report carry the topic rows and the group figures', async () => {
    const { core } = await world();
    const report = expectOk(await core.call('statistics.workReport', { period: { kind: 'semester', schoolYear: 2025, term: 'autumn' }, timeZone: ZONE }));
    const basics = await sheetRows(report.contentBase64, '基本情况');
    const lookup = (label: string) => basics.find((r) => r[0] === label)?.[1];
    // The semester holds all four group sessions (and w6's September note); "<5" applies whoever exports.
    expect(lookup('团体辅导：开展团体数')).toBe(2);
    expect(lookup('团体辅导：团体活动次数')).toBe(4);
    expect(lookup('团体辅导：参加学生数')).toBe(7);
    expect(lookup('团体辅导：参加人次')).toBe(12);
    expect((await sheetRows(report.contentBase64, '咨询问题分布')).slice(1, 8)).toEqual([
      ['学习适应', 0, 0],
      ['情绪调节', '<5', '<5'],
      ['人际交往', '<5', '<5'],
      ['压力应对', '<5', '<5'],
      ['生涯规划', '<5', '<5'],
      ['情感问题', 0, 0],
      ['其他', '<5', '<5'],
    ]);
    const file = expectOk(await core.call('statistics.exportXlsx', input()));
    const summary = await sheetRows(file.contentBase64, '概况');
    expect(summary.find((r) => r[0] === '团体辅导：参加人次')?.[1]).toBe(10);
  });

  it('the group figures read no clinical column (the group note) and return aggregates only', () => {
    expect(GROUP_FIGURES_SQL).not.toMatch(new RegExp(`\\b(${CLINICAL_COLUMNS.join('|')})\\b`, 'i'));
    expect(GROUP_FIGURES_SQL).not.toMatch(/\bnote\b|\bname\b|SELECT \*/i);
  });
});
