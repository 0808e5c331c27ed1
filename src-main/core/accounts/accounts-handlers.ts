import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import type { Role } from '../../../src-shared/permissions';
import type { PartialHandlerMap } from '../handler-types';
import { withAccountSlot } from '../keys/keyring';
import { accounts } from '../store/schema/kernel';
import { insertAccount, listAccounts, toAccount } from './account-service';
import { requireRow } from '../store/require-row';

type AccountChannels = 'accounts.list' | 'accounts.counselors' | 'accounts.create' | 'accounts.resetPassword';

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
};
