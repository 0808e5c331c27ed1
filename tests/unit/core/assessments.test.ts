import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels } from '../../../src-shared/contract';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

async function withStudent() {
  const made = await setUpCore();
  const s = expectOk(await made.core.call('students.create', { studentNo: '2026000001', name: '张三', department: '文学院' }));
  return { ...made, studentId: s.id as string };
}

async function signInAs(core: any, username: string, roles: string[], department?: string) {
  expectOk(await core.call('accounts.create', { username, displayName: username, roles, password: 'temporary pw 01', department }));
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: 'temporary pw 01' }));
  expectOk(await core.call('auth.changePassword', { currentPassword: 'temporary pw 01', newPassword: 'temporary pw 02' }));
}

describe('assessments', () => {
  it('types in a paper PHQ-9: scored at once, and item 9 raises an alert', async () => {
    const { core, studentId } = await withStudent();
    const detail = expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [2, 2, 1, 1, 1, 1, 1, 0, 1] }));
    expect(detail).toMatchObject({ status: 'complete', mode: 'paper', total: 10, band: 'moderate', screenPositive: true });
    const alerts = expectOk(await core.call('alerts.list', {}));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ code: 'PHQ9_ITEM9', level: 'URGENT', item: 9, instrument: 'phq9', student: { name: '张三' }, acknowledgedAt: null });
  });

  it('refuses bad answers with the scorer details, writing nothing', async () => {
    const { core, studentId } = await withStudent();
    const error = expectError(
      await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [2, 2, 1, 1, 1, 1, 1, 0, 4] }),
      'VALIDATION',
    );
    expect(error.details).toMatchObject({ item: 9, min: 0, max: 3 });
    expect(expectOk(await core.call('assessments.listForStudent', { studentId }))).toEqual([]);
  });

  it('student mode: only the questionnaire is reachable; leaving needs the password; the form resumes', async () => {
    const { core, studentId } = await withStudent();
    const { assessmentId } = expectOk(await core.call('assessments.start', { studentId, instrument: 'phq9' }));
    const form = expectOk(await core.call('studentMode.enter', { assessmentId }));
    expect(form.items).toHaveLength(9);
    expect(form.items[8].text).toContain('死');
    expect(JSON.stringify(form)).not.toContain('张三');

    for (const name of CHANNEL_NAMES) {
      if (channels[name].allowInStudentMode) continue;
      const result = await core.call(name, {});
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error, name).toEqual({ code: 'FORBIDDEN', details: { reason: 'studentMode' } });
    }
    for (let item = 1; item <= 4; item++) expectOk(await core.call('studentMode.answer', { item, value: 1 }));
    expectError(await core.call('studentMode.answer', { item: 5, value: 7 }), 'VALIDATION');
    expectError(await core.call('studentMode.exit', { password: 'not my password' }), 'VALIDATION', 'currentPasswordWrong');
    expectOk(await core.call('studentMode.exit', { password: ADMIN_PASSWORD }));

    // Resume: the answers and the position were kept.
    const resumed = expectOk(await core.call('studentMode.enter', { assessmentId }));
    expect(resumed.responses.slice(0, 5)).toEqual([1, 1, 1, 1, null]);
    expect(resumed.position).toBe(4);
    for (let item = 5; item <= 9; item++) expectOk(await core.call('studentMode.answer', { item, value: item === 9 ? 2 : 0 }));
    expect(expectOk(await core.call('studentMode.finish', {}))).toEqual({ status: 'complete', unanswered: [] });
    expectOk(await core.call('studentMode.exit', { password: ADMIN_PASSWORD }));
    const [summary] = expectOk(await core.call('assessments.listForStudent', { studentId }));
    expect(summary).toMatchObject({ status: 'complete', total: 6, band: 'mild' });
    expect(expectOk(await core.call('alerts.list', {}))[0]).toMatchObject({ code: 'PHQ9_ITEM9', level: 'CRITICAL' });
  });

  it('locking ends student mode', async () => {
    const { core, studentId } = await withStudent();
    const { assessmentId } = expectOk(await core.call('assessments.start', { studentId, instrument: 'gad7' }));
    expectOk(await core.call('studentMode.enter', { assessmentId }));
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expectOk(await core.call('settings.get', {}));
  });

  it('acknowledging needs the action taken; an alert cannot be acknowledged twice or deleted', async () => {
    const { core, studentId } = await withStudent();
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 1, 0, 0, 1, 0, 0, 0, 3] }));
    const [alert] = expectOk(await core.call('alerts.list', {}));
    expectError(await core.call('alerts.acknowledge', { alertId: alert.id, actionTaken: '' }), 'VALIDATION');
    // The older free-text form still works, as 其他 with the text as its note, and must say something.
    for (const empty of ['..', '无', ' 。。 ', 'n/a'])
      expectError(await core.call('alerts.acknowledge', { alertId: alert.id, actionTaken: empty }), 'VALIDATION');
    const acked = expectOk(await core.call('alerts.acknowledge', { alertId: alert.id, actionTaken: '已当面约谈，联系辅导员陪同' }));
    expect(acked).toMatchObject({ acknowledgedBy: '管理员甲', actionTaken: '已当面约谈，联系辅导员陪同', action: 'other', note: '已当面约谈，联系辅导员陪同' });
    expectError(await core.call('alerts.acknowledge', { alertId: alert.id, actionTaken: 'again' }), 'CONFLICT', 'alertAlreadyAcknowledged');
    expectError(await core.call('alerts.acknowledge', { alertId: alert.id, action: 'interviewed' }), 'CONFLICT', 'alertAlreadyAcknowledged');
    expect(expectOk(await core.call('alerts.list', { status: 'open' }))).toEqual([]);
    expect(expectOk(await core.call('alerts.list', { status: 'all' }))).toHaveLength(1);
    expect(() => connectionHatch(core.vault.requireStore()).prepare('DELETE FROM alerts').run()).toThrow();
  });

  it('an acknowledgement is an action from the structured list; 其他 and 评估后无需进一步处理 need a note that says something', async () => {
    const { core, studentId } = await withStudent();
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 1, 0, 0, 1, 0, 0, 0, 3] }));
    const [alert] = expectOk(await core.call('alerts.list', {}));
    const refusals = [
      {},
      { action: 'called' },
      { action: 'other' },
      { action: 'other', note: '..' },
      { action: 'noFurtherAction', note: '无' },
      { action: 'noFurtherAction', note: '  ' },
      { action: 'interviewed', note: '—' },
      { action: 'interviewed', actionTaken: '已约谈学生' },
    ];
    for (const input of refusals) expectError(await core.call('alerts.acknowledge', { alertId: alert.id, ...input }), 'VALIDATION');
    // 已开启危机事件 names a real event: with none for the student it is refused.
    expectError(await core.call('alerts.acknowledge', { alertId: alert.id, action: 'crisisOpened' }), 'CONFLICT', 'alertNoCrisisEvent');
    expect(expectOk(await core.call('alerts.list', { status: 'open' }))).toHaveLength(1);
    const acked = expectOk(
      await core.call('alerts.acknowledge', { alertId: alert.id, action: 'noFurtherAction', note: '当面评估：否认计划与意图，已告知随访安排' }),
    );
    expect(acked).toMatchObject({ action: 'noFurtherAction', note: '当面评估：否认计划与意图，已告知随访安排', acknowledgedBy: '管理员甲' });
    const sqlite = connectionHatch(core.vault.requireStore());
    const event = sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'alerts' AND action = 'acknowledge'").pluck().get() as string;
    expect(JSON.parse(event)).toMatchObject({ ackAction: 'noFurtherAction' });
    // The store keeps an acknowledgement as made.
    expect(() => sqlite.prepare("UPDATE alerts SET ack_action = 'interviewed', action_taken = 'x'").run()).toThrow(/acknowledgement is fixed/);
  });

  it('acknowledgeMany: one action, an acknowledgement and audit event per alert, all or none', async () => {
    const { core, studentId } = await withStudent();
    const other = expectOk(await core.call('students.create', { studentNo: '2026000002', name: '李四', department: '理学院' }));
    expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [0, 1, 0, 0, 1, 0, 0, 0, 3] }));
    expectOk(await core.call('assessments.enterPaper', { studentId: other.id, instrument: 'phq9', responses: [0, 1, 0, 0, 1, 0, 0, 0, 1] }));
    expectOk(await core.call('assessments.enterPaper', { studentId: other.id, instrument: 'phq9', responses: [0, 0, 0, 0, 0, 0, 0, 0, 2] }));
    const open = expectOk(await core.call('alerts.list', {}));
    expect(open).toHaveLength(3);
    const ids = open.map((a: any) => a.id);
    const sqlite = core.vault.requireStore().sqlite;
    const acks = () => sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'alerts' AND action = 'acknowledge'").pluck().get();
    expectError(await core.call('alerts.acknowledgeMany', { alertIds: [ids[0], ids[0]], action: 'interviewed' }), 'VALIDATION');
    expectError(await core.call('alerts.acknowledgeMany', { alertIds: ids, action: 'other', note: '无' }), 'VALIDATION');
    expectError(await core.call('alerts.acknowledgeMany', { alertIds: [], action: 'interviewed' }), 'VALIDATION');
    // One already acknowledged: the whole call is refused and nothing changes.
    expectOk(await core.call('alerts.acknowledge', { alertId: ids[2], action: 'interviewed', note: '当日约谈' }));
    expect(acks()).toBe(1);
    expectError(
      await core.call('alerts.acknowledgeMany', { alertIds: ids, action: 'interviewed', note: '已安排 12 月 6 日约谈' }),
      'CONFLICT',
      'alertAlreadyAcknowledged',
    );
    expectError(await core.call('alerts.acknowledgeMany', { alertIds: [ids[0], 'no-such-alert'], action: 'interviewed' }), 'NOT_FOUND', 'alertNotFound');
    expect(acks()).toBe(1);
    expect(expectOk(await core.call('alerts.list', { status: 'open' }))).toHaveLength(2);
    const done = expectOk(await core.call('alerts.acknowledgeMany', { alertIds: ids.slice(0, 2), action: 'interviewed', note: '已安排 12 月 6 日约谈' }));
    expect(done.map((a: any) => [a.action, a.note, a.acknowledgedBy])).toEqual([
      ['interviewed', '已安排 12 月 6 日约谈', '管理员甲'],
      ['interviewed', '已安排 12 月 6 日约谈', '管理员甲'],
    ]);
    expect(acks()).toBe(3);
    expect(expectOk(await core.call('alerts.list', { status: 'open' }))).toEqual([]);
  });

  it('every critical-item rule of INSTRUMENTS.md leaves an alert record', async () => {
    const { core, studentId } = await withStudent();
    const scl = Array(90).fill(1);
    scl[14] = 4;
    const upi = Array(60).fill(0);
    upi[24] = 1;
    const cases = [
      ['phq9', [0, 0, 0, 0, 0, 0, 0, 0, 2], 'PHQ9_ITEM9'],
      ['cssrs_screen', [1, 1, 1, 1, 0, 0, 'NA'], 'CSSRS_TRIAGE_HIGH'],
      ['upi', upi, 'UPI_ITEM25'],
      ['scl90', scl, 'SCL90_ITEM15'],
    ] as const;
    for (const [instrument, responses, code] of cases) {
      expectOk(await core.call('assessments.enterPaper', { studentId, instrument, responses: [...responses] }));
      const codes = expectOk(await core.call('alerts.list', {})).map((a: any) => a.code);
      expect(codes, instrument).toContain(code);
    }
  });

  it('item responses never reach a liaison or leadership through any assessment channel', async () => {
    const { core, studentId } = await withStudent();
    const detail = expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [2, 2, 1, 1, 1, 1, 1, 0, 1] }));
    for (const [username, roles] of [
      ['liaison1', ['liaison']],
      ['leader1', ['leadership']],
    ] as const) {
      expectOk(await core.call('auth.lock', {}));
      expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      await signInAs(core, username, [...roles], '文学院');
      for (const [name, input] of [
        ['assessments.get', { id: detail.id }],
        ['assessments.listForStudent', { studentId }],
        ['alerts.list', {}],
        ['studentMode.enter', { assessmentId: detail.id }],
      ] as const) {
        expectError(await core.call(name, input), 'FORBIDDEN');
      }
      const timeline = await core.call('students.timeline', { studentId });
      if (timeline.ok) expect(JSON.stringify(timeline.value)).not.toMatch(/assessment|alert/);
    }
  });

  it('a disabled instrument cannot be started; cutoffs are validated by the scorer', async () => {
    const { core, studentId } = await withStudent();
    expectOk(await core.call('instruments.configure', { instrument: 'k10', enabled: false }));
    expectError(await core.call('assessments.start', { studentId, instrument: 'k10' }), 'CONFLICT', 'instrumentDisabled');
    expectError(await core.call('instruments.configure', { instrument: 'phq9', options: { screenCutoff: 99 } }), 'VALIDATION', 'badInstrumentOptions');
    expectOk(await core.call('instruments.configure', { instrument: 'phq9', options: { screenCutoff: 8 } }));
    const detail = expectOk(await core.call('assessments.enterPaper', { studentId, instrument: 'phq9', responses: [1, 1, 1, 1, 1, 1, 1, 1, 0] }));
    expect(detail.screenPositive).toBe(true);
    expect(detail.options).toMatchObject({ screenCutoff: 8 });
  });

  it('loads licensed wording for a scoring-only instrument', async () => {
    const { core, studentId } = await withStudent();
    const before = expectOk(await core.call('instruments.list', {})).find((i: any) => i.id === 'k10');
    expect(before).toMatchObject({ scoringOnly: true, hasWording: false, wordingSource: 'none' });
    const wording = { title: 'K10 (授权文本)', items: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, text: `授权题目 ${i + 1}` })) };
    expectError(
      await core.call('instruments.loadWording', { instrument: 'k10', wording: { ...wording, items: wording.items.slice(0, 9) } }),
      'VALIDATION',
      'wordingItemsMismatch',
    );
    expect(expectOk(await core.call('instruments.loadWording', { instrument: 'k10', wording }))).toMatchObject({ hasWording: true, wordingSource: 'loaded' });
    const { assessmentId } = expectOk(await core.call('assessments.start', { studentId, instrument: 'k10' }));
    const form = expectOk(await core.call('studentMode.enter', { assessmentId }));
    expect(form.items[2].text).toBe('授权题目 3');
    expect(form.items[0].options.map((o: any) => o.value)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('on-screen SCL-90', () => {
  it('uses the 1-5 scale of its form even when the center imports 0-4 census files', async () => {
    const { core, studentId } = await withStudent();
    expectOk(await core.call('instruments.configure', { instrument: 'scl90', options: { scaleOrigin: 0 } }));
    const { assessmentId } = expectOk(await core.call('assessments.start', { studentId, instrument: 'scl90' }));
    const form = expectOk(await core.call('studentMode.enter', { assessmentId }));
    expect(form.items[0].options.map((o: any) => o.value)).toEqual([1, 2, 3, 4, 5]);
    for (let item = 1; item <= 90; item++) expectOk(await core.call('studentMode.answer', { item, value: item === 1 ? 5 : 1 }));
    expectOk(await core.call('studentMode.finish', {}));
    expectOk(await core.call('studentMode.exit', { password: ADMIN_PASSWORD }));
    const [summary] = expectOk(await core.call('assessments.listForStudent', { studentId }));
    expect(summary.total).toBe(94);
  });
});
