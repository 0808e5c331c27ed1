import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addFromCrisis } from '../../../src-main/core/keyattention/keyattention-service';
import { censusBatches, censusFollowups } from '../../../src-main/core/store/schema/census';
import { writeSettingValue } from '../../../src-main/core/settings/settings-service';
import { expectError, expectOk, setUpCore } from './helpers';
import { addAccount, addStudent, makeEvent, signInAs } from './followups-fixtures';
import { latestReviewDate, nextReviewDate, type ScheduleChange } from '../../../src-main/core/keyattention/cadence';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const RESPONSIBLE = (counselorId: string | null) => ({
  counselorId,
  departmentCounselor: '测试辅导员',
  dormWatcher: '测试宿舍长',
  peerCounselor: '测试心理委员',
});

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
    const added = expectOk(
      await core.call('keyattention.add', { studentId: s.id, level: '3', reason: '普查阳性，约谈后需持续关注', responsible: RESPONSIBLE(me) }),
    );
    expect(added.proposeCrisis).toBe(false);
    expect(added.entry).toMatchObject({ level: '3', cadenceDays: 30, nextReviewOn: '2026-10-01', status: 'active', source: 'manual', counselor: { id: me } });
    expectError(
      await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '重复', responsible: RESPONSIBLE(me) }),
      'CONFLICT',
      'keyAttentionAlreadyListed',
    );
    expectError(
      await core.call('keyattention.add', { studentId: s.id, level: '9', reason: 'x', responsible: RESPONSIBLE(me) }),
      'VALIDATION',
      'keyAttentionUnknownLevel',
    );

    const id = added.entry.id;
    clock.set('2026-09-10T08:00:00Z');
    const raised = expectOk(await core.call('keyattention.changeLevel', { entryId: id, level: '2', reason: '近期情绪波动' }));
    // The new cadence counts from when the student was listed (09-01), not from today: 09-15.
    expect(raised).toMatchObject({ proposeCrisis: false, entry: { level: '2', cadenceDays: 14, nextReviewOn: '2026-09-15' } });
    expectError(await core.call('keyattention.changeLevel', { entryId: id, level: '2', reason: 'x' }), 'CONFLICT', 'keyAttentionSameLevel');

    // Reviewed late: the next review is the review date plus the cadence, no longer overdue.
    clock.set('2026-09-20T08:00:00Z');
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id })).overdue).toBe(true);
    const reviewed = expectOk(await core.call('keyattention.review', { entryId: id, note: '面谈，状态好转' }));
    expect(reviewed).toMatchObject({ nextReviewOn: '2026-10-04', lastReviewedAt: '2026-09-20T08:00:00.000Z', overdue: false });

    const top = expectOk(await core.call('keyattention.changeLevel', { entryId: id, level: '1', reason: '出现自伤言语' }));
    expect(top).toMatchObject({ proposeCrisis: true, entry: { level: '1', cadenceDays: 7, nextReviewOn: '2026-09-27' } });

    const removed = expectOk(await core.call('keyattention.remove', { entryId: id, reason: '转介住院，由医院跟进' }));
    expect(removed.status).toBe('removed');
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id }))).toBeNull();
    expectError(await core.call('keyattention.review', { entryId: id, note: 'x' }), 'CONFLICT', 'keyAttentionNotActive');

    const restored = expectOk(await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '出院返校', responsible: RESPONSIBLE(me) }));
    expect(restored.entry).toMatchObject({ id, status: 'active', level: '2', nextReviewOn: '2026-10-04' });
    const history = expectOk(await core.call('keyattention.history', { entryId: id }));
    expect(history[1]).toMatchObject({ kind: 'removed', reasonCode: 'other' });
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
    const custom = expectOk(
      await core.call('keyattention.add', { studentId: other.id, level: 'yellow', reason: '测试', responsible: RESPONSIBLE(me), cadenceDays: 5 }),
    );
    expect(custom.entry).toMatchObject({ cadenceDays: 5, nextReviewOn: '2026-09-06' });
    const third = await addStudent(core, '2026100003', '测试学生丙');
    expectError(
      await core.call('keyattention.add', { studentId: third.id, level: '1', reason: 'x', responsible: RESPONSIBLE(me) }),
      'VALIDATION',
      'keyAttentionUnknownLevel',
    );
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
      tx.insert(censusBatches, {
        id: batchId,
        name: '2026级新生普查',
        cohort: '2026级新生',
        grade: null,
        periodStart: null,
        periodEnd: null,
        instruments: ['upi'],
        rules: {},
        createdAt: at,
        updatedAt: at,
      });
      return [s.id, other.id].map(
        (studentId) =>
          tx.insert(censusFollowups, {
            id: randomUUID(),
            batchId,
            studentId,
            urgency: 1,
            reasons: ['UPI_CAT1'],
            assignedTo: me,
            status: 'pending',
            outcome: null,
            note: null,
            interviewedAt: null,
            createdAt: at,
            updatedAt: at,
          }).id,
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
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[0], outcome: 'crisis', note: '', changeReason: '复评后升级（合成）' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id }))).toMatchObject({ id: entry.id, level: '1' });
    expectOk(await core.call('census.recordOutcome', { followupId: followupIds[1], outcome: 'crisis', note: '', changeReason: '复评后升级（合成）' }));
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

