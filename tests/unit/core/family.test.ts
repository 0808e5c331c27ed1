import { describe, expect, it } from 'vitest';
import { familyContactFigures } from '../../../src-main/core/statistics/family-figures';
import { expectError, expectOk } from './helpers';
import { notesWorld } from './notes-fixture';
import { insertRegisterPerson } from './register-person-fixture';

async function world() {
  const w = await notesWorld();
  const { core } = w;
  expectOk(await core.call('students.update', { id: w.student.id, patch: { guardians: [{ name: '测试家长甲', relation: '母亲', phone: '13800000000' }] } }));
  const noCase = expectOk(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '文学院' }));
  const otherDept = expectOk(
    await core.call('students.create', {
      studentNo: '2026990003',
      name: '测试学生丙',
      department: '理学院',
      guardians: [{ name: '测试家长丙', relation: '父亲', phone: null }],
    }),
  );
  const teacher = insertRegisterPerson(core, { name: '测试班主任', department: '文学院' });
  return { ...w, noCase, otherDept, teacher };
}

const contact = (studentId: string, extra: Record<string, unknown> = {}) => ({
  studentId,
  contactedAt: '2026-09-01T07:00:00.000Z',
  way: 'phone',
  targetKind: 'guardian',
  target: { name: '测试家长甲' },
  purpose: '告知近期情况',
  summary: '合成记录：家长了解情况并同意配合',
  followUp: '一周后再联系',
  ...extra,
});

