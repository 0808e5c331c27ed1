import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { expectError, expectOk, openTestCase, setUpCore } from './helpers';
import { addAccount, addStudent, makeEvent, signInAs } from './followups-fixtures';

const ALL_EVIDENCE = { hospitalCertificate: true, centerAssessment: true, guardianUndertaking: true, supportPlan: true };

async function withStudent() {
  const made = await setUpCore();
  const s = await addStudent(made.core, '2026100001', '测试学生甲', { dorm: '东区3-201' });
  return { ...made, s };
}

describe('leave and return', () => {
  it('records a leave and sets the student on leave in the same write', async () => {
    const { core, s } = await withStudent();
    const leave = expectOk(
      await core.call('leave.record', {
        studentId: s.id,
        startedOn: '2026-09-01',
        expectedReturnOn: '2027-02-20',
        reason: '住院治疗',
        applicationRef: 'XX-2026-01',
      }),
    );
    expect(leave).toMatchObject({ status: 'on_leave', startedOn: '2026-09-01', student: { id: s.id } });
    expect(expectOk(await core.call('students.get', { id: s.id })).status).toBe('leave');
    expectError(await core.call('leave.record', { studentId: s.id, startedOn: '2026-09-02', reason: '再次' }), 'CONFLICT', 'leaveAlreadyOpen');
    expect(expectOk(await core.call('leave.list', { studentId: s.id }))).toHaveLength(1);
  });

  it('refuses approval unless all four evidence items are there, naming what is missing, and changes nothing', async () => {
    const { core, s } = await withStudent();
    const leave = expectOk(await core.call('leave.record', { studentId: s.id, startedOn: '2026-09-01', reason: '住院治疗' }));
    for (const item of Object.keys(ALL_EVIDENCE)) {
      const evidence = { ...ALL_EVIDENCE, [item]: false };
      const error = expectError(
        await core.call('leave.assessReturn', { leaveId: leave.id, evidence, outcome: 'approved', returnedOn: '2027-02-20' }),
        'VALIDATION',
        'returnEvidenceMissing',
      );
      expect(error.details).toMatchObject({ missing: item, missingCount: 1 });
    }
    const none = expectError(
      await core.call('leave.assessReturn', {
        leaveId: leave.id,
        evidence: { hospitalCertificate: false, centerAssessment: false, guardianUndertaking: true, supportPlan: false },
        outcome: 'approved',
        returnedOn: '2027-02-20',
      }),
      'VALIDATION',
      'returnEvidenceMissing',
    );
    expect(none.details.missing).toBe('hospitalCertificate,centerAssessment,supportPlan');
    expectError(await core.call('leave.assessReturn', { leaveId: leave.id, evidence: ALL_EVIDENCE, outcome: 'approved' }), 'VALIDATION', 'returnDateRequired');
    // Nothing of the refused attempts was kept.
    expect(expectOk(await core.call('leave.list', { studentId: s.id }))[0]).toMatchObject({ status: 'on_leave', assessments: [] });
    expect(expectOk(await core.call('followups.list', { studentId: s.id })).rows).toHaveLength(0);
    expect(expectOk(await core.call('students.get', { id: s.id })).status).toBe('leave');
  });

  it('a deferred return keeps the leave open and may be assessed again', async () => {
    const { core, s } = await withStudent();
    const leave = expectOk(await core.call('leave.record', { studentId: s.id, startedOn: '2026-09-01', reason: '住院治疗' }));
    const deferred = expectOk(
      await core.call('leave.assessReturn', { leaveId: leave.id, evidence: { ...ALL_EVIDENCE, supportPlan: false }, outcome: 'deferred', note: '待支持方案' }),
    );
    expect(deferred.leave.status).toBe('on_leave');
    expect(deferred.tasks).toEqual([]);
    expect(deferred.leave.assessments).toHaveLength(1);
  });

  it('approval ends the leave, re-enrolls the student and schedules weekly check-ins for the case counselor', async () => {
    const { core, s } = await withStudent();
    const counselor = await addAccount(core, 'coun1', ['counselor']);
    openTestCase(core, { studentId: s.id, counselorId: counselor.id });
    const event = makeEvent(core, s.id);
    const leave = expectOk(await core.call('leave.record', { studentId: s.id, eventId: event.id, startedOn: '2026-09-01', reason: '住院治疗' }));
    const result = expectOk(
      await core.call('leave.assessReturn', { leaveId: leave.id, evidence: ALL_EVIDENCE, outcome: 'approved', returnedOn: '2027-02-20', note: '状态稳定' }),
    );
    expect(result.leave.status).toBe('returned');
    expect(result.leave.assessments[0]).toMatchObject({ outcome: 'approved', returnedOn: '2027-02-20', evidence: ALL_EVIDENCE });
    expect(expectOk(await core.call('students.get', { id: s.id })).status).toBe('enrolled');
    expect(result.tasks).toHaveLength(4);
    expect(result.tasks.map((t: any) => localDateOf(t.dueAt, localZone()))).toEqual([7, 14, 21, 28].map((d) => addDays('2027-02-20', d)));
    expect(
      result.tasks.every((t: any) => t.source === 'return_checkin' && t.assignedTo.id === counselor.id && t.eventId === event.id && t.status === 'open'),
    ).toBe(true);
    expect(result.tasks.map((t: any) => t.title)).toEqual(['i18n:returnCheckin:1', 'i18n:returnCheckin:2', 'i18n:returnCheckin:3', 'i18n:returnCheckin:4']);
    expect(expectOk(await core.call('followups.list', { eventId: event.id })).rows).toHaveLength(4);
    expectError(
      await core.call('leave.assessReturn', { leaveId: leave.id, evidence: ALL_EVIDENCE, outcome: 'approved', returnedOn: '2027-02-21' }),
      'CONFLICT',
      'leaveAlreadyReturned',
    );
  });

  it('takes a longer check-in schedule but never fewer than four weeks; without a case the assessor gets them', async () => {
    const { core, s } = await withStudent();
    const leave = expectOk(await core.call('leave.record', { studentId: s.id, startedOn: '2026-09-01', reason: '住院治疗' }));
    expectError(
      await core.call('leave.assessReturn', { leaveId: leave.id, evidence: ALL_EVIDENCE, outcome: 'approved', returnedOn: '2027-02-20', checkinWeeks: 3 }),
      'VALIDATION',
    );
    const result = expectOk(
      await core.call('leave.assessReturn', { leaveId: leave.id, evidence: ALL_EVIDENCE, outcome: 'approved', returnedOn: '2027-02-20', checkinWeeks: 6 }),
    );
    expect(result.tasks).toHaveLength(6);
    const me = expectOk(await core.call('app.status', {})).session.accountId;
    expect(result.tasks[5].assignedTo.id).toBe(me);
  });
});

