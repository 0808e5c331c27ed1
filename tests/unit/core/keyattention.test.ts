import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addFromCrisis } from '../../../src-main/core/keyattention/keyattention-service';
import { censusBatches, censusFollowups } from '../../../src-main/core/census/schema';
import { writeSettingValue } from '../../../src-main/core/settings/settings-service';
import { expectError, expectOk, setUpCore } from './helpers';
import { addAccount, addStudent, signInAs } from './followups-fixtures';

const RESPONSIBLE = (counselorId: string | null) => ({ counselorId, departmentCounselor: '测试辅导员', dormWatcher: '测试宿舍长', peerCounselor: '测试心理委员' });

async function withStudent() {
  const made = await setUpCore();
  const s = await addStudent(made.core, '2026100001', '测试学生甲');
  const me = expectOk(await made.core.call('app.status', {})).session.accountId as string;
  return { ...made, s, me };
}

describe('key-attention list', () => {
  it('adds with the level cadence, changes level, reviews, removes and restores, keeping the history', async () => {
    const { core, clock, s, me } = await withStudent();
    // The clock's date: 2026-09-01.
    const added = expectOk(await core.call('keyattention.add', { studentId: s.id, level: '3', reason: '普查阳性，约谈后需持续关注', responsible: RESPONSIBLE(me) }));
    expect(added.proposeCrisis).toBe(false);
    expect(added.entry).toMatchObject({ level: '3', cadenceDays: 30, nextReviewOn: '2026-10-01', status: 'active', source: 'manual', counselor: { id: me } });
    expectError(await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '重复', responsible: RESPONSIBLE(me) }), 'CONFLICT', 'keyAttentionAlreadyListed');
    expectError(await core.call('keyattention.add', { studentId: s.id, level: '9', reason: 'x', responsible: RESPONSIBLE(me) }), 'VALIDATION', 'keyAttentionUnknownLevel');

    const id = added.entry.id;
    clock.set('2026-09-10T08:00:00Z');
    const raised = expectOk(await core.call('keyattention.changeLevel', { entryId: id, level: '2', reason: '近期情绪波动' }));
    expect(raised).toMatchObject({ proposeCrisis: false, entry: { level: '2', cadenceDays: 14, nextReviewOn: '2026-09-24' } });
    expectError(await core.call('keyattention.changeLevel', { entryId: id, level: '2', reason: 'x' }), 'CONFLICT', 'keyAttentionSameLevel');

    // Reviewed early: the next review keeps the rhythm from the date it was due.
    clock.set('2026-09-20T08:00:00Z');
    const reviewed = expectOk(await core.call('keyattention.review', { entryId: id, note: '面谈，状态好转' }));
    expect(reviewed).toMatchObject({ nextReviewOn: '2026-10-08', lastReviewedAt: '2026-09-20T08:00:00.000Z' });

    const top = expectOk(await core.call('keyattention.changeLevel', { entryId: id, level: '1', reason: '出现自伤言语' }));
    expect(top).toMatchObject({ proposeCrisis: true, entry: { level: '1', cadenceDays: 7, nextReviewOn: '2026-09-27' } });

    const removed = expectOk(await core.call('keyattention.remove', { entryId: id, reason: '转介住院，由医院跟进' }));
    expect(removed.status).toBe('removed');
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id }))).toBeNull();
    expectError(await core.call('keyattention.review', { entryId: id, note: 'x' }), 'CONFLICT', 'keyAttentionNotActive');

    const restored = expectOk(await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '出院返校', responsible: RESPONSIBLE(me) }));
    expect(restored.entry).toMatchObject({ id, status: 'active', level: '2', nextReviewOn: '2026-10-04' });
    const history = expectOk(await core.call('keyattention.history', { entryId: id }));
    expect(history.map((h: any) => [h.kind, h.fromLevel, h.toLevel, h.reason])).toEqual([
      ['restored', '1', '2', '出院返校'],
      ['removed', '1', null, '转介住院，由医院跟进'],
      ['level_changed', '2', '1', '出现自伤言语'],
      ['reviewed', '2', '2', '面谈，状态好转'],
      ['level_changed', '3', '2', '近期情绪波动'],
      ['added', null, '3', '普查阳性，约谈后需持续关注'],
    ]);
    const timeline = expectOk(await core.call('students.timeline', { studentId: s.id }));
    expect(timeline.filter((e: any) => e.kind === 'keyattention')).toHaveLength(6);
  });

  it("takes the cadence from the school's level scheme, and an explicit one wins", async () => {
    const { core, s, me } = await withStudent();
    const store = core.vault.requireStore();
    store.uow.run(core.vault.actor(), (tx) =>
      writeSettingValue(
        tx,
        'crisis.levels',
        [
          { key: 'red', label: '红色', color: 'red', cadenceDays: 3 },
          { key: 'yellow', label: '黄色', color: 'gold', cadenceDays: 10 },
        ],
        new Date().toISOString(),
      ),
    );
    const red = expectOk(await core.call('keyattention.add', { studentId: s.id, level: 'red', reason: '测试', responsible: RESPONSIBLE(me) }));
    expect(red).toMatchObject({ proposeCrisis: true, entry: { cadenceDays: 3, nextReviewOn: '2026-09-04' } });
    const other = await addStudent(core, '2026100002', '测试学生乙');
    const custom = expectOk(await core.call('keyattention.add', { studentId: other.id, level: 'yellow', reason: '测试', responsible: RESPONSIBLE(me), cadenceDays: 5 }));
    expect(custom.entry).toMatchObject({ cadenceDays: 5, nextReviewOn: '2026-09-06' });
    const third = await addStudent(core, '2026100003', '测试学生丙');
    expectError(await core.call('keyattention.add', { studentId: third.id, level: '1', reason: 'x', responsible: RESPONSIBLE(me) }), 'VALIDATION', 'keyAttentionUnknownLevel');
  });

  it('shows overdue reviews by the core clock: a counselor their own, the director all', async () => {
    const { core, clock, s, me } = await withStudent();
    const counselor = await addAccount(core, 'coun1', ['counselor']);
    const other = await addStudent(core, '2026100002', '测试学生乙');
    expectOk(await core.call('keyattention.add', { studentId: s.id, level: '1', reason: '测试', responsible: RESPONSIBLE(counselor.id) }));
    expectOk(await core.call('keyattention.add', { studentId: other.id, level: '3', reason: '测试', responsible: RESPONSIBLE(me) }));
    expect(expectOk(await core.call('keyattention.dueReviews', {})).rows).toHaveLength(0);
    expect(expectOk(await core.call('keyattention.list', { overdueOnly: true })).rows).toHaveLength(0);
    clock.set('2026-09-08T08:00:00Z'); // level 1 due 09-08: due, not yet overdue
    expect(expectOk(await core.call('keyattention.dueReviews', {})).rows.map((r: any) => [r.student.id, r.overdue])).toEqual([[s.id, false]]);
    clock.set('2026-09-09T08:00:00Z');
    const list = expectOk(await core.call('keyattention.list', {}));
    expect(list.rows.map((r: any) => [r.student.id, r.overdue])).toEqual([
      [s.id, true],
      [other.id, false],
    ]);
    expect(expectOk(await core.call('keyattention.list', { overdueOnly: true })).rows).toHaveLength(1);
    expect(expectOk(await core.call('keyattention.list', { level: '3' })).rows.map((r: any) => r.student.id)).toEqual([other.id]);
    await signInAs(core, 'coun1');
    expect(expectOk(await core.call('keyattention.dueReviews', {})).rows.map((r: any) => r.student.id)).toEqual([s.id]);
    clock.set('2026-10-05T08:00:00Z');
    expect(expectOk(await core.call('keyattention.dueReviews', {})).rows.map((r: any) => r.student.id)).toEqual([s.id]);
    // A late review moves the next one a cadence on from today.
    const entry = expectOk(await core.call('keyattention.forStudent', { studentId: s.id }));
    const reviewed = expectOk(await core.call('keyattention.review', { entryId: entry.id, note: '复查' }));
    expect(reviewed).toMatchObject({ nextReviewOn: '2026-10-12', overdue: false });
  });

  it("gives a liaison their department's entries without the reason, and no writes", async () => {
    const { core, s, me } = await withStudent();
    const other = await addStudent(core, '2026200001', '测试学生乙', { department: '计算机学院' });
    await addAccount(core, 'liaison1', ['liaison'], '文学院');
    const entry = expectOk(await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '临床原因文字', responsible: RESPONSIBLE(me) })).entry;
    expectOk(await core.call('keyattention.add', { studentId: other.id, level: '2', reason: '临床原因文字', responsible: RESPONSIBLE(me) }));
    await signInAs(core, 'liaison1');
    const list = expectOk(await core.call('keyattention.list', {}));
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ level: '2', responsible: RESPONSIBLE(me), nextReviewOn: entry.nextReviewOn });
    expect('reason' in list.rows[0]).toBe(false);
    expect(JSON.stringify(list)).not.toContain('临床原因文字');
    const own = expectOk(await core.call('keyattention.forStudent', { studentId: s.id }));
    expect('reason' in own).toBe(false);
    expectError(await core.call('keyattention.forStudent', { studentId: other.id }), 'NOT_FOUND');
    expectError(await core.call('keyattention.history', { entryId: entry.id }), 'FORBIDDEN');
    expectError(await core.call('keyattention.review', { entryId: entry.id, note: 'x' }), 'FORBIDDEN');
    expectError(await core.call('keyattention.dueReviews', {}), 'FORBIDDEN');
  });

  it('is fed by census interview outcomes and by crisis events, raising a level but never lowering it', async () => {
    const { core, s, me } = await withStudent();
    const other = await addStudent(core, '2026100002', '测试学生乙');
    const store = core.vault.requireStore();
    const at = new Date().toISOString();
    const batchId = randomUUID();
    const followupIds = store.uow.run(core.vault.actor(), (tx) => {
      tx.insert(censusBatches, { id: batchId, name: '2026级新生普查', cohort: '2026级新生', grade: null, periodStart: null, periodEnd: null, instruments: ['upi'], rules: {}, createdAt: at, updatedAt: at });
      return [s.id, other.id].map(
        (studentId) =>
          tx.insert(censusFollowups, { id: randomUUID(), batchId, studentId, urgency: 1, reasons: ['UPI_CAT1'], assignedTo: me, status: 'pending', outcome: null, note: null, interviewedAt: null, createdAt: at, updatedAt: at }).id,
      );
    });
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[0], outcome: 'key_attention', note: '' }));
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[1], outcome: 'cleared', note: '' }));
    const entry = expectOk(await core.call('keyattention.forStudent', { studentId: s.id }));
    expect(entry).toMatchObject({ level: '3', source: 'census', cadenceDays: 30, counselor: { id: me } });
    expect(entry.reason).toContain('2026级新生普查');
    expect(entry.reason).toContain('重点关注');
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: other.id }))).toBeNull();

    // The "crisis" outcome raises the student to the top level.
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[0], outcome: 'crisis', note: '' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id }))).toMatchObject({ id: entry.id, level: '1' });
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[1], outcome: 'crisis', note: '' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: other.id }))).toMatchObject({ level: '1', source: 'census' });

    // A crisis feed at a lower level changes nothing; a new student is added from the event.
    const third = await addStudent(core, '2026100003', '测试学生丙');
    store.uow.run(core.vault.actor(), (tx) => {
      expect(addFromCrisis(tx, { studentId: s.id, level: '2', reason: '危机事件' }, at)).toBeNull();
      expect(addFromCrisis(tx, { studentId: third.id, level: '2', reason: '危机事件' }, at)).toMatchObject({ level: '2', source: 'crisis' });
    });
    const history = expectOk(await core.call('keyattention.history', { entryId: entry.id }));
    expect(history.map((h: any) => h.kind)).toEqual(['level_changed', 'added']);
  });
});
