import { scopeFor } from '../../../src-shared/permissions';
import type { PartialHandlerMap } from '../handler-types';
import { requireStudent } from '../students/student-service';
import { studentScopeFor } from '../students/scope';
import type { Session } from '../vault';
import { addContact, contactById, isEligible, listContacts, type FamilyReach } from './family-service';

type FamilyChannelNames = 'family.forStudent' | 'family.list' | 'family.add';

/** Liaisons (scope `own`) see the contacts they recorded; clinicians every contact and the crisis notifications. */
function reachOf(session: Session): FamilyReach {
  return scopeFor(session.roles, 'family.read') === 'all' ? { kind: 'all' } : { kind: 'own', accountId: session.accountId };
}

/** A local date as the start of that day in UTC is close enough for a log filter; the end is exclusive. */
function dayStart(date: string | undefined): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayAfter(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export const familyHandlers: PartialHandlerMap<FamilyChannelNames> = {
  'family.forStudent': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const student = requireStudent(store.db, input.studentId, studentScopeFor(store.db, session));
    const rows = listContacts(store.db, reachOf(session), { studentId: student.id });
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'family_contacts', null, { studentId: student.id, rows: rows.length }));
    return {
      eligible: isEligible(store.db, student.id),
      guardians: student.guardians.map((g) => ({ name: g.name, relation: g.relation, phone: g.phone })),
      rows,
    };
  },

  'family.list': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    if (input.studentId) requireStudent(store.db, input.studentId, studentScopeFor(store.db, session));
    const rows = listContacts(store.db, reachOf(session), { studentId: input.studentId, from: dayStart(input.from), to: dayAfter(input.to) });
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'family_contacts', null, { rows: rows.length }));
    return { rows };
  },

  'family.add': ({ vault, clock }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    // A liaison records contacts only for their own department's students (others look absent).
    const student = requireStudent(store.db, input.studentId, studentScopeFor(store.db, session));
    const row = store.uow.run(vault.actor(), (tx) => addContact(tx, input, student.guardians, clock.now()));
    return contactById(store.db, row.id);
  },
};
