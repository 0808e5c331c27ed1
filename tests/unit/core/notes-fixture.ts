import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectOk, openTestCase, setUpCore } from './helpers';

export const INITIAL = 'initial pass 1';
export const OWN = 'own password 22';

/** Synthetic staff of a counseling center: two counselors, a supervisor, a trainee under them, a liaison, reception. */
export const STAFF = [
  { username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] },
  { username: 'li.zx', displayName: '李咨询', roles: ['counselor'] },
  { username: 'zhao.dd', displayName: '赵督导', roles: ['supervisor'] },
  { username: 'xiao.sx', displayName: '小实习', roles: ['trainee'] },
  { username: 'chen.fdy', displayName: '陈辅导员', roles: ['liaison'], department: '文学院' },
  { username: 'zhou.jd', displayName: '周接待', roles: ['reception'] },
] as const;
export type StaffName = (typeof STAFF)[number]['username'] | 'admin01';

export const BODY = { chief_complaint: '测试主诉：入学后睡眠差', process: '测试过程', assessment: '测试评估', plan: '下周再谈' };
export const RISK = { level: 'low', suicidalIdeation: false, selfHarm: false, comment: null } as const;

/** A workstation with the staff above, one student, a case for 王咨询 and one for 小实习. */
export async function notesWorld() {
  const made = await setUpCore();
  const { core } = made;
  const ids: Record<string, string> = {};
  for (const person of STAFF) {
    ids[person.username] = expectOk(await core.call('accounts.create', { ...person, roles: [...person.roles], password: INITIAL })).id;
  }
  expectOk(await core.call('accounts.update', { accountId: ids['xiao.sx'], supervisorId: ids['zhao.dd'] }));
  ids['admin01'] = core.vault.requireSession().accountId;
  const student = expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院' }));
  const kase = openTestCase(core, { studentId: student.id, counselorId: ids['wang.zx'] });
  const traineeCase = openTestCase(core, { studentId: student.id, counselorId: ids['xiao.sx'] });
  const changed = new Set<string>(['admin01']);
  const as = async (username: StaffName) => {
    expectOk(await core.call('auth.lock', {}));
    if (username === 'admin01') return expectOk(await core.call('auth.signIn', { username, password: ADMIN_PASSWORD }));
    if (changed.has(username)) return expectOk(await core.call('auth.signIn', { username, password: OWN }));
    expectOk(await core.call('auth.signIn', { username, password: INITIAL }));
    changed.add(username);
    return expectOk(await core.call('auth.changePassword', { currentPassword: INITIAL, newPassword: OWN }));
  };
  return { ...made, ids, student, kase, traineeCase, as };
}

export function draftInput(caseId: string, extra: Record<string, unknown> = {}) {
  return {
    caseId,
    sessionAt: '2026-09-01T06:00:00.000Z',
    mode: 'in_person',
    minutes: 50,
    topics: ['适应', '睡眠'],
    topicCategories: ['academic_adjustment'],
    body: BODY,
    riskCheck: RISK,
    ...extra,
  };
}

export async function signedNote(core: Core, caseId: string, extra: Record<string, unknown> = {}) {
  const note = expectOk(await core.call('notes.create', draftInput(caseId, extra)));
  return expectOk(await core.call('notes.sign', { id: note.id }));
}
