import { describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';
import { expectOk, openTestCase, tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1' };
const COUNSELOR = { COUNSEL_USER: 'wang.zx', COUNSEL_PASSWORD: 'wang own pass 2' };
const LIAISON = { COUNSEL_USER: 'chen.fdy', COUNSEL_PASSWORD: 'chen own pass 2' };
const BODY = { chief_complaint: '测试主诉', process: '测试过程', assessment: '测试评估', plan: '测试计划' };

/** A data folder with a counselor's signed note and a liaison, set up in-process before the CLI runs. */
async function withSignedNote() {
  const dir = tempDir();
  const init = await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'admin01'], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD });
  expect(init.code, init.stderr).toBe(0);
  const core = new Core({ dataDir: dir, log: silentLog });
  try {
    expectOk(await core.call('auth.signIn', { username: ADMIN.COUNSEL_USER, password: ADMIN.COUNSEL_PASSWORD }));
    const ids: Record<string, string> = {};
    for (const [who, role] of [
      ['wang.zx', 'counselor'],
      ['chen.fdy', 'liaison'],
    ] as const) {
      ids[who] = expectOk(
        await core.call('accounts.create', { username: who, displayName: who, roles: [role], password: 'initial pass 1', department: '文学院' }),
      ).id;
    }
    const student = expectOk(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '文学院' }));
    const kase = openTestCase(core, { studentId: student.id, counselorId: ids['wang.zx'] });
    for (const env of [LIAISON, COUNSELOR]) {
      expectOk(await core.call('auth.lock', {}));
      expectOk(await core.call('auth.signIn', { username: env.COUNSEL_USER, password: 'initial pass 1' }));
      expectOk(await core.call('auth.changePassword', { currentPassword: 'initial pass 1', newPassword: env.COUNSEL_PASSWORD }));
    }
    const note = expectOk(
      await core.call('notes.create', {
        caseId: kase.id,
        sessionAt: '2026-09-01T06:00:00.000Z',
        mode: 'in_person',
        minutes: 50,
        topics: [],
        topicCategories: ['stress_coping'],
        body: BODY,
        riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false },
      }),
    );
    expectOk(await core.call('notes.sign', { id: note.id }));
    return { dir, noteId: note.id as string };
  } finally {
    core.dispose();
  }
}

describe('counsel call on session notes', () => {
  it('a locked note cannot be rewritten through the CLI, and a liaison cannot read it (exit 4)', async () => {
    const { dir, noteId } = await withSignedNote();
    const update = await runCli(['call', 'notes.update', JSON.stringify({ id: noteId, body: { ...BODY, plan: '改写的计划' } }), '--data-dir', dir], COUNSELOR);
    expect(update.code).not.toBe(0);
    expect(update.stderr).toContain('noteLocked');

    const read = await runCli(['call', 'notes.get', JSON.stringify({ id: noteId }), '--data-dir', dir], COUNSELOR);
    expect(read.code, read.stderr).toBe(0);
    expect(read.json()).toMatchObject({ status: 'signed', body: BODY });

    const liaison = await runCli(['call', 'notes.get', JSON.stringify({ id: noteId }), '--data-dir', dir], LIAISON);
    expect(liaison.code).toBe(4);
    expect(liaison.stderr).toContain('"FORBIDDEN"');
    expect(liaison.stdout).not.toContain('测试主诉');
    // Every CLI call signs in with the real key-derivation cost (as administrators' scripts do).
  }, 90_000);
});
