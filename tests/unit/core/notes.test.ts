import { describe, expect, it } from 'vitest';
import { BODY, draftInput, notesWorld, RISK, signedNote } from './notes-fixture';
import { expectError, expectOk } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const HOUR = 3600_000;

function auditActions(core: Awaited<ReturnType<typeof notesWorld>>['core'], entity: string, id: string): { action: string; details: string }[] {
  return core.vault
    .requireStore()
    .sqlite.prepare('SELECT action, details FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY seq')
    .all(entity, id) as never;
}

describe('session notes: signing state machine', () => {
  it('a counselor drafts, edits and signs; the signed note is locked and only takes addenda', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    const draft = expectOk(await core.call('notes.create', draftInput(kase.id, { riskCheck: undefined })));
    expect(draft).toMatchObject({ status: 'draft', signDueAt: '2026-09-04T06:00:00.000Z', overdue: false, body: BODY, riskCheck: null });
    expectError(await core.call('notes.sign', { id: draft.id }), 'CONFLICT', 'noteRiskCheckRequired');
    expectError(await core.call('notes.addAddendum', { id: draft.id, body: '补充' }), 'CONFLICT', 'noteAddendumNeedsSigned');
    const edited = expectOk(await core.call('notes.update', { id: draft.id, riskCheck: RISK, topics: [' 睡眠 ', '睡眠', '家庭'] }));
    expect(edited.topics).toEqual(['睡眠', '家庭']);
    const signed = expectOk(await core.call('notes.sign', { id: draft.id }));
    expect(signed).toMatchObject({ status: 'signed', signedBy: { displayName: '王咨询' }, cosigner: null });
    expectError(await core.call('notes.update', { id: draft.id, body: { ...BODY, plan: '改写' } }), 'CONFLICT', 'noteLocked');
    expectError(await core.call('notes.sign', { id: draft.id }), 'CONFLICT', 'noteAlreadySigned');
    const withAddendum = expectOk(await core.call('notes.addAddendum', { id: draft.id, body: '补充：家长来电' }));
    expect(withAddendum.addenda).toMatchObject([{ body: '补充：家长来电', author: { displayName: '王咨询' } }]);
    expect(withAddendum.body).toEqual(BODY);
    expect(auditActions(core, 'session_notes', draft.id).map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'change', 'sign']));
  });

  it('refuses a section the template does not have, and a note on a case that is not yours', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    expectError(await core.call('notes.create', draftInput(kase.id, { body: { diagnosis: 'x' } })), 'VALIDATION', 'noteUnknownSection');
    await as('li.zx');
    expectError(await core.call('notes.create', draftInput(kase.id)), 'FORBIDDEN', 'noteNotCaseCounselor');
  });

  it("only the author edits a draft; the case's risk level follows the signed re-check (audited)", async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    const draft = expectOk(await core.call('notes.create', draftInput(kase.id, { riskCheck: { ...RISK, level: 'high', suicidalIdeation: true } })));
    await as('admin01');
    expectError(await core.call('notes.update', { id: draft.id, minutes: 30 }), 'FORBIDDEN', 'noteNotAuthor');
    expectError(await core.call('notes.sign', { id: draft.id }), 'FORBIDDEN', 'noteNotAuthor');
    await as('wang.zx');
    expectOk(await core.call('notes.sign', { id: draft.id }));
    const store = core.vault.requireStore();
    expect(store.sqlite.prepare('SELECT risk_level FROM cases WHERE id = ?').pluck().get(kase.id)).toBe('high');
    const change = auditActions(core, 'cases', kase.id).find((a) => a.action === 'risk-change');
    expect(JSON.parse(change!.details)).toMatchObject({ from: 'low', to: 'high', noteId: draft.id });
  });

  it('a trainee note waits for the supervisor; someone else cannot co-sign it', async () => {
    const { core, traineeCase, as, ids } = await notesWorld();
    await as('xiao.sx');
    const note = await signedNote(core, traineeCase.id);
    expect(note).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: ids['zhao.dd'] } });
    expectError(await core.call('notes.update', { id: note.id, minutes: 10 }), 'CONFLICT', 'noteLocked');
    expectError(await core.call('notes.addAddendum', { id: note.id, body: '补充' }), 'CONFLICT', 'noteAddendumNeedsSigned');
    expect(expectOk(await core.call('notes.mine', {})).map((n: { id: string }) => n.id)).toEqual([note.id]);
    expectError(await core.call('notes.cosign', { id: note.id }), 'FORBIDDEN');

    await as('zhao.dd');
    const queue = expectOk(await core.call('notes.cosignQueue', {}));
    expect(queue).toMatchObject([{ id: note.id, author: { displayName: '小实习' }, status: 'awaiting_cosign' }]);
    expect(queue[0]).not.toHaveProperty('body');
    expect(expectOk(await core.call('notes.get', { id: note.id })).body).toEqual(BODY);
    const cosigned = expectOk(await core.call('notes.cosign', { id: note.id }));
    expect(cosigned).toMatchObject({ status: 'signed', cosigner: { id: ids['zhao.dd'] } });
    expect(cosigned.cosignedAt).not.toBeNull();
    expectError(await core.call('notes.cosign', { id: note.id }), 'CONFLICT', 'noteNotAwaitingCosign');
    expect(expectOk(await core.call('notes.cosignQueue', {}))).toEqual([]);
  });

  it("a supervisor who is not the trainee's cannot co-sign", async () => {
    const { core, traineeCase, as } = await notesWorld();
    expectOk(await core.call('accounts.create', { username: 'sun.dd', displayName: '孙督导', roles: ['supervisor'], password: 'sun initial 1' }));
    await as('xiao.sx');
    const note = await signedNote(core, traineeCase.id);
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'sun.dd', password: 'sun initial 1' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'sun initial 1', newPassword: 'sun own pass 2' }));
    expectError(await core.call('notes.cosign', { id: note.id }), 'FORBIDDEN', 'noteNotCosigner');
    expect(expectOk(await core.call('notes.cosignQueue', {}))).toEqual([]);
  });

  it('a trainee without a supervisor cannot sign', async () => {
    const { core, traineeCase, as, ids } = await notesWorld();
    expectOk(await core.call('accounts.update', { accountId: ids['xiao.sx'], supervisorId: null }));
    await as('xiao.sx');
    const draft = expectOk(await core.call('notes.create', draftInput(traineeCase.id)));
    expectError(await core.call('notes.sign', { id: draft.id }), 'CONFLICT', 'noteNoSupervisor');
  });

  it('only the director unlocks, with a reason (audited); the author corrects and signs again', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    expectError(await core.call('notes.unlock', { id: note.id, reason: '日期写错' }), 'FORBIDDEN');
    await as('zhao.dd');
    expectError(await core.call('notes.unlock', { id: note.id, reason: '日期写错' }), 'FORBIDDEN');
    await as('admin01');
    expectError(await core.call('notes.unlock', { id: note.id, reason: '' }), 'VALIDATION');
    const unlocked = expectOk(await core.call('notes.unlock', { id: note.id, reason: '会谈日期写错' }));
    expect(unlocked).toMatchObject({ status: 'unlocked', unlockReason: '会谈日期写错', unlockedBy: { displayName: '管理员甲' } });
    expectError(await core.call('notes.unlock', { id: note.id, reason: '会谈日期写错' }), 'CONFLICT', 'noteUnlockNotSigned');
    const unlockAudit = auditActions(core, 'session_notes', note.id).find((a) => a.action === 'unlock');
    expect(JSON.parse(unlockAudit!.details)).toMatchObject({ reason: '会谈日期写错' });
    await as('wang.zx');
    const corrected = expectOk(await core.call('notes.update', { id: note.id, sessionAt: '2026-08-31T06:00:00.000Z', body: { ...BODY, plan: '两周后再谈' } }));
    expect(corrected.body.plan).toBe('两周后再谈');
    const resigned = expectOk(await core.call('notes.sign', { id: note.id }));
    expect(resigned).toMatchObject({ status: 'signed', sessionAt: '2026-08-31T06:00:00.000Z' });
    expectError(await core.call('notes.update', { id: note.id, minutes: 5 }), 'CONFLICT', 'noteLocked');
  });

  it('lists overdue unsigned notes of the author once the deadline passed (ManualClock)', async () => {
    const { core, clock, kase, as } = await notesWorld();
    await as('wang.zx');
    const late = expectOk(await core.call('notes.create', draftInput(kase.id)));
    const recent = expectOk(await core.call('notes.create', draftInput(kase.id, { sessionAt: '2026-09-03T06:00:00.000Z' })));
    await signedNote(core, kase.id);
    const now = expectOk(await core.call('notes.mine', {}));
    expect(now.map((n: { id: string; overdue: boolean }) => [n.id, n.overdue])).toEqual([
      [late.id, false],
      [recent.id, false],
    ]);
    clock.advance(72 * HOUR);
    const later = expectOk(await core.call('notes.mine', {}));
    expect(later.map((n: { id: string; overdue: boolean }) => [n.id, n.overdue])).toEqual([
      [late.id, true],
      [recent.id, false],
    ]);
    expect(expectOk(await core.call('notes.list', { caseId: kase.id })).find((n: { id: string }) => n.id === late.id).overdue).toBe(true);
  });

  it('the template and the signing deadline are settings (settings.manage)', async () => {
    const { core, kase, as } = await notesWorld();
    expect(expectOk(await core.call('notes.getTemplate', {}))).toEqual({
      sections: [
        { id: 'chief_complaint', label: '主诉' },
        { id: 'process', label: '咨询过程' },
        { id: 'assessment', label: '评估' },
        { id: 'plan', label: '计划' },
      ],
      signDueHours: 72,
    });
    expectError(
      await core.call('notes.setTemplate', {
        sections: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'B' },
        ],
        signDueHours: 24,
      }),
      'VALIDATION',
    );
    expectOk(await core.call('notes.setTemplate', { sections: [{ id: 'summary', label: '摘要' }], signDueHours: 24 }));
    await as('wang.zx');
    expectError(await core.call('notes.setTemplate', { sections: [{ id: 'summary', label: '摘要' }], signDueHours: 24 }), 'FORBIDDEN');
    const note = expectOk(await core.call('notes.create', draftInput(kase.id, { body: { summary: '测试摘要' } })));
    expect(note.signDueAt).toBe('2026-09-02T06:00:00.000Z');
  });
});

