import { randomUUID } from 'node:crypto';
import type { Core } from '../../../src-main/core/core';
import { crisisEvents, crisisTemplates } from '../../../src-main/core/store/schema/crisis';
import { ADMIN_PASSWORD, expectOk, openTestCase, setUpCore } from './helpers';

const INITIAL = 'initial pass 1';
const OWN = 'own password 22';

/** Synthetic staff: two counselors, a liaison and reception (admin01 is admin and director). */
const STAFF = [
  { username: 'wang.zx', displayName: '王咨询', roles: ['counselor'] },
  { username: 'li.zx', displayName: '李咨询', roles: ['counselor'] },
  { username: 'chen.fdy', displayName: '陈辅导员', roles: ['liaison'], department: '文学院' },
  { username: 'zhou.jd', displayName: '周接待', roles: ['reception'] },
] as const;
export type StaffName = (typeof STAFF)[number]['username'] | 'admin01';

/**
 * A crisis event row written straight through the unit of work, so these tests do not depend on
 * how the crisis module opens events (a template row is added when there is none yet).
 */
export function insertTestEvent(core: Core, studentId: string, options: { caseId?: string | null; status?: 'open' | 'closing' | 'closed' } = {}) {
  const store = core.vault.requireStore();
  const at = new Date().toISOString();
  return store.uow.run(core.vault.actor(), (tx) => {
    let template = tx.db.select().from(crisisTemplates).get();
    template ??= tx.insert(crisisTemplates, {
      id: randomUUID(),
      version: 1,
      name: '测试流程',
      definition: { steps: [{ key: 'x', title: 'x', ownerRole: 'counselor', dueMinutes: null, levels: [] }] },
      createdBy: null,
      createdAt: at,
    });
    return tx.insert(crisisEvents, {
      id: randomUUID(),
      eventNo: `T-${randomUUID().slice(0, 8)}`,
      studentId,
      caseId: options.caseId ?? null,
      source: 'manual',
      templateId: template.id,
      templateVersion: template.version,
      discoveredAt: at,
      level: '1',
      status: options.status ?? 'open',
      createdAt: at,
      updatedAt: at,
    });
  });
}

/** Staff, two students (one with a case and a crisis event), and a way to sign in as anyone. */
export async function referralsWorld() {
  const made = await setUpCore();
  const { core } = made;
  const ids: Record<string, string> = {};
  for (const person of STAFF)
    ids[person.username] = expectOk(await core.call('accounts.create', { ...person, roles: [...person.roles], password: INITIAL })).id;
  ids['admin01'] = core.vault.requireSession().accountId;
  const student = expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '文学院', className: '文学1班' }));
  const other = expectOk(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '理学院' }));
  const kase = openTestCase(core, { studentId: student.id, counselorId: ids['wang.zx'] });
  const event = insertTestEvent(core, student.id, { caseId: kase.id });
  const changed = new Set<string>(['admin01']);
  const as = async (username: StaffName) => {
    expectOk(await core.call('auth.lock', {}));
    if (username === 'admin01') return expectOk(await core.call('auth.signIn', { username, password: ADMIN_PASSWORD }));
    if (changed.has(username)) return expectOk(await core.call('auth.signIn', { username, password: OWN }));
    expectOk(await core.call('auth.signIn', { username, password: INITIAL }));
    changed.add(username);
    return expectOk(await core.call('auth.changePassword', { currentPassword: INITIAL, newPassword: OWN }));
  };
  return { ...made, ids, student, other, kase, event, as };
}

export function auditRows(core: Core, entity: string, id?: string): { action: string; actor_id: string | null; details: string }[] {
  const sqlite = core.vault.requireStore().sqlite;
  return (
    id
      ? sqlite.prepare('SELECT action, actor_id, details FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, id)
      : sqlite.prepare('SELECT action, actor_id, details FROM audit_events WHERE entity = ? ORDER BY seq').all(entity)
  ) as never;
}
