import { afterEach, describe, expect, it } from 'vitest';
import { openOnce } from '../../../src-main/core/crisis/one-open-event';
import { CoreClient } from '../../../src-main/core/worker/core-client';
import { AppError } from '../../../src-shared/contract/errors';
import { ADMIN_PASSWORD, expectError, expectOk } from './helpers';
import { setUpCounselingCenter, signInAs } from './reports-cases-helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/*
 * Issue 14, the crisis part: one event under way per student (in the transaction, in the store,
 * under a race), no close while checklist steps are open, guardian contacts for managers only,
 * timers that mean something (grace for 发现即办, board by urgency), and a level drop that never
 * hides a late step. All on real encrypted temp stores.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

async function open(core: any, input: Record<string, unknown>) {
  return expectOk<{ id: string; eventNo: string }>(await core.call('crisis.open', { level: '1', description: '宿舍发现学生情绪激动（合成数据）', ...input }));
}

async function newStudent(core: any, studentNo: string, extra: Record<string, unknown> = {}) {
  return expectOk<{ id: string }>(await core.call('students.create', { studentNo, name: `测试学生${studentNo.slice(-2)}`, department: '文学院', ...extra })).id;
}

function step(detail: any, key: string) {
  const found = detail.steps.find((s: any) => s.key === key);
  if (!found) throw new Error(`no step ${key}`);
  return found;
}

async function finishAllBut(core: any, eventId: string, keep: string[] = []) {
  const detail = expectOk(await core.call('crisis.get', { id: eventId }));
  for (const s of detail.steps.filter((x: any) => x.applicable && x.status === 'open' && x.key !== 'closure' && !keep.includes(x.key))) {
    expectOk(await core.call('crisis.completeStep', { stepId: s.id, note: '已完成（合成）' }));
  }
}

const eventCount = (core: any, studentId: string) =>
  core.vault.requireStore().sqlite.prepare('SELECT count(*) AS n FROM crisis_events WHERE student_id = ?').get(studentId).n as number;

describe('one crisis event per student at a time', () => {
  it('refuses a second event while one is open or closing, naming it; after the close a new one opens', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const first = await open(core, { studentId });
    for (const level of ['1', '3']) {
      const refused = expectError(await core.call('crisis.open', { studentId, level, description: '再次发现（合成）' }), 'CONFLICT', 'crisisEventOpen');
      expect(refused.details).toEqual({ reason: 'crisisEventOpen', eventId: first.id, eventNo: first.eventNo });
    }
    expect(eventCount(core, studentId)).toBe(1);
    // The student file asks the core which event is under way.
    const forStudent = expectOk(await core.call('crisis.openForStudent', { studentId }));
    expect(forStudent.events).toMatchObject([{ id: first.id, eventNo: first.eventNo, level: '1', status: 'open', owner: { displayName: '管理员甲' } }]);

    await finishAllBut(core, first.id);
    expectOk(await core.call('crisis.requestClose', { id: first.id, summary: '风险已解除（合成）' }));
    // Closing is still under way: refused too.
    expectError(await core.call('crisis.open', { studentId, level: '1', description: '再次发现（合成）' }), 'CONFLICT', 'crisisEventOpen');
    expect(expectOk(await core.call('crisis.openForStudent', { studentId })).events).toMatchObject([{ id: first.id, status: 'closing' }]);
    expectOk(await core.call('crisis.approveClose', { id: first.id }));
    expect(expectOk(await core.call('crisis.openForStudent', { studentId })).events).toEqual([]);
    const second = await open(core, { studentId, level: '2' });
    expect(second.eventNo).not.toBe(first.eventNo);
  });

  it('a liaison sees the open event of their department only, never another department’s', async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    const own = await open(core, { studentId });
    await open(core, { studentId: otherStudentId });
    await signInAs(core, 'liaison1');
    expect(expectOk(await core.call('crisis.openForStudent', { studentId })).events.map((e: any) => e.id)).toEqual([own.id]);
    expect(expectOk(await core.call('crisis.openForStudent', { studentId: otherStudentId })).events).toEqual([]);
  });

  it('the store itself refuses a second open or closing event, also by reopening a closed one', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const first = await open(core, { studentId });
    const sqlite = connectionHatch(core.vault.requireStore());
    const copy = (id: string, eventNo: string, status: string) =>
      sqlite
        .prepare(
          `INSERT INTO crisis_events (id, event_no, student_id, source, template_id, template_version, discovered_at, level, status, created_at, updated_at)
           SELECT ?, ?, student_id, source, template_id, template_version, discovered_at, level, ?, created_at, updated_at FROM crisis_events WHERE id = ?`,
        )
        .run(id, eventNo, status, first.id);
    expect(() => copy('x-open', 'CR-X-1', 'open')).toThrow(/crisisEventOpen/);
    expect(() => copy('x-closing', 'CR-X-2', 'closing')).toThrow(/crisisEventOpen/);
    copy('x-closed', 'CR-X-3', 'closed');
    expect(() => sqlite.prepare(`UPDATE crisis_events SET status = 'open' WHERE id = 'x-closed'`).run()).toThrow(/crisisEventOpen/);
    // The open event itself still moves through its states.
    sqlite.prepare(`UPDATE crisis_events SET status = 'closing' WHERE id = ?`).run(first.id);
    sqlite.prepare(`UPDATE crisis_events SET status = 'open' WHERE id = ?`).run(first.id);
    expect(eventCount(core, studentId)).toBe(2);
  });

  it('a writer that skipped the check meets the trigger and gets the same CONFLICT naming the open event', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const first = await open(core, { studentId });
    const store = core.vault.requireStore();
    const sqlite = connectionHatch(store);
    let caught: unknown;
    try {
      openOnce(store.db, studentId, () =>
        sqlite
          .prepare(
            `INSERT INTO crisis_events (id, event_no, student_id, source, template_id, template_version, discovered_at, level, status, created_at, updated_at)
             SELECT 'racer', 'CR-R-1', student_id, source, template_id, template_version, discovered_at, level, 'open', created_at, updated_at FROM crisis_events WHERE id = ?`,
          )
          .run(first.id),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFLICT');
    expect((caught as AppError).details).toEqual({ reason: 'crisisEventOpen', eventId: first.id, eventNo: first.eventNo });
  });
});

