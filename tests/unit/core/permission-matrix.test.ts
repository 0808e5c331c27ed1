import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { handlers } from '../../../src-main/core/handlers';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../src-shared/contract';
import {
  CLINICAL,
  PERMISSIONS,
  PERMISSION_SCOPES,
  ROLES,
  isPermission,
  rolesGrant,
  scopeFor,
  type Permission,
  type Role,
} from '../../../src-shared/permissions';
import { ADMIN_PASSWORD, expectOk, setUpCore } from './helpers';

/**
 * The permission matrix walked from the contract: every channel, as an account holding just one
 * role. A new channel whose action has no rule in src-shared/permissions.ts fails here.
 */

const FIRST = 'matrix first pw 1';
const OWN = 'matrix own pw 22';

/** One account per role; admin01 (set up without the director role) is the admin. */
async function roleAccounts(core: Core) {
  const usernames: Record<Role, string> = {} as Record<Role, string>;
  usernames.admin = 'admin01';
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    usernames[role] = `m.${role}`;
    expectOk(
      await core.call('accounts.create', {
        username: `m.${role}`,
        displayName: `矩阵${role}`,
        roles: [role],
        password: FIRST,
        department: role === 'liaison' ? '院系A' : undefined,
      }),
    );
  }
  const changed = new Set<string>();
  return async function signInAs(role: Role) {
    const username = usernames[role];
    expectOk(await core.call('auth.lock', {}));
    if (username === 'admin01') return void expectOk(await core.call('auth.signIn', { username, password: ADMIN_PASSWORD }));
    if (changed.has(username)) return void expectOk(await core.call('auth.signIn', { username, password: OWN }));
    expectOk(await core.call('auth.signIn', { username, password: FIRST }));
    expectOk(await core.call('auth.changePassword', { currentPassword: FIRST, newPassword: OWN }));
    changed.add(username);
  };
}

/**
 * Public channels answer without a session, so they are outside the matrix: each is listed here on
 * purpose (setup, sign-in, lock, recovery with the recovery code, restoring a backup on a locked
 * workstation with the backup's own key). A new public channel fails until it is reviewed and added.
 */
const PUBLIC = ['app.status', 'setup.initialize', 'auth.signIn', 'auth.lock', 'auth.recoveryAccounts', 'auth.recover', 'backup.restore'];

