import { describe, expect, it } from 'vitest';
import { expectOk, setUpCore } from './helpers';
import { addStudent } from './followups-fixtures';

/**
 * Issue 19: the removed entries of the key-attention list come in steps (a decade holds
 * thousands), most recently removed first, with their total; the students under attention are
 * always all listed, whatever limit is asked for.
 */
const RESPONSIBLE = (counselorId: string | null) => ({
  counselorId,
  departmentCounselor: '测试辅导员',
  dormWatcher: '测试宿舍长',
  peerCounselor: '测试心理委员',
});

describe('key-attention list: removed entries in steps', () => {
  it('limits only removed entries, most recently removed first, with the total; every active student stays listed', async () => {
    const { core, clock } = await setUpCore();
    const me = expectOk(await core.call('app.status', {})).session.accountId as string;
    const entries: string[] = [];
    for (let i = 0; i < 7; i++) {
      const student = await addStudent(core, `20261000${i}0`, `测试学生${i}`);
      entries.push(
        expectOk(await core.call('keyattention.add', { studentId: student.id, level: '3', reason: '普查阳性（合成）', responsible: RESPONSIBLE(me) })).entry.id,
      );
    }
    const removedInOrder: string[] = [];
    for (const id of entries.slice(0, 4)) {
      clock.advance(3_600_000);
      expectOk(await core.call('keyattention.remove', { entryId: id, reason: '转介住院，由医院跟进（合成）' }));
      removedInOrder.unshift(id);
    }

    const page = expectOk(await core.call('keyattention.list', { status: 'removed', limit: 2 }));
    expect(page.rows.map((r: any) => r.id).sort()).toEqual(removedInOrder.slice(0, 2).sort());
    expect(page.total).toBe(4);
    const all = expectOk(await core.call('keyattention.list', { status: 'removed' }));
    expect(all.rows).toHaveLength(4);
    expect(all.total).toBeUndefined();

    // Under attention: all three, a limit or not, and no total that could read as "more hidden".
    const active = expectOk(await core.call('keyattention.list', { status: 'active', limit: 1 }));
    expect(active.rows.map((r: any) => r.id).sort()).toEqual(entries.slice(4).sort());
    expect(active.total).toBeUndefined();
    expect(expectOk(await core.call('keyattention.list', {})).rows).toHaveLength(3);
  });
});
