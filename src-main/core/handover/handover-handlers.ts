import { AppError } from '../../../src-shared/contract/errors';
import { rolesGrant, takesSupervisor, type Role } from '../../../src-shared/permissions';
import { assertAdminRemains, checkedSupervisor, toAccount } from '../accounts/account-service';
import type { PartialHandlerMap } from '../handler-types';
import { withAccountSlot } from '../keys/keyring';
import { requireRow } from '../store/require-row';
import { accounts } from '../store/schema/kernel';
import { studentScopeFor } from '../students/scope';
import { requireStudent, toStudent, updateStudent } from '../students/student-service';
import { todayOf } from '../util/local-day';
import { moveWorkOfAccountOutsideDepartment, moveWorkWithStudent } from './department-move';
import { handOver, openWorkFacts, toGroups } from './open-work';
import { takeOver, unownedGroups } from './unowned-work';

/*
 * Work follows people (issue 14 item 11): the channels whose change moves open work (tasks, crisis
 * steps, key attention, cases, census follow-ups) from one holder to another. They sit above the
 * accounts, students, follow-up and crisis domains, whose work they move, so none of those
 * imports another for it; each move is in the same transaction as the change that causes it.
 */

type HandoverChannels = 'accounts.update' | 'accounts.openWork' | 'accounts.setDisabled' | 'followups.unowned' | 'followups.takeOver' | 'students.update';

export const handoverHandlers: PartialHandlerMap<HandoverChannels> = {
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

  'followups.unowned': (ctx) => {
    const session = ctx.vault.requireSession();
    const now = new Date(ctx.vault.now());
    return { now: now.toISOString(), groups: unownedGroups(ctx.vault.requireStore().db, session, now, todayOf(now)) };
  },

  'followups.takeOver': (ctx, input) => {
    const session = ctx.vault.requireSession();
    const now = new Date(ctx.vault.now());
    return ctx.vault.requireStore().uow.run(ctx.vault.actor(), (tx) => takeOver(tx, session, input, now, todayOf(now)));
  },

  'students.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = requireStudent(store.db, input.id, studentScopeFor(store.db, vault.requireSession()));
    return toStudent(
      store.uow.run(vault.actor(), (tx) => {
        const at = vault.now();
        // A new department: the old department's liaison's open work moves on with the student, in the same transaction (issue 14 item 11).
        return updateStudent(tx, row, input.patch, at, (studentId, from, to) => moveWorkWithStudent(tx, studentId, from, to, at));
      }),
    );
  },
};