describe('two crisis.open calls at once', () => {
  const clients: CoreClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('two cores in two threads on one store: each student gets exactly one event, the other call CONFLICT naming it', async () => {
    const made = await setUpCounselingCenter();
    const students = [made.studentId, made.otherStudentId];
    for (let i = 3; i <= 8; i += 1) students.push(await newStudent(made.core, `202600000${i}`));
    const { dataDir } = made;
    made.core.dispose();
    const [a, b] = [new CoreClient({ dataDir }), new CoreClient({ dataDir })];
    clients.push(a, b);
    for (const client of [a, b]) expect((await client.invoke('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD })).ok).toBe(true);

    for (const studentId of students) {
      const input = { studentId, level: '1', description: '两个窗口同时开启（合成）' };
      const results = await Promise.all([a.invoke('crisis.open', input), b.invoke('crisis.open', input)]);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won, JSON.stringify(results)).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as { value: { id: string; eventNo: string } }).value;
      expect((lost[0] as { error: unknown }).error).toEqual({
        code: 'CONFLICT',
        details: { reason: 'crisisEventOpen', eventId: winner.id, eventNo: winner.eventNo },
      });
      const under = await a.invoke('crisis.openForStudent', { studentId });
      expect((under as { value: { events: { id: string }[] } }).value.events.map((e) => e.id)).toEqual([winner.id]);
    }
    // Distinct event numbers: no two writers took the same number either.
    const board = (await a.invoke('crisis.board', {})) as { value: { rows: { eventNo: string }[] } };
    expect(new Set(board.value.rows.map((r) => r.eventNo)).size).toBe(students.length);
  }, 60_000);
});

describe('no closing with open steps', () => {
  it('requestClose and approveClose list the steps neither done nor marked not applicable', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const opened = await open(core, { studentId, level: '2' });
    let refused = expectError(await core.call('crisis.requestClose', { id: opened.id, summary: '想直接结案（合成）' }), 'CONFLICT', 'crisisStepsOpen');
    const keys = (refused.details as any).steps.map((s: any) => s.key);
    // Every applicable step but the closure (done by the approval); leadership is for level 1 only.
    expect(keys).toEqual([
      'discovery',
      'report',
      'assess',
      'guardian',
      'department',
      'safety_plan',
      'referral',
      'consent',
      'case_conference',
      'followup',
      'leave_return',
      'postvention',
    ]);
    expect((refused.details as any).steps[0]).toEqual({ id: expect.any(String), key: 'discovery', title: expect.stringContaining('发现') });
    expect(expectOk(await core.call('crisis.get', { id: opened.id })).event.status).toBe('open');

    await finishAllBut(core, opened.id, ['postvention']);
    refused = expectError(await core.call('crisis.requestClose', { id: opened.id, summary: '想直接结案（合成）' }), 'CONFLICT', 'crisisStepsOpen');
    expect((refused.details as any).steps.map((s: any) => s.key)).toEqual(['postvention']);
    // Not applicable needs a reason; with one, the step no longer holds the close.
    const detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    expectError(await core.call('crisis.markNotApplicable', { stepId: step(detail, 'postvention').id, reason: '' }), 'VALIDATION');
    expectOk(await core.call('crisis.markNotApplicable', { stepId: step(detail, 'postvention').id, reason: '无同伴接触（合成）' }));
    expectOk(await core.call('crisis.requestClose', { id: opened.id, summary: '风险已解除（合成）' }));

    // A step reopened while closing holds the approval too.
    expectOk(await core.call('crisis.reopenStep', { stepId: step(detail, 'guardian').id, reason: '监护人未接电话，需重新通知' }));
    refused = expectError(await core.call('crisis.approveClose', { id: opened.id }), 'CONFLICT', 'crisisStepsOpen');
    expect((refused.details as any).steps.map((s: any) => s.key)).toEqual(['guardian']);
    expect(expectOk(await core.call('crisis.get', { id: opened.id })).event.status).toBe('closing');
    expectOk(await core.call('crisis.completeStep', { stepId: step(detail, 'guardian').id, note: '已再次通知（合成）' }));
    const closed = expectOk(await core.call('crisis.approveClose', { id: opened.id }));
    expect(closed.event.status).toBe('closed');
    expect(step(closed, 'closure').status).toBe('done');
    // What a level excludes (leadership at level 2) stays open, kept, and did not hold the close.
    expect(step(closed, 'leadership')).toMatchObject({ status: 'open', applicable: false });
  });
});

