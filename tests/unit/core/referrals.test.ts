import { describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract';
import { DEFAULT_CRISIS_LINES } from '../../../src-shared/contract/referrals';
import { expectError, expectOk } from './helpers';
import { auditRows, insertTestEvent, referralsWorld } from './referrals-fixture';

const NOW = '2026-09-01T08:00:00.000Z';
const GUARDIAN_CALL = {
  recipientKind: 'guardian',
  recipientName: '测试家长（母亲）',
  method: 'phone',
  notifiedAt: '2026-09-01T07:30:00.000Z',
  content: '测试：告知学生目前情绪状况及到校安排',
  basis: '生命安全例外，需监护人知情',
} as const;
const REFERRAL = {
  hospital: '测试市精神卫生中心',
  hospitalDepartment: '心理科',
  referredOn: '2026-09-01',
  escort: '王咨询、测试家长',
  letterText: '测试：近两周情绪低落、睡眠差，建议专科评估。',
  consentToShare: true,
  consentBy: '测试学生甲',
} as const;
const SECTIONS = {
  warningSigns: ['连续失眠', '不想见人'],
  copingStrategies: ['听音乐'],
  distractions: ['去操场跑步'],
  helpers: ['室友 测试同学'],
  professionals: ['全国心理援助热线 12356'],
  safeEnvironment: ['药物交由家长保管'],
};

describe('notifications made (通知记录)', () => {
  it('adds a notification with who, how, when, what and basis; append-only, the audit holds no content', async () => {
    const { core, event, as } = await referralsWorld();
    await as('wang.zx');
    const made = expectOk(await core.call('crisis.notifications.add', { eventId: event.id, ...GUARDIAN_CALL }));
    expect(made).toMatchObject({ ...GUARDIAN_CALL, eventId: event.id, notifiedBy: { displayName: '王咨询' } });
    const correction = expectOk(
      await core.call('crisis.notifications.add', {
        eventId: event.id,
        ...GUARDIAN_CALL,
        notifiedAt: '2026-09-01T07:45:00.000Z',
        content: `更正 ${made.id}：通话时间为 15:45`,
      }),
    );
    const list = expectOk(await core.call('crisis.notifications.list', { eventId: event.id }));
    expect(list.map((n: { id: string }) => n.id)).toEqual([made.id, correction.id]);
    // Nothing to edit or delete a notification with: the contract has only list and add.
    expect(Object.keys(channels).filter((name) => name.startsWith('crisis.notifications.'))).toEqual(['crisis.notifications.list', 'crisis.notifications.add']);
    const audit = auditRows(core, 'crisis_notifications', made.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'view']);
    expect(audit.map((a) => a.details).join()).not.toContain('通话');
    expect(audit[0].details).not.toContain(GUARDIAN_CALL.content);
  });

  it('requires every field, refuses a time in the future, an unknown event and a closed event', async () => {
    const { core, event, student, as } = await referralsWorld();
    await as('wang.zx');
    for (const field of ['recipientName', 'content', 'basis'] as const) {
      expectError(await core.call('crisis.notifications.add', { eventId: event.id, ...GUARDIAN_CALL, [field]: '  ' }), 'VALIDATION');
    }
    const { method: _m, ...noMethod } = GUARDIAN_CALL;
    expectError(await core.call('crisis.notifications.add', { eventId: event.id, ...noMethod }), 'VALIDATION');
    expectError(await core.call('crisis.notifications.add', { eventId: event.id, ...GUARDIAN_CALL, recipientKind: 'neighbour' }), 'VALIDATION');
    expectError(
      await core.call('crisis.notifications.add', { eventId: event.id, ...GUARDIAN_CALL, notifiedAt: '2026-09-01T09:00:00.000Z' }),
      'VALIDATION',
      'notificationInFuture',
    );
    expectError(await core.call('crisis.notifications.add', { eventId: 'nope', ...GUARDIAN_CALL }), 'NOT_FOUND', 'crisisRecordEventNotFound');
    const closed = insertTestEvent(core, student.id, { status: 'closed' });
    expectError(await core.call('crisis.notifications.add', { eventId: closed.id, ...GUARDIAN_CALL }), 'CONFLICT', 'notificationEventClosed');
    expect(expectOk(await core.call('crisis.notifications.list', { eventId: event.id }))).toEqual([]);
  });
});

