import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_TRANSITIONS } from '../../../src-shared/contract/cases';
import { expectError, expectOk } from './helpers';
import { makeEvent } from './followups-fixtures';
import { HIGH_RISK, intakeInput, setUpCounselingCenter, signInAs } from './reports-cases-helpers';

const peerReport = (studentId: string) => ({
  studentId,
  reporterKind: 'peer_counselor',
  reporterName: '心理委员（合成）',
  signs: ['withdrawal', 'sleep_change'],
  description: '近两周失眠、回避同学（合成数据）',
  urgency: 'soon',
});

function count(core: any, table: string): number {
  return core.vault.requireStore().sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

const CLOSING = { closingReason: 'goals_met', closingSummary: '咨询目标达成，双方同意结案（合成数据）' };

describe('intake (初始访谈)', () => {
  it('from a report: scores the C-SSRS, opens the case and takes the report out of the queue, once', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const { id: reportId } = expectOk(await core.call('reports.create', peerReport(studentId)));
    const done = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'], { reportId })));
    expect(done).toMatchObject({ caseNo: '2026-0001', riskLevel: 'none', alertsRaised: 0 });

    expect(expectOk(await core.call('reports.get', { id: reportId }))).toMatchObject({ status: 'intake', caseId: done.caseId, handledBy: '管理员甲' });
    expect(expectOk(await core.call('reports.triageQueue', {})).total).toBe(0);
    const screen = expectOk(await core.call('assessments.get', { id: done.assessmentId }));
    expect(screen).toMatchObject({ instrument: 'cssrs_screen', status: 'complete', studentId });

    const kase = expectOk(await core.call('cases.get', { id: done.caseId }));
    expect(kase).toMatchObject({
      status: 'intake',
      riskLevel: 'none',
      counselor: { id: accounts['wang.zixun'] },
      student: { name: '测试学生甲' },
      access: 'director',
    });
    expect(kase.intake).toMatchObject({
      reportId,
      concerns: ['stress', 'sleep'],
      disposition: 'individual',
      riskAssessmentId: done.assessmentId,
      conductedBy: { displayName: '管理员甲' },
    });
    expect(kase.intake.consent).toMatchObject({ confidentialityLimitsExplained: true, minor: false });

    // A report already taken to intake, or closed at triage, cannot start another.
    expectError(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'], { reportId })), 'CONFLICT', 'reportAlreadyHandled');
    const { id: closedId } = expectOk(await core.call('reports.create', peerReport(studentId)));
    expectOk(await core.call('reports.close', { id: closedId, triageNote: '已由辅导员跟进' }));
    expectError(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'], { reportId: closedId })), 'CONFLICT', 'reportAlreadyHandled');
    expect(count(core, 'cases')).toBe(1);
    expect(count(core, 'assessments')).toBe(1);
  });

  it('a high C-SSRS screen opens a high-risk case and raises a CRITICAL alert', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const done = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'], { cssrs: HIGH_RISK, disposition: 'crisis' })));
    expect(done).toMatchObject({ riskLevel: 'high', alertsRaised: 1 });
    expect(expectOk(await core.call('cases.forStudent', { studentId }))[0]).toMatchObject({ id: done.caseId, riskLevel: 'high', status: 'intake' });
    const alerts = expectOk(await core.call('alerts.list', {}));
    expect(alerts).toEqual([expect.objectContaining({ source: 'assessment', assessmentId: done.assessmentId, code: 'CSSRS_TRIAGE_HIGH', level: 'CRITICAL' })]);
  });

  it('refuses a minor without a guardian, writing nothing', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const { id: reportId } = expectOk(await core.call('reports.create', peerReport(studentId)));
    const input = intakeInput(studentId, accounts['wang.zixun'], { reportId });
    const minor = { ...input, consent: { ...input.consent, minor: true, guardianName: '', guardianRelation: null } };
    const error = expectError(await core.call('cases.intake', minor), 'VALIDATION');
    const issues = error.details.issues as { path: unknown[]; message: string }[];
    expect(issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['consent.guardianName', 'consent.guardianRelation', 'consent.guardianConsentedAt']),
    );
    expect(issues.find((i) => i.path.join('.') === 'consent.guardianRelation')?.message).toBe('guardianRequired');
    // Without the limits of confidentiality acknowledged, no intake either.
    expectError(await core.call('cases.intake', { ...input, consent: { ...input.consent, confidentialityLimitsExplained: false } }), 'VALIDATION');
    expectError(await core.call('cases.intake', { ...input, concerns: [] }), 'VALIDATION');
    expectError(await core.call('cases.intake', { ...input, concerns: ['other'] }), 'VALIDATION');
    for (const table of ['cases', 'intakes', 'assessments', 'alerts']) expect(count(core, table), table).toBe(0);
    expect(expectOk(await core.call('reports.get', { id: reportId })).status).toBe('new');

    const withGuardian = {
      ...minor,
      consent: { ...minor.consent, guardianName: '测试家长', guardianRelation: '母亲', guardianConsentedAt: '2026-09-01T07:30:00.000Z' },
    };
    expectOk(await core.call('cases.intake', withGuardian));
  });

  it('assigns only to an enabled clinical account, writing nothing otherwise', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const { id: reportId } = expectOk(await core.call('reports.create', peerReport(studentId)));
    expectError(await core.call('cases.intake', intakeInput(studentId, accounts['zhao.jiedai'], { reportId })), 'VALIDATION', 'caseCounselorNotClinical');
    expectError(await core.call('cases.intake', intakeInput(studentId, accounts['liaison1'], { reportId })), 'VALIDATION', 'caseCounselorNotClinical');
    for (const table of ['cases', 'intakes', 'assessments']) expect(count(core, table), table).toBe(0);
    const counselors = expectOk(await core.call('cases.counselors', {})).map((c: any) => c.id);
    expect(counselors.sort()).toEqual([accounts.admin01, accounts['wang.zixun'], accounts['li.zixun']].sort());
  });
});