describe('guardian contacts on the event', () => {
  it('crisis.get carries guardians and the 辅导员 for crisis.manage, never for a liaison', async () => {
    const { core } = await setUpCounselingCenter();
    const studentId = await newStudent(core, '2026000009', {
      departmentCounselor: '辅导员张老师',
      guardians: [
        { name: '家长甲', relation: '母亲', phone: '13800000001' },
        { name: '家长乙', relation: null, phone: null },
      ],
    });
    const opened = await open(core, { studentId });
    const detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    expect(detail.contacts).toEqual({
      guardians: [
        { name: '家长甲', relation: '母亲', phone: '13800000001' },
        { name: '家长乙', relation: null, phone: null },
      ],
      departmentCounselor: '辅导员张老师',
    });
    await signInAs(core, 'liaison1');
    const liaison = expectOk(await core.call('crisis.get', { id: opened.id }));
    expect(liaison.contacts).toBeNull();
    expect(JSON.stringify(liaison)).not.toContain('13800000001');
    expect(JSON.stringify(liaison)).not.toContain('家长甲');
  });
});

describe('timers that mean something', () => {
  it('发现即办 steps get the template’s grace (default 15 minutes); an event keeps its template’s grace', async () => {
    const { core, clock, studentId, otherStudentId } = await setUpCounselingCenter();
    const first = await open(core, { studentId });
    const t0 = clock.now().getTime();
    let detail = expectOk(await core.call('crisis.get', { id: first.id }));
    expect(step(detail, 'discovery')).toMatchObject({ overdue: false, dueAt: new Date(t0 + 15 * MIN).toISOString() });
    clock.advance(14 * MIN);
    expect(step(expectOk(await core.call('crisis.get', { id: first.id })), 'discovery').overdue).toBe(false);
    clock.advance(2 * MIN);
    expect(step(expectOk(await core.call('crisis.get', { id: first.id })), 'discovery').overdue).toBe(true);

    // A template with a 5-minute grace: new events use it, the first keeps 15.
    const template = expectOk(await core.call('crisis.templates', {}))[0];
    expect(template.definition.discoveryGraceMinutes).toBe(15);
    expectError(await core.call('crisis.saveTemplate', { definition: { ...template.definition, discoveryGraceMinutes: 241 } }), 'VALIDATION');
    expectOk(await core.call('crisis.saveTemplate', { definition: { ...template.definition, discoveryGraceMinutes: 5 } }));
    const second = await open(core, { studentId: otherStudentId });
    detail = expectOk(await core.call('crisis.get', { id: second.id }));
    expect(step(detail, 'discovery').dueAt).toBe(new Date(clock.now().getTime() + 5 * MIN).toISOString());
    expect(step(expectOk(await core.call('crisis.get', { id: first.id })), 'discovery').dueAt).toBe(new Date(t0 + 15 * MIN).toISOString());
  });

  it('the board sorts by real urgency: overdue first by how overdue, then the next deadline, then level', async () => {
    const { core, clock, studentId, otherStudentId } = await setUpCounselingCenter();
    const ago = (ms: number) => new Date(clock.now().getTime() - ms).toISOString();
    const [s3, s4] = [await newStudent(core, '2026000003'), await newStudent(core, '2026000004')];
    const longOverdueLow = await open(core, { studentId, level: '3', discoveredAt: ago(3 * HOUR) });
    const justOverdueHigh = await open(core, { studentId: otherStudentId, level: '1', discoveredAt: ago(12 * MIN) });
    const dueSoonLevel2 = await open(core, { studentId: s3, level: '2' });
    const dueSoonLevel1 = await open(core, { studentId: s4, level: '1' });
    const rows = expectOk(await core.call('crisis.board', {})).rows;
    expect(rows.map((r: any) => r.id)).toEqual([longOverdueLow.id, justOverdueHigh.id, dueSoonLevel1.id, dueSoonLevel2.id]);
    // The next deadline of a fresh event: report (10 minutes; discovery has its 15-minute grace).
    expect(rows[2].nextDueAt).toBe(new Date(clock.now().getTime() + 10 * MIN).toISOString());
    expect(rows[0].overdueSteps).toBeGreaterThan(0);
  });
});