describe('hospital referrals (转介)', () => {
  it('creates a referral tied to the event and case; consent to share needs who consented', async () => {
    const { core, event, kase, student, as } = await referralsWorld();
    await as('wang.zx');
    const made = expectOk(await core.call('referrals.create', { studentId: student.id, eventId: event.id, caseId: kase.id, ...REFERRAL }));
    expect(made).toMatchObject({
      ...REFERRAL,
      status: 'planned',
      eventId: event.id,
      caseId: kase.id,
      student: { studentNo: '2026990001', name: '测试学生甲' },
      feedback: null,
    });
    const noName = expectError(await core.call('referrals.create', { studentId: student.id, ...REFERRAL, consentBy: ' ' }), 'VALIDATION');
    expect(noName.details.issues?.[0]).toMatchObject({ path: ['consentBy'], message: 'referralConsentByRequired' });
    // Without consent, no one is recorded as having consented.
    const noConsent = expectOk(await core.call('referrals.create', { studentId: student.id, ...REFERRAL, consentToShare: false, consentBy: '测试学生甲' }));
    expect(noConsent).toMatchObject({ consentToShare: false, consentBy: null });
    // An update may not switch consent on without a name either.
    expectError(await core.call('referrals.update', { id: noConsent.id, patch: { consentToShare: true } }), 'VALIDATION', 'referralConsentByRequired');

    // Made on the event's page (no case named), it still belongs to the event's case.
    const fromEvent = expectOk(await core.call('referrals.create', { studentId: student.id, eventId: event.id, ...REFERRAL }));
    expect(fromEvent.caseId).toBe(kase.id);
    expect(
      expectOk(await core.call('referrals.list', { eventId: event.id }))
        .map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([made.id, fromEvent.id].sort());
    expect(expectOk(await core.call('referrals.list', { caseId: kase.id }))).toHaveLength(2);
    expect(expectOk(await core.call('referrals.list', { studentId: student.id }))).toHaveLength(3);
    expectError(await core.call('referrals.list', {}), 'VALIDATION');
    expectError(await core.call('referrals.list', { studentId: student.id, eventId: event.id }), 'VALIDATION');
  });

  it('refuses an event or case of another student', async () => {
    const { core, event, kase, other, as } = await referralsWorld();
    await as('wang.zx');
    expectError(await core.call('referrals.create', { studentId: other.id, eventId: event.id, ...REFERRAL }), 'VALIDATION', 'crisisRecordStudentMismatch');
    expectError(await core.call('referrals.create', { studentId: other.id, caseId: kase.id, ...REFERRAL }), 'VALIDATION', 'crisisRecordStudentMismatch');
    expectError(await core.call('referrals.create', { studentId: 'missing', ...REFERRAL }), 'NOT_FOUND', 'crisisRecordStudentNotFound');
    expectError(await core.call('referrals.create', { studentId: other.id, caseId: 'missing', ...REFERRAL }), 'NOT_FOUND', 'crisisRecordCaseNotFound');
  });

  it('updates while planned or referred; the feedback closes it; printing and reading are audited', async () => {
    const { core, student, as, ids } = await referralsWorld();
    await as('wang.zx');
    const made = expectOk(await core.call('referrals.create', { studentId: student.id, ...REFERRAL }));
    const referred = expectOk(await core.call('referrals.update', { id: made.id, patch: { status: 'referred', escort: '李咨询' } }));
    expect(referred).toMatchObject({ status: 'referred', escort: '李咨询', hospital: REFERRAL.hospital });
    expectError(
      await core.call('referrals.recordFeedback', { id: made.id, feedback: '医院反馈', feedbackOn: '2026-08-30' }),
      'VALIDATION',
      'referralFeedbackBeforeReferral',
    );
    const withFeedback = expectOk(
      await core.call('referrals.recordFeedback', { id: made.id, feedback: '医院反馈：建议门诊随访，两周后复诊', feedbackOn: '2026-09-03' }),
    );
    expect(withFeedback).toMatchObject({ status: 'feedback_received', feedback: '医院反馈：建议门诊随访，两周后复诊', feedbackOn: '2026-09-03' });
    expectError(await core.call('referrals.update', { id: made.id, patch: { escort: '改' } }), 'CONFLICT', 'referralFeedbackRecorded');
    expectError(
      await core.call('referrals.recordFeedback', { id: made.id, feedback: '再次', feedbackOn: '2026-09-04' }),
      'CONFLICT',
      'referralFeedbackRecorded',
    );
    // The feedback can only move forward: a status of feedback_received is not something update takes.
    expectError(await core.call('referrals.update', { id: made.id, patch: { status: 'feedback_received' } }), 'VALIDATION');

    expect(expectOk(await core.call('referrals.recordPrint', { id: made.id }))).toEqual({ printedAt: NOW });
    expectOk(await core.call('referrals.get', { id: made.id }));
    const audit = auditRows(core, 'referrals', made.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'change', 'record-feedback', 'print', 'view']);
    expect(audit.every((a) => a.actor_id === ids['wang.zx'])).toBe(true);
    expect(audit.map((a) => a.details).join()).not.toMatch(/情绪低落|医院反馈/);
    expectError(await core.call('referrals.get', { id: 'missing' }), 'NOT_FOUND', 'referralNotFound');
  });
});