describe('the permission matrix', () => {
  it('every channel declares an action that the matrix has a rule for', () => {
    const unknown = CHANNEL_NAMES.filter((name) => {
      const permission = channels[name].permission;
      return permission !== 'public' && permission !== 'session' && !isPermission(permission);
    });
    expect(unknown).toEqual([]);
    expect(CHANNEL_NAMES.filter((name) => channels[name].permission === 'public').sort()).toEqual([...PUBLIC].sort());
    for (const [permission, rule] of Object.entries(PERMISSION_SCOPES)) {
      expect(Object.keys(rule).length, permission).toBeGreaterThan(0);
      expect([...PERMISSIONS[permission as Permission]].sort(), permission).toEqual(Object.keys(rule).sort());
    }
    // A permission missing from the table is refused, not a crash.
    expect(scopeFor(['director'], 'no.such' as Permission)).toBeNull();
  });

  it('matches the roles table of PRODUCT.md', () => {
    const granted = (role: Role) => (Object.keys(PERMISSION_SCOPES) as Permission[]).filter((p) => rolesGrant([role], p));
    const clinicalContent: Permission[] = [
      'assessments.clinical',
      'alerts.read',
      'census.clinical',
      'reports.triage',
      'cases.clinical',
      'groups.manage',
      'crisis.manage',
      'keyattention.manage',
      'archive.read',
    ];
    // Admin and reception never reach clinical content; leadership only de-identified figures.
    for (const role of ['admin', 'reception', 'liaison', 'leadership'] as const) {
      expect(
        granted(role).filter((p) => clinicalContent.includes(p)),
        role,
      ).toEqual([]);
    }
    expect(granted('leadership').sort()).toEqual(['activities.read', 'crisis.summary', 'statistics.read']);
    // Everything a liaison reaches is narrowed to their department or to what is theirs.
    for (const permission of granted('liaison')) expect(['department', 'own'], permission).toContain(scopeFor(['liaison'], permission));
    // Counselors read case content of assigned cases only (break-glass beyond); the director all.
    expect(scopeFor(['counselor'], 'cases.clinical')).toBe('assigned');
    expect(scopeFor(['trainee'], 'cases.clinical')).toBe('assigned');
    expect(scopeFor(['director'], 'cases.clinical')).toBe('all');
    expect(scopeFor(['counselor'], 'cases.status')).toBe('all');
    // 工作网络: liaisons read their own 院系 (and the school levels), never keep the register.
    expect(scopeFor(['liaison'], 'network.read')).toBe('department');
    expect(rolesGrant(['liaison'], 'network.manage')).toBe(false);
    expect(rolesGrant(['director'], 'network.manage') && rolesGrant(['reception'], 'network.manage')).toBe(true);
    // Roles add up: the widest scope wins.
    expect(scopeFor(['liaison', 'counselor'], 'students.read')).toBe('all');
    expect(scopeFor(['liaison', 'leadership'], 'students.read')).toBe('department');
    for (const role of CLINICAL) expect(rolesGrant([role], 'crisis.manage'), role).toBe(true);
    // Issue 17: a liaison records activities of their own department only; trainings, supervision and
    // courses are the center's (a counselor reads their own supervision, never others').
    expect(scopeFor(['liaison'], 'activities.manage')).toBe('department');
    expect(scopeFor(['liaison'], 'activities.read')).toBe('department');
    for (const role of ['liaison', 'reception', 'leadership', 'admin'] as const) {
      for (const permission of ['training.manage', 'training.read', 'supervision.manage', 'supervision.read', 'courses.manage'] as const)
        expect(rolesGrant([role], permission), `${role} ${permission}`).toBe(false);
    }
    expect(scopeFor(['counselor'], 'supervision.read')).toBe('own');
    expect(scopeFor(['supervisor'], 'supervision.manage')).toBe('all');
    expect(rolesGrant(['counselor'], 'supervision.manage')).toBe(false);
  });

  it('every channel answers every role as the matrix says: refused before the handler, or let through', async () => {
    const { core } = await setUpCore({ adminIsDirector: false });
    const signInAs = await roleAccounts(core);
    const count = (table: string) => () => core.vault.requireStore().sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const auditCount = count('audit_events');
    const outboxCount = count('outbox');

    // Count which handlers run: a refused call must never reach one.
    const reached = new Set<string>();
    const table = handlers as unknown as Record<string, (ctx: unknown, input: unknown) => unknown>;
    const originals = { ...table };
    for (const name of CHANNEL_NAMES.filter((n) => originals[n])) {
      table[name] = (ctx, input) => {
        reached.add(name);
        return originals[name](ctx, input);
      };
    }
    const problems: string[] = [];
    let refusals = 0;
    let passes = 0;
    try {
      for (const role of ROLES) {
        await signInAs(role);
        for (const name of CHANNEL_NAMES as ChannelName[]) {
          const spec = channels[name];
          if (spec.permission === 'public') continue;
          const allowed = scopeFor([role], spec.permission) !== null;
          const before = { audit: auditCount(), outbox: outboxCount() };
          reached.delete(name);
          const result = await core.call(name, {});
          if (!core.vault.session) await signInAs(role); // a channel that locks (none today) must not end the walk
          const permissionRefusal = !result.ok && result.error.code === 'FORBIDDEN' && result.error.details.permission !== undefined;
          if (!allowed) {
            refusals++;
            if (!permissionRefusal) problems.push(`${role} ${name}: expected FORBIDDEN, got ${JSON.stringify(result.ok ? 'ok' : result.error)}`);
            if (reached.has(name)) problems.push(`${role} ${name}: the handler ran for a refused role`);
            if (result.ok || result.error.details.permission !== spec.permission) problems.push(`${role} ${name}: refusal names the wrong permission`);
            const after = { audit: auditCount(), outbox: outboxCount() };
            if (after.outbox !== before.outbox) problems.push(`${role} ${name}: a refused call wrote to the outbox`);
            // The one event a refusal leaves is the refusal itself.
            const written = core.vault
              .requireStore()
              .sqlite.prepare('SELECT action, entity_id AS entityId FROM audit_events ORDER BY seq DESC LIMIT ?')
              .all(after.audit - before.audit) as { action: string; entityId: string }[];
            if (written.length !== 1 || written[0].action !== 'access-denied' || written[0].entityId !== name) {
              problems.push(`${role} ${name}: a refused call left ${JSON.stringify(written)} in the audit log`);
            }
          } else {
            passes++;
            if (permissionRefusal) problems.push(`${role} ${name}: refused for permission though the matrix allows it`);
            else if (!(result.ok || result.error.code === 'VALIDATION' || reached.has(name)))
              problems.push(`${role} ${name}: never reached its handler (${JSON.stringify(result.error)})`);
          }
        }
      }
    } finally {
      Object.assign(table, originals);
    }
    expect(problems).toEqual([]);
    // The walk really covered both sides of the matrix.
    expect(refusals).toBeGreaterThan(CHANNEL_NAMES.length);
    expect(passes).toBeGreaterThan(CHANNEL_NAMES.length);
  }, 120_000);
});