describe('a level drop does not hide what was late', () => {
  it('a step overdue when the level was lowered stays listed as overdue until done or marked not applicable', async () => {
    const { core, clock, studentId, otherStudentId } = await setUpCounselingCenter();
    const late = await open(core, { studentId, level: '1', discoveredAt: new Date(clock.now().getTime() - 25 * HOUR).toISOString() });
    expect(step(expectOk(await core.call('crisis.get', { id: late.id })), 'leadership').overdue).toBe(true);
    let detail = expectOk(await core.call('crisis.setLevel', { id: late.id, level: '3', reason: '评估后降级（合成）' }));
    expect(step(detail, 'leadership')).toMatchObject({ applicable: true, overdue: true, status: 'open', overdueAtLevelChange: clock.now().toISOString() });
    expect(detail.event.overdueSteps).toBeGreaterThan(0);
    // Recorded as a new fact on the step, audited; the level history is untouched.
    const sqlite = core.vault.requireStore().sqlite;
    expect(
      sqlite
        .prepare("SELECT action FROM audit_events WHERE entity = 'crisis_steps' AND entity_id = ? AND action = 'keep-overdue'")
        .all(step(detail, 'leadership').id),
    ).toHaveLength(1);
    expect(detail.levelChanges.map((c: any) => c.toLevel)).toEqual(['1', '3']);
    // Still on the director's overdue list, and it holds the close.
    expect(expectOk(await core.call('crisis.overdue', {})).steps.some((s: any) => s.eventId === late.id && s.title.includes('领导小组'))).toBe(true);
    await finishAllBut(core, late.id, ['leadership']);
    const refused = expectError(await core.call('crisis.requestClose', { id: late.id, summary: '结案（合成）' }), 'CONFLICT', 'crisisStepsOpen');
    expect((refused.details as any).steps.map((s: any) => s.key)).toEqual(['leadership']);
    // It can be done although the level no longer includes it; done, it is no longer overdue.
    detail = expectOk(await core.call('crisis.get', { id: late.id }));
    expect(expectOk(await core.call('crisis.completeStep', { stepId: step(detail, 'leadership').id, note: '已补报领导小组（合成）' }))).toMatchObject({
      status: 'done',
      overdue: false,
      applicable: true,
    });
    expectOk(await core.call('crisis.requestClose', { id: late.id, summary: '结案（合成）' }));

    // A step not yet late when the level dropped simply leaves the checklist, as before.
    const early = await open(core, { studentId: otherStudentId, level: '1' });
    detail = expectOk(await core.call('crisis.setLevel', { id: early.id, level: '2', reason: '评估后降级（合成）' }));
    expect(step(detail, 'leadership')).toMatchObject({ applicable: false, overdue: false, overdueAtLevelChange: null });
  });
});

describe('timeline lines lead to their record', () => {
  it('an alert line links to the crisis event that handled it, else to its assessment', async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    const critical = expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [1, 1, 1, 1, 1, 1, 1, 1, 2] }));
    const alert = expectOk(await core.call('alerts.list', { studentId })).find((a: any) => a.assessmentId === critical.id);
    const opened = await open(core, { studentId, alertId: alert.id });
    const lines = expectOk(await core.call('students.timeline', { studentId }));
    const alertLines = lines.filter((e: any) => e.kind === 'alert');
    expect(alertLines.length).toBeGreaterThan(0);
    for (const line of alertLines) expect(line.link).toEqual({ type: 'crisisEvent', id: opened.id });
    expect(lines.find((e: any) => e.kind === 'crisis')).toMatchObject({ ref: { type: 'crisisEvent', id: opened.id } });

    const other = expectOk(
      await core.call('assessments.enterPaper', { studentId: otherStudentId, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 1] }),
    );
    const otherLines = expectOk(await core.call('students.timeline', { studentId: otherStudentId })).filter((e: any) => e.kind === 'alert');
    expect(otherLines.map((e: any) => e.link)).toEqual([{ type: 'assessment', id: other.id }]);
  });
});
