import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { censusFollowups } from '../../../src-main/core/store/schema/census';
import type { Core } from '../../../src-main/core/core';
import { addAccount, addStudent, makeEvent, signInAs } from './followups-fixtures';
import { notesWorld, signedNote } from './notes-fixture';
import { expectError, expectOk, setUpCore } from './helpers';

const RESPONSIBLE = (counselorId: string | null) => ({
  counselorId,
  departmentCounselor: '测试辅导员',
  dormWatcher: '测试宿舍长',
  peerCounselor: '测试心理委员',
});
const IN_A_WEEK = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** Two departments, each with a student on every list a liaison can see. */
async function twoDepartments() {
  const { core } = await setUpCore();
  const director = core.vault.requireSession().accountId;
  const liaisonA = await addAccount(core, 'liaison.a', ['liaison'], '院系A');
  const liaisonB = await addAccount(core, 'liaison.b', ['liaison'], '院系B');
  const a = await addStudent(core, '2026100001', '测试学生甲', { department: '院系A', className: 'A1班' });
  const b = await addStudent(core, '2026200001', '测试学生乙', { department: '院系B', className: 'B1班' });

  const batch = expectOk(await core.call('census.createBatch', { name: '2026秋季普查', cohort: '2026级' }));
  const store = core.vault.requireStore();
  const at = new Date().toISOString();
  store.uow.run(core.vault.actor(), (tx) => {
    for (const student of [a, b]) {
      tx.insert(censusFollowups, {
        id: randomUUID(),
        batchId: batch.id,
        studentId: student.id,
        urgency: 2,
        reasons: ['scl90Positive'],
        assignedTo: director,
        status: 'pending',
        outcome: null,
        note: null,
        interviewedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  });
  const eventA = makeEvent(core, a.id, director);
  const eventB = makeEvent(core, b.id, director);
  for (const student of [a, b]) {
    expectOk(await core.call('keyattention.add', { studentId: student.id, level: '3', reason: '普查阳性（合成）', responsible: RESPONSIBLE(director) }));
  }
  const taskA = expectOk(await core.call('followups.create', { studentId: a.id, title: '回访甲', assignedTo: liaisonA.id, dueAt: IN_A_WEEK() }));
  expectOk(await core.call('followups.create', { studentId: a.id, title: '咨询师回访甲', assignedTo: director, dueAt: IN_A_WEEK() }));
  expectOk(await core.call('followups.create', { studentId: b.id, title: '回访乙', assignedTo: liaisonB.id, dueAt: IN_A_WEEK() }));
  return { core, a, b, batch, eventA, eventB, taskA };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('scopes: a liaison reaches only their own department', () => {
  it('students, census, crisis, key attention, tasks, case status and reports stop at 院系A', async () => {
    const { core, a, b, batch, eventA, eventB, taskA } = await twoDepartments();
    await signInAs(core, 'liaison.a');

    const search = expectOk(await core.call('students.search', {}));
    expect(search.rows.map((r: { studentNo: string }) => r.studentNo)).toEqual([a.studentNo]);
    expect(search.total).toBe(1);
    expect(expectOk(await core.call('students.search', { query: '测试学生乙' })).rows).toEqual([]);
    expect(expectOk(await core.call('students.search', { department: '院系B' })).rows).toEqual([]);
    expect(expectOk(await core.call('students.facets', {})).departments).toEqual(['院系A']);
    expect(expectOk(await core.call('students.get', { id: a.id })).name).toBe('测试学生甲');
    expectError(await core.call('students.get', { id: b.id }), 'NOT_FOUND', 'studentNotFound');
    expectError(await core.call('students.timeline', { studentId: b.id }), 'NOT_FOUND', 'studentNotFound');

    expect(expectOk(await core.call('census.progress', { batchId: batch.id })).byDepartment).toEqual([{ department: '院系A', total: 1, done: 0 }]);
    expect(
      expectOk(await core.call('census.departmentStatus', { batchId: batch.id, department: '院系A' })).map((r: { studentNo: string }) => r.studentNo),
    ).toEqual([a.studentNo]);
    expectError(await core.call('census.departmentStatus', { batchId: batch.id, department: '院系B' }), 'FORBIDDEN', 'otherDepartment');
    expectError(await core.call('census.exportDepartmentList', { batchId: batch.id, department: '院系B' }), 'FORBIDDEN', 'otherDepartment');

    expect(ids(expectOk(await core.call('crisis.board', {})).rows)).toEqual([eventA.id]);
    expect(expectOk(await core.call('crisis.board', { department: '院系B' })).rows).toEqual([]);
    expect(expectOk(await core.call('crisis.board', { studentId: b.id, status: 'all' })).rows).toEqual([]);
    const detail = expectOk(await core.call('crisis.get', { id: eventA.id }));
    expect(detail).toMatchObject({ content: false, event: { description: null, summary: null } });
    const other = await core.call('crisis.get', { id: eventB.id });
    expect(other.ok).toBe(false);
    expect(expectOk(await core.call('crisis.overdue', {})).steps.every((s: { eventId: string }) => s.eventId === eventA.id)).toBe(true);

    const listed = expectOk(await core.call('keyattention.list', {})).rows;
    expect(listed.map((r: { student: { id: string } }) => r.student.id)).toEqual([a.id]);
    expect(JSON.stringify(listed)).not.toContain('普查阳性');
    expect(expectOk(await core.call('keyattention.list', { department: '院系B' })).rows).toEqual([]);
    expect(await core.call('keyattention.forStudent', { studentId: b.id })).toMatchObject({ ok: false });

    // Tasks: only those given to this liaison, never a clinician's task on the same student.
    expect(ids(expectOk(await core.call('followups.list', {})).rows)).toEqual([taskA.id]);
    expect(ids(expectOk(await core.call('followups.list', { studentId: a.id, mine: false })).rows)).toEqual([taskA.id]);
    expect(expectOk(await core.call('followups.list', { studentId: b.id })).rows).toEqual([]);

    expectOk(await core.call('cases.studentStatus', { studentId: a.id }));
    expectError(await core.call('cases.studentStatus', { studentId: b.id }), 'NOT_FOUND', 'studentNotFound');
    const report = { studentId: b.id, reporterKind: 'department_counselor', signs: ['low_mood'], urgency: 'routine' };
    expectError(await core.call('reports.create', report), 'NOT_FOUND', 'studentNotFound');
  });

  it('a liaison without a department sees no students at all', async () => {
    const { core } = await twoDepartments();
    await addAccount(core, 'liaison.none', ['liaison'], null);
    await signInAs(core, 'liaison.none');
    expect(expectOk(await core.call('students.search', {})).rows).toEqual([]);
    expect(expectOk(await core.call('crisis.board', {})).rows).toEqual([]);
    expect(expectOk(await core.call('keyattention.list', {})).rows).toEqual([]);
    expect(expectOk(await core.call('followups.list', {})).rows).toEqual([]);
  });
});

async function reviewQueue(core: Core) {
  return expectOk(await core.call('breakglass.queue', {})) as { id: string; reason: string; account: { id: string } }[];
}

describe('scopes: a counselor reads assigned cases; beyond them, break-glass', () => {
  it('an unassigned counselor is asked for a reason, reads with one, and the director reviews it', async () => {
    const { core, kase, as, ids: people } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    // The assigned counselor reads without being asked.
    expectOk(await core.call('notes.get', { id: note.id }));

    await as('li.zx');
    expectError(await core.call('notes.get', { id: note.id }), 'FORBIDDEN', 'breakGlassRequired');
    const opened = expectOk(await core.call('notes.get', { id: note.id, breakGlassReason: '学生夜间来电，值班需了解情况' }));
    expect(opened.id).toBe(note.id);

    // Reception and a liaison never reach a note, reason or not: their role is refused outright.
    for (const who of ['zhou.jd', 'chen.fdy'] as const) {
      await as(who);
      const refused = expectError(await core.call('notes.get', { id: note.id, breakGlassReason: '我想看看这份记录' }), 'FORBIDDEN');
      expect(refused.details.permission).toBe('cases.clinical');
    }

    await as('admin01');
    const [pending] = await reviewQueue(core);
    expect(pending).toMatchObject({ account: { id: people['li.zx'] }, reason: '学生夜间来电，值班需了解情况' });
    expectOk(await core.call('breakglass.review', { id: pending.id, review: 'justified', note: '值班职责内' }));
    expect(await reviewQueue(core)).toEqual([]);
    expect(expectOk(await core.call('breakglass.queue', { status: 'all' }))).toMatchObject([{ id: pending.id, review: 'justified' }]);
  });
});