describe('the review cadence (one rule, cadence.ts)', () => {
  // Listed 09-01 with a 14-day cadence: due 09-15.
  const table: [string, ScheduleChange, string][] = [
    ['listed: today + cadence', { kind: 'listed', today: '2026-09-01', cadenceDays: 14 }, '2026-09-15'],
    ['early review (09-10): review date + cadence, the gap is not stretched', { kind: 'reviewed', today: '2026-09-10', cadenceDays: 14 }, '2026-09-24'],
    ['on-time review (09-15)', { kind: 'reviewed', today: '2026-09-15', cadenceDays: 14 }, '2026-09-29'],
    ['late review (09-30): counts from the review, not overdue after it', { kind: 'reviewed', today: '2026-09-30', cadenceDays: 14 }, '2026-10-14'],
    [
      'level up (30 -> 7 days), last review 09-10: brought forward to 09-17',
      { kind: 'rescheduled', cadenceDays: 7, scheduled: '2026-10-10', anchor: '2026-09-10' },
      '2026-09-17',
    ],
    [
      'level up long after the last review: due at once (already past)',
      { kind: 'rescheduled', cadenceDays: 7, scheduled: '2026-10-10', anchor: '2026-08-01' },
      '2026-08-08',
    ],
    [
      'level down (7 -> 30 days): the scheduled review is not moved later',
      { kind: 'rescheduled', cadenceDays: 30, scheduled: '2026-09-17', anchor: '2026-09-10' },
      '2026-09-17',
    ],
    [
      'level down while overdue: stays overdue until reviewed',
      { kind: 'rescheduled', cadenceDays: 30, scheduled: '2026-09-01', anchor: '2026-08-25' },
      '2026-09-01',
    ],
  ];
  it.each(table)('%s', (_label, change, expected) => {
    expect(nextReviewDate(change)).toBe(expected);
    // The invariant: never later than the anchor (the review, or the listing) plus the cadence.
    const anchor = change.kind === 'rescheduled' ? change.anchor : change.today;
    expect(nextReviewDate(change) <= latestReviewDate(anchor, change.cadenceDays)).toBe(true);
  });

  it('through the channels: early, on-time and late reviews, and level changes, keep next review <= anchor + cadence', async () => {
    const { core, clock, s, me } = await withStudent();
    const entry = expectOk(await core.call('keyattention.add', { studentId: s.id, level: '2', reason: '测试', responsible: RESPONSIBLE(me) })).entry;
    expect(entry.nextReviewOn).toBe('2026-09-15');
    const review = async (at: string) => {
      clock.set(at);
      return expectOk(await core.call('keyattention.review', { entryId: entry.id, note: '回访（合成）' }));
    };
    expect((await review('2026-09-10T08:00:00Z')).nextReviewOn).toBe('2026-09-24'); // early: not 09-29
    expect((await review('2026-09-24T08:00:00Z')).nextReviewOn).toBe('2026-10-08'); // on time
    expect(await review('2026-10-20T08:00:00Z')).toMatchObject({ nextReviewOn: '2026-11-03', overdue: false }); // late
    clock.set('2026-10-25T08:00:00Z');
    const up = expectOk(await core.call('keyattention.changeLevel', { entryId: entry.id, level: '1', reason: '复评加重（合成）' }));
    expect(up.entry).toMatchObject({ cadenceDays: 7, nextReviewOn: '2026-10-27' }); // 10-20 + 7, not 10-25 + 7
    const down = expectOk(await core.call('keyattention.changeLevel', { entryId: entry.id, level: '3', reason: '好转（合成）' }));
    expect(down.entry).toMatchObject({ cadenceDays: 30, nextReviewOn: '2026-10-27' }); // not pushed to 11-19
    clock.set('2026-10-28T08:00:00Z');
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id })).overdue).toBe(true);
    const shorter = expectOk(await core.call('keyattention.update', { entryId: entry.id, responsible: RESPONSIBLE(me), cadenceDays: 5 }));
    expect(shorter.nextReviewOn).toBe('2026-10-25'); // 10-20 + 5: overdue until someone sees the student
  });
});