describe('session notes: who can read them', () => {
  it('the assigned counselor and the director read; another counselor needs break-glass, which is queued for review', async () => {
    const { core, kase, as, ids } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    expect(expectOk(await core.call('notes.list', { caseId: kase.id }))).toHaveLength(1);
    await as('admin01');
    expect(expectOk(await core.call('notes.get', { id: note.id })).body).toEqual(BODY);

    await as('li.zx');
    expectError(await core.call('notes.get', { id: note.id }), 'FORBIDDEN', 'breakGlassRequired');
    expectError(await core.call('notes.list', { caseId: kase.id }), 'FORBIDDEN', 'breakGlassRequired');
    expectError(await core.call('notes.addAddendum', { id: note.id, body: '我也补充' }), 'FORBIDDEN', 'noteAddendumNotAllowed');
    const opened = expectOk(await core.call('notes.get', { id: note.id, breakGlassReason: '值班处理危机' }));
    expect(opened.body).toEqual(BODY);

    await as('admin01');
    const queue = expectOk(await core.call('breakglass.queue', {}));
    expect(queue).toMatchObject([
      { account: { id: ids['li.zx'] }, student: { name: '测试学生甲' }, caseId: kase.id, reason: '值班处理危机', review: 'pending' },
    ]);
    const reviewed = expectOk(await core.call('breakglass.review', { id: queue[0].id, review: 'justified', note: '当晚确有危机' }));
    expect(reviewed).toMatchObject({ review: 'justified', reviewNote: '当晚确有危机', reviewedBy: { displayName: '管理员甲' } });
    expectError(await core.call('breakglass.review', { id: queue[0].id, review: 'unjustified' }), 'CONFLICT', 'breakGlassAlreadyReviewed');
    expect(expectOk(await core.call('breakglass.queue', {}))).toEqual([]);
    expect(expectOk(await core.call('breakglass.queue', { status: 'all' }))).toHaveLength(1);
    await as('wang.zx');
    expectError(await core.call('breakglass.queue', {}), 'FORBIDDEN');
  });

  it("the author's supervisor reads the trainee's notes; liaison and reception are refused", async () => {
    const { core, traineeCase, as } = await notesWorld();
    await as('xiao.sx');
    const note = await signedNote(core, traineeCase.id);
    await as('zhao.dd');
    expect(expectOk(await core.call('notes.list', { caseId: traineeCase.id }))).toHaveLength(1);
    const kinds = async () =>
      expectOk(await core.call('students.timeline', { studentId: note.student.id })).map((e: { kind: string; titleKey: string; values: object }) => e);
    expect(await kinds()).toContainEqual(
      expect.objectContaining({ kind: 'note', titleKey: 'notes.timeline.session', values: { caseNo: traineeCase.caseNo, minutes: 50 } }),
    );
    await as('chen.fdy');
    expect((await kinds()).filter((e: { kind: string }) => e.kind === 'note')).toEqual([]);
    for (const who of ['chen.fdy', 'zhou.jd'] as const) {
      await as(who);
      expectError(await core.call('notes.get', { id: note.id }), 'FORBIDDEN');
      expectError(await core.call('notes.get', { id: note.id, breakGlassReason: '我想看看内容' }), 'FORBIDDEN');
      expectError(await core.call('notes.list', { caseId: traineeCase.id }), 'FORBIDDEN');
      expectError(await core.call('notes.create', draftInput(traineeCase.id)), 'FORBIDDEN');
    }
  });

  it('a database trigger refuses a raw change of a signed note and of an addendum', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    const withAddendum = expectOk(await core.call('notes.addAddendum', { id: note.id, body: '补充一条' }));
    const sqlite = connectionHatch(core.vault.requireStore());
    expect(() => sqlite.prepare('UPDATE session_notes SET body = \'{"plan":"x"}\' WHERE id = ?').run(note.id)).toThrow(/locked note/);
    expect(() => sqlite.prepare("UPDATE note_addenda SET body = 'x' WHERE id = ?").run(withAddendum.addenda[0].id)).toThrow(/addendum/);
    expect(JSON.parse(sqlite.prepare('SELECT body FROM session_notes WHERE id = ?').pluck().get(note.id) as string)).toEqual(BODY);
  });
});

