import { expect } from 'vitest';
import { ADMIN_PASSWORD, expectOk, setUpCore } from './helpers';

/** Synthetic people only. */
export const PASSWORD = 'temporary pw 01';
export const OWN_PASSWORD = 'temporary pw 02';

export async function signInAs(core: any, username: string) {
  expectOk(await core.call('auth.lock', {}));
  const password = username === 'admin01' ? ADMIN_PASSWORD : OWN_PASSWORD;
  expectOk(await core.call('auth.signIn', { username, password }));
}

/** A workstation with two students in two departments, two counselors, reception and a liaison. */
export async function setUpCounselingCenter() {
  const made = await setUpCore();
  const { core } = made;
  const own = expectOk(await core.call('students.create', { studentNo: '2026000001', name: '测试学生甲', department: '文学院', className: '文学1班' }));
  const other = expectOk(await core.call('students.create', { studentNo: '2026000002', name: '测试学生乙', department: '计算机学院' }));
  const ids: Record<string, string> = {};
  for (const [username, roles, department] of [
    ['wang.zixun', ['counselor'], null],
    ['li.zixun', ['counselor'], null],
    ['zhao.jiedai', ['reception'], null],
    ['liaison1', ['liaison'], '文学院'],
  ] as const) {
    const account = expectOk(await core.call('accounts.create', { username, displayName: username, roles: [...roles], password: PASSWORD, department }));
    ids[username] = account.id;
  }
  // Each new account changes its first password once, so later sign-ins are plain.
  for (const username of Object.keys(ids)) {
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username, password: PASSWORD }));
    expectOk(await core.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: OWN_PASSWORD }));
  }
  await signInAs(core, 'admin01');
  const session = expectOk(await core.call('app.status', {})).session;
  expect(session.username).toBe('admin01');
  return {
    ...made,
    studentId: own.id as string,
    otherStudentId: other.id as string,
    accounts: { ...ids, admin01: session.accountId as string } as Record<string, string>,
  };
}

export const NO_RISK = [0, 0, 'NA', 'NA', 'NA', 0, 'NA'];
export const HIGH_RISK = [1, 1, 1, 1, 0, 0, 'NA'];

export function intakeInput(studentId: string, counselorId: string, extra: Record<string, unknown> = {}) {
  return {
    studentId,
    consent: { confidentialityLimitsExplained: true, consentedBy: '测试学生甲', consentedAt: '2026-09-01T08:00:00.000Z', minor: false },
    concerns: ['stress', 'sleep'],
    history: '无既往咨询史（合成数据）',
    cssrs: NO_RISK,
    impression: '适应压力（合成数据）',
    disposition: 'individual',
    counselorId,
    ...extra,
  };
}