describe('taking a student off the list (item 13)', () => {
  async function withCounselorEntry() {
    const made = await withStudent();
    const counselor = await addAccount(made.core, 'resp1', ['counselor']);
    await addAccount(made.core, 'other1', ['counselor']);
    const entry = expectOk(
      await made.core.call('keyattention.add', { studentId: made.s.id, level: '2', reason: '测试', responsible: RESPONSIBLE(counselor.id) }),
    ).entry;
    return { ...made, counselor, entry };
  }

  it('needs a reason from the short list and a note that says something', async () => {
    const { core, entry } = await withCounselorEntry();
    for (const input of [
      { reason: 'riskResolved' },
      { reason: 'riskResolved', note: '..' },
      { reason: 'riskResolved', note: '无' },
      { reason: 'whatever', note: '评估后风险解除' },
      { reason: '..' },
      { reason: '无' },
    ]) {
      expectError(await core.call('keyattention.remove', { entryId: entry.id, ...input }), 'VALIDATION');
    }
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: entry.student.id })).status).toBe('active');
    const removed = expectOk(await core.call('keyattention.remove', { entryId: entry.id, reason: 'graduated', note: '2026 届已毕业离校（合成）' }));
    expect(removed.status).toBe('removed');
    const [last] = expectOk(await core.call('keyattention.history', { entryId: entry.id }));
    expect(last).toMatchObject({ kind: 'removed', reasonCode: 'graduated', reason: '2026 届已毕业离校（合成）' });
  });

  it('is refused while the student has a crisis event under way, for the director too', async () => {
    const { core, entry, s } = await withCounselorEntry();
    const event = makeEvent(core, s.id);
    const error = expectError(
      await core.call('keyattention.remove', { entryId: entry.id, reason: 'riskResolved', note: '评估风险已解除（合成）' }),
      'CONFLICT',
      'keyAttentionCrisisOpen',
    );
    expect(error.details).toMatchObject({ eventId: event.id, eventNo: event.eventNo });
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: s.id })).status).toBe('active');
  });

  it('the responsible counselor asks, the director approves; anyone else is refused; a crisis event in between stops the approval', async () => {
    const { core, entry, s } = await withCounselorEntry();
    await signInAs(core, 'other1');
    expectError(
      await core.call('keyattention.remove', { entryId: entry.id, reason: 'riskResolved', note: '评估风险已解除（合成）' }),
      'FORBIDDEN',
      'keyAttentionRemoveNotResponsible',
    );
    await signInAs(core, 'resp1');
    const asked = expectOk(await core.call('keyattention.remove', { entryId: entry.id, reason: 'riskResolved', note: '连续三次复评无风险（合成）' }));
    expect(asked).toMatchObject({
      status: 'active',
      pendingRemoval: { reasonCode: 'riskResolved', note: '连续三次复评无风险（合成）', status: 'pending', requestedBy: { displayName: 'resp1老师' } },
    });
    expectError(
      await core.call('keyattention.remove', { entryId: entry.id, reason: 'riskResolved', note: '再次申请（合成）' }),
      'CONFLICT',
      'approvalAlreadyPending',
    );
    const [mine] = expectOk(await core.call('keyattention.removalRequests', {}));
    expectError(await core.call('keyattention.decideRemoval', { requestId: mine.id, approve: true }), 'FORBIDDEN');

    await signInAs(core, 'admin01');
    const queue = expectOk(await core.call('keyattention.removalRequests', {}));
    expect(queue.map((r: any) => [r.entryId, r.status, r.entry.student.id])).toEqual([[entry.id, 'pending', s.id]]);
    // A crisis event opened since the request: the approval is refused and the request still waits.
    const event = makeEvent(core, s.id);
    expectError(await core.call('keyattention.decideRemoval', { requestId: mine.id, approve: true }), 'CONFLICT', 'keyAttentionCrisisOpen');
    expect(expectOk(await core.call('keyattention.removalRequests', {}))).toHaveLength(1);
    expectError(await core.call('keyattention.decideRemoval', { requestId: mine.id, approve: false, note: '' }), 'VALIDATION');
    const kept = expectOk(await core.call('keyattention.decideRemoval', { requestId: mine.id, approve: false, note: '危机事件进行中，继续关注（合成）' }));
    expect(kept).toMatchObject({ status: 'active', pendingRemoval: null });
    expectError(await core.call('keyattention.decideRemoval', { requestId: mine.id, approve: true }), 'CONFLICT', 'approvalAlreadyDecided');

    // Once the event is closed, a new request can be approved.
    connectionHatch(core.vault.requireStore()).prepare("UPDATE crisis_events SET status = 'closed' WHERE id = ?").run(event.id);
    await signInAs(core, 'resp1');
    expectOk(await core.call('keyattention.remove', { entryId: entry.id, reason: 'transferred', note: '已转学至外校（合成）' }));
    await signInAs(core, 'admin01');
    const [again] = expectOk(await core.call('keyattention.removalRequests', {}));
    const removed = expectOk(await core.call('keyattention.decideRemoval', { requestId: again.id, approve: true }));
    expect(removed.status).toBe('removed');
    const [last] = expectOk(await core.call('keyattention.history', { entryId: entry.id }));
    expect(last).toMatchObject({ kind: 'removed', reasonCode: 'transferred', reason: '已转学至外校（合成）' });
    expect(
      expectOk(await core.call('keyattention.removalRequests', { status: 'all' }))
        .map((r: any) => r.status)
        .sort(),
    ).toEqual(['approved', 'rejected']);
  });
});
