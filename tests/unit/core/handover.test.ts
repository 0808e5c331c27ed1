import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { censusBatches, censusFollowups } from '../../../src-main/core/store/schema/census';
import type { Core } from '../../../src-main/core/core';
import { writeRosterRow } from '../../../src-main/core/roster/roster-import';
import { findStudent } from '../../../src-main/core/students/student-service';
import { expectError, expectOk, openTestCase, setUpCore } from './helpers';
import { addAccount, addStudent, signInAs } from './followups-fixtures';

const DAY = 86_400_000;
const NO_HELPERS = { departmentCounselor: null, dormWatcher: null, peerCounselor: null };

function auditCount(core: Core, action: string, like: string): number {
  return core.vault
    .requireStore()
    .sqlite.prepare('SELECT count(*) FROM audit_events WHERE action = ? AND details LIKE ?')
    .pluck()
    .get(action, `%${like}%`) as number;
}

/** A census interview on a batch of its own, written straight through the unit of work. */
function censusInterview(core: Core, studentId: string, assignedTo: string | null) {
  const store = core.vault.requireStore();
  const at = new Date().toISOString();
  return store.uow.run(core.vault.actor(), (tx) => {
    const batch = tx.insert(censusBatches, {
      id: randomUUID(),
      name: `批次-${randomUUID().slice(0, 6)}`,
      cohort: '2026级',
      grade: null,
      periodStart: null,
      periodEnd: null,
      instruments: ['upi'],
      rules: {},
      createdAt: at,
      updatedAt: at,
    });
    return tx.insert(censusFollowups, {
      id: randomUUID(),
      batchId: batch.id,
      studentId,
      urgency: 1,
      reasons: ['upiCategory1'],
      assignedTo,
      status: 'pending',
      outcome: null,
      note: null,
      interviewedAt: null,
      createdAt: at,
      updatedAt: at,
    });
  });
}

function censusAssignee(core: Core, id: string) {
  return core.vault.requireStore().sqlite.prepare('SELECT assigned_to FROM census_followups WHERE id = ?').pluck().get(id);
}

async function stepOf(core: Core, eventId: string, key: string) {
  return expectOk(await core.call('crisis.get', { id: eventId })).steps.find((s: { key: string }) => s.key === key);
}

/** A counselor with one of every kind of open work. */
async function busyCounselor() {
  const made = await setUpCore();
  const { core } = made;
  const coun1 = await addAccount(core, 'coun1', ['counselor']);
  const coun2 = await addAccount(core, 'coun2', ['counselor']);
  const other = await addAccount(core, 'lia.cs', ['liaison'], '计算机学院');
  const s1 = await addStudent(core, '2026100001', '测试学生甲');
  const s2 = await addStudent(core, '2026100002', '测试学生乙');
  const task = expectOk(await core.call('followups.create', { studentId: s1.id, title: '电话随访', assignedTo: coun1.id, dueAt: '2020-01-01T00:00:00Z' }));
  const event = expectOk(await core.call('crisis.open', { studentId: s1.id, level: '1', description: '测试描述', ownerId: coun1.id }));
  const step = await stepOf(core, event.id, 'report');
  expectOk(await core.call('crisis.assignStep', { stepId: step.id, accountId: coun1.id }));
  const entry = expectOk(
    await core.call('keyattention.add', { studentId: s2.id, level: '3', reason: '测试原因', responsible: { counselorId: coun1.id, ...NO_HELPERS } }),
  ).entry;
  const kase = openTestCase(core, { studentId: s2.id, counselorId: coun1.id });
  const interview = censusInterview(core, s2.id, coun1.id);
  return { ...made, coun1, coun2, other, s1, s2, task, event, step, entry, kase, interview };
}