describe('safety plans (安全计划)', () => {
  it('each save writes version n+1; the current is the latest and history keeps all', async () => {
    const { core, student, event, as } = await referralsWorld();
    await as('wang.zx');
    expect(expectOk(await core.call('safetyPlans.current', { studentId: student.id }))).toBeNull();
    const first = expectOk(await core.call('safetyPlans.save', { studentId: student.id, eventId: event.id, sections: SECTIONS, basedOnVersion: 0 }));
    expect(first).toMatchObject({ version: 1, sections: SECTIONS, eventId: event.id, createdBy: { displayName: '王咨询' } });
    const changed = { ...SECTIONS, copingStrategies: ['听音乐', '写日记'] };
    const second = expectOk(await core.call('safetyPlans.save', { studentId: student.id, sections: changed, basedOnVersion: 1 }));
    // The new version keeps the event of the one before.
    expect(second).toMatchObject({ version: 2, sections: changed, eventId: event.id });
    expect(expectOk(await core.call('safetyPlans.current', { studentId: student.id }))).toMatchObject({ id: second.id, version: 2 });
    const history = expectOk(await core.call('safetyPlans.history', { studentId: student.id }));
    expect(history.map((p: { version: number }) => p.version)).toEqual([2, 1]);
    expect(history[1].sections).toEqual(SECTIONS);
    expect(expectOk(await core.call('safetyPlans.get', { id: first.id })).version).toBe(1);
    // A save over a version the writer has not seen is refused.
    expectError(await core.call('safetyPlans.save', { studentId: student.id, sections: SECTIONS, basedOnVersion: 1 }), 'CONFLICT', 'safetyPlanStale');
    expect(expectOk(await core.call('safetyPlans.save', { studentId: student.id, sections: SECTIONS })).version).toBe(3);
    expect(expectOk(await core.call('safetyPlans.recordPrint', { id: second.id }))).toEqual({ printedAt: NOW });
    expect(auditRows(core, 'safety_plans', second.id).map((a) => a.action)).toEqual(['create', 'view', 'view', 'print']);
    expectError(await core.call('safetyPlans.get', { id: 'missing' }), 'NOT_FOUND', 'safetyPlanNotFound');
  });

  it('needs an entry in warning signs, helpers and professionals', async () => {
    const { core, student, as } = await referralsWorld();
    await as('li.zx');
    for (const key of ['warningSigns', 'helpers', 'professionals'] as const) {
      const error = expectError(await core.call('safetyPlans.save', { studentId: student.id, sections: { ...SECTIONS, [key]: [] } }), 'VALIDATION');
      expect(error.details.issues?.[0]).toMatchObject({ path: ['sections', key], message: 'safetyPlanSectionRequired' });
    }
    // The other three may stay empty.
    const minimal = { ...SECTIONS, copingStrategies: [], distractions: [], safeEnvironment: [] };
    expect(expectOk(await core.call('safetyPlans.save', { studentId: student.id, sections: minimal })).version).toBe(1);
    expectError(await core.call('safetyPlans.save', { studentId: student.id, sections: { ...SECTIONS, helpers: ['  '] } }), 'VALIDATION');
    expectError(await core.call('safetyPlans.save', { studentId: student.id, sections: { ...SECTIONS, diagnosis: ['x'] } }), 'VALIDATION');
  });

  it('crisis lines: a default list, changed only with settings.manage', async () => {
    const { core, as } = await referralsWorld();
    await as('wang.zx');
    const defaults = expectOk(await core.call('crisis.lines', {}));
    expect(defaults).toEqual(DEFAULT_CRISIS_LINES);
    expect(defaults.map((l: { phone: string }) => l.phone)).toEqual(['', '12356', '120', '110']);
    expectError(await core.call('crisis.setLines', { lines: [] }), 'FORBIDDEN');
    await as('admin01');
    const lines = [
      { name: '学校心理中心值班电话', phone: '010-00000000', note: '工作日 8:00-22:00' },
      { name: '全国心理援助热线', phone: '12356', note: '' },
    ];
    expect(expectOk(await core.call('crisis.setLines', { lines }))).toEqual(lines);
    expectError(await core.call('crisis.setLines', { lines: [{ name: '', phone: '1', note: '' }] }), 'VALIDATION');
    await as('zhou.jd');
    expect(expectOk(await core.call('crisis.lines', {}))).toEqual(lines);
  });
});