describe('cases (个案)', () => {
  async function openCase() {
    const made = await setUpCounselingCenter();
    const done = expectOk(await made.core.call('cases.intake', intakeInput(made.studentId, made.accounts['wang.zixun'])));
    return { ...made, caseId: done.caseId as string };
  }

  /** Every move the machine does not allow from `from` is refused with a reason, and changes nothing. */
  async function refusesAllButAllowed(core: any, caseId: string, from: (typeof CASE_STATUSES)[number]) {
    for (const to of CASE_STATUSES) {
      if (CASE_TRANSITIONS[from].includes(to)) continue;
      const error = expectError(await core.call('cases.setStatus', { id: caseId, status: to, ...CLOSING }), 'CONFLICT', 'caseTransitionNotAllowed');
      expect(error.details).toMatchObject({ from, to });
    }
    expect(
      expectOk(await core.call('cases.forStudent', { studentId: expectOk(await core.call('cases.get', { id: caseId })).student.id })).find(
        (c: any) => c.id === caseId,
      ).status,
    ).toBe(from);
  }

  it('walks the state machine: intake -> active <-> on hold -> closed, refusing every other move', async () => {
    const { core, caseId, studentId, accounts } = await openCase();
    await signInAs(core, 'wang.zixun');
    await refusesAllButAllowed(core, caseId, 'intake');
    expect(expectOk(await core.call('cases.setStatus', { id: caseId, status: 'active' })).status).toBe('active');
    await refusesAllButAllowed(core, caseId, 'active');
    expect(expectOk(await core.call('cases.setStatus', { id: caseId, status: 'on_hold' })).status).toBe('on_hold');
    await refusesAllButAllowed(core, caseId, 'on_hold');
    expect(expectOk(await core.call('cases.setStatus', { id: caseId, status: 'active' })).status).toBe('active');
    expect(expectOk(await core.call('cases.setStatus', { id: caseId, status: 'on_hold' })).status).toBe('on_hold');

    // Closing needs both a reason and a summary.
    const missing = expectError(await core.call('cases.setStatus', { id: caseId, status: 'closed' }), 'VALIDATION');
    expect((missing.details.issues as { path: string[] }[]).map((i) => i.path[0]).sort()).toEqual(['closingReason', 'closingSummary']);
    expectError(await core.call('cases.setStatus', { id: caseId, status: 'closed', closingReason: 'goals_met', closingSummary: '   ' }), 'VALIDATION');
    const closed = expectOk(await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING }));
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).toBeTruthy();
    await refusesAllButAllowed(core, caseId, 'closed');
    expect(expectOk(await core.call('cases.get', { id: caseId }))).toMatchObject({ closingReason: 'goals_met', closingSummary: CLOSING.closingSummary });
    const audit = core.vault
      .requireStore()
      .sqlite.prepare("SELECT action, details FROM audit_events WHERE entity = 'cases' AND entity_id = ? AND action IN ('status', 'close') ORDER BY seq")
      .all(caseId) as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['status', 'status', 'status', 'status', 'close']);
    expect(audit.map((a) => a.details).join('')).not.toContain('咨询目标达成');

    // Straight from intake, and from active, a case may close too.
    await signInAs(core, 'admin01');
    const second = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun']))).caseId;
    expect(
      expectOk(await core.call('cases.setStatus', { id: second, status: 'closed', closingReason: 'no_contact', closingSummary: '多次联系未果' })).status,
    ).toBe('closed');
    const third = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun']))).caseId;
    expectOk(await core.call('cases.setStatus', { id: third, status: 'active' }));
    expect(expectOk(await core.call('cases.setStatus', { id: third, status: 'closed', closingReason: 'referred', closingSummary: '转介至医院' })).status).toBe(
      'closed',
    );
  });

  it('only the assigned counselor or the director changes status or reassigns; reassignment is audited', async () => {
    const { core, caseId, accounts } = await openCase();
    await signInAs(core, 'li.zixun');
    expectError(await core.call('cases.setStatus', { id: caseId, status: 'active' }), 'FORBIDDEN', 'caseNotYours');
    expectError(await core.call('cases.reassign', { id: caseId, counselorId: accounts['li.zixun'] }), 'FORBIDDEN', 'caseNotYours');

    await signInAs(core, 'wang.zixun');
    expectError(await core.call('cases.reassign', { id: caseId, counselorId: accounts['wang.zixun'] }), 'CONFLICT', 'caseSameCounselor');
    expectError(await core.call('cases.reassign', { id: caseId, counselorId: accounts['zhao.jiedai'] }), 'VALIDATION', 'caseCounselorNotClinical');
    const moved = expectOk(await core.call('cases.reassign', { id: caseId, counselorId: accounts['li.zixun'] }));
    expect(moved.counselor).toEqual({ id: accounts['li.zixun'], displayName: 'li.zixun' });
    const event = core.vault
      .requireStore()
      .sqlite.prepare("SELECT actor_id, details FROM audit_events WHERE entity = 'cases' AND entity_id = ? AND action = 'reassign'")
      .get(caseId) as { actor_id: string; details: string };
    expect(event.actor_id).toBe(accounts['wang.zixun']);
    expect(JSON.parse(event.details)).toMatchObject({ from: accounts['wang.zixun'], to: accounts['li.zixun'] });
    // No longer assigned: the former counselor may not move it.
    expectError(await core.call('cases.setStatus', { id: caseId, status: 'active' }), 'FORBIDDEN', 'caseNotYours');

    await signInAs(core, 'admin01');
    expectOk(await core.call('cases.reassign', { id: caseId, counselorId: accounts['wang.zixun'] }));
    expectOk(await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING }));
    expectError(await core.call('cases.reassign', { id: caseId, counselorId: accounts['li.zixun'] }), 'CONFLICT', 'caseNotOpen');
  });

  it('another counselor needs break-glass to read the intake: refused, then opened with a reason, recorded', async () => {
    const { core, caseId, accounts } = await openCase();
    await signInAs(core, 'wang.zixun');
    expect(expectOk(await core.call('cases.get', { id: caseId })).access).toBe('assigned');

    await signInAs(core, 'li.zixun');
    const refused = expectError(await core.call('cases.get', { id: caseId }), 'FORBIDDEN', 'breakGlassRequired');
    expect(refused.details.caseId).toBe(caseId);
    expect(JSON.stringify(refused)).not.toContain('适应压力');
    expectError(await core.call('cases.get', { id: caseId, breakGlassReason: 'ab' }), 'FORBIDDEN', 'breakGlassRequired');
    expect(count(core, 'break_glass_accesses')).toBe(0);

    const opened = expectOk(await core.call('cases.get', { id: caseId, breakGlassReason: '值班时学生来电，需要了解风险情况' }));
    expect(opened.access).toBe('break_glass');
    expect(opened.intake.impression).toBe('适应压力（合成数据）');
    const row = core.vault.requireStore().sqlite.prepare('SELECT account_id, entity, entity_id, reason, review FROM break_glass_accesses').get() as Record<
      string,
      string
    >;
    expect(row).toEqual({
      account_id: accounts['li.zixun'],
      entity: 'cases',
      entity_id: caseId,
      reason: '值班时学生来电，需要了解风险情况',
      review: 'pending',
    });
    const actions = core.vault
      .requireStore()
      .sqlite.prepare('SELECT action FROM audit_events WHERE actor_id = ? ORDER BY seq')
      .pluck()
      .all(accounts['li.zixun']);
    expect(actions).toEqual(expect.arrayContaining(['break_glass', 'view']));
    // Listing stays metadata: every clinician may list all cases.
    expect(expectOk(await core.call('cases.list', { scope: 'all' })).map((c: any) => c.id)).toEqual([caseId]);
    expect(expectOk(await core.call('cases.list', { scope: 'mine' }))).toEqual([]);
  });

  it('a liaison sees that their student has an open case and its risk level, nothing more', async () => {
    const { core, caseId, studentId, otherStudentId } = await openCase();
    expectOk(await core.call('cases.intake', intakeInput(studentId, ((await core.call('cases.counselors', {})) as any).value[0].id, { cssrs: HIGH_RISK })));
    await signInAs(core, 'liaison1');
    expect(expectOk(await core.call('cases.studentStatus', { studentId }))).toEqual({ hasOpenCase: true, riskLevel: 'high' });
    expectError(await core.call('cases.studentStatus', { studentId: otherStudentId }), 'NOT_FOUND', 'studentNotFound');
    for (const [channel, input] of [
      ['cases.get', { id: caseId, breakGlassReason: '我是辅导员，想了解情况' }],
      ['cases.list', { scope: 'all' }],
      ['cases.forStudent', { studentId }],
      ['cases.setStatus', { id: caseId, status: 'active' }],
      ['cases.intake', intakeInput(studentId, 'x')],
    ] as const) {
      expectError(await core.call(channel, input), 'FORBIDDEN');
    }
    expect(expectOk(await core.call('students.timeline', { studentId })).some((e: any) => e.kind === 'case')).toBe(false);

    await signInAs(core, 'admin01');
    expect(expectOk(await core.call('cases.studentStatus', { studentId: otherStudentId }))).toEqual({ hasOpenCase: false, riskLevel: null });
    const timeline = expectOk(await core.call('students.timeline', { studentId })).filter((e: any) => e.kind === 'case');
    expect(timeline.map((e: any) => e.titleKey)).toEqual(['cases.timeline.opened', 'cases.timeline.opened']);
    expect(timeline[0].values).toEqual({ caseNo: expect.stringMatching(/^2026-000[12]$/) });
  });

  it('lists by scope and status', async () => {
    const { core, caseId, studentId, accounts } = await openCase();
    const other = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts.admin01))).caseId;
    expectOk(await core.call('cases.setStatus', { id: other, status: 'active' }));
    expect(expectOk(await core.call('cases.list', { scope: 'mine' })).map((c: any) => c.id)).toEqual([other]);
    expect(expectOk(await core.call('cases.list', { scope: 'all', status: 'intake' })).map((c: any) => c.id)).toEqual([caseId]);
    expect(expectOk(await core.call('cases.list', { scope: 'all', status: 'open' }))).toHaveLength(2);
    expect(expectOk(await core.call('cases.list', { scope: 'all', status: 'closed' }))).toEqual([]);
    expectError(await core.call('cases.get', { id: 'nope' }), 'NOT_FOUND', 'caseNotFound');
  });
});

