import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from './helpers';
import { makeEvent } from './followups-fixtures';
import { OWN_PASSWORD, PASSWORD, intakeInput, setUpCounselingCenter, signInAs } from './reports-cases-helpers';

const report = (studentId: string, extra: Record<string, unknown> = {}) => ({
  studentId,
  reporterKind: 'peer_counselor',
  reporterName: '心理委员（合成）',
  reporterContact: '13800000000',
  signs: ['low_mood'],
  description: '最近常常独处，不愿参加班级活动（合成数据）',
  urgency: 'routine',
  ...extra,
});

describe('reports (上报)', () => {
  it('raises one alert at once for urgent reports and for talk of death or self-harm, none for routine ones', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    expect(expectOk(await core.call('reports.create', report(studentId)))).toMatchObject({ alertRaised: false, alertLevel: null });
    expect(expectOk(await core.call('reports.create', report(studentId, { urgency: 'soon', signs: ['sleep_change', 'crying'] }))).alertRaised).toBe(false);
    expect(expectOk(await core.call('alerts.list', {}))).toEqual([]);

    const urgent = expectOk(await core.call('reports.create', report(studentId, { urgency: 'urgent' })));
    expect(urgent).toMatchObject({ alertRaised: true, alertLevel: 'URGENT' });
    const death = expectOk(await core.call('reports.create', report(studentId, { signs: ['talk_of_death', 'self_harm_signs'], urgency: 'urgent' })));
    expect(death).toMatchObject({ alertRaised: true, alertLevel: 'CRITICAL' });
    const harm = expectOk(await core.call('reports.create', report(studentId, { signs: ['self_harm_signs'] })));
    expect(harm).toMatchObject({ alertRaised: true, alertLevel: 'CRITICAL' });

    const alerts = expectOk(await core.call('alerts.list', {}));
    // One alert per report, however many alerting signs it had.
    expect(alerts).toHaveLength(3);
    const byReport = new Map(alerts.map((a: any) => [a.reportId, a]));
    expect(byReport.get(urgent.id)).toMatchObject({ source: 'report', code: 'REPORT_URGENT', level: 'URGENT', student: { name: '测试学生甲' } });
    expect(byReport.get(death.id)).toMatchObject({ source: 'report', code: 'REPORT_TALK_OF_DEATH', level: 'CRITICAL' });
    expect(byReport.get(harm.id)).toMatchObject({ source: 'report', code: 'REPORT_SELF_HARM', level: 'CRITICAL' });
    expect(expectOk(await core.call('reports.get', { id: death.id })).alert).toMatchObject({ code: 'REPORT_TALK_OF_DEATH', acknowledged: false });
  });

  it('keeps what was observed out of the audit log', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const { id } = expectOk(await core.call('reports.create', report(studentId)));
    const details = core.vault
      .requireStore()
      .sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'reports' AND entity_id = ?")
      .pluck()
      .all(id) as string[];
    expect(details.length).toBeGreaterThan(0);
    expect(details.join('')).not.toContain('独处');
    expect(details.join('')).not.toContain('13800000000');
  });

  it('refuses a report without signs, or with "other" and no description, writing nothing', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const none = expectError(await core.call('reports.create', report(studentId, { signs: [] })), 'VALIDATION');
    expect(none.details.issues).toEqual([expect.objectContaining({ path: ['signs'], message: 'reportSignsRequired' })]);
    const other = expectError(await core.call('reports.create', report(studentId, { signs: ['other'], description: ' ' })), 'VALIDATION');
    expect(other.details.issues).toEqual([expect.objectContaining({ path: ['description'], message: 'reportOtherNeedsDescription' })]);
    expect(expectOk(await core.call('reports.triageQueue', {})).total).toBe(0);
  });

  it('orders the queue most urgent first, then oldest; closing needs a note and happens once', async () => {
    const { core, clock, studentId, otherStudentId } = await setUpCounselingCenter();
    const at = (iso: string) => ({ reportedAt: iso });
    const oldRoutine = expectOk(await core.call('reports.create', report(studentId, at('2026-08-20T08:00:00.000Z'))));
    const newRoutine = expectOk(await core.call('reports.create', report(otherStudentId, at('2026-08-25T08:00:00.000Z'))));
    const soon = expectOk(await core.call('reports.create', report(studentId, { urgency: 'soon', ...at('2026-08-30T08:00:00.000Z') })));
    const urgent = expectOk(await core.call('reports.create', report(otherStudentId, { urgency: 'urgent', ...at('2026-08-31T08:00:00.000Z') })));
    // Talk of death marked routine still comes first: the sign is what matters.
    const death = expectOk(await core.call('reports.create', report(studentId, { signs: ['talk_of_death'], ...at('2026-08-31T09:00:00.000Z') })));
    const queue = expectOk(await core.call('reports.triageQueue', {}));
    expect(queue.total).toBe(5);
    expect(queue.rows.map((r: any) => r.id)).toEqual([urgent.id, death.id, soon.id, oldRoutine.id, newRoutine.id]);
    expect(queue.rows[0]).toMatchObject({ status: 'new', reporterKind: 'peer_counselor', student: { name: '测试学生乙' }, createdBy: '管理员甲' });

    clock.advance(60_000);
    expectError(await core.call('reports.close', { id: oldRoutine.id, triageNote: '  ' }), 'VALIDATION');
    const closed = expectOk(await core.call('reports.close', { id: oldRoutine.id, triageNote: '已电话联系辅导员，情况稳定，暂不需要访谈' }));
    expect(closed).toMatchObject({ status: 'closed', handledBy: '管理员甲', triageNote: '已电话联系辅导员，情况稳定，暂不需要访谈' });
    expectError(await core.call('reports.close', { id: oldRoutine.id, triageNote: '再关一次' }), 'CONFLICT', 'reportAlreadyHandled');
    expectError(await core.call('reports.close', { id: 'no-such-report', triageNote: '已电话联系辅导员' }), 'NOT_FOUND', 'reportNotFound');
    expect(expectOk(await core.call('reports.triageQueue', {})).rows.map((r: any) => r.id)).not.toContain(oldRoutine.id);
    expect(expectOk(await core.call('reports.forStudent', { studentId })).map((r: any) => r.id)).toEqual([death.id, soon.id, oldRoutine.id]);
  });

  it('a liaison files reports for their own department only and gets a confirmation, not the queue', async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    await signInAs(core, 'liaison1');
    const filed = expectOk(await core.call('reports.create', report(studentId, { reporterKind: 'department_counselor', signs: ['talk_of_death'] })));
    expect(Object.keys(filed).sort()).toEqual(['alertLevel', 'alertRaised', 'id']);
    expect(filed.alertLevel).toBe('CRITICAL');
    expectError(await core.call('reports.create', report(otherStudentId)), 'NOT_FOUND', 'studentNotFound');
    expectError(await core.call('reports.triageQueue', {}), 'FORBIDDEN');
    expectError(await core.call('reports.get', { id: filed.id }), 'FORBIDDEN');
    expectError(await core.call('reports.forStudent', { studentId }), 'FORBIDDEN');
    const timeline = expectOk(await core.call('students.timeline', { studentId }));
    expect(timeline.some((e: any) => e.kind === 'report')).toBe(false);

    // Reception may file too; the clinician sees both the report and its alert.
    await signInAs(core, 'zhao.jiedai');
    expectOk(await core.call('reports.create', report(otherStudentId)));
    await signInAs(core, 'wang.zixun');
    expect(expectOk(await core.call('reports.triageQueue', {})).total).toBe(2);
    const entries = expectOk(await core.call('students.timeline', { studentId })).filter((e: any) => e.kind === 'report');
    expect(entries).toEqual([expect.objectContaining({ titleKey: 'reports.timeline.filed_routine', level: 'CRITICAL', values: {} })]);
  });
});