describe('who may use the referrals channels', () => {
  it('non-clinical roles (liaison, reception) are refused every channel of the module', async () => {
    const { core, event, student, as } = await referralsWorld();
    await as('wang.zx');
    const referral = expectOk(await core.call('referrals.create', { studentId: student.id, ...REFERRAL }));
    const plan = expectOk(await core.call('safetyPlans.save', { studentId: student.id, sections: SECTIONS }));
    const calls: [string, unknown][] = [
      ['crisis.notifications.list', { eventId: event.id }],
      ['crisis.notifications.add', { eventId: event.id, ...GUARDIAN_CALL }],
      ['referrals.list', { studentId: student.id }],
      ['referrals.get', { id: referral.id }],
      ['referrals.create', { studentId: student.id, ...REFERRAL }],
      ['referrals.update', { id: referral.id, patch: { escort: 'x' } }],
      ['referrals.recordFeedback', { id: referral.id, feedback: 'x', feedbackOn: '2026-09-02' }],
      ['referrals.recordPrint', { id: referral.id }],
      ['safetyPlans.current', { studentId: student.id }],
      ['safetyPlans.history', { studentId: student.id }],
      ['safetyPlans.get', { id: plan.id }],
      ['safetyPlans.save', { studentId: student.id, sections: SECTIONS }],
      ['safetyPlans.recordPrint', { id: plan.id }],
      ['crisis.setLines', { lines: [] }],
    ];
    for (const who of ['chen.fdy', 'zhou.jd'] as const) {
      await as(who);
      for (const [channel, input] of calls) expectError(await core.call(channel as never, input as never), 'FORBIDDEN');
    }
    await as('li.zx');
    // Crisis work is a team effort: another counselor on duty reads it (and the read is audited).
    expect(expectOk(await core.call('referrals.get', { id: referral.id })).hospital).toBe(REFERRAL.hospital);
  });

  it('shows referrals, plan versions and disclosures on the student file for clinicians only, without their content', async () => {
    const { core, student, as } = await referralsWorld();
    await as('wang.zx');
    expectOk(await core.call('referrals.create', { studentId: student.id, ...REFERRAL }));
    expectOk(await core.call('safetyPlans.save', { studentId: student.id, sections: SECTIONS }));
    const timeline = expectOk(await core.call('students.timeline', { studentId: student.id }));
    const mine = timeline.filter((e: { titleKey: string }) => e.titleKey.startsWith('referrals.'));
    expect(mine.map((e: { titleKey: string }) => e.titleKey).sort()).toEqual(['referrals.timeline.referral', 'referrals.timeline.safetyPlan']);
    expect(JSON.stringify(mine)).not.toContain('情绪低落');
    await as('chen.fdy');
    const liaisonView = expectOk(await core.call('students.timeline', { studentId: student.id }));
    expect(liaisonView.some((e: { titleKey: string }) => e.titleKey.startsWith('referrals.'))).toBe(false);
  });
});