describe('follow-up tasks', () => {
  it('lists my tasks overdue first by the core clock, and completes only open ones', async () => {
    const { core, clock, s } = await withStudent();
    const me = expectOk(await core.call('app.status', {})).session.accountId;
    const later = expectOk(await core.call('followups.create', { studentId: s.id, title: '电话随访', assignedTo: me, dueAt: '2026-09-10T10:00:00Z' }));
    const sooner = expectOk(await core.call('followups.create', { studentId: s.id, title: '面谈', assignedTo: me, dueAt: '2026-09-03T10:00:00Z' }));
    let list = expectOk(await core.call('followups.list', {}));
    expect(list.rows.map((t: any) => [t.id, t.overdue])).toEqual([
      [sooner.id, false],
      [later.id, false],
    ]);
    clock.set('2026-09-05T00:00:00Z');
    list = expectOk(await core.call('followups.list', { overdueOnly: true }));
    expect(list.now).toBe('2026-09-05T00:00:00.000Z');
    expect(list.rows.map((t: any) => [t.id, t.overdue])).toEqual([[sooner.id, true]]);
    const done = expectOk(await core.call('followups.complete', { taskId: sooner.id, note: '已联系，情绪平稳' }));
    expect(done).toMatchObject({ status: 'done', note: '已联系，情绪平稳', overdue: false, doneBy: { id: me } });
    expectError(await core.call('followups.complete', { taskId: sooner.id, note: '' }), 'CONFLICT', 'followupTaskNotOpen');
    const cancelled = expectOk(await core.call('followups.cancel', { taskId: later.id, reason: '学生已毕业离校' }));
    expect(cancelled.status).toBe('cancelled');
    expect(expectOk(await core.call('followups.list', { status: 'open' })).rows).toHaveLength(0);
  });

  it("a liaison sees and completes only their own tasks of their department, never others' notes", async () => {
    const { core, s } = await withStudent();
    const other = await addStudent(core, '2026200001', '测试学生乙', { department: '计算机学院' });
    const liaison = await addAccount(core, 'liaison1', ['liaison'], '文学院');
    const me = expectOk(await core.call('app.status', {})).session.accountId;
    expectError(
      await core.call('followups.create', { studentId: other.id, title: '看望', assignedTo: liaison.id, dueAt: '2026-09-10T10:00:00Z' }),
      'VALIDATION',
      'followupAssigneeOtherDepartment',
    );
    const theirs = expectOk(await core.call('followups.create', { studentId: s.id, title: '宿舍看望', assignedTo: liaison.id, dueAt: '2026-09-10T10:00:00Z' }));
    const mine = expectOk(await core.call('followups.create', { studentId: s.id, title: '面谈', assignedTo: me, dueAt: '2026-09-10T10:00:00Z' }));
    expectOk(await core.call('followups.complete', { taskId: mine.id, note: '临床记录内容' }));
    await signInAs(core, 'liaison1');
    // Asking for the student's tasks still gives only their own.
    for (const input of [{}, { studentId: s.id }, { mine: false }]) {
      const rows = expectOk(await core.call('followups.list', input)).rows;
      expect(rows.map((t: any) => t.id)).toEqual([theirs.id]);
    }
    expectError(await core.call('followups.complete', { taskId: mine.id, note: 'x' }), 'NOT_FOUND', 'followupTaskNotFound');
    expectError(await core.call('followups.cancel', { taskId: theirs.id, reason: 'x' }), 'FORBIDDEN');
    const done = expectOk(await core.call('followups.complete', { taskId: theirs.id, note: '已看望' }));
    expect(done.note).toBe('已看望');
    expectError(await core.call('leave.list', {}), 'FORBIDDEN');
    expectError(await core.call('postvention.peers', { studentId: s.id }), 'FORBIDDEN');
  });
});

