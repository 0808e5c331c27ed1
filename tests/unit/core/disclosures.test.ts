import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from './helpers';
import { auditRows, referralsWorld } from './referrals-fixture';

const SHARED = '测试：学生近期有自伤计划，需家长陪同就医';
const DISCLOSURE = {
  trigger: 'danger_to_self',
  basis: '学生存在自伤风险，依据保密例外告知监护人',
  recipients: ['测试家长（母亲）', '文学院分管副书记'],
  shared: SHARED,
  disclosedAt: '2026-09-01T07:00:00.000Z',
} as const;

describe('confidentiality exceptions (保密例外)', () => {
  it('a counselor records a disclosure; it is pending (not final) until the director approves', async () => {
    const { core, student, event, kase, as, ids } = await referralsWorld();
    await as('wang.zx');
    const made = expectOk(await core.call('disclosures.create', { studentId: student.id, eventId: event.id, caseId: kase.id, ...DISCLOSURE }));
    expect(made).toMatchObject({ ...DISCLOSURE, status: 'pending_approval', final: false, approver: null, disclosedBy: { displayName: '王咨询' } });
    // Counselors cannot approve, nor see the director's queue.
    expectError(await core.call('disclosures.decide', { id: made.id, decision: 'approve' }), 'FORBIDDEN');
    expectError(await core.call('disclosures.pending', {}), 'FORBIDDEN');

    await as('admin01');
    expect(expectOk(await core.call('disclosures.pending', {})).map((d: { id: string }) => d.id)).toEqual([made.id]);
    const approved = expectOk(await core.call('disclosures.decide', { id: made.id, decision: 'approve', note: '同意' }));
    expect(approved).toMatchObject({
      status: 'approved',
      final: true,
      approver: { id: ids['admin01'] },
      decisionNote: '同意',
      decidedAt: '2026-09-01T08:00:00.000Z',
    });
    expect(expectOk(await core.call('disclosures.pending', {}))).toEqual([]);
    expectError(await core.call('disclosures.decide', { id: made.id, decision: 'reject', note: '改主意' }), 'CONFLICT', 'disclosureNotPending');

    for (const filter of [{ studentId: student.id }, { eventId: event.id }, { caseId: kase.id }]) {
      expect(expectOk(await core.call('disclosures.list', filter)).map((d: { status: string }) => d.status)).toEqual(['approved']);
    }
    const audit = auditRows(core, 'disclosures', made.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'view', 'disclose', 'view', 'view', 'view']);
    expect(audit.find((a) => a.action === 'disclose')!.actor_id).toBe(ids['admin01']);
    // The audit never holds what was shared, nor to whom by name.
    expect(audit.map((a) => a.details).join()).not.toMatch(/自伤计划|测试家长/);
  });

  it('a rejection needs a note and is not final either; only pending ones can be decided', async () => {
    const { core, student, as } = await referralsWorld();
    await as('li.zx');
    const made = expectOk(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, trigger: 'legal_duty' }));
    await as('admin01');
    const noNote = expectError(await core.call('disclosures.decide', { id: made.id, decision: 'reject' }), 'VALIDATION');
    expect(noNote.details.issues?.[0]).toMatchObject({ path: ['note'], message: 'disclosureRejectNoteRequired' });
    const rejected = expectOk(await core.call('disclosures.decide', { id: made.id, decision: 'reject', note: '依据不足，请补充说明' }));
    expect(rejected).toMatchObject({ status: 'rejected', final: false, decisionNote: '依据不足，请补充说明' });
    expectError(await core.call('disclosures.decide', { id: made.id, decision: 'approve' }), 'CONFLICT', 'disclosureNotPending');
    expect(auditRows(core, 'disclosures', made.id).map((a) => a.action)).toContain('reject-disclosure');
    expect(auditRows(core, 'disclosures', made.id).map((a) => a.action)).not.toContain('disclose');
    expectError(await core.call('disclosures.decide', { id: 'missing', decision: 'approve' }), 'NOT_FOUND', 'disclosureNotFound');
  });

  it('validates trigger, recipients, basis, shared and time', async () => {
    const { core, student, other, event, as } = await referralsWorld();
    await as('wang.zx');
    const empty = expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, recipients: [] }), 'VALIDATION');
    expect(empty.details.issues?.[0]).toMatchObject({ path: ['recipients'], message: 'disclosureRecipientsRequired' });
    expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, recipients: [' '] }), 'VALIDATION');
    expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, trigger: 'curiosity' }), 'VALIDATION');
    expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, basis: '' }), 'VALIDATION');
    expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, shared: '' }), 'VALIDATION');
    expectError(
      await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, disclosedAt: '2026-09-02T08:00:00.000Z' }),
      'VALIDATION',
      'disclosureInFuture',
    );
    expectError(await core.call('disclosures.create', { studentId: other.id, eventId: event.id, ...DISCLOSURE }), 'VALIDATION', 'crisisRecordStudentMismatch');
    // Repeated recipients are kept once.
    const made = expectOk(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE, recipients: ['测试家长', '测试家长 '] }));
    expect(made.recipients).toEqual(['测试家长']);
  });

  it('liaison and reception are refused; only the director decides', async () => {
    const { core, student, as } = await referralsWorld();
    await as('wang.zx');
    const made = expectOk(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE }));
    for (const who of ['chen.fdy', 'zhou.jd'] as const) {
      await as(who);
      expectError(await core.call('disclosures.create', { studentId: student.id, ...DISCLOSURE }), 'FORBIDDEN');
      expectError(await core.call('disclosures.list', { studentId: student.id }), 'FORBIDDEN');
      expectError(await core.call('disclosures.pending', {}), 'FORBIDDEN');
      expectError(await core.call('disclosures.decide', { id: made.id, decision: 'approve' }), 'FORBIDDEN');
    }
    await as('li.zx');
    expectError(await core.call('disclosures.decide', { id: made.id, decision: 'approve' }), 'FORBIDDEN');
    expect(expectOk(await core.call('disclosures.list', { studentId: student.id }))[0]).toMatchObject({ status: 'pending_approval', final: false });
  });
});
