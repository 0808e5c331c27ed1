import { describe, expect, it } from 'vitest';
import { expectError, expectOk, openTestCase } from './helpers';
import { BODY, draftInput, INITIAL, notesWorld, OWN, signedNote } from './notes-fixture';

/** 王咨询's case with a signed note and a draft, 李咨询's case with a signed note, the trainee's case. */
async function printWorld() {
  const world = await notesWorld();
  const { core, kase, student, ids, as } = world;
  const liCase = openTestCase(core, { studentId: student.id, counselorId: ids['li.zx'] });
  await as('wang.zx');
  const wangNote = await signedNote(core, kase.id, { body: { ...BODY, process: '王咨询可见的过程记录' } });
  expectOk(await core.call('notes.addAddendum', { id: wangNote.id, body: '补充：家长已知情' }));
  expectOk(await core.call('notes.create', draftInput(kase.id, { body: { ...BODY, process: '尚未签署的草稿' } })));
  await as('li.zx');
  const liNote = await signedNote(core, liCase.id, { body: { ...BODY, process: '李咨询的保密内容' } });
  return { ...world, liCase, wangNote, liNote };
}

function printEvents(core: Awaited<ReturnType<typeof notesWorld>>['core']) {
  return (
    core.vault.requireStore().sqlite.prepare("SELECT actor_id, entity, entity_id, details FROM audit_events WHERE action = 'print' ORDER BY seq").all() as {
      actor_id: string;
      entity: string;
      entity_id: string;
      details: string;
    }[]
  ).map((r) => ({ ...r, details: JSON.parse(r.details) }));
}

describe('printable case files', () => {
  it("a counselor's printout of a student file has their own case in full and the others listed without content", async () => {
    const { core, as, student, kase, liCase, traineeCase, wangNote, ids } = await printWorld();
    await as('wang.zx');
    const file = expectOk(await core.call('print.caseFile', { studentId: student.id }));
    expect(file).toMatchObject({ printedBy: { id: ids['wang.zx'], displayName: '王咨询' }, student: { name: '测试学生甲', studentNo: '2026990001' } });
    const byId = new Map(file.cases.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(kase.id)).toMatchObject({
      content: 'full',
      access: 'assigned',
      notes: [{ id: wangNote.id, body: { process: '王咨询可见的过程记录' }, addenda: [{ body: '补充：家长已知情' }] }],
    });
    for (const restricted of [liCase.id, traineeCase.id]) {
      expect(byId.get(restricted)).toMatchObject({ content: 'restricted', access: null, notes: [], intake: null, closingSummary: null });
    }
    const text = JSON.stringify(file);
    expect(text).not.toContain('李咨询的保密内容');
    expect(text).not.toContain('尚未签署的草稿');
    expect(file.noteSections.map((s: { label: string }) => s.label)).toContain('咨询过程');

    expect(printEvents(core)).toEqual([
      {
        actor_id: ids['wang.zx'],
        entity: 'students',
        entity_id: student.id,
        details: expect.objectContaining({ document: 'case-file', cases: 3, restricted: 2, notes: 1 }),
      },
    ]);
  });

  it('the director prints everything; a single case prints through the gate with break-glass for others', async () => {
    const { core, as, student, liCase, ids } = await printWorld();
    await as('admin01');
    const all = expectOk(await core.call('print.caseFile', { studentId: student.id }));
    expect(all.cases.every((c: { content: string }) => c.content === 'full')).toBe(true);
    expect(JSON.stringify(all)).toContain('李咨询的保密内容');

    await as('wang.zx');
    expectError(await core.call('print.case', { caseId: liCase.id }), 'FORBIDDEN', 'breakGlassRequired');
    expect(printEvents(core).filter((e) => e.actor_id === ids['wang.zx'])).toEqual([]);
    const one = expectOk(await core.call('print.case', { caseId: liCase.id, breakGlassReason: '值班时学生来访，需要了解既往情况' }));
    expect(one.case).toMatchObject({ id: liCase.id, content: 'full', access: 'break_glass' });
    expect(JSON.stringify(one)).toContain('李咨询的保密内容');
    const { sqlite } = core.vault.requireStore();
    expect(sqlite.prepare('SELECT account_id, entity_id FROM break_glass_accesses').all()).toEqual([{ account_id: ids['wang.zx'], entity_id: liCase.id }]);
    expect(printEvents(core).at(-1)).toMatchObject({
      actor_id: ids['wang.zx'],
      entity: 'cases',
      entity_id: liCase.id,
      details: { document: 'case', access: 'break_glass' },
    });

    // A break-glass reason given for the whole file opens every case not otherwise theirs.
    await as('zhao.dd');
    const opened = expectOk(await core.call('print.caseFile', { studentId: student.id, breakGlassReason: '督导复核全部个案' }));
    expect(opened.cases.map((c: { content: string; access: string }) => c.access).sort()).toEqual(['break_glass', 'break_glass', 'supervisor']);
  });

  it('liaisons, reception and the admin alone may not print case files', async () => {
    const { core, as, student, kase } = await printWorld();
    await as('admin01');
    expectOk(await core.call('accounts.create', { username: 'sun.admin', displayName: '孙管理员', roles: ['admin'], password: INITIAL }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'sun.admin', password: INITIAL }));
    expectOk(await core.call('auth.changePassword', { currentPassword: INITIAL, newPassword: OWN }));
    expectError(await core.call('print.caseFile', { studentId: student.id }), 'FORBIDDEN');
    for (const who of ['chen.fdy', 'zhou.jd'] as const) {
      await as(who);
      expectError(await core.call('print.caseFile', { studentId: student.id }), 'FORBIDDEN');
      expectError(await core.call('print.case', { caseId: kase.id }), 'FORBIDDEN');
    }
    expect(printEvents(core)).toEqual([]);
  });
});
