import { asc, eq } from 'drizzle-orm';
import { ROLES, scopeFor, type Role } from '../../../src-shared/permissions';
import { accounts } from '../store/schema/kernel';
import { schoolYearOf } from '../../../src-shared/contract/network';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { todayOf } from '../util/local-day';
import { findAccountById } from '../accounts/account-service';
import { requireStudent } from '../students/student-service';
import { studentScopeFor } from '../students/scope';
import { createPerson, listPeople, requirePerson, retirePerson, schoolYears, toPerson, updatePerson, type NetworkScope } from './network-service';
import { networkImportHandlers } from './network-import-handlers';

type NetworkChannelNames =
  | 'network.people'
  | 'network.get'
  | 'network.accounts'
  | 'network.years'
  | 'network.ofStudent'
  | 'network.ofClass'
  | 'network.create'
  | 'network.update'
  | 'network.retire';

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** A liaison reads the school levels and their own 院系 (department read afresh on each call). */
export function networkScope({ vault }: CallContext): NetworkScope {
  const session = vault.requireSession();
  if (scopeFor(session.roles, 'network.read') !== 'department') return { kind: 'all' };
  return { kind: 'department', department: findAccountById(vault.requireStore().db, session.accountId)?.department ?? null };
}

export function currentSchoolYear(ctx: CallContext): string {
  return schoolYearOf(todayOf(ctx.vault.now()));
}

/** Handlers of the register channels. The register is not clinical: reads are not audited as views. */
const registerHandlers: PartialHandlerMap<NetworkChannelNames> = {
  'network.people': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    const { schoolYear = currentSchoolYear(ctx), ...filter } = input;
    return { schoolYear, rows: listPeople(db, schoolYear, filter, networkScope(ctx)).map((row) => toPerson(db, row)) };
  },

  'network.accounts': ({ vault }) => {
    const { db } = vault.requireStore();
    const rows = db.select().from(accounts).where(eq(accounts.disabled, false)).orderBy(asc(accounts.displayName)).all();
    return { rows: rows.map((a) => ({ id: a.id, displayName: a.displayName, roles: a.roles.filter(isRole), department: a.department })) };
  },

  'network.get': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    return toPerson(db, requirePerson(db, input.id, networkScope(ctx)));
  },

  'network.years': (ctx) => {
    const { db } = ctx.vault.requireStore();
    const current = currentSchoolYear(ctx);
    const years = schoolYears(db);
    return { current, years: years.includes(current) ? years : [current, ...years].sort().reverse() };
  },

  'network.ofStudent': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    // The student scope applies: a liaison asks only about their own department's students.
    const student = requireStudent(db, input.studentId, studentScopeFor(db, ctx.vault.requireSession()));
    const schoolYear = input.schoolYear ?? currentSchoolYear(ctx);
    const scope = networkScope(ctx);
    const roles = listPeople(db, schoolYear, { studentId: student.id }, scope);
    const classPeople = student.className
      ? listPeople(
          db,
          schoolYear,
          { level: 'class', className: student.className, ...(student.department ? { department: student.department } : {}) },
          scope,
        ).filter((row) => !row.grade || !student.grade || row.grade === student.grade)
      : [];
    return { roles: roles.map((row) => toPerson(db, row)), classPeople: classPeople.map((row) => toPerson(db, row)) };
  },

  'network.ofClass': (ctx, input) => {
    const { db } = ctx.vault.requireStore();
    const schoolYear = input.schoolYear ?? currentSchoolYear(ctx);
    const rows = listPeople(
      db,
      schoolYear,
      { level: 'class', className: input.className, ...(input.department ? { department: input.department } : {}) },
      networkScope(ctx),
    ).filter((row) => !input.grade || !row.grade || row.grade === input.grade);
    return { rows: rows.map((row) => toPerson(db, row)) };
  },

  'network.create': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => createPerson(tx, input, vault.now()));
    return toPerson(store.db, row);
  },

  'network.update': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => updatePerson(tx, requirePerson(tx.db, input.id), input.patch, vault.now()));
    return toPerson(store.db, row);
  },

  'network.retire': ({ vault }, input) => {
    const store = vault.requireStore();
    const row = store.uow.run(vault.actor(), (tx) => retirePerson(tx, requirePerson(tx.db, input.id), vault.now()));
    return toPerson(store.db, row);
  },
};

export const networkHandlers = { ...registerHandlers, ...networkImportHandlers };
