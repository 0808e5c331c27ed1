import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/channels';
import { stepTimers, type TimedStep } from '../../../src-main/core/crisis/timers';
import { DEFAULT_CRISIS_TEMPLATE } from '../../../src-main/core/crisis/templates';
import { ManualClock } from '../../../src-main/core/util/clock';
import { expectError, expectOk, openTestCase } from './helpers';
import { setUpCounselingCenter, signInAs } from './reports-cases-helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const MIN = 60_000;
const HOUR = 60 * MIN;

async function openEvent(core: any, input: Record<string, unknown>) {
  return expectOk<{ id: string; eventNo: string }>(await core.call('crisis.open', { level: '1', description: '宿舍发现学生情绪激动（合成数据）', ...input }));
}

/** A third student, for tests that need more events than one per student. */
async function newStudent(core: any, studentNo: string, department = '文学院') {
  return expectOk<{ id: string }>(await core.call('students.create', { studentNo, name: `测试学生${studentNo.slice(-2)}`, department })).id;
}

/** Marks every open step of the checklist not applicable, then closes with the director's approval. */
async function finishAndClose(core: any, eventId: string) {
  const detail = expectOk(await core.call('crisis.get', { id: eventId }));
  for (const s of detail.steps.filter((x: any) => x.applicable && x.status === 'open' && x.key !== 'closure')) {
    expectOk(await core.call('crisis.markNotApplicable', { stepId: s.id, reason: '测试：本事件不涉及（合成）' }));
  }
  expectOk(await core.call('crisis.requestClose', { id: eventId, summary: '风险已解除（合成）' }));
  return expectOk(await core.call('crisis.approveClose', { id: eventId }));
}

function step(detail: any, key: string) {
  const found = detail.steps.find((s: any) => s.key === key);
  if (!found) throw new Error(`no step ${key}`);
  return found;
}

describe('crisis timers (pure)', () => {
  const event = { discoveredAt: '2026-09-01T08:00:00.000Z', level: '2', status: 'open' as const };
  const steps: TimedStep[] = DEFAULT_CRISIS_TEMPLATE.steps.map((s, i) => ({
    id: s.key,
    dueMinutes: s.dueMinutes,
    levels: s.levels,
    status: i === 1 ? 'done' : 'open',
  }));

  it('turns each step overdue just after its deadline, never before or at it', () => {
    const clock = new ManualClock(event.discoveredAt);
    for (const s of steps.filter((x) => x.dueMinutes !== null && x.status === 'open' && x.id !== 'leadership')) {
      // 发现即办 (0 minutes) is due after the default grace of 15 minutes.
      const dueMinutes = s.dueMinutes === 0 ? 15 : s.dueMinutes!;
      clock.set(new Date(Date.parse(event.discoveredAt) + dueMinutes * MIN - 1000));
      const before = stepTimers(event, steps, clock.now()).get(s.id)!;
      expect(before, s.id).toMatchObject({
        overdue: false,
        remainingMs: 1000,
        dueAt: new Date(Date.parse(event.discoveredAt) + dueMinutes * MIN).toISOString(),
      });
      clock.advance(1000);
      expect(stepTimers(event, steps, clock.now()).get(s.id)!.overdue, `${s.id} at the deadline`).toBe(false);
      clock.advance(1000);
      expect(stepTimers(event, steps, clock.now()).get(s.id)!, s.id).toMatchObject({ overdue: true, remainingMs: -1000 });
    }
  });

  it('never makes done, not-applicable, ongoing, level-excluded steps or a closed event overdue', () => {
    const late = new Date(Date.parse(event.discoveredAt) + 365 * 24 * HOUR);
    const timers = stepTimers(event, steps, late);
    expect(timers.get('report')!.overdue).toBe(false); // done
    expect(timers.get('leadership')).toMatchObject({ applicable: false, overdue: false }); // level 1 only
    for (const key of ['followup', 'leave_return', 'postvention', 'closure'])
      expect(timers.get(key)).toMatchObject({ overdue: false, dueAt: null, remainingMs: null });
    const na = stepTimers(event, [{ id: 'x', dueMinutes: 10, levels: [], status: 'not_applicable' }], late).get('x')!;
    expect(na.overdue).toBe(false);
    expect(stepTimers({ ...event, status: 'closed' }, steps, late).get('assess')!.overdue).toBe(false);
    expect(stepTimers({ ...event, level: '1' }, steps, late).get('leadership')).toMatchObject({ applicable: true, overdue: true });
  });
});

