import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Account } from '../../../src-shared/contract/schemas';
import { type Role, takesSupervisor } from '../../../src-shared/permissions';
import { hasAccountSlot, type KeyRing } from '../keys/keyring';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';

export type AccountRow = typeof accounts.$inferSelect;

export function toAccount(row: AccountRow, ring: KeyRing): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    hasKeySlot: hasAccountSlot(ring, row.id),
    department: row.department,
    supervisorId: row.supervisorId ?? null,
    createdAt: row.createdAt,
  };
}

export function findAccountById(db: Db, id: string): AccountRow | undefined {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

export function findAccountByUsername(db: Db, username: string): AccountRow | undefined {
  return db.select().from(accounts).where(eq(accounts.username, username.toLowerCase())).get();
}

export function listAccounts(db: Db): AccountRow[] {
  return db.select().from(accounts).orderBy(accounts.username).all();
}

export function insertAccount(
  tx: WriteContext,
  input: { username: string; displayName: string; roles: Role[]; mustChangePassword: boolean; department?: string | null; supervisorId?: string | null },
  at: string,
  id: string = randomUUID(),
): AccountRow {
  if (findAccountByUsername(tx.db, input.username)) throw new AppError('CONFLICT', { reason: 'usernameTaken' });
  const supervisorId = checkedSupervisor(tx.db, { accountId: id, roles: input.roles, supervisorId: input.supervisorId });
  return tx.insert(accounts, {
    id,
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    roles: [...new Set(input.roles)],
    disabled: false,
    mustChangePassword: input.mustChangePassword,
    department: input.department || null,
    supervisorId,
    createdAt: at,
    updatedAt: at,
  });
}

/** Refuse a change that would leave no enabled administrator (the recovery code aside). */
export function assertAdminRemains(db: Db, change: { accountId: string; roles?: Role[]; disabled?: boolean }): void {
  const remaining = listAccounts(db).filter((row) => {
    const roles = row.id === change.accountId && change.roles ? change.roles : (row.roles as Role[]);
    const disabled = row.id === change.accountId && change.disabled !== undefined ? change.disabled : row.disabled;
    return roles.includes('admin') && !disabled;
  });
  if (remaining.length === 0) throw new AppError('CONFLICT', { reason: 'lastAdmin' });
}

/**
 * The supervisor a trainee's notes go to for co-signature: only a trainee has one, and it must be
 * an enabled account holding the supervisor role. Returns the value to store.
 */
export function checkedSupervisor(db: Db, input: { accountId: string; roles: readonly Role[]; supervisorId?: string | null }): string | null {
  if (!input.supervisorId) return null;
  if (!takesSupervisor(input.roles)) throw new AppError('CONFLICT', { reason: 'accountSupervisorNotTrainee' });
  const supervisor = findAccountById(db, input.supervisorId);
  if (!supervisor || supervisor.id === input.accountId || supervisor.disabled || !(supervisor.roles as Role[]).includes('supervisor')) {
    throw new AppError('CONFLICT', { reason: 'accountSupervisorInvalid' });
  }
  return supervisor.id;
}

/** Display names of the given accounts (used across domains to show who holds a piece of work). */
export function displayNames(db: Db, ids: (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  return new Map(
    db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.id, wanted))
      .all()
      .map((a) => [a.id, a.displayName]),
  );
}

export function person(names: Map<string, string>, id: string | null) {
  return id ? { id, displayName: names.get(id) ?? '' } : null;
}
