import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

/** 心理健康教育课程 (issue 17 item 4) and the training, course and supervision figures of the statistics. */

const COURSE = {
  schoolYear: 2026,
  term: 'autumn',
  name: '大学生心理健康教育',
  kind: 'compulsory',
  teachers: ['王老师', '李老师'],
  hours: 32,
  grade: '2026',
  enrolled: 9,
} as const;

async function students(core: Core, grade: string, department: string, count: number, offset = 0) {
  for (let i = 0; i < count; i++) {
    expectOk(
      await core.call('students.create', {
        studentNo: `${grade}${department.length}${String(offset + i).padStart(4, '0')}`,
        name: `测试学生${offset + i}`,
        grade,
        department,
      }),
    );
  }
}

async function signInAs(core: Core, username: string, roles: string[]) {
  expectOk(await core.call('accounts.create', { username, displayName: `${username}老师`, roles, password: `${username} first pw` }));
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: `${username} first pw` }));
  expectOk(await core.call('auth.changePassword', { currentPassword: `${username} first pw`, newPassword: `${username} own pw` }));
}

async function backToAdmin(core: Core) {
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
}

describe('mental health courses', () => {
  it('records a course per term with its coverage of the grade (enrolled / enrolled roster students)', async () => {
    const { core } = await setUpCore();
    await students(core, '2026', '文学院', 8);
    await students(core, '2026', '理学院', 4, 100);
    await students(core, '2025', '文学院', 3, 200);
    // A student on leave is not on the roster the coverage divides by.
    expectOk(await core.call('students.create', { studentNo: '20269999', name: '休学学生', grade: '2026', department: '文学院', status: 'leave' }));

    const whole = expectOk(await core.call('courses.create', COURSE));
    expect(whole).toMatchObject({ ...COURSE, departments: [], classes: [], roster: 12, coverage: 75 });
    const literature = expectOk(
      await core.call('courses.create', { ...COURSE, kind: 'elective', name: '情绪管理', departments: ['文学院'], classes: ['2026级汉语言1班'], enrolled: 6 }),
    );
    expect(literature).toMatchObject({ roster: 8, coverage: 75, departments: ['文学院'] });
    const noGrade = expectOk(await core.call('courses.create', { ...COURSE, term: 'spring', grade: null, enrolled: 30 }));
    expect(noGrade).toMatchObject({ roster: null, coverage: null });

    expect(expectOk(await core.call('courses.list', { schoolYear: 2026, term: 'autumn' })).map((c: { name: string }) => c.name)).toEqual([
      '大学生心理健康教育',
      '情绪管理',
    ]);
    expect(expectOk(await core.call('courses.update', { id: whole.id, patch: { enrolled: 12, teachers: [' 王老师 ', '王老师'] } }))).toMatchObject({
      enrolled: 12,
      coverage: 100,
      teachers: ['王老师'],
    });

    expectError(await core.call('courses.create', { ...COURSE, teachers: [] }), 'VALIDATION');
    expectError(await core.call('courses.create', { ...COURSE, enrolled: -1 }), 'VALIDATION');
    expectError(await core.call('courses.create', { ...COURSE, kind: 'optional' }), 'VALIDATION');
    expectError(await core.call('courses.update', { id: 'missing', patch: { enrolled: 1 } }), 'NOT_FOUND', 'courseNotFound');
  });
});