describe('crisis events', () => {
  it('opens from a critical alert: acknowledges it in the same transaction and links it', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const assessment = expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [1, 1, 1, 1, 1, 1, 1, 1, 2] }));
    const alert = expectOk(await core.call('alerts.list', { studentId })).find((a: any) => a.assessmentId === assessment.id && a.code === 'PHQ9_ITEM9');
    expect(alert.level).toBe('CRITICAL');
    const opened = await openEvent(core, { studentId, alertId: alert.id });
    expect(opened.eventNo).toMatch(/^CR-2026-0001$/);
    const after = expectOk(await core.call('alerts.list', { status: 'all', studentId })).find((a: any) => a.id === alert.id);
    expect(after).toMatchObject({ actionTaken: `opened crisis event ${opened.eventNo}`, crisisEventId: opened.id, crisisEventNo: opened.eventNo });
    expect(after.acknowledgedAt).not.toBeNull();
    const detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    expect(detail.event).toMatchObject({ source: 'alert', alertId: alert.id, level: '1', status: 'open', templateVersion: 1 });
    expect(detail.levelChanges).toMatchObject([{ fromLevel: null, toLevel: '1' }]);
    // While the event is open a second one is refused, naming the open one; nothing is written.
    const refused = expectError(
      await core.call('crisis.open', { studentId, alertId: alert.id, level: '1', description: '再次' }),
      'CONFLICT',
      'crisisEventOpen',
    );
    expect(refused.details).toEqual({ reason: 'crisisEventOpen', eventId: opened.id, eventNo: opened.eventNo });
    expect(expectOk(await core.call('crisis.board', {})).rows).toHaveLength(1);
    // The second event of the year (after the first was closed) gets the next number.
    await finishAndClose(core, opened.id);
    // An alert already acknowledged cannot open another event.
    expectError(await core.call('crisis.open', { studentId, alertId: alert.id, level: '1', description: '再次' }), 'CONFLICT', 'crisisAlertAcknowledged');
    expect((await openEvent(core, { studentId })).eventNo).toBe('CR-2026-0002');
  });

  it('refuses a discovery time in the future and an unknown level; owner defaults to the case counselor', async () => {
    const { core, clock, studentId, otherStudentId, accounts } = await setUpCounselingCenter();
    const future = new Date(clock.now().getTime() + MIN).toISOString();
    expectError(await core.call('crisis.open', { studentId, level: '1', description: 'x', discoveredAt: future }), 'VALIDATION', 'crisisDiscoveredInFuture');
    expectError(await core.call('crisis.open', { studentId, level: '9', description: 'x' }), 'VALIDATION', 'crisisUnknownLevel');
    const kase = openTestCase(core, { studentId, counselorId: accounts['wang.zixun'] });
    const fromCase = await openEvent(core, { studentId, caseId: kase.id });
    expect(expectOk(await core.call('crisis.get', { id: fromCase.id })).event).toMatchObject({ source: 'case', owner: { id: accounts['wang.zixun'] } });
    const manual = await openEvent(core, { studentId: otherStudentId });
    expect(expectOk(await core.call('crisis.get', { id: manual.id })).event.owner.id).toBe(accounts.admin01);
  });

  it('pins the template version: editing the template changes only new events', async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    const first = await openEvent(core, { studentId });
    const templates = expectOk(await core.call('crisis.templates', {}));
    expect(templates.map((t: any) => t.version)).toEqual([1]);
    const steps = [...templates[0].definition.steps.slice(0, 3), { key: 'extra_check', title: '额外核查', ownerRole: 'counselor', dueMinutes: 30, levels: [] }];
    const saved = expectOk(await core.call('crisis.saveTemplate', { definition: { steps } }));
    expect(saved.version).toBe(2);
    expect(expectOk(await core.call('crisis.templates', {})).map((t: any) => t.version)).toEqual([2, 1]);
    const old = expectOk(await core.call('crisis.get', { id: first.id }));
    expect(old.event.templateVersion).toBe(1);
    expect(old.steps.map((s: any) => s.key)).toEqual(DEFAULT_CRISIS_TEMPLATE.steps.map((s) => s.key));
    const second = await openEvent(core, { studentId: otherStudentId });
    const fresh = expectOk(await core.call('crisis.get', { id: second.id }));
    expect(fresh.event.templateVersion).toBe(2);
    expect(fresh.steps.map((s: any) => s.key)).toEqual(['discovery', 'report', 'assess', 'extra_check']);
    // Duplicate keys, unknown roles and unknown levels are refused; no version is written.
    expectError(await core.call('crisis.saveTemplate', { definition: { steps: [steps[0], steps[0]] } }), 'VALIDATION', 'crisisDuplicateStepKey');
    expectError(await core.call('crisis.saveTemplate', { definition: { steps: [{ ...steps[0], ownerRole: 'janitor' }] } }), 'VALIDATION', 'crisisUnknownRole');
    expectError(await core.call('crisis.saveTemplate', { definition: { steps: [{ ...steps[0], levels: ['7'] }] } }), 'VALIDATION', 'crisisUnknownLevel');
    expect(expectOk(await core.call('crisis.templates', {}))).toHaveLength(2);
  });

  it('sets the level scheme: unique keys, at least one, a level in use cannot be dropped', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const four = [
      { key: 'red', label: '红色', color: 'red', cadenceDays: 3 },
      { key: '1', label: '一级', color: 'volcano', cadenceDays: 7 },
      { key: '2', label: '二级', color: 'orange', cadenceDays: 14 },
      { key: '3', label: '三级', color: 'gold', cadenceDays: 30 },
    ];
    expect(expectOk(await core.call('crisis.setLevels', { levels: four })).map((l: any) => l.key)).toEqual(['red', '1', '2', '3']);
    expect(expectOk(await core.call('crisis.levels', {}))[0].label).toBe('红色');
    expectError(await core.call('crisis.setLevels', { levels: [] }), 'VALIDATION');
    expectError(await core.call('crisis.setLevels', { levels: [four[0], four[0]] }), 'VALIDATION');
    await openEvent(core, { studentId, level: '2' });
    expectError(await core.call('crisis.setLevels', { levels: [four[0], four[1]] }), 'CONFLICT', 'crisisLevelInUse');
  });

  it('computes timers from discovery with the core clock and recomputes applicable steps on a level change', async () => {
    const { core, clock, studentId } = await setUpCounselingCenter();
    const discoveredAt = new Date(clock.now().getTime() - 30 * MIN).toISOString();
    const opened = await openEvent(core, { studentId, level: '2', discoveredAt });
    let detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    expect(detail.now).toBe(clock.now().toISOString());
    expect(step(detail, 'discovery').overdue).toBe(true);
    expect(step(detail, 'report').overdue).toBe(true);
    expect(step(detail, 'assess')).toMatchObject({ overdue: false, remainingMs: 90 * MIN });
    expect(step(detail, 'leadership').applicable).toBe(false);
    expect(detail.event).toMatchObject({ overdueSteps: 2, stepsTotal: 13, stepsDone: 0 });

    expectOk(await core.call('crisis.completeStep', { stepId: step(detail, 'discovery').id, note: '已陪护（合成）' }));
    expectError(await core.call('crisis.markNotApplicable', { stepId: step(detail, 'report').id, reason: '' }), 'VALIDATION');
    const na = expectOk(await core.call('crisis.markNotApplicable', { stepId: step(detail, 'report').id, reason: '发现者即值班咨询师' }));
    expect(na).toMatchObject({ status: 'not_applicable', naReason: '发现者即值班咨询师', overdue: false });
    expectError(await core.call('crisis.completeStep', { stepId: step(detail, 'report').id, note: 'x' }), 'CONFLICT', 'crisisStepNotOpen');
    expectError(await core.call('crisis.completeStep', { stepId: step(detail, 'leadership').id, note: 'x' }), 'CONFLICT', 'crisisStepOutsideLevel');

    clock.advance(91 * MIN);
    detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    expect(step(detail, 'assess').overdue).toBe(true);
    expect(detail.event.overdueSteps).toBe(1);

    expectError(await core.call('crisis.setLevel', { id: opened.id, level: '2', reason: '不变' }), 'CONFLICT', 'crisisLevelUnchanged');
    expectError(await core.call('crisis.setLevel', { id: opened.id, level: '1', reason: '' }), 'VALIDATION');
    detail = expectOk(await core.call('crisis.setLevel', { id: opened.id, level: '1', reason: '评估后升级（合成）' }));
    expect(step(detail, 'leadership')).toMatchObject({ applicable: true, status: 'open' });
    expect(detail.event.stepsTotal).toBe(14);
    detail = expectOk(await core.call('crisis.setLevel', { id: opened.id, level: '3', reason: '降级（合成）' }));
    // Hidden, not deleted: still in the list, still open, out of the counts.
    expect(step(detail, 'leadership')).toMatchObject({ applicable: false, status: 'open', overdue: false });
    expect(detail.levelChanges.map((c: any) => [c.fromLevel, c.toLevel])).toEqual([
      [null, '2'],
      ['2', '1'],
      ['1', '3'],
    ]);
  });

  it('feeds the key-attention list: an event puts the student on it at its level, and a raise raises it', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const opened = await openEvent(core, { studentId, level: '2' });
    expect(expectOk(await core.call('keyattention.forStudent', { studentId }))).toMatchObject({ level: '2', source: 'crisis', status: 'active' });
    expectOk(await core.call('crisis.setLevel', { id: opened.id, level: '1', reason: '评估后升级（合成）' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId }))).toMatchObject({ level: '1' });
    // Stepping the event down does not take the student down the list: that is a review's decision.
    expectOk(await core.call('crisis.setLevel', { id: opened.id, level: '3', reason: '降级（合成）' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId }))).toMatchObject({ level: '1' });
  });

  it('stores attachments of a completed step inside the database', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const opened = await openEvent(core, { studentId });
    const detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    const pdf = Buffer.from('%PDF-1.4 synthetic signed form').toString('base64');
    const done = expectOk(
      await core.call('crisis.completeStep', {
        stepId: step(detail, 'guardian').id,
        note: '已电话通知（合成）',
        attachments: [{ fileName: '交接单.pdf', contentBase64: pdf }],
      }),
    );
    expect(done.attachments).toMatchObject([{ fileName: '交接单.pdf', mimeType: 'application/pdf' }]);
    const file = expectOk(await core.call('crisis.stepAttachment', { attachmentId: done.attachments[0].id }));
    expect(file.contentBase64).toBe(pdf);
    const exe = Buffer.from('MZ not a pdf').toString('base64');
    expectError(
      await core.call('crisis.completeStep', { stepId: step(detail, 'assess').id, note: 'x', attachments: [{ fileName: 'a.pdf', contentBase64: exe }] }),
      'VALIDATION',
      'attachmentTypeNotAllowed',
    );
    expect(step(expectOk(await core.call('crisis.get', { id: opened.id })), 'assess').status).toBe('open');
  });

  it('closes only with a summary and the director’s approval', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    await signInAs(core, 'wang.zixun');
    const opened = await openEvent(core, { studentId });
    expectError(await core.call('crisis.approveClose', { id: opened.id }), 'FORBIDDEN');
    expectError(await core.call('crisis.requestClose', { id: opened.id, summary: '' }), 'VALIDATION');
    for (const s of expectOk(await core.call('crisis.get', { id: opened.id })).steps.filter((x: any) => x.applicable && x.key !== 'closure')) {
      expectOk(await core.call('crisis.completeStep', { stepId: s.id, note: '已完成（合成）' }));
    }
    expect(expectOk(await core.call('crisis.requestClose', { id: opened.id, summary: '风险已解除，转入常规随访（合成）' })).event.status).toBe('closing');
    expectError(await core.call('crisis.approveClose', { id: opened.id }), 'FORBIDDEN');
    await signInAs(core, 'admin01');
    const back = expectOk(await core.call('crisis.rejectClose', { id: opened.id, reason: '监护人通知尚未记录' }));
    expect(back.event.status).toBe('open');
    expectError(await core.call('crisis.approveClose', { id: opened.id }), 'CONFLICT', 'crisisCloseNotRequested');
    expectOk(await core.call('crisis.requestClose', { id: opened.id, summary: '已补充记录（合成）' }));
    const closed = expectOk(await core.call('crisis.approveClose', { id: opened.id }));
    // The closure step is recorded by the approval itself.
    expect(step(closed, 'closure')).toMatchObject({ status: 'done', doneBy: { displayName: '管理员甲' } });

    expect(closed.event).toMatchObject({ status: 'closed', approvedBy: { displayName: '管理员甲' } });
    expect(closed.event.overdueSteps).toBe(0);
    expectError(await core.call('crisis.setLevel', { id: opened.id, level: '2', reason: '关闭后' }), 'CONFLICT', 'crisisEventClosed');
    expect(expectOk(await core.call('crisis.board', {})).rows).toHaveLength(0);
    expect(expectOk(await core.call('crisis.board', { status: 'all' })).rows).toHaveLength(1);
  });

  it('a liaison sees own department only: level, status and liaison steps, no content', async () => {
    const { core, clock, studentId, otherStudentId, accounts } = await setUpCounselingCenter();
    const own = await openEvent(core, { studentId, discoveredAt: new Date(clock.now().getTime() - 2 * 24 * HOUR).toISOString() });
    const other = await openEvent(core, { studentId: otherStudentId, level: '2' });
    let detail = expectOk(await core.call('crisis.get', { id: own.id }));
    expectOk(await core.call('crisis.completeStep', { stepId: step(detail, 'discovery').id, note: '秘密内容（合成）' }));
    expectOk(await core.call('crisis.assignStep', { stepId: step(detail, 'guardian').id, accountId: accounts.liaison1 }));
    expectError(
      await core.call('crisis.assignStep', {
        stepId: step(expectOk(await core.call('crisis.get', { id: other.id })), 'guardian').id,
        accountId: accounts.liaison1,
      }),
      'VALIDATION',
      'crisisAssigneeOtherDepartment',
    );

    await signInAs(core, 'liaison1');
    detail = expectOk(await core.call('crisis.get', { id: own.id }));
    expect(detail.content).toBe(false);
    expect(detail.event).toMatchObject({ level: '1', status: 'open', description: null, summary: null });
    expect(detail.steps.map((s: any) => s.key).sort()).toEqual(['department', 'guardian']);
    expect(detail.steps.every((s: any) => s.note === null)).toBe(true);
    expect(detail.levelChanges.every((c: any) => c.reason === null)).toBe(true);
    expect(JSON.stringify(detail)).not.toContain('秘密内容');
    expect(JSON.stringify(detail)).not.toContain('情绪激动');
    expectError(await core.call('crisis.get', { id: other.id }), 'FORBIDDEN', 'crisisOtherDepartment');
    const boardRows = expectOk(await core.call('crisis.board', {})).rows;
    expect(boardRows.map((r: any) => r.id)).toEqual([own.id]);
    expect(expectOk(await core.call('crisis.board', { department: '计算机学院' })).rows).toEqual([]);
    // Overdue for the liaison: the liaison-owned step and the one given to them.
    const overdue = expectOk(await core.call('crisis.overdue', {})).steps;
    expect(overdue.map((s: any) => s.eventId)).toEqual([own.id, own.id]);
    expect(overdue.map((s: any) => s.ownerRole).sort()).toEqual(['counselor', 'liaison']);
    // They may complete their own step, not others; and they reach no management channel.
    expectOk(await core.call('crisis.completeStep', { stepId: step(detail, 'department').id, note: '已告知院系' }));
    expectError(await core.call('crisis.setLevel', { id: own.id, level: '2', reason: '试图' }), 'FORBIDDEN');
    expectError(await core.call('crisis.open', { studentId, level: '1', description: 'x' }), 'FORBIDDEN');
    expectError(await core.call('crisis.summaries', {}), 'FORBIDDEN');
  });

  it('overdue: a counselor sees steps of the counselor role; the director sees all', async () => {
    const { core, clock, studentId, otherStudentId } = await setUpCounselingCenter();
    await openEvent(core, { studentId });
    await openEvent(core, { studentId: otherStudentId, level: '2' });
    expect(expectOk(await core.call('crisis.overdue', {})).steps).toHaveLength(0);
    clock.advance(11 * MIN);
    // report (10 min) of both events; discovery is still inside its 15-minute grace.
    expect(
      expectOk(await core.call('crisis.overdue', {}))
        .steps.map((s: any) => s.title)
        .filter((t: string) => t.startsWith('发现')),
    ).toEqual([]);
    clock.advance(5 * MIN);
    const director = expectOk(await core.call('crisis.overdue', {})).steps;
    // discovery + report of both events.
    expect(director).toHaveLength(4);
    await signInAs(core, 'wang.zixun');
    expect(expectOk(await core.call('crisis.overdue', {})).steps).toHaveLength(4);
    clock.advance(2 * 24 * HOUR);
    const counselor = expectOk(await core.call('crisis.overdue', {})).steps;
    expect(counselor.every((s: any) => s.ownerRole === 'counselor')).toBe(true);
    await signInAs(core, 'admin01');
    const all = expectOk(await core.call('crisis.overdue', {})).steps;
    expect(all.some((s: any) => s.ownerRole === 'director')).toBe(true);
    expect(all.some((s: any) => s.ownerRole === 'liaison')).toBe(true);
    expect(all.length).toBeGreaterThan(counselor.length);
    // The board: both overdue since the same time, level 1 (with the leadership step) is the most overdue.
    const rows = expectOk(await core.call('crisis.board', {})).rows;
    expect(rows.map((r: any) => r.level)).toEqual(['1', '2']);
    expect(rows[0].overdueSteps).toBeGreaterThan(0);
  });

  it('leadership sees de-identified summaries only', async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    await openEvent(core, { studentId });
    await openEvent(core, { studentId: await newStudent(core, '2026000003'), level: '2' });
    await openEvent(core, { studentId: otherStudentId, level: '1' });
    expectOk(await core.call('accounts.create', { username: 'lingdao', displayName: '领导甲', roles: ['leadership'], password: 'temporary pw 01' }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'lingdao', password: 'temporary pw 01' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'temporary pw 01', newPassword: 'temporary pw 02' }));
    const result = expectOk(await core.call('crisis.summaries', {}));
    expect(result.rows).toEqual([
      { month: '2026-09', level: '1', department: '文学院', count: 1, open: 1 },
      { month: '2026-09', level: '1', department: '计算机学院', count: 1, open: 1 },
      { month: '2026-09', level: '2', department: '文学院', count: 1, open: 1 },
    ]);
    const text = JSON.stringify(result);
    for (const secret of ['测试学生', '2026000001', '情绪激动', 'CR-']) expect(text).not.toContain(secret);
    expectError(await core.call('crisis.board', {}), 'FORBIDDEN');
    expectError(await core.call('crisis.get', { id: 'x' }), 'FORBIDDEN');
  });

  it('audits views and prints; the timeline shows the event without content', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const opened = await openEvent(core, { studentId });
    expectOk(await core.call('crisis.get', { id: opened.id }));
    expectOk(await core.call('crisis.recordPrint', { id: opened.id }));
    const sqlite = core.vault.requireStore().sqlite;
    const actions = sqlite.prepare<[string], { action: string; entity: string }>('SELECT action, entity FROM audit_events WHERE entity_id = ?').all(opened.id);
    expect(actions).toContainEqual({ action: 'view', entity: 'crisis_events' });
    expect(actions).toContainEqual({ action: 'print', entity: 'crisis_events' });
    const timeline = expectOk(await core.call('students.timeline', { studentId }));
    expect(timeline.find((e: any) => e.kind === 'crisis')).toMatchObject({
      titleKey: 'crisis.timeline.opened',
      values: { eventNo: opened.eventNo, level: '1' },
    });
  });
});