describe('closing a case of a student at risk (item 15)', () => {
  it('a high C-SSRS case: the counselor asks, the director approves with the case closing as asked', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const { caseId } = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'], { cssrs: HIGH_RISK, disposition: 'crisis' })));
    expect(expectOk(await core.call('cases.get', { id: caseId })).closeRisk).toMatchObject({ cssrsHigh: true, riskHigh: true, eventId: null });
    await signInAs(core, 'wang.zixun');
    const refused = expectError(await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING }), 'CONFLICT', 'caseCloseNeedsApproval');
    expect(refused.details).toMatchObject({ cssrsHigh: true, riskHigh: true });
    expectError(await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING, approvalReason: '无' }), 'VALIDATION');
    const asked = expectOk(
      await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING, approvalReason: '复评 C-SSRS 已为低风险，学生同意结案（合成）' }),
    );
    expect(asked).toMatchObject({
      status: 'intake',
      pendingClose: { reason: '复评 C-SSRS 已为低风险，学生同意结案（合成）', closingReason: 'goals_met', requestedBy: { id: accounts['wang.zixun'] } },
    });
    expectError(
      await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING, approvalReason: '再次申请结案（合成）' }),
      'CONFLICT',
      'approvalAlreadyPending',
    );
    expectError(await core.call('cases.decideClose', { requestId: asked.pendingClose.id, approve: true }), 'FORBIDDEN');

    await signInAs(core, 'admin01');
    const closed = expectOk(await core.call('cases.decideClose', { requestId: asked.pendingClose.id, approve: true, note: '同意（合成）' }));
    expect(closed).toMatchObject({ status: 'closed', pendingClose: null });
    expect(expectOk(await core.call('cases.get', { id: caseId }))).toMatchObject({
      closingReason: 'goals_met',
      closingSummary: CLOSING.closingSummary,
      closeRisk: null,
    });
  });

  it('a crisis event under way: the director closes only with a reason, kept as approved; a declined request leaves the case open', async () => {
    const { core, studentId, accounts } = await setUpCounselingCenter();
    const { caseId } = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun'])));
    const second = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun']))).caseId;
    // Before any risk, a close needs nothing more.
    const third = expectOk(await core.call('cases.intake', intakeInput(studentId, accounts['wang.zixun']))).caseId;
    expect(expectOk(await core.call('cases.setStatus', { id: third, status: 'closed', ...CLOSING })).status).toBe('closed');
    const event = makeEvent(core, studentId);
    const refused = expectError(await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING }), 'CONFLICT', 'caseCloseNeedsApproval');
    expect(refused.details).toMatchObject({ eventId: event.id, eventNo: event.eventNo, cssrsHigh: false });
    // Other moves are not held back.
    expect(expectOk(await core.call('cases.setStatus', { id: caseId, status: 'active' })).status).toBe('active');
    const closed = expectOk(
      await core.call('cases.setStatus', { id: caseId, status: 'closed', ...CLOSING, approvalReason: '学生转入医院住院治疗，个案由危机事件继续跟进（合成）' }),
    );
    expect(closed.status).toBe('closed');
    const kept = core.vault
      .requireStore()
      .sqlite.prepare("SELECT status, requested_by, decided_by, reason FROM approval_requests WHERE kind = 'caseClose' AND subject_id = ?")
      .get(caseId);
    expect(kept).toEqual({
      status: 'approved',
      requested_by: accounts.admin01,
      decided_by: accounts.admin01,
      reason: '学生转入医院住院治疗，个案由危机事件继续跟进（合成）',
    });

    await signInAs(core, 'wang.zixun');
    const asked = expectOk(await core.call('cases.setStatus', { id: second, status: 'closed', ...CLOSING, approvalReason: '学生要求结束咨询（合成）' }));
    await signInAs(core, 'admin01');
    expectError(await core.call('cases.decideClose', { requestId: asked.pendingClose.id, approve: false }), 'VALIDATION');
    const open = expectOk(await core.call('cases.decideClose', { requestId: asked.pendingClose.id, approve: false, note: '危机事件进行中，暂不结案（合成）' }));
    expect(open).toMatchObject({ status: 'intake', pendingClose: null });
  });
});
