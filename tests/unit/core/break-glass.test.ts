import { describe, expect, it } from 'vitest';
import { notesWorld, signedNote } from './notes-fixture';
import { expectError, expectOk } from './helpers';

const HOUR = 3600_000;

describe('break-glass (紧急查阅) on session notes', () => {
  it('one stated reason opens the case for a while, is recorded once, and is reviewed by the director', async () => {
    const { core, clock, kase, as, ids } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);

    await as('li.zx');
    expectError(await core.call('notes.get', { id: note.id }), 'FORBIDDEN', 'breakGlassRequired');
    expectError(await core.call('notes.get', { id: note.id, breakGlassReason: '看' }), 'FORBIDDEN', 'breakGlassRequired');
    expect(expectOk(await core.call('notes.list', { caseId: kase.id, breakGlassReason: '夜间值班，学生来电' }))).toHaveLength(1);
    // Within the window the same person is not asked again, and no second access is recorded.
    expectOk(await core.call('notes.get', { id: note.id }));
    const { sqlite } = core.vault.requireStore();
    expect(sqlite.prepare('SELECT count(*) FROM break_glass_accesses').pluck().get()).toBe(1);
    const views = sqlite
      .prepare("SELECT details FROM audit_events WHERE action = 'view' AND entity = 'session_notes' AND entity_id = ?")
      .pluck()
      .all(note.id) as string[];
    expect(views.map((d) => JSON.parse(d).relation)).toContain('break_glass');
    clock.advance(9 * HOUR);
    expectError(await core.call('notes.get', { id: note.id }), 'FORBIDDEN', 'breakGlassRequired');

    await as('admin01');
    const [access] = expectOk(await core.call('breakglass.queue', {}));
    expect(access).toMatchObject({
      account: { id: ids['li.zx'], displayName: '李咨询' },
      student: { name: '测试学生甲', studentNo: '2026990001' },
      caseNo: kase.caseNo,
      reason: '夜间值班，学生来电',
    });
    expectOk(await core.call('breakglass.review', { id: access.id, review: 'unjustified', note: '非值班时间' }));
    expect(expectOk(await core.call('breakglass.queue', {}))).toEqual([]);
    expect(expectOk(await core.call('breakglass.queue', { status: 'all' }))).toMatchObject([{ review: 'unjustified', reviewNote: '非值班时间' }]);
    const audit = core.vault
      .requireStore()
      .sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'break_glass_accesses' AND action = 'review'")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ review: 'unjustified' });
    expectError(await core.call('breakglass.review', { id: 'nope', review: 'justified' }), 'NOT_FOUND', 'breakGlassNotFound');
  });

  it('the review queue is for the director only', async () => {
    const { core, as } = await notesWorld();
    for (const who of ['zhao.dd', 'wang.zx', 'chen.fdy'] as const) {
      await as(who);
      expectError(await core.call('breakglass.queue', {}), 'FORBIDDEN');
    }
  });
});