describe('no alert disappears', () => {
  it('raises an alert for every critical-item rule and for report alerts', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const scl = (value: number) => {
      const answers = Array(90).fill(1);
      answers[14] = value;
      return answers;
    };
    const upi = Array(60).fill(0);
    upi[24] = 1;
    const cases: [string, unknown[], string, string][] = [
      ['phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1], 'PHQ9_ITEM9', 'URGENT'],
      ['phq9', [0, 0, 0, 0, 0, 0, 0, 0, 2], 'PHQ9_ITEM9', 'CRITICAL'],
      ['phqa', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], 'PHQA_PAST_MONTH_THOUGHTS', 'CRITICAL'],
      ['phqa', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 'PHQA_LIFETIME_ATTEMPT', 'URGENT'],
      ['phqa', [0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0], 'PHQA_ITEM9', 'CRITICAL'],
      ['cssrs_screen', [1, 1, 1, 1, 0, 0, 'NA'], 'CSSRS_TRIAGE_HIGH', 'CRITICAL'],
      ['cssrs_screen', [1, 1, 0, 0, 1, 0, 'NA'], 'CSSRS_TRIAGE_HIGH', 'CRITICAL'],
      ['cssrs_screen', [0, 0, 'NA', 'NA', 'NA', 1, 1], 'CSSRS_TRIAGE_HIGH', 'CRITICAL'],
      ['cssrs_screen', [1, 1, 1, 0, 0, 0, 'NA'], 'CSSRS_TRIAGE_MODERATE', 'URGENT'],
      ['upi', upi, 'UPI_ITEM25', 'URGENT'],
      ['scl90', scl(2), 'SCL90_ITEM15', 'URGENT'],
      ['scl90', scl(4), 'SCL90_ITEM15', 'CRITICAL'],
    ];
    for (const [instrument, responses, code, level] of cases) {
      const assessment = expectOk(await core.call('assessments.enterPaper', { studentId, instrument, responses }));
      const raised = expectOk(await core.call('alerts.list', { studentId })).filter((a: any) => a.assessmentId === assessment.id && a.code === code);
      expect(
        raised.map((a: any) => a.level),
        `${instrument} ${code}`,
      ).toEqual([level]);
    }
    const base = { studentId, reporterKind: 'peer_counselor', urgency: 'routine' };
    for (const [extra, code, level] of [
      [{ signs: ['talk_of_death'] }, 'REPORT_TALK_OF_DEATH', 'CRITICAL'],
      [{ signs: ['self_harm_signs'] }, 'REPORT_SELF_HARM', 'CRITICAL'],
      [{ signs: ['low_mood'], urgency: 'urgent' }, 'REPORT_URGENT', 'URGENT'],
    ] as const) {
      const report = expectOk(await core.call('reports.create', { ...base, ...extra }));
      const raised = expectOk(await core.call('alerts.list', { studentId })).filter((a: any) => a.reportId === report.id);
      expect(raised.map((a: any) => [a.code, a.level])).toEqual([[code, level]]);
    }

    const sqlite = connectionHatch(core.vault.requireStore());
    const count = () => sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM alerts').get()!.n;
    const before = count();
    expect(before).toBeGreaterThanOrEqual(cases.length + 3);
    expect(() => sqlite.prepare('DELETE FROM alerts').run()).toThrow(/never deleted/);
    expect(() => sqlite.prepare(`DELETE FROM alerts WHERE level = 'CRITICAL'`).run()).toThrow(/never deleted/);
    expect(count()).toBe(before);
    // Acknowledging closes an alert but keeps it, with who and what was done.
    const one = expectOk(await core.call('alerts.list', { studentId }))[0];
    expectError(await core.call('alerts.acknowledge', { alertId: one.id, actionTaken: '' }), 'VALIDATION');
    expectOk(await core.call('alerts.acknowledge', { alertId: one.id, actionTaken: '已约谈，不需开启危机事件：学生否认计划（合成）' }));
    expect(count()).toBe(before);
    expect(expectOk(await core.call('alerts.list', { status: 'all', studentId })).find((a: any) => a.id === one.id).acknowledgedAt).not.toBeNull();
  });

  it('no channel deletes alerts, and the core has no delete of the alerts table', () => {
    const alertChannels = Object.keys(channels).filter((name) => name.startsWith('alerts.'));
    expect(alertChannels.sort()).toEqual(expect.arrayContaining(['alerts.acknowledge', 'alerts.acknowledgeMany', 'alerts.list']));
    expect(Object.keys(channels).filter((name) => /alert/i.test(name) && /delete|remove|purge|clear/i.test(name))).toEqual([]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(entry) && !entry.includes('migrations.generated')) {
          const text = readFileSync(path, 'utf8');
          if (/delete\(\s*alerts\b|DELETE\s+FROM\s+[`"']?alerts\b/i.test(text)) offenders.push(path);
        }
      }
    };
    walk(join(__dirname, '../../../src-main'));
    expect(offenders).toEqual([]);
  });
});