describe('postvention', () => {
  it('lists roommates and classmates, excluding the student, and gives each chosen peer one task', async () => {
    const { core, s } = await withStudent();
    const roommate = await addStudent(core, '2026100002', '测试室友', { dorm: '东区3-201', className: '文学2班' });
    const classmate = await addStudent(core, '2026100003', '测试同班', { dorm: '东区3-305' });
    const both = await addStudent(core, '2026100004', '测试同寝同班', { dorm: '东区3-201' });
    await addStudent(core, '2026100005', '测试无关', { dorm: '西区1-101', className: '文学3班' });
    // Same class name in another department is not a classmate.
    await addStudent(core, '2026200006', '测试外院', { department: '计算机学院', className: '文学1班', dorm: '北区2-202' });
    const counselor = await addAccount(core, 'coun1', ['counselor']);
    const event = makeEvent(core, s.id, counselor.id);
    const { peers, studentId } = expectOk(await core.call('postvention.peers', { eventId: event.id }));
    expect(studentId).toBe(s.id);
    const byId = Object.fromEntries(peers.map((p: any) => [p.id, p.relations]));
    expect(byId).toEqual({ [roommate.id]: ['dorm'], [both.id]: ['dorm', 'class'], [classmate.id]: ['class'] });
    expect(peers[peers.length - 1].id).toBe(classmate.id);

    const first = expectOk(await core.call('postvention.screen', { eventId: event.id, peerIds: [roommate.id, both.id], dueInDays: 3 }));
    expect(first.skipped).toBe(0);
    expect(first.created.map((t: any) => [t.student.id, t.source, t.assignedTo.id, t.eventId])).toEqual([
      [roommate.id, 'postvention', counselor.id, event.id],
      [both.id, 'postvention', counselor.id, event.id],
    ]);
    expect(localDateOf(first.created[0].dueAt, localZone())).toBe(addDays(localDateOf('2026-09-01T08:00:00Z', localZone()), 3));
    const again = expectOk(await core.call('postvention.screen', { eventId: event.id, peerIds: [roommate.id, both.id, classmate.id] }));
    expect(again.skipped).toBe(2);
    expect(again.created.map((t: any) => t.student.id)).toEqual([classmate.id]);
    const marked = expectOk(await core.call('postvention.peers', { eventId: event.id })).peers;
    expect(marked.every((p: any) => p.hasOpenTask)).toBe(true);
    expect(expectOk(await core.call('followups.list', { eventId: event.id })).rows).toHaveLength(3);
  });
});
