import { randomUUID } from 'node:crypto';
import { crisisEvents, crisisTemplates } from '../../../src-main/core/store/schema/crisis';
import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectOk } from './helpers';

export const student = (no: string, name: string, extra: Record<string, unknown> = {}) => ({
  studentNo: no,
  name,
  department: '文学院',
  grade: '2026级',
  className: '文学1班',
  ...extra,
});

export async function addStudent(core: Core, no: string, name: string, extra: Record<string, unknown> = {}) {
  return expectOk(await core.call('students.create', student(no, name, extra)));
}

const passwords = new Map<string, string>([['admin01', ADMIN_PASSWORD]]);

/** An account created by the signed-in admin; it changes its first password on its first sign-in. */
export async function addAccount(core: Core, username: string, roles: string[], department: string | null = null) {
  const account = expectOk(
    await core.call('accounts.create', { username, displayName: `${username}老师`, roles, password: `${username} first 1`, department } as never),
  );
  passwords.delete(username);
  return account as { id: string };
}

export async function signInAs(core: Core, username: string) {
  expectOk(await core.call('auth.lock', {}));
  const known = passwords.get(username);
  if (known) {
    expectOk(await core.call('auth.signIn', { username, password: known }));
    return;
  }
  expectOk(await core.call('auth.signIn', { username, password: `${username} first 1` }));
  expectOk(await core.call('auth.changePassword', { currentPassword: `${username} first 1`, newPassword: `${username} second 2` }));
  passwords.set(username, `${username} second 2`);
}

/** A crisis event row written straight through the unit of work (the crisis module opens real ones). */
export function makeEvent(core: Core, studentId: string, ownerId: string | null = null, level = '1') {
  const store = core.vault.requireStore();
  const at = new Date().toISOString();
  return store.uow.run(core.vault.actor(), (tx) => {
    let template = tx.db.select().from(crisisTemplates).get();
    if (!template) {
      template = tx.insert(crisisTemplates, {
        id: randomUUID(),
        version: 1,
        name: '测试流程',
        definition: { steps: [{ key: 'discovery', title: '发现', ownerRole: 'counselor', dueMinutes: 0, levels: [] }] },
        createdBy: null,
        createdAt: at,
      });
    }
    return tx.insert(crisisEvents, {
      id: randomUUID(),
      eventNo: `T-${randomUUID().slice(0, 8)}`,
      studentId,
      caseId: null,
      source: 'manual',
      alertId: null,
      reportId: null,
      templateId: template.id,
      templateVersion: template.version,
      discoveredAt: at,
      description: null,
      level,
      ownerId,
      status: 'open',
      summary: null,
      closeRequestedBy: null,
      closeRequestedAt: null,
      approvedBy: null,
      closedAt: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    });
  });
}