describe('accounts: the trainee supervisor link', () => {
  it('only a trainee gets a supervisor, and it must be an enabled supervisor', async () => {
    const { core, ids } = await notesWorld();
    const list = expectOk(await core.call('accounts.list', {}));
    expect(list.find((a: { id: string }) => a.id === ids['xiao.sx']).supervisorId).toBe(ids['zhao.dd']);
    expectError(await core.call('accounts.update', { accountId: ids['wang.zx'], supervisorId: ids['zhao.dd'] }), 'CONFLICT', 'accountSupervisorNotTrainee');
    expectError(await core.call('accounts.update', { accountId: ids['xiao.sx'], supervisorId: ids['li.zx'] }), 'CONFLICT', 'accountSupervisorInvalid');
    expectError(
      await core.call('accounts.create', {
        username: 'new.sx',
        displayName: '新实习',
        roles: ['trainee'],
        password: 'initial pass 1',
        supervisorId: ids['chen.fdy'],
      }),
      'CONFLICT',
      'accountSupervisorInvalid',
    );
    const created = expectOk(
      await core.call('accounts.create', {
        username: 'new.sx',
        displayName: '新实习',
        roles: ['trainee'],
        password: 'initial pass 1',
        supervisorId: ids['zhao.dd'],
      }),
    );
    expect(created.supervisorId).toBe(ids['zhao.dd']);
    const promoted = expectOk(await core.call('accounts.update', { accountId: created.id, roles: ['counselor'] }));
    expect(promoted.supervisorId).toBeNull();
  });
});
