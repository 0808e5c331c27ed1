import { describe, expect, it } from 'vitest';
import { openSevereAlertCounts } from '../../../src-main/core/assessments/critical-results';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

/** Issue 14 items 3 and 18: the critical result reaches the teacher; the header counts CRITICAL and URGENT. */

async function withStudent() {
  const made = await setUpCore();
  const s = expectOk(await made.core.call('students.create', { studentNo: '2026000001', name: '测试学生甲', department: '文学院' }));
  return { ...made, studentId: s.id as string };
}

async function signInAs(core: any, username: string, roles: string[], department?: string) {
  expectOk(await core.call('accounts.create', { username, displayName: username, roles, password: 'temporary pw 01', department }));
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: 'temporary pw 01' }));
  expectOk(await core.call('auth.changePassword', { currentPassword: 'temporary pw 01', newPassword: 'temporary pw 02' }));
}

/** PHQ-9 in student mode with the given answers; `finish` hands it in. */
async function studentModePhq9(core: any, studentId: string, answers: number[], finish = true): Promise<string> {
  const { assessmentId } = expectOk(await core.call('assessments.start', { studentId, instrument: 'phq9' }));
  expectOk(await core.call('studentMode.enter', { assessmentId }));
  for (const [index, value] of answers.entries()) expectOk(await core.call('studentMode.answer', { item: index + 1, value }));
  if (finish) expectOk(await core.call('studentMode.finish', {}));
  expectOk(await core.call('studentMode.exit', { password: ADMIN_PASSWORD }));
  return assessmentId;
}