describe('disabling an account with open work (issue 14 item 10)', () => {
  it('lists every kind of open work before disabling', async () => {
    const { core, coun1, task, event, step, entry, kase, interview } = await busyCounselor();
    const work = expectOk(await core.call('accounts.openWork', { accountId: coun1.id }));
    const ids = Object.fromEntries(work.groups.map((g: { kind: string; items: { id: string }[] }) => [g.kind, g.items.map((i) => i.id)]));
    expect(ids).toEqual({
      tasks: [task.id],
      crisisSteps: [step.id],
      crisisEvents: [event.id],
      keyAttention: [entry.id],
      cases: [kase.id],
      censusFollowups: [interview.id],
    });
    expect(work.total).toBe(6);
    const tasks = work.groups.find((g: { kind: string }) => g.kind === 'tasks');
    expect(tasks).toMatchObject({ count: 1, overdue: 1, items: [{ student: { studentNo: '2026100001' }, overdue: true, assignee: { id: coun1.id } }] });
  });

  it('hands each kind to its successor in the disabling write, audited, and leaves the rest to nobody', async () => {
    const { core, coun1, coun2, task, event, step, entry, kase, interview } = await busyCounselor();
    const successors = { tasks: coun2.id, crisisSteps: coun2.id, crisisEvents: coun2.id, censusFollowups: coun2.id };
    expectOk(await core.call('accounts.setDisabled', { accountId: coun1.id, disabled: true, successors }));
    const all = expectOk(await core.call('followups.list', { scope: 'all' })).rows;
    expect(all.find((t: { id: string }) => t.id === task.id).assignedTo.id).toBe(coun2.id);
    const detail = expectOk(await core.call('crisis.get', { id: event.id }));
    expect(detail.event.owner.id).toBe(coun2.id);
    expect(detail.steps.find((s: { id: string }) => s.id === step.id).assignedTo.id).toBe(coun2.id);
    expect(censusAssignee(core, interview.id)).toBe(coun2.id);
    expect(auditCount(core, 'reassign', 'account-disabled')).toBe(2);
    expect(auditCount(core, 'reassign-owner', 'account-disabled')).toBe(1);
    expect(auditCount(core, 'assign', 'account-disabled')).toBe(1);
    // No successor for key attention and cases: both show on the director's workbench as 无人负责.
    const unowned = expectOk(await core.call('followups.unowned', {})).groups;
    const byKind = Object.fromEntries(
      unowned.map((g: { kind: string; items: { id: string; reason: string }[] }) => [g.kind, g.items.map((i) => [i.id, i.reason])]),
    );
    expect(byKind.keyAttention).toEqual([[entry.id, 'noAssignee']]);
    expect(byKind.cases).toEqual([[kase.id, 'assigneeDisabled']]);
    expect(byKind.tasks).toBeUndefined();
    expect(expectOk(await core.call('accounts.openWork', { accountId: coun1.id })).groups.map((g: { kind: string }) => g.kind)).toEqual(['cases']);
  });

  it('refuses a successor who may not hold the work, and then nothing changes', async () => {
    const { core, coun1, other, task } = await busyCounselor();
    const error = expectError(
      await core.call('accounts.setDisabled', { accountId: coun1.id, disabled: true, successors: { tasks: other.id } }),
      'VALIDATION',
      'followupAssigneeOtherDepartment',
    );
    expect(error.details).toMatchObject({ kind: 'tasks', studentNo: '2026100001' });
    expectError(
      await core.call('accounts.setDisabled', { accountId: coun1.id, disabled: true, successors: { cases: other.id } }),
      'VALIDATION',
      'handoverSuccessorNotClinical',
    );
    expectError(
      await core.call('accounts.setDisabled', { accountId: coun1.id, disabled: true, successors: { cases: coun1.id } }),
      'VALIDATION',
      'handoverSuccessorInvalid',
    );
    const account = expectOk(await core.call('accounts.list', {})).find((a: { id: string }) => a.id === coun1.id);
    expect(account.disabled).toBe(false);
    expect(expectOk(await core.call('followups.list', { scope: 'all' })).rows.find((t: { id: string }) => t.id === task.id).assignedTo.id).toBe(coun1.id);
  });

  it('the old input still disables; the work shows as 无人负责 until someone takes it, once', async () => {
    const { core, coun1, coun2, task, event } = await busyCounselor();
    const mine = expectOk(
      await core.call('followups.create', { studentId: task.student.id, title: '面谈', assignedTo: coun2.id, dueAt: '2030-01-01T00:00:00Z' }),
    );
    expectOk(await core.call('accounts.setDisabled', { accountId: coun1.id, disabled: true }));
    const unowned = expectOk(await core.call('followups.unowned', {})).groups;
    // The event's department step is listed too: 文学院 has no liaison here.
    expect(unowned.map((g: { kind: string }) => g.kind)).toEqual(['tasks', 'crisisSteps', 'crisisEvents', 'keyAttention', 'cases', 'censusFollowups']);
    expect(unowned[0].items).toMatchObject([{ id: task.id, reason: 'noAssignee', overdue: true }]);
    expect(unowned[1].items).toMatchObject([{ eventId: event.id, reason: 'noDepartmentLiaison' }]);
    expect(unowned[2].items).toMatchObject([{ id: event.id, reason: 'noAssignee' }]);

    // The director's task screen: every open task, overdue first, unassigned included.
    const all = expectOk(await core.call('followups.list', { scope: 'all', status: 'open' })).rows;
    expect(all.map((t: { id: string }) => t.id)).toEqual([task.id, mine.id]);
    expect(expectOk(await core.call('followups.list', { status: 'open' })).rows).toEqual([]);

    // A counselor who is not the director sees none of it and may not give it to someone else.
    await signInAs(core, 'coun2');
    expect(expectOk(await core.call('followups.unowned', {})).groups).toEqual([]);
    expectError(await core.call('followups.takeOver', { kind: 'tasks', id: task.id, accountId: coun1.id }), 'FORBIDDEN', 'unownedAssignNotDirector');
    await signInAs(core, 'admin01');
    expectError(await core.call('followups.takeOver', { kind: 'crisisEvents', id: event.id, accountId: coun1.id }), 'VALIDATION', 'handoverSuccessorInvalid');
    const taken = expectOk(await core.call('followups.takeOver', { kind: 'tasks', id: task.id, accountId: coun2.id }));
    expect(taken).toEqual({ kind: 'tasks', id: task.id, assignee: { id: coun2.id, displayName: 'coun2老师' } });
    expectError(await core.call('followups.takeOver', { kind: 'tasks', id: task.id }), 'CONFLICT', 'unownedNotFound');
    expectOk(await core.call('followups.takeOver', { kind: 'crisisEvents', id: event.id }));
    const left = expectOk(await core.call('followups.unowned', {})).groups.map((g: { kind: string }) => g.kind);
    expect(left).toEqual(['crisisSteps', 'keyAttention', 'cases', 'censusFollowups']);
    expect(auditCount(core, 'reassign', 'taken-over')).toBe(1);
    expect(auditCount(core, 'reassign-owner', 'taken-over')).toBe(1);
  });
});