describe('family contact log (家校沟通)', () => {
  it('records a contact with a guardian of the student record, by way and purpose, and lists it', async () => {
    const w = await world();
    await w.as('wang.zx');
    const row = expectOk(await w.core.call('family.add', contact(w.student.id, { contactor: { personId: w.teacher.id, name: '旧名字' } })));
    expect(row).toMatchObject({
      source: 'contact',
      way: 'phone',
      target: { name: '测试家长甲' },
      targetRelation: '母亲',
      recordedBy: { displayName: '王咨询' },
    });
    // The register entry's own name is kept, not the typed one.
    expect(row.contactor).toEqual({ personId: w.teacher.id, name: '测试班主任' });
    const log = expectOk(await w.core.call('family.forStudent', { studentId: w.student.id }));
    expect(log.eligible).toBe(true);
    expect(log.guardians.map((g: { name: string }) => g.name)).toEqual(['测试家长甲']);
    expect(log.rows.map((r: { id: string }) => r.id)).toEqual([row.id]);
  });

  it('refuses a student without case, key-attention entry or crisis event, a guardian not on the record, a future date and an unknown register person', async () => {
    const w = await world();
    await w.as('wang.zx');
    const before = w.core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM family_contacts').pluck().get();
    expectError(await w.core.call('family.add', contact(w.noCase.id)), 'CONFLICT', 'familyContactNotEligible');
    expectError(await w.core.call('family.add', contact(w.student.id, { target: { name: '陌生人' } })), 'VALIDATION', 'familyContactUnknownGuardian');
    expectError(await w.core.call('family.add', contact(w.student.id, { contactedAt: '2026-09-03T07:00:00.000Z' })), 'VALIDATION', 'familyContactInFuture');
    expectError(
      await w.core.call('family.add', contact(w.student.id, { targetKind: 'register', target: { personId: 'nobody', name: 'x' } })),
      'VALIDATION',
      'registerPersonNotFound',
    );
    expect(w.core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM family_contacts').pluck().get()).toBe(before);
    expect(expectOk(await w.core.call('family.forStudent', { studentId: w.noCase.id })).eligible).toBe(false);
  });

  it('a student on the key-attention list (no case) is eligible', async () => {
    const w = await world();
    expectOk(
      await w.core.call('keyattention.add', {
        studentId: w.noCase.id,
        level: '3',
        reason: '合成原因',
        responsible: { counselorId: w.ids['wang.zx'], departmentCounselor: null, dormWatcher: null, peerCounselor: null },
      }),
    );
    expect(expectOk(await w.core.call('family.forStudent', { studentId: w.noCase.id })).eligible).toBe(true);
  });

  it('crisis guardian notifications appear in the same log without being copied; other recipients do not', async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '1', description: '合成危机描述' }));
    expectOk(
      await w.core.call('crisis.notifications.add', {
        eventId: event.id,
        recipientKind: 'guardian',
        recipientName: '测试家长甲',
        method: 'message',
        notifiedAt: '2026-09-01T07:30:00.000Z',
        content: '合成通知内容',
        basis: '生命安全例外',
      }),
    );
    expectOk(
      await w.core.call('crisis.notifications.add', {
        eventId: event.id,
        recipientKind: 'department',
        recipientName: '文学院',
        method: 'phone',
        notifiedAt: '2026-09-01T07:40:00.000Z',
        content: '合成',
        basis: '工作需要',
      }),
    );
    const recorded = expectOk(await w.core.call('family.add', contact(w.student.id)));
    const log = expectOk(await w.core.call('family.forStudent', { studentId: w.student.id }));
    expect(log.rows.map((r: { source: string; way: string }) => [r.source, r.way])).toEqual([
      ['crisis', 'wechat'],
      ['contact', 'phone'],
    ]);
    expect(log.rows[0]).toMatchObject({ eventNo: event.eventNo, target: { name: '测试家长甲' }, summary: '合成通知内容', crisisMethod: 'message' });
    expect(log.rows[1].id).toBe(recorded.id);
    expect(w.core.vault.requireStore().sqlite.prepare('SELECT count(*) FROM family_contacts').pluck().get()).toBe(1);
    // The period log across students carries the same union.
    const period = expectOk(await w.core.call('family.list', { from: '2026-09-01', to: '2026-09-01' }));
    expect(period.rows).toHaveLength(2);
  });

  it('a liaison records contacts for their department’s students and sees only their own entries, never the crisis notifications', async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '1', description: '合成危机描述' }));
    expectOk(
      await w.core.call('crisis.notifications.add', {
        eventId: event.id,
        recipientKind: 'guardian',
        recipientName: '测试家长甲',
        method: 'phone',
        notifiedAt: '2026-09-01T07:30:00.000Z',
        content: '合成通知内容',
        basis: '生命安全例外',
      }),
    );
    const counselors = expectOk(await w.core.call('family.add', contact(w.student.id)));
    await w.as('chen.fdy');
    const own = expectOk(
      await w.core.call(
        'family.add',
        contact(w.student.id, { way: 'in_person', targetKind: 'register', target: { personId: w.teacher.id, name: '测试班主任' } }),
      ),
    );
    expect(own.target).toEqual({ personId: w.teacher.id, name: '测试班主任' });
    const log = expectOk(await w.core.call('family.forStudent', { studentId: w.student.id }));
    expect(log.rows.map((r: { id: string }) => r.id)).toEqual([own.id]);
    expect(log.rows.map((r: { id: string }) => r.id)).not.toContain(counselors.id);
    expect(expectOk(await w.core.call('family.list', {})).rows.map((r: { id: string }) => r.id)).toEqual([own.id]);
    // Another department's student looks absent.
    expectError(await w.core.call('family.add', contact(w.otherDept.id, { target: { name: '测试家长丙' } })), 'NOT_FOUND', 'studentNotFound');
    expectError(await w.core.call('family.forStudent', { studentId: w.otherDept.id }), 'NOT_FOUND', 'studentNotFound');
    // Reception has no part in the log.
    await w.as('zhou.jd');
    expectError(await w.core.call('family.forStudent', { studentId: w.student.id }), 'FORBIDDEN');
  });

  it('every contact is one audited write with an outbox event, its details free of what was said', async () => {
    const w = await world();
    await w.as('wang.zx');
    const row = expectOk(await w.core.call('family.add', contact(w.student.id)));
    const sqlite = w.core.vault.requireStore().sqlite;
    const audit = sqlite.prepare("SELECT action, details FROM audit_events WHERE entity = 'family_contacts' AND entity_id = ?").all(row.id) as {
      action: string;
      details: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0].details).not.toContain('合成记录');
    expect(sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'family_contacts' AND entity_id = ?").pluck().get(row.id)).toBe(1);
  });

  it('statistics count contacts by way and students reached, crisis guardian notifications included; small cells "<5" when suppressed', async () => {
    const w = await world();
    await w.as('wang.zx');
    const event = expectOk(await w.core.call('crisis.open', { studentId: w.student.id, level: '1', description: '合成危机描述' }));
    expectOk(
      await w.core.call('crisis.notifications.add', {
        eventId: event.id,
        recipientKind: 'guardian',
        recipientName: '测试家长甲',
        method: 'message',
        notifiedAt: '2026-09-01T07:30:00.000Z',
        content: '合成',
        basis: '合成',
      }),
    );
    expectOk(await w.core.call('family.add', contact(w.student.id)));
    expectOk(await w.core.call('family.add', contact(w.student.id, { way: 'in_person' })));
    const stats = expectOk(await w.core.call('statistics.compute', { period: { kind: 'schoolYear', schoolYear: 2026 }, timeZone: 'Asia/Shanghai' }));
    expect(stats.familyContacts.contacts).toBe(3);
    expect(stats.familyContacts.students).toBe(1);
    expect(Object.fromEntries(stats.familyContacts.byWay.map((r: { key: string; contacts: unknown }) => [r.key, r.contacts]))).toEqual({
      phone: 1,
      in_person: 1,
      wechat: 1,
      written: 0,
      other: 0,
    });
    // Another department sees none of them.
    const other = expectOk(
      await w.core.call('statistics.compute', { period: { kind: 'schoolYear', schoolYear: 2026 }, department: '理学院', timeZone: 'Asia/Shanghai' }),
    );
    expect(other.familyContacts.contacts).toBe(0);
    const sqlite = w.core.vault.requireStore().sqlite;
    const suppressed = familyContactFigures(sqlite, { from: '2026-08-31T16:00:00.000Z', to: '2027-08-31T16:00:00.000Z', dept: null }, true);
    expect(suppressed.contacts).toBe('<5');
    expect(suppressed.byWay.find((r) => r.key === 'phone')?.students).toBe('<5');
  });
});