describe('critical results', () => {
  it('after student mode: PHQ-9 item 9 = 2 comes back with the item text, the answer given and its alert', async () => {
    const { core, studentId } = await withStudent();
    const assessmentId = await studentModePhq9(core, studentId, [0, 0, 0, 0, 0, 0, 0, 0, 2]);
    const result = expectOk(await core.call('assessments.criticalFindings', { assessmentId }));
    const [alert] = expectOk(await core.call('alerts.list', {}));
    expect(result).toMatchObject({
      instrument: 'phq9',
      status: 'complete',
      provisional: false,
      student: { id: studentId, name: '测试学生甲' },
      openEvent: null,
    });
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'PHQ9_ITEM9', level: 'CRITICAL', item: 9, answer: 2, alertId: alert.id, acknowledged: false }),
    ]);
    expect(result.findings[0].itemText).toContain('死');
    expect(result.findings[0].answerText).toBeTruthy();
    // Seeing item answers is a view, audited like assessments.get.
    const sqlite = core.vault.requireStore().sqlite;
    expect(sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'view-critical-findings' AND entity_id = ?").pluck().get(assessmentId)).toBe(1);
  });

  it('a form left unfinished still shows what the answers so far say (provisional, no alert yet)', async () => {
    const { core, studentId } = await withStudent();
    const assessmentId = await studentModePhq9(core, studentId, [0, 0, 0, 0, 0, 0, 0, 0, 1], false);
    const result = expectOk(await core.call('assessments.criticalFindings', { assessmentId }));
    expect(result.provisional).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ code: 'PHQ9_ITEM9', level: 'URGENT', answer: 1, alertId: null })]);
  });

  it('a result without CRITICAL or URGENT findings has none', async () => {
    const { core, studentId } = await withStudent();
    const assessmentId = await studentModePhq9(core, studentId, [1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(expectOk(await core.call('assessments.criticalFindings', { assessmentId })).findings).toEqual([]);
    expectError(await core.call('alerts.defer', { assessmentId, reason: '学生已离开，明早联系' }), 'CONFLICT', 'noCriticalFindings');
  });

  it('names the open crisis event, where opening another leads', async () => {
    const { core, studentId } = await withStudent();
    const assessmentId = await studentModePhq9(core, studentId, [0, 0, 0, 0, 0, 0, 0, 0, 3]);
    const [alert] = expectOk(await core.call('alerts.list', {}));
    const event = expectOk(await core.call('crisis.open', { studentId, alertId: alert.id, level: '1', description: '第9题 3 分（合成数据）' }));
    const result = expectOk(await core.call('assessments.criticalFindings', { assessmentId }));
    expect(result.openEvent).toEqual({ id: event.id, eventNo: event.eventNo });
    expect(result.findings[0]).toMatchObject({ alertId: alert.id, acknowledged: true });
  });

  it('稍后处理 keeps the alert open and counted, and turns the reason into a task for the teacher due within the hour', async () => {
    const { core, studentId, clock } = await withStudent();
    const assessmentId = await studentModePhq9(core, studentId, [0, 0, 0, 0, 0, 0, 0, 0, 2]);
    for (const reason of ['', '..', '无', 'x'.repeat(201)]) expectError(await core.call('alerts.defer', { assessmentId, reason }), 'VALIDATION');
    const deferred = expectOk(await core.call('alerts.defer', { assessmentId, reason: '学生由家长接走，明早 8 点电话联系' }));
    expect(new Date(deferred.dueAt).getTime() - clock.now().getTime()).toBe(60 * 60_000);
    const [alert] = expectOk(await core.call('alerts.list', { status: 'open' }));
    expect(deferred.alertIds).toEqual([alert.id]);
    expect(alert.acknowledgedAt).toBeNull();
    expect(expectOk(await core.call('alerts.counts', {}))).toEqual({ critical: 1, urgent: 0 });
    const tasks = expectOk(await core.call('followups.list', { studentId }));
    expect(tasks.rows).toEqual([expect.objectContaining({ id: deferred.taskId, title: '学生由家长接走，明早 8 点电话联系', status: 'open' })]);
    const sqlite = core.vault.requireStore().sqlite;
    const audit = sqlite
      .prepare("SELECT details FROM audit_events WHERE action = 'defer' AND entity = 'alerts' AND entity_id = ?")
      .pluck()
      .all(alert.id) as string[];
    expect(audit).toHaveLength(1);
    // The reason is content: it lives in the task, not in the audit trail.
    expect(audit[0]).not.toContain('家长');
  });

  it('counts unacknowledged CRITICAL and URGENT alerts (not HIGH or REVIEW), and acknowledging lowers the count', async () => {
    const { core, studentId } = await withStudent();
    expect(expectOk(await core.call('alerts.counts', {}))).toEqual({ critical: 0, urgent: 0 });
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 2] }));
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 1] }));
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'upi', responses: Array.from({ length: 60 }, (_, i) => (i === 24 ? 1 : 0)) }));
    const open = expectOk(await core.call('alerts.list', {}));
    const severe = open.filter((a: any) => a.level === 'CRITICAL' || a.level === 'URGENT');
    expect(expectOk(await core.call('alerts.counts', {}))).toEqual({
      critical: severe.filter((a: any) => a.level === 'CRITICAL').length,
      urgent: severe.filter((a: any) => a.level === 'URGENT').length,
    });
    expect(
      severe
        .filter((a: any) => a.level === 'URGENT')
        .map((a: any) => a.code)
        .sort(),
    ).toEqual(['PHQ9_ITEM9', 'UPI_ITEM25']);
    const urgent = severe.find((a: any) => a.code === 'UPI_ITEM25');
    expectOk(await core.call('alerts.acknowledge', { alertId: urgent.id, action: 'interviewed', note: '当日约谈' }));
    expect(expectOk(await core.call('alerts.counts', {})).urgent).toBe(1);
  });

  it('a department scope counts only its own students (none without a department)', async () => {
    const { core, studentId } = await withStudent();
    const other = expectOk(await core.call('students.create', { studentNo: '2026000002', name: '测试学生乙', department: '理学院' }));
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 2] }));
    expectOk(await core.call('assessments.enterPaper', { studentId: other.id, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 1] }));
    const db = core.vault.requireStore().db;
    expect(openSevereAlertCounts(db, { kind: 'all' })).toEqual({ critical: 1, urgent: 1 });
    expect(openSevereAlertCounts(db, { kind: 'department', department: '文学院' })).toEqual({ critical: 1, urgent: 0 });
    expect(openSevereAlertCounts(db, { kind: 'department', department: '理学院' })).toEqual({ critical: 0, urgent: 1 });
    expect(openSevereAlertCounts(db, { kind: 'department', department: null })).toEqual({ critical: 0, urgent: 0 });
  });

  it('roles without alerts.read (liaison, reception) get no count and cannot defer', async () => {
    const { core, studentId } = await withStudent();
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 2] }));
    expectOk(await core.call('accounts.create', { username: 'reception01', displayName: 'reception01', roles: ['reception'], password: 'temporary pw 01' }));
    await signInAs(core, 'liaison01', ['liaison'], '理学院');
    expectError(await core.call('alerts.counts', {}), 'FORBIDDEN');
    expectError(await core.call('alerts.defer', { assessmentId: 'x', reason: '明早联系学生' }), 'FORBIDDEN');
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'reception01', password: 'temporary pw 01' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'temporary pw 01', newPassword: 'temporary pw 02' }));
    expectError(await core.call('alerts.counts', {}), 'FORBIDDEN');
  });
});
