import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { destroyRecords } from '../../../src-main/core/archive/destroy-records';
import { expectError, expectOk } from './helpers';
import { notesWorld } from './notes-fixture';
import { insertRegisterPerson } from './register-person-fixture';

async function world() {
  const w = await notesWorld();
  const principal = insertRegisterPerson(w.core, { name: '测试校长', level: 'leadership', role: 'leader', office: '校长办公室' });
  const guard = insertRegisterPerson(w.core, { name: '测试保卫员', level: 'working', role: 'security_staff', office: '保卫处' });
  return { ...w, principal, guard };
}

const escalation = (eventId: string, decidedBy: { personId?: string; name: string }) => ({
  eventId,
  planStartedAt: '2026-09-01T07:50:00.000Z',
  decidedBy,
  note: '领导小组紧急会议',
});

describe('leadership group in the loop (领导小组)', () => {
  it('a level-1 event is escalated once, with decisions tracked to done; open decisions show on the workbench list', async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '1', description: '合成危机描述' }));
    expect(expectOk(await w.core.call('leadership.forEvent', { eventId: event.id }))).toMatchObject({
      eligible: true,
      topLevel: '1',
      escalation: null,
      decisions: [],
    });
    const esc = expectOk(await w.core.call('leadership.escalate', escalation(event.id, { personId: w.principal.id, name: '校长' })));
    expect(esc).toMatchObject({ decidedBy: { personId: w.principal.id, name: '测试校长' }, level: '1', recordedBy: { displayName: '王咨询' } });
    expectError(await w.core.call('leadership.escalate', escalation(event.id, { name: '某人' })), 'CONFLICT', 'leadershipAlreadyEscalated');
    const guard = expectOk(
      await w.core.call('leadership.addDecision', {
        escalationId: esc.id,
        text: '保卫处加强宿舍巡查',
        assignee: { personId: w.guard.id, name: '保卫员' },
        dueOn: '2026-08-31',
      }),
    );
    const other = expectOk(await w.core.call('leadership.addDecision', { escalationId: esc.id, text: '院系安排专人陪护', assignee: { name: '院系负责人' } }));
    expect(guard).toMatchObject({ status: 'open', assignee: { personId: w.guard.id, name: '测试保卫员' } });
    const open = expectOk(await w.core.call('leadership.openDecisions', {}));
    expect(open.rows.map((r: { id: string; overdue: boolean; eventNo: string }) => [r.id, r.overdue, r.eventNo])).toEqual([
      [guard.id, true, event.eventNo],
      [other.id, false, event.eventNo],
    ]);
    const done = expectOk(await w.core.call('leadership.completeDecision', { decisionId: guard.id, note: '已落实' }));
    expect(done).toMatchObject({ status: 'done', doneNote: '已落实', doneRecordedBy: { displayName: '王咨询' } });
    expectError(await w.core.call('leadership.completeDecision', { decisionId: guard.id }), 'CONFLICT', 'leadershipDecisionDone');
    expect(expectOk(await w.core.call('leadership.openDecisions', {})).rows.map((r: { id: string }) => r.id)).toEqual([other.id]);
    // Lowering the level keeps the escalation and its open decision in view.
    expectOk(await w.core.call('crisis.setLevel', { id: event.id, level: '2', reason: '情况稳定（合成）' }));
    const after = expectOk(await w.core.call('leadership.forEvent', { eventId: event.id }));
    expect(after.eligible).toBe(true);
    expect(after.decisions.map((d: { status: string }) => d.status)).toEqual(['done', 'open']);
  });

  it('refuses an event below the top level, a future start and an unknown register person; writes nothing', async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '2', description: '合成危机描述' }));
    const count = () => w.core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM leadership_escalations').pluck().get();
    expect(expectOk(await w.core.call('leadership.forEvent', { eventId: event.id })).eligible).toBe(false);
    expectError(await w.core.call('leadership.escalate', escalation(event.id, { name: '校长' })), 'CONFLICT', 'leadershipNotTopLevel');
    expectOk(await w.core.call('crisis.setLevel', { id: event.id, level: '1', reason: '升级（合成）' }));
    expectError(
      await w.core.call('leadership.escalate', { ...escalation(event.id, { name: '校长' }), planStartedAt: '2026-09-02T07:50:00.000Z' }),
      'VALIDATION',
      'leadershipInFuture',
    );
    expectError(await w.core.call('leadership.escalate', escalation(event.id, { personId: 'nobody', name: '校长' })), 'VALIDATION', 'registerPersonNotFound');
    expect(count()).toBe(0);
    // Liaisons and reception have no part in it.
    await w.as('chen.fdy');
    expectError(await w.core.call('leadership.forEvent', { eventId: event.id }), 'FORBIDDEN');
  });

  it('template and level-scheme versions show as awaiting approval until the group’s approval is recorded', async () => {
    const w = await world();
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '2', description: '合成' }));
    void event;
    let state = expectOk(await w.core.call('leadership.approvals', {}));
    expect(state.templates.map((t: { version: number; approval: unknown }) => [t.version, t.approval])).toEqual([[1, null]]);
    expect(state.levels.approval).toBeNull();
    const approval = expectOk(
      await w.core.call('leadership.recordApproval', {
        subject: 'crisis_template',
        subjectRef: state.templates[0].id,
        approvedOn: '2026-08-30',
        meeting: '2026年第3次领导小组会议',
        minutesRef: '纪要〔2026〕3号',
      }),
    );
    expect(approval).toMatchObject({ approvedOn: '2026-08-30', meeting: '2026年第3次领导小组会议', recordedBy: { displayName: '管理员甲' } });
    expectError(
      await w.core.call('leadership.recordApproval', { subject: 'crisis_template', subjectRef: state.templates[0].id, approvedOn: '2026-08-30', meeting: 'x' }),
      'CONFLICT',
      'leadershipAlreadyApproved',
    );
    expectOk(
      await w.core.call('leadership.recordApproval', {
        subject: 'crisis_levels',
        subjectRef: state.levels.digest,
        approvedOn: '2026-08-30',
        meeting: '2026年第3次领导小组会议',
      }),
    );
    // A new template version and a changed level scheme are new versions: 待审定 again.
    const templates = expectOk(await w.core.call('crisis.templates', {}));
    expectOk(await w.core.call('crisis.saveTemplate', { definition: templates[0].definition, name: '修订流程' }));
    const oldDigest = state.levels.digest;
    const levels = expectOk(await w.core.call('crisis.levels', {}));
    expectOk(
      await w.core.call('crisis.setLevels', { levels: levels.map((l: { cadenceDays: number }, i: number) => (i === 2 ? { ...l, cadenceDays: 21 } : l)) }),
    );
    state = expectOk(await w.core.call('leadership.approvals', {}));
    expect(state.templates.map((t: { version: number; approval: unknown }) => [t.version, t.approval === null])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(state.levels.approval).toBeNull();
    // Approving the scheme the page showed before the change is refused.
    expectError(
      await w.core.call('leadership.recordApproval', { subject: 'crisis_levels', subjectRef: oldDigest, approvedOn: '2026-08-30', meeting: 'x' }),
      'CONFLICT',
      'leadershipLevelsChanged',
    );
    await w.as('wang.zx');
    expectError(
      await w.core.call('leadership.recordApproval', { subject: 'crisis_levels', subjectRef: state.levels.digest, approvedOn: '2026-08-30', meeting: 'x' }),
      'FORBIDDEN',
    );
  });

  it('the work report text is saved per period and its delivery recorded; a report not written cannot be delivered', async () => {
    const w = await world();
    const period = { kind: 'semester', schoolYear: 2026, term: 'autumn' } as const;
    const delivery = { period, deliveredOn: '2026-09-01', recipients: [{ personId: w.principal.id, name: '校长' }], way: 'meeting' };
    expectError(await w.core.call('leadership.recordDelivery', delivery), 'CONFLICT', 'workReportNotWritten');
    expect(expectOk(await w.core.call('leadership.workReport', { period }))).toMatchObject({ id: null, progress: '' });
    expectOk(await w.core.call('leadership.saveWorkReport', { period, progress: '本学期完成新生普查', problems: '专职人员不足', suggestions: '增设专职岗位' }));
    const saved = expectOk(
      await w.core.call('leadership.saveWorkReport', { period, progress: '本学期完成新生普查与回访', problems: '专职人员不足', suggestions: '增设专职岗位' }),
    );
    expect(saved).toMatchObject({ progress: '本学期完成新生普查与回访', updatedBy: { displayName: '管理员甲' } });
    const delivered = expectOk(await w.core.call('leadership.recordDelivery', delivery));
    expect(delivered.deliveries).toMatchObject([{ deliveredOn: '2026-09-01', way: 'meeting', recipients: [{ personId: w.principal.id, name: '测试校长' }] }]);
    // The 工作总结数据 file carries the written part with the figures.
    const file = expectOk(await w.core.call('statistics.workReport', { period, timeZone: 'Asia/Shanghai' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
    expect(workbook.worksheets[0].name).toBe('工作总结');
    expect(workbook.worksheets[0].getRow(2).values).toEqual([undefined, '工作进展', '本学期完成新生普查与回访']);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('家校沟通');
    // Another period has its own text.
    expect(expectOk(await w.core.call('leadership.workReport', { period: { kind: 'schoolYear', schoolYear: 2026 } })).progress).toBe('');
    const sqlite = w.core.vault.requireStore().sqlite;
    expect(sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'work_report_texts'").pluck().get()).toBe(2);
    // A counselor reads the report but does not write it.
    await w.as('wang.zx');
    expect(expectOk(await w.core.call('leadership.workReport', { period })).deliveries).toHaveLength(1);
    expectError(await w.core.call('leadership.saveWorkReport', { period, progress: 'x', problems: '', suggestions: '' }), 'FORBIDDEN');
  });

  it("destroying a student's crisis event and care records takes its escalation, decisions and family contacts with it", async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '1', description: '合成' }));
    const esc = expectOk(await w.core.call('leadership.escalate', escalation(event.id, { name: '校长' })));
    expectOk(await w.core.call('leadership.addDecision', { escalationId: esc.id, text: '合成决定', assignee: { name: '某人' } }));
    expectOk(
      await w.core.call('family.add', {
        studentId: w.student.id,
        contactedAt: '2026-09-01T07:00:00.000Z',
        way: 'phone',
        targetKind: 'other',
        target: { name: '测试家长' },
        purpose: '合成',
        summary: '合成',
      }),
    );
    const store = w.core.vault.requireStore();
    const { counts } = store.uow.run(w.core.vault.actor(), (tx) =>
      destroyRecords(
        tx,
        w.student.id,
        [
          { kind: 'crisis', id: event.id },
          { kind: 'care', id: w.student.id },
        ] as never,
        'req-test',
      ),
    );
    expect(counts).toMatchObject({ leadership_escalations: 1, leadership_decisions: 1, family_contacts: 1, crisis_events: 1 });
    for (const table of ['leadership_escalations', 'leadership_decisions', 'family_contacts'])
      expect(store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
  });
});
