import { describe, expect, it } from 'vitest';
import { pinyinKeys } from '../../../src-main/core/students/pinyin';
import { findStudent, updateStudent } from '../../../src-main/core/students/student-service';
import { expectError, expectOk, setUpCore } from './helpers';

const student = (no: string, name: string, extra: Record<string, unknown> = {}) => ({
  studentNo: no,
  name,
  department: '文学院',
  grade: '2026级',
  className: '文学1班',
  ...extra,
});

async function withStudents() {
  const made = await setUpCore();
  for (const [no, name, dept] of [
    ['2026000001', '张三', '文学院'],
    ['2026000002', '张珊珊', '文学院'],
    ['2026000003', '李四', '计算机学院'],
    ['2025000004', '单雄飞', '计算机学院'],
    ['2025000005', '吕小布', '文学院'],
  ]) {
    expectOk(await made.core.call('students.create', student(no, name, { department: dept })));
  }
  return made;
}

const names = (result: { rows: { name: string }[] }) => result.rows.map((r) => r.name);

describe('students', () => {
  it('derives pinyin keys, reading polyphonic surnames as surnames', () => {
    expect(pinyinKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(pinyinKeys('单雄飞').full).toBe('shanxiongfei');
    expect(pinyinKeys('吕小布')).toEqual({ full: 'lvxiaobu', initials: 'lxb' });
  });

  it('finds by 学号 prefix, name, pinyin initials and full pinyin', async () => {
    const { core } = await withStudents();
    expect(names(expectOk(await core.call('students.search', { query: '2025' })))).toEqual(['单雄飞', '吕小布']);
    expect(names(expectOk(await core.call('students.search', { query: 'zs' })))).toEqual(['张三', '张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: 'zss' })))).toEqual(['张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: 'zhangs' })))).toEqual(['张三', '张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: 'zhangsan' })))).toEqual(['张三']);
    expect(names(expectOk(await core.call('students.search', { query: 'ZhangShan' })))).toEqual(['张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: '张' })))).toEqual(['张三', '张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: '珊' })))).toEqual(['张珊珊']);
    expect(names(expectOk(await core.call('students.search', { query: 'sxf' })))).toEqual(['单雄飞']);
  });

  it('filters by department, grade, class and status, and pages', async () => {
    const { core } = await withStudents();
    expect(names(expectOk(await core.call('students.search', { department: '计算机学院' })))).toEqual(['单雄飞', '李四']);
    const page = expectOk(await core.call('students.search', { query: '', limit: 2, offset: 2 }));
    expect(page.total).toBe(5);
    expect(page.rows).toHaveLength(2);
    expect(expectOk(await core.call('students.facets', {})).departments).toEqual(['文学院', '计算机学院']);
  });

  it('adds and edits a student (audited), refusing a duplicate 学号 and a bad date', async () => {
    const { core } = await withStudents();
    expectError(await core.call('students.create', student('2026000001', '重复')), 'CONFLICT', 'studentNoTaken');
    expectError(await core.call('students.create', student('2026000099', '日期', { birthDate: '2007-02-30' })), 'VALIDATION');
    const { rows } = expectOk(await core.call('students.search', { query: '2026000003' }));
    const updated = expectOk(
      await core.call('students.update', {
        id: rows[0].id,
        patch: { dorm: '5号楼101', guardians: [{ name: '李家长', phone: '13800000000', relation: '父亲' }] },
      }),
    );
    expect(updated).toMatchObject({ dorm: '5号楼101', name: '李四' });
    expect(updated.guardians).toHaveLength(1);
    const audit = core.vault
      .requireStore()
      .sqlite.prepare("SELECT action FROM audit_events WHERE entity = 'students' AND entity_id = ?")
      .pluck()
      .all(rows[0].id);
    expect(audit).toEqual(['create', 'change']);
    expectOk(await core.call('students.get', { id: rows[0].id }));
    expect(
      core.vault
        .requireStore()
        .sqlite.prepare("SELECT action FROM audit_events WHERE entity = 'students' AND entity_id = ? ORDER BY seq DESC LIMIT 1")
        .pluck()
        .get(rows[0].id),
    ).toBe('view');
    const timeline = expectOk(await core.call('students.timeline', { studentId: rows[0].id }));
    expect(timeline.map((e: any) => e.titleKey)).toEqual(expect.arrayContaining(['timeline.studentAdded', 'timeline.studentUpdated']));
    expect(timeline.find((e: any) => e.titleKey === 'timeline.studentUpdated').values.fields).toBe('dorm,guardians');
  });

  it('records when a student left school, keeps it through later edits, and clears it on re-enrolment', async () => {
    const { core, clock } = await withStudents();
    const { rows } = expectOk(await core.call('students.search', { query: '2026000001' }));
    const leftAt = (id: string) => core.vault.requireStore().sqlite.prepare('SELECT left_at FROM students WHERE id = ?').pluck().get(id);
    expect(leftAt(rows[0].id)).toBeNull();
    expectOk(await core.call('students.update', { id: rows[0].id, patch: { status: 'graduated' } }));
    const graduatedAt = leftAt(rows[0].id);
    expect(graduatedAt).toEqual(expect.any(String));
    clock.advance(86_400_000);
    expectOk(await core.call('students.update', { id: rows[0].id, patch: { dorm: '已离校' } }));
    expect(leftAt(rows[0].id)).toBe(graduatedAt);
    expectOk(await core.call('students.update', { id: rows[0].id, patch: { status: 'enrolled' } }));
    expect(leftAt(rows[0].id)).toBeNull();
  });

  it("a liaison sees only their own department's students, and cannot edit", async () => {
    const { core } = await withStudents();
    expectOk(
      await core.call('accounts.create', {
        username: 'liaison1',
        displayName: '院系老师',
        roles: ['liaison'],
        password: 'liaison pass 1',
        department: '文学院',
      }),
    );
    const other = expectOk(await core.call('students.search', { department: '计算机学院' })).rows[0];
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'liaison1', password: 'liaison pass 1' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'liaison pass 1', newPassword: 'liaison pass 2' }));
    expect(names(expectOk(await core.call('students.search', { query: '' })))).toEqual(['吕小布', '张三', '张珊珊']);
    expect(names(expectOk(await core.call('students.search', { department: '计算机学院' })))).toEqual([]);
    expect(expectOk(await core.call('students.facets', {})).departments).toEqual(['文学院']);
    expectError(await core.call('students.get', { id: other.id }), 'NOT_FOUND');
    expectError(await core.call('students.create', student('2026000100', '新生')), 'FORBIDDEN');
  });

  it('a department change through the service needs the work move the caller passes in (students sits below handover)', async () => {
    const { core } = await withStudents();
    const store = core.vault.requireStore();
    const row = expectOk(await core.call('students.search', { query: '张三' })).rows[0];
    const current = findStudent(store.db, row.id)!;
    // Without a move, the change is refused and nothing is written: open work cannot stay with the old liaison unseen.
    expect(() => store.uow.run(core.vault.actor(), (tx) => updateStudent(tx, current, { department: '计算机学院' }, new Date().toISOString()))).toThrow(
      /needs moveWork/,
    );
    expect(findStudent(store.db, row.id)!.department).toBe('文学院');
    // A change of something else needs none; a department change calls the move once, with both departments.
    store.uow.run(core.vault.actor(), (tx) => updateStudent(tx, current, { grade: '2025级' }, new Date().toISOString()));
    const moves: [string, string | null, string | null][] = [];
    store.uow.run(core.vault.actor(), (tx) =>
      updateStudent(tx, findStudent(store.db, row.id)!, { department: '计算机学院' }, new Date().toISOString(), (...move) => moves.push(move)),
    );
    expect(moves).toEqual([[row.id, '文学院', '计算机学院']]);
    // The channel passes the move in: changing back through students.update succeeds.
    expectOk(await core.call('students.update', { id: row.id, patch: { department: '文学院' } }));
    expect(findStudent(store.db, row.id)!.department).toBe('文学院');
  });
});
