import { describe, expect, it } from 'vitest';
import { setUpCounselingCenter, signInAs } from './reports-cases-helpers';
import { expectError, expectOk } from './helpers';

const YEAR = '2026-2027';

/** A center with a 心理委员 (the 文学院 student), a 保卫处 duty entry and a 校医院 entry, none with an account. */
async function withRegister() {
  const made = await setUpCounselingCenter();
  const { core, otherStudentId } = made;
  const peer = expectOk(
    await core.call('network.create', { schoolYear: YEAR, role: 'peer_counselor', studentId: otherStudentId, grade: '2026级', className: '计算机1班' }),
  );
  const guard = expectOk(
    await core.call('network.create', { schoolYear: YEAR, role: 'security_staff', name: '保卫处值班人员', office: '保卫处', phone: '0000-110' }),
  );
  const hospital = expectOk(
    await core.call('network.create', { schoolYear: YEAR, role: 'hospital_staff', name: '校医院急诊', office: '校医院', phone: '0000-120' }),
  );
  return { ...made, peer, guard, hospital };
}

describe('the register where a person is named', () => {
  it('a report records its reporter from the register, with the description and phone kept as words', async () => {
    const { core, studentId, peer } = await withRegister();
    const report = expectOk(
      await core.call('reports.create', { studentId, reporterKind: 'peer_counselor', reporterPersonId: peer.id, signs: ['low_mood'], urgency: 'soon' }),
    );
    const got = expectOk(await core.call('reports.get', { id: report.id }));
    expect(got).toMatchObject({ reporterPersonId: peer.id, reporterName: '计算机学院 2026级计算机1班 心理委员 测试学生乙' });
    // The free-text field is still the fallback, and wins when given.
    const typed = expectOk(
      await core.call('reports.create', { studentId, reporterKind: 'teacher', reporterName: '某任课教师', signs: ['low_mood'], urgency: 'routine' }),
    );
    expect(expectOk(await core.call('reports.get', { id: typed.id }))).toMatchObject({ reporterName: '某任课教师', reporterPersonId: null });
    // A person who left the network can no longer be named; nothing is written.
    expectOk(await core.call('network.retire', { id: peer.id }));
    expectError(
      await core.call('reports.create', { studentId, reporterKind: 'peer_counselor', reporterPersonId: peer.id, signs: ['low_mood'], urgency: 'soon' }),
      'CONFLICT',
      'networkPersonRetired',
    );
    expectError(
      await core.call('reports.create', { studentId, reporterKind: 'peer_counselor', reporterPersonId: 'nope', signs: ['low_mood'], urgency: 'soon' }),
      'NOT_FOUND',
      'networkPersonNotFound',
    );
  });

  it('a crisis step is given to a register person without an account; the recorder says who did it; the step stays on the checklist until then', async () => {
    const { core, studentId, guard, accounts } = await withRegister();
    await signInAs(core, 'wang.zixun');
    const opened = expectOk(await core.call('crisis.open', { studentId, level: '1', description: '宿舍发现学生情绪激动（合成数据）' }));
    const detail = expectOk(await core.call('crisis.get', { id: opened.id }));
    const target = detail.steps.find((s: any) => s.applicable && s.status === 'open' && s.key !== 'closure');
    const assigned = expectOk(await core.call('crisis.assignStep', { stepId: target.id, accountId: null, personId: guard.id }));
    expect(assigned).toMatchObject({ status: 'open', assignedTo: null, assigneePerson: { id: guard.id, name: '保卫处值班人员', phone: '0000-110' } });
    // Giving a step to someone outside the app closes nothing: it is still open, on its timer, and the
    // event cannot be closed while it is.
    const refused = expectError(await core.call('crisis.requestClose', { id: opened.id, summary: '试图关闭（合成）' }), 'CONFLICT', 'crisisStepsOpen');
    expect((refused.details.steps as { id: string }[]).map((s) => s.id)).toContain(target.id);
    const done = expectOk(await core.call('crisis.completeStep', { stepId: target.id, note: '保卫处已到场（合成）', doneByPersonId: guard.id }));
    expect(done).toMatchObject({
      status: 'done',
      doneBy: { id: accounts['wang.zixun'] },
      doneByPerson: { id: guard.id, label: '保卫处 保卫处人员 保卫处值班人员' },
    });
    const audit = core.vault
      .requireStore()
      .sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'crisis_steps' AND action IN ('assign', 'complete') ORDER BY seq")
      .pluck()
      .all() as string[];
    expect(audit.map((d) => JSON.parse(d))).toEqual([
      expect.objectContaining({ assigneePersonId: guard.id }),
      expect.objectContaining({ doneByPersonId: guard.id }),
    ]);
    // Reassigning to an account takes the register person off; an unknown person is refused.
    const other = detail.steps.find((s: any) => s.applicable && s.status === 'open' && s.id !== target.id && s.key !== 'closure');
    expectError(await core.call('crisis.assignStep', { stepId: other.id, accountId: null, personId: 'nope' }), 'NOT_FOUND', 'networkPersonNotFound');
    expect(expectOk(await core.call('crisis.assignStep', { stepId: other.id, accountId: accounts['li.zixun'] })).assigneePerson).toBeNull();
  });

  it('a notification record picks its recipient from the register; key-attention responsible people come from it', async () => {
    const { core, clock, studentId, hospital, peer } = await withRegister();
    await signInAs(core, 'wang.zixun');
    const opened = expectOk(await core.call('crisis.open', { studentId, level: '1', description: '合成数据' }));
    const note = expectOk(
      await core.call('crisis.notifications.add', {
        eventId: opened.id,
        recipientKind: 'hospital',
        recipientName: hospital.name,
        recipientPersonId: hospital.id,
        method: 'phone',
        notifiedAt: new Date(clock.now().getTime() - 60_000).toISOString(),
        content: '合成：请求校医院到场',
        basis: '生命安全',
      }),
    );
    expect(note.recipientPersonId).toBe(hospital.id);
    const entry = expectOk(await core.call('keyattention.forStudent', { studentId }));
    const responsible = { counselorId: null, departmentCounselor: null, dormWatcher: null, peerCounselor: null, peerCounselorPersonId: peer.id };
    const updated = expectOk(await core.call('keyattention.update', { entryId: entry.id, responsible }));
    expect(updated.responsible).toMatchObject({ peerCounselor: '测试学生乙', peerCounselorPersonId: peer.id });
  });
});