/** Two departments with a liaison each, one without; an event owned by a counselor. */
async function departments() {
  const made = await setUpCore();
  const { core } = made;
  const owner = await addAccount(core, 'coun1', ['counselor']);
  const lit = await addAccount(core, 'lia.lit', ['liaison'], '文学院');
  const cs = await addAccount(core, 'lia.cs', ['liaison'], '计算机学院');
  const s = await addStudent(core, '2026100001', '测试学生甲');
  const event = expectOk(await core.call('crisis.open', { studentId: s.id, level: '1', description: '测试描述', ownerId: owner.id }));
  const step = await stepOf(core, event.id, 'department');
  expectOk(await core.call('crisis.assignStep', { stepId: step.id, accountId: lit.id }));
  const task = expectOk(
    await core.call('followups.create', { studentId: s.id, eventId: event.id, title: '宿舍看望', assignedTo: lit.id, dueAt: '2030-01-01T00:00:00Z' }),
  );
  const clinicianTask = expectOk(await core.call('followups.create', { studentId: s.id, title: '面谈', assignedTo: owner.id, dueAt: '2030-01-01T00:00:00Z' }));
  return { ...made, owner, lit, cs, s, event, step, task, clinicianTask };
}

async function holders(core: Core, d: { event: { id: string }; step: { id: string }; task: { id: string }; clinicianTask: { id: string } }) {
  const tasks = expectOk(await core.call('followups.list', { scope: 'all' })).rows;
  const steps = expectOk(await core.call('crisis.get', { id: d.event.id })).steps;
  return {
    step: steps.find((s: { id: string }) => s.id === d.step.id).assignedTo?.id ?? null,
    task: tasks.find((t: { id: string }) => t.id === d.task.id).assignedTo?.id ?? null,
    clinicianTask: tasks.find((t: { id: string }) => t.id === d.clinicianTask.id).assignedTo?.id ?? null,
  };
}

