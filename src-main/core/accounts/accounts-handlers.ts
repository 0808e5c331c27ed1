import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import { rolesGrant, takesSupervisor, type Role } from '../../../src-shared/permissions';
import { todayOf } from '../util/local-day';
import { moveWorkOfAccountOutsideDepartment } from '../followups/department-move';
import { handOver, openWorkFacts, toGroups } from '../followups/open-work';
import type { PartialHandlerMap } from '../handler-types';
import { withAccountSlot } from '../keys/keyring';
import { accounts } from '../store/schema/kernel';
import { assertAdminRemains, checkedSupervisor, insertAccount, listAccounts, toAccount } from './account-service';
import { requireRow } from '../store/require-row';

type AccountChannels =
  'accounts.list' | 'accounts.counselors' | 'accounts.create' | 'accounts.update' | 'accounts.resetPassword' | 'accounts.setDisabled' | 'accounts.openWork';

const CLINICAL_ROLES: readonly Role[] = ['director', 'counselor', 'supervisor', 'trainee'];

export const accountsHandlers: PartialHandlerMap<AccountChannels> = {
  'accounts.list': ({ vault }) => {
    const ring = vault.currentRing();
    return listAccounts(vault.requireStore().db).map((row) => toAccount(row, ring));
  },

  'accounts.counselors': ({ vault }) =>
    listAccounts(vault.requireStore().db)
      .filter((row) => !row.disabled && (row.roles as Role[]).some((role) => CLINICAL_ROLES.includes(role)))
      .map((row) => ({ id: row.id, displayName: row.displayName, roles: row.roles as Role[] })),

  'accounts.create': async ({ vault }, input) => {
    const id = randomUUID();
    // scrypt is async, so the slot is made before the (synchronous) transaction that uses it.
    const slot = await vault.slotFor(id, input.username, input.password);
    const row = vault.withRing(
      (tx) => insertAccount(tx, { ...input, mustChangePassword: true }, vault.now(), id),
      (ring) => withAccountSlot(ring, id, slot),
    );
    return toAccount(row, vault.currentRing());
  },

  'accounts.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const current = requireRow(store.db, 'account', input.accountId);
    if (input.roles) assertAdminRemains(store.db, { accountId: input.accountId, roles: input.roles });
    const roles = input.roles ?? (current.roles as Role[]);
    // A trainee keeps their supervisor unless it is changed; someone no longer a trainee has none.
    const supervisorId =
      input.supervisorId !== undefined
        ? checkedSupervisor(store.db, { accountId: current.id, roles, supervisorId: input.supervisorId })
        : takesSupervisor(roles)
          ? current.supervisorId
          : null;
    const row = store.uow.run(vault.actor(), (tx) => {
      const updated = tx.update(
        accounts,
        input.accountId,
        {
          ...(input.displayName !== undefined && { displayName: input.displayName }),
          ...(input.roles !== undefined && { roles: [...new Set(input.roles)] }),
          ...(input.department !== undefined && { department: input.department || null }),
          supervisorId,
          updatedAt: vault.now(),
        },
        { action: input.roles ? 'change-roles' : 'change' },
      );
      // A liaison moved to another department (or no longer a liaison): their work for students they no longer cover moves on (item 11).
      moveWorkOfAccountOutsideDepartment(tx, input.accountId, vault.now());
      return updated;
    });
    vault.refreshSession();
    return toAccount(row, vault.currentRing());
  },

  'accounts.resetPassword': async ({ vault }, input) => {
    const target = requireRow(vault.requireStore().db, 'account', input.accountId);
    if (target.disabled) throw new AppError('CONFLICT', { reason: 'accountDisabled' });
    const slot = await vault.slotFor(target.id, target.username, input.newPassword);
    const row = vault.withRing(
      (tx) => tx.update(accounts, target.id, { mustChangePassword: true, updatedAt: vault.now() }, { action: 'reset-password' }),
      (ring) => withAccountSlot(ring, target.id, slot),
    );
    return toAccount(row, vault.currentRing());
  },

  /** What the account holds, listed before disabling it so a successor can be chosen per kind. */
  'accounts.openWork': ({ vault }, input) => {
    const db = vault.requireStore().db;
    requireRow(db, 'account', input.accountId);
    const now = new Date(vault.now());
    // An administrator without students.read sees the kinds, counts and labels, not the names.
    const groups = toGroups(db, openWorkFacts(db, input.accountId, now, todayOf(now)), {
      seesStudents: rolesGrant(vault.requireSession().roles, 'students.read'),
    });
    return { accountId: input.accountId, total: groups.reduce((sum, g) => sum + g.count, 0), groups };
  },

  /**
   * Disabling removes the key slot too: a disabled person's password no longer opens the file.
   * Their open work goes to the successors named per kind in the same transaction; what has none
   * is left to nobody and shows on the director's workbench as 无人负责.
   */
  'accounts.setDisabled': ({ vault }, input) => {
    const store = vault.requireStore();
    const target = requireRow(store.db, 'account', input.accountId);
    if (input.disabled && target.id === vault.session?.accountId) throw new AppError('CONFLICT', { reason: 'cannotDisableSelf' });
    if (input.disabled) assertAdminRemains(store.db, { accountId: target.id, disabled: true });
    const now = new Date(vault.now());
    const row = vault.withRing(
      (tx) => {
        const updated = tx.update(
          accounts,
          target.id,
          { disabled: input.disabled, mustChangePassword: input.disabled ? target.mustChangePassword : true, updatedAt: vault.now() },
          { action: input.disabled ? 'disable' : 'enable' },
        );
        if (input.disabled) {
          const result = handOver(tx, target.id, input.successors ?? {}, now, todayOf(now));
          tx.record('handover', 'accounts', target.id, { moved: result.moved, unowned: result.unowned });
        }
        return updated;
      },
      (ring) => (input.disabled ? withAccountSlot(ring, target.id, null) : ring),
    );
    return toAccount(row, vault.currentRing());
  },
};
