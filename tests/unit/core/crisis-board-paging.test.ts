import { describe, expect, it } from 'vitest';
import { board } from '../../../src-main/core/crisis/event-service';
import { expectOk } from './helpers';
import { setUpCounselingCenter, signInAs } from './reports-cases-helpers';

/**
 * Issue 19: the crisis board with closed events pages only the closed ones (a decade holds
 * thousands); every event not closed is always on it, overdue or not, whatever the limit.
 */
const HOUR = 3_600_000;

async function openEvent(core: any, studentId: string) {
  return expectOk<{ id: string }>(await core.call('crisis.open', { studentId, level: '1', description: '宿舍发现学生情绪激动（合成数据）' })).id;
}

async function finishAndClose(core: any, eventId: string) {
  const detail = expectOk(await core.call('crisis.get', { id: eventId }));
  for (const s of detail.steps.filter((x: any) => x.applicable && x.status === 'open' && x.key !== 'closure')) {
    expectOk(await core.call('crisis.markNotApplicable', { stepId: s.id, reason: '测试：本事件不涉及（合成）' }));
  }
  expectOk(await core.call('crisis.requestClose', { id: eventId, summary: '风险已解除（合成）' }));
  expectOk(await core.call('crisis.approveClose', { id: eventId }));
}

describe('crisis board paging (issue 19)', () => {
  it('every open event is on the board whatever the limit; closed ones come most recently closed first, with their total', async () => {
    const { core, clock } = await setUpCounselingCenter();
    const closedInOrder: string[] = [];
    for (let i = 0; i < 5; i++) {
      const student = expectOk(await core.call('students.create', { studentNo: `20269100${i}0`, name: `测试学生${i}`, department: '文学院' })).id;
      const id = await openEvent(core, student);
      clock.advance(HOUR);
      await finishAndClose(core, id);
      closedInOrder.unshift(id);
    }
    const open: string[] = [];
    for (let i = 0; i < 3; i++) {
      const student = expectOk(await core.call('students.create', { studentNo: `20269200${i}0`, name: `测试学生丙${i}`, department: '文学院' })).id;
      open.push(await openEvent(core, student));
    }
    // Days later: the open events' first steps are overdue.
    clock.advance(72 * HOUR);

    const small = expectOk(await core.call('crisis.board', { status: 'all', closedLimit: 2 }));
    const notClosed = small.rows.filter((r: any) => r.status !== 'closed');
    expect(notClosed.map((r: any) => r.id).sort()).toEqual([...open].sort());
    expect(notClosed.every((r: any) => r.overdueSteps > 0)).toBe(true);
    expect(small.rows.filter((r: any) => r.status === 'closed').map((r: any) => r.id)).toEqual(closedInOrder.slice(0, 2));
    expect(small.closedTotal).toBe(5);
    // Open events first, closed after.
    expect(small.rows.slice(0, 3).every((r: any) => r.status !== 'closed')).toBe(true);

    // The default shows up to 100 closed; with all of them the rows are the full board's rows.
    const all = expectOk(await core.call('crisis.board', { status: 'all' }));
    expect(all.closedTotal).toBe(5);
    const store = core.vault.requireStore();
    const session = core.vault.requireSession();
    const full = board(store.db, session, { status: 'all' }, clock.now());
    const byId = (rows: any[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(all.rows)).toEqual(byId(full));
    // Only open events: no closed total, the open rows as before.
    const openOnly = expectOk(await core.call('crisis.board', { status: 'open' }));
    expect(openOnly.closedTotal).toBeUndefined();
    expect(openOnly.rows.map((r: any) => r.id)).toEqual(all.rows.slice(0, 3).map((r: any) => r.id));
  });

  it("a liaison's closed total counts their own department only", async () => {
    const { core, studentId, otherStudentId } = await setUpCounselingCenter();
    for (const id of [studentId, otherStudentId]) await finishAndClose(core, await openEvent(core, id));
    expect(expectOk(await core.call('crisis.board', { status: 'all' })).closedTotal).toBe(2);
    expect(expectOk(await core.call('crisis.board', { status: 'all', department: '文学院' })).closedTotal).toBe(1);
    await signInAs(core, 'liaison1');
    const own = expectOk(await core.call('crisis.board', { status: 'all' }));
    expect(own.closedTotal).toBe(1);
    expect(own.rows).toHaveLength(1);
    expect(expectOk(await core.call('crisis.board', { status: 'all', department: '计算机学院' }))).toMatchObject({ rows: [], closedTotal: 0 });
  });
});