describe('work follows the student to a new department (issue 14 item 11)', () => {
  it("moves the old liaison's open task and step to the new department's liaison, audited; a clinician keeps theirs", async () => {
    const d = await departments();
    expectOk(await d.core.call('students.update', { id: d.s.id, patch: { department: '计算机学院' } }));
    expect(await holders(d.core, d)).toEqual({ step: d.cs.id, task: d.cs.id, clinicianTask: d.owner.id });
    expect(auditCount(d.core, 'reassign', 'student-department-changed')).toBe(2);
    // The new liaison can do them; the old one no longer reaches them.
    await signInAs(d.core, 'lia.cs');
    expect(expectOk(await d.core.call('followups.list', {})).rows.map((t: { id: string }) => t.id)).toEqual([d.task.id]);
  });

  it('to a department without a liaison: to the event owner; the owner and the director see its liaison steps as 无人负责', async () => {
    const d = await departments();
    expectOk(await d.core.call('students.update', { id: d.s.id, patch: { department: '化学院' } }));
    expect(await holders(d.core, d)).toEqual({ step: d.owner.id, task: d.owner.id, clinicianTask: d.owner.id });

    // Another student of that department: their department step was never given to anyone.
    const s2 = await addStudent(d.core, '2026100002', '测试学生乙', { department: '化学院' });
    const other = expectOk(await d.core.call('crisis.open', { studentId: s2.id, level: '1', description: '测试描述', ownerId: d.owner.id }));
    const orphan = await stepOf(d.core, other.id, 'department');
    d.clock.advance(2 * DAY);
    const seen = async () => expectOk(await d.core.call('followups.unowned', {})).groups.find((g: { kind: string }) => g.kind === 'crisisSteps')?.items ?? [];
    expect(await seen()).toMatchObject([{ id: orphan.id, reason: 'noDepartmentLiaison', overdue: true, eventId: other.id }]);
    await signInAs(d.core, 'coun1');
    expect(await seen()).toMatchObject([{ id: orphan.id, reason: 'noDepartmentLiaison', overdue: true }]);
    expectOk(await d.core.call('followups.takeOver', { kind: 'crisisSteps', id: orphan.id }));
    expect(await seen()).toEqual([]);
  });

  it('a step of another role given by name to the old liaison moves too (found by the safety model, seed 1264603716)', async () => {
    const d = await departments();
    const assess = await stepOf(d.core, d.event.id, 'assess');
    expectOk(await d.core.call('crisis.assignStep', { stepId: assess.id, accountId: d.lit.id }));
    const holderOfAssess = async () => (await stepOf(d.core, d.event.id, 'assess')).assignedTo?.id ?? null;
    expect(await holderOfAssess()).toBe(d.lit.id);
    expectOk(await d.core.call('students.update', { id: d.s.id, patch: { department: '计算机学院' } }));
    expect(await holderOfAssess()).toBe(d.cs.id);
    // On to a department without a liaison: the event owner, never a liaison who no longer covers the student.
    expectOk(await d.core.call('students.update', { id: d.s.id, patch: { department: '化学院' } }));
    expect(await holderOfAssess()).toBe(d.owner.id);
  });

  it('a roster import that changes the department moves the work too', async () => {
    const d = await departments();
    const store = d.core.vault.requireStore();
    const existing = findStudent(store.db, d.s.id)!;
    store.uow.run(d.core.vault.actor(), (tx) =>
      writeRosterRow(
        tx,
        { kind: 'update', fields: { studentNo: existing.studentNo, department: '计算机学院' }, existing },
        new Date().toISOString(),
        randomUUID,
      ),
    );
    expect(await holders(d.core, d)).toEqual({ step: d.cs.id, task: d.cs.id, clinicianTask: d.owner.id });
  });
});

describe('a liaison account moves to another department (issue 14 item 11, the account side)', () => {
  it("their work for students they no longer cover goes to that department's liaison, else to the event owner", async () => {
    const d = await departments();
    const second = await addAccount(d.core, 'lia.lit2', ['liaison'], '文学院');
    expectOk(await d.core.call('accounts.update', { accountId: d.lit.id, department: '计算机学院' }));
    expect(await holders(d.core, d)).toEqual({ step: second.id, task: second.id, clinicianTask: d.owner.id });
    // The second liaison stops being a liaison: nobody of 文学院 is left, so the event owner has it.
    expectOk(await d.core.call('accounts.update', { accountId: second.id, roles: ['reception'] }));
    expect(await holders(d.core, d)).toEqual({ step: d.owner.id, task: d.owner.id, clinicianTask: d.owner.id });
    expect(auditCount(d.core, 'reassign', 'assignee-department-changed')).toBe(4);
  });
});