describe('statistics: training by audience, course coverage, supervision hours', () => {
  async function fixture() {
    const made = await setUpCore();
    const { core } = made;
    await students(core, '2026', '文学院', 10);
    expectOk(await core.call('courses.create', { ...COURSE, enrolled: 7 }));
    // Spring 2027: outside the autumn term.
    expectOk(await core.call('courses.create', { ...COURSE, term: 'spring', name: '生涯规划', enrolled: 3 }));
    const staff = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `辅导员${i}`, attended: true }));
    expectOk(
      await core.call('training.create', {
        title: '辅导员培训',
        date: '2026-10-10',
        audience: 'counselors_and_class_teachers',
        trainer: '王老师',
        hours: 2,
        attendees: [...staff(6), { name: '缺席者', attended: false }],
      }),
    );
    expectOk(
      await core.call('training.create', {
        title: '辅导员培训二',
        date: '2026-11-10',
        audience: 'counselors_and_class_teachers',
        trainer: '王老师',
        hours: 1.5,
        attendees: staff(6),
      }),
    );
    expectOk(
      await core.call('training.create', {
        title: '心理委员培训',
        date: '2026-10-20',
        audience: 'peer_counselors',
        trainer: '李老师',
        hours: 1,
        attendees: [
          { name: '心理委员甲', attended: true },
          { name: '心理委员乙', attended: true },
        ],
      }),
    );
    // Outside the period.
    expectOk(
      await core.call('training.create', {
        title: '春季培训',
        date: '2027-03-10',
        audience: 'peer_counselors',
        trainer: '李老师',
        hours: 1,
        attendees: staff(8),
      }),
    );
    const a = expectOk(
      await core.call('accounts.create', { username: 'couns.a', displayName: '咨询师甲', roles: ['counselor'], password: 'couns.a first pw' }),
    ).id;
    const b = expectOk(
      await core.call('accounts.create', { username: 'couns.b', displayName: '咨询师乙', roles: ['counselor'], password: 'couns.b first pw' }),
    ).id;
    expectOk(
      await core.call('training.createSupervision', { date: '2026-10-01', supervisorName: '外聘督导', format: 'individual', hours: 1, superviseeIds: [a] }),
    );
    expectOk(
      await core.call('training.createSupervision', { date: '2026-12-01', supervisorName: '外聘督导', format: 'group', hours: 2, superviseeIds: [a, b] }),
    );
    return made;
  }

  it('counts exactly for the center and applies the small-cell rule for leadership and exports', async () => {
    const { core } = await fixture();
    const period = { kind: 'semester', schoolYear: 2026, term: 'autumn' } as const;
    const exact = expectOk(await core.call('statistics.compute', { period })).education;
    expect(exact.training).toEqual([
      { audience: 'counselors_and_class_teachers', sessions: 2, hours: 3.5, attendances: 12, people: 6, personHours: 21 },
      { audience: 'peer_counselors', sessions: 1, hours: 1, attendances: 2, people: 2, personHours: 2 },
    ]);
    expect(exact.courses).toEqual([
      { name: '大学生心理健康教育', kind: 'compulsory', schoolYear: 2026, term: 'autumn', grade: '2026', hours: 32, enrolled: 7, roster: 10, coverage: 70 },
    ]);
    expect(exact.supervision).toEqual({
      counselors: 2,
      sessions: 2,
      hours: 3,
      perCounselor: [
        { name: '咨询师乙', sessions: 1, hours: 2 },
        { name: '咨询师甲', sessions: 2, hours: 3 },
      ].sort((x, y) => x.name.localeCompare(y.name)),
    });

    // Leadership: two peer counselors are a small cell; names of counselors stay with the center.
    await signInAs(core, 'leader1', ['leadership']);
    const suppressed = expectOk(await core.call('statistics.compute', { period })).education;
    expect(suppressed.training[1]).toEqual({ audience: 'peer_counselors', sessions: 1, hours: 1, attendances: '<5', people: '<5', personHours: null });
    expect(suppressed.training[0]).toMatchObject({ attendances: 12, people: 6, personHours: 21 });
    expect(suppressed.courses[0]).toMatchObject({ enrolled: 7, roster: 10, coverage: 70 });
    expect(suppressed.supervision).toEqual({ counselors: 2, sessions: 2, hours: 3, perCounselor: [] });

    // The work report carries the three sheets, suppressed like every export.
    await backToAdmin(core);
    const file = expectOk(await core.call('statistics.workReport', { period }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows('培训')).toEqual(
      expect.arrayContaining([
        ['心理委员', 1, 1, '<5', '<5', '—'],
        ['辅导员/班主任', 2, 3.5, 12, 6, 21],
      ]),
    );
    expect(rows('心理健康教育课程')).toEqual(expect.arrayContaining([['大学生心理健康教育', '必修', '2026–2027学年秋季学期', '2026', 32, 7, 10, '70%']]));
    expect(rows('督导')).toEqual(expect.arrayContaining([['督导时长（小时）', 3]]));
    expect(JSON.stringify(rows('督导'))).not.toContain('咨询师甲');
  });
});