describe('closing a report at triage (items 15 and 17)', () => {
  it('is an action from the structured list; 其他 and 评估后无需进一步处理 need a note that says something', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const routine = expectOk(await core.call('reports.create', report(studentId)));
    for (const input of [
      {},
      { action: 'noFurtherAction' },
      { action: 'other', note: '..' },
      { action: 'noFurtherAction', note: '无' },
      { triageNote: '..' },
      { triageNote: '无' },
      { action: 'referred', triageNote: '已转介' },
    ]) {
      expectError(await core.call('reports.close', { id: routine.id, ...input }), 'VALIDATION');
    }
    const closed = expectOk(await core.call('reports.close', { id: routine.id, action: 'referred', note: '已转介至校医院心理科（合成）' }));
    expect(closed).toMatchObject({
      status: 'closed',
      closeAction: 'referred',
      triageNote: '已转介至校医院心理科（合成）',
      links: { crisisEventId: null, intakeId: null, alertId: null },
    });
  });

  it('a report that raised a CRITICAL alert closes only linked to an event, an intake, or the acknowledged alert', async () => {
    const { core, studentId, otherStudentId, accounts } = await setUpCounselingCenter();
    const death = () => core.call('reports.create', report(studentId, { signs: ['talk_of_death'] }));
    const first = expectOk(await death());
    const refused = expectError(
      await core.call('reports.close', { id: first.id, action: 'interviewed', note: '已约谈，学生否认计划（合成）' }),
      'CONFLICT',
      'reportCriticalNeedsLink',
    );
    expect(refused.details.alertId).toBeTruthy();
    expectError(await core.call('reports.close', { id: first.id, triageNote: '已由辅导员跟进' }), 'CONFLICT', 'reportCriticalNeedsLink');
    const elsewhere = makeEvent(core, otherStudentId);
    expectError(await core.call('reports.close', { id: first.id, action: 'crisisOpened', crisisEventId: elsewhere.id }), 'NOT_FOUND', 'reportLinkNotFound');
    expect(expectOk(await core.call('reports.get', { id: first.id })).status).toBe('new');
    // Acknowledging the alert with the action, in the same call.
    const acked = expectOk(
      await core.call('reports.close', {
        id: first.id,
        action: 'interviewed',
        note: '当日约谈，C-SSRS 低风险，约定一周后复评（合成）',
        acknowledgeAlert: true,
      }),
    );
    expect(acked).toMatchObject({ status: 'closed', closeAction: 'interviewed', alert: { acknowledged: true }, links: { alertId: acked.alert.id } });
    const alert = expectOk(await core.call('alerts.list', { status: 'all', studentId })).find((a: any) => a.id === acked.alert.id);
    expect(alert).toMatchObject({ action: 'interviewed', note: '当日约谈，C-SSRS 低风险，约定一周后复评（合成）' });

    // Linked to the student's crisis event.
    const second = expectOk(await death());
    const event = makeEvent(core, studentId);
    const linked = expectOk(
      await core.call('reports.close', { id: second.id, action: 'crisisOpened', note: '已纳入危机事件处理（合成）', crisisEventId: event.id }),
    );
    expect(linked).toMatchObject({ status: 'closed', links: { crisisEventId: event.id }, alert: { acknowledged: false } });

    // Linked to an intake of the student.
    const third = expectOk(await death());
    const { caseId } = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'])));
    const intakeId = expectOk(await core.call('cases.get', { id: caseId })).intake.id;
    expect(expectOk(await core.call('reports.close', { id: third.id, action: 'interviewed', note: '已完成初始访谈（合成）', intakeId })).links).toMatchObject({
      intakeId,
    });

    // An alert acknowledged beforehand is the link.
    const fourth = expectOk(await death());
    const fourthAlert = expectOk(await core.call('reports.get', { id: fourth.id })).alert;
    expectOk(await core.call('alerts.acknowledge', { alertId: fourthAlert.id, action: 'guardianNotified', note: '已电话通知母亲，今晚接回家（合成）' }));
    expect(expectOk(await core.call('reports.close', { id: fourth.id, action: 'guardianNotified', note: '监护人已接回（合成）' })).links).toMatchObject({
      alertId: fourthAlert.id,
    });
  });

  it("a trainee's closing of a CRITICAL report waits for their supervisor; routine ones close at once", async () => {
    const { core, studentId } = await setUpCounselingCenter();
    const make = async (username: string, roles: string[], supervisorId?: string) => {
      const account = expectOk(
        await core.call('accounts.create', { username, displayName: username, roles, password: PASSWORD, ...(supervisorId ? { supervisorId } : {}) }),
      );
      expectOk(await core.call('auth.lock', {}));
      expectOk(await core.call('auth.signIn', { username, password: PASSWORD }));
      expectOk(await core.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: OWN_PASSWORD }));
      await signInAs(core, 'admin01');
      return account.id as string;
    };
    const sup = await make('sup1', ['supervisor']);
    await make('sup2', ['supervisor']);
    await make('trainee1', ['trainee'], sup);
    const death = expectOk(await core.call('reports.create', report(studentId, { signs: ['self_harm_signs'] })));
    const routine = expectOk(await core.call('reports.create', report(studentId)));

    await signInAs(core, 'trainee1');
    expect(expectOk(await core.call('reports.close', { id: routine.id, action: 'interviewed', note: '已约谈（合成）' })).status).toBe('closed');
    expectError(await core.call('reports.close', { id: death.id, action: 'interviewed', note: '已约谈（合成）' }), 'CONFLICT', 'reportCriticalNeedsLink');
    const asked = expectOk(
      await core.call('reports.close', { id: death.id, action: 'interviewed', note: '已约谈并完成 C-SSRS，低风险（合成）', acknowledgeAlert: true }),
    );
    expect(asked).toMatchObject({
      status: 'new',
      alert: { acknowledged: false },
      closeRequest: { action: 'interviewed', requestedBy: { displayName: 'trainee1' } },
    });
    expectError(
      await core.call('reports.close', { id: death.id, action: 'interviewed', note: '再次提交（合成）', acknowledgeAlert: true }),
      'CONFLICT',
      'approvalAlreadyPending',
    );
    expectError(await core.call('reports.decideClose', { requestId: asked.closeRequest.id, approve: true }), 'FORBIDDEN');

    await signInAs(core, 'sup2');
    expectError(await core.call('reports.decideClose', { requestId: asked.closeRequest.id, approve: true }), 'FORBIDDEN', 'reportCloseNotSupervisor');
    await signInAs(core, 'sup1');
    const closed = expectOk(await core.call('reports.decideClose', { requestId: asked.closeRequest.id, approve: true }));
    expect(closed).toMatchObject({ status: 'closed', handledBy: 'trainee1', closeAction: 'interviewed', alert: { acknowledged: true }, closeRequest: null });
  });
});
