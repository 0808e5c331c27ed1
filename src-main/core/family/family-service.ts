import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { FamilyContact, FamilyContactFields, FamilyContactWay } from '../../../src-shared/contract/family';
import { cases } from '../store/schema/cases';
import { crisisEvents, crisisNotifications } from '../store/schema/crisis';
import { keyAttention } from '../store/schema/keyattention';
import { assertNotFuture } from '../referrals/notification-service';
import { peopleById, personOf, studentsById, type StudentRef } from '../referrals/links';
import type { Db, WriteContext } from '../store/unit-of-work';
import { familyContacts } from '../store/schema/family';
import { resolvePerson } from './register-person';
import { requireRow } from '../store/require-row';

type ContactRow = typeof familyContacts.$inferSelect;

/** Whose entries a reader sees: every entry (clinicians, with the crisis notifications) or only their own (liaisons). */
export type FamilyReach = { kind: 'all' } | { kind: 'own'; accountId: string };

/** A crisis notification's method in the log's words: 短信/微信 counts as 微信, a letter as 书面. */
const CRISIS_METHOD_WAY: Record<string, FamilyContactWay> = { phone: 'phone', in_person: 'in_person', message: 'wechat', letter: 'written', other: 'other' };

/**
 * A contact can be recorded for a student the center works with: a case (of any state), an entry
 * on the key-attention list (also a removed one: the family is often told when a student comes
 * off it) or a crisis event. Wider rather than narrower, so no student at risk is left out.
 */
export function isEligible(db: Db, studentId: string): boolean {
  const has = (rows: unknown[]) => rows.length > 0;
  return (
    has(db.select({ id: cases.id }).from(cases).where(eq(cases.studentId, studentId)).limit(1).all()) ||
    has(db.select({ id: keyAttention.id }).from(keyAttention).where(eq(keyAttention.studentId, studentId)).limit(1).all()) ||
    has(db.select({ id: crisisEvents.id }).from(crisisEvents).where(eq(crisisEvents.studentId, studentId)).limit(1).all())
  );
}

function toContacts(db: Db, rows: ContactRow[], students: Map<string, StudentRef>): FamilyContact[] {
  const people = peopleById(
    db,
    rows.map((r) => r.recordedBy),
  );
  return rows.map((row) => ({
    id: row.id,
    source: 'contact' as const,
    student: students.get(row.studentId)!,
    contactedAt: row.contactedAt,
    way: row.way,
    crisisMethod: null,
    targetKind: row.targetKind,
    target: { personId: row.targetPersonId, name: row.targetName },
    targetRelation: row.targetRelation,
    contactor: row.contactorName ? { personId: row.contactorPersonId, name: row.contactorName } : null,
    purpose: row.purpose,
    summary: row.summary,
    followUp: row.followUp,
    eventId: null,
    eventNo: null,
    recordedBy: personOf(people, row.recordedBy),
    createdAt: row.createdAt,
  }));
}

/**
 * The guardian notifications of crisis events, read into the log as they are (no copy, so the
 * crisis record stays the one source). Only for readers who reach crisis content.
 */
function crisisLines(db: Db, filter: { studentId?: string; from?: string; to?: string }): FamilyContact[] {
  const conditions: SQL[] = [eq(crisisNotifications.recipientKind, 'guardian')];
  if (filter.studentId) conditions.push(eq(crisisEvents.studentId, filter.studentId));
  if (filter.from) conditions.push(gte(crisisNotifications.notifiedAt, filter.from));
  if (filter.to) conditions.push(lt(crisisNotifications.notifiedAt, filter.to));
  const rows = db
    .select({ n: crisisNotifications, studentId: crisisEvents.studentId, eventNo: crisisEvents.eventNo })
    .from(crisisNotifications)
    .innerJoin(crisisEvents, eq(crisisEvents.id, crisisNotifications.eventId))
    .where(and(...conditions))
    .all();
  const students = studentsById(
    db,
    rows.map((r) => r.studentId),
  );
  const people = peopleById(
    db,
    rows.map((r) => r.n.notifiedBy),
  );
  return rows.map(({ n, studentId, eventNo }) => ({
    id: n.id,
    source: 'crisis' as const,
    student: students.get(studentId)!,
    contactedAt: n.notifiedAt,
    way: CRISIS_METHOD_WAY[n.method] ?? 'other',
    crisisMethod: n.method,
    targetKind: 'guardian' as const,
    target: { personId: null, name: n.recipientName },
    targetRelation: null,
    contactor: null,
    purpose: n.basis,
    summary: n.content,
    followUp: null,
    eventId: n.eventId,
    eventNo,
    recordedBy: personOf(people, n.notifiedBy),
    createdAt: n.createdAt,
  }));
}

const newestFirst = (a: FamilyContact, b: FamilyContact) => b.contactedAt.localeCompare(a.contactedAt) || b.createdAt.localeCompare(a.createdAt);

/** The log, recorded contacts and (for `all`) crisis guardian notifications, newest first. */
export function listContacts(db: Db, reach: FamilyReach, filter: { studentId?: string; from?: string; to?: string }): FamilyContact[] {
  const conditions: SQL[] = [];
  if (filter.studentId) conditions.push(eq(familyContacts.studentId, filter.studentId));
  if (filter.from) conditions.push(gte(familyContacts.contactedAt, filter.from));
  if (filter.to) conditions.push(lt(familyContacts.contactedAt, filter.to));
  if (reach.kind === 'own') conditions.push(eq(familyContacts.recordedBy, reach.accountId));
  const rows = db
    .select()
    .from(familyContacts)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(familyContacts.contactedAt))
    .all();
  const contacts = toContacts(
    db,
    rows,
    studentsById(
      db,
      rows.map((r) => r.studentId),
    ),
  );
  // A liaison never loads crisis content: the notifications are not their entries anyway.
  const crisis = reach.kind === 'all' ? crisisLines(db, filter) : [];
  return [...contacts, ...crisis].sort(newestFirst);
}

export function contactById(db: Db, id: string): FamilyContact {
  const row = requireRow(db, 'familyContact', id);
  return toContacts(db, [row], studentsById(db, [row.studentId]))[0];
}

/** Guardians as the student record lists them (the names a guardian contact must use). */
export interface GuardianLike {
  name: string;
  relation: string | null;
}

/**
 * Records a contact (append-only). The student must be one the center works with; a guardian
 * must be one of the student record's; a register person must exist.
 */
export function addContact(tx: WriteContext, input: FamilyContactFields, guardians: readonly GuardianLike[], now: Date): ContactRow {
  if (!isEligible(tx.db, input.studentId)) throw new AppError('CONFLICT', { reason: 'familyContactNotEligible' });
  const contactedAt = assertNotFuture(input.contactedAt, now, 'familyContactInFuture');
  let target = { personId: null as string | null, name: input.target.name };
  let relation = input.targetRelation?.trim() || null;
  if (input.targetKind === 'guardian') {
    const guardian = guardians.find((g) => g.name === input.target.name.trim());
    if (!guardian) throw new AppError('VALIDATION', { reason: 'familyContactUnknownGuardian' });
    relation = relation ?? guardian.relation;
  } else if (input.targetKind === 'register') {
    if (!input.target.personId) throw new AppError('VALIDATION', { reason: 'registerPersonNotFound' });
    target = resolvePerson(tx.db, input.target);
  }
  const contactor = input.contactor ? resolvePerson(tx.db, input.contactor) : null;
  const at = now.toISOString();
  return tx.insert(
    familyContacts,
    {
      id: randomUUID(),
      studentId: input.studentId,
      contactedAt,
      way: input.way,
      targetKind: input.targetKind,
      targetPersonId: target.personId,
      targetName: target.name,
      targetRelation: relation,
      contactorPersonId: contactor?.personId ?? null,
      contactorName: contactor?.name ?? null,
      purpose: input.purpose,
      summary: input.summary,
      followUp: input.followUp?.trim() || null,
      recordedBy: tx.actor.accountId,
      createdAt: at,
    },
    // Who and how is the audit's business; what was said is not.
    { details: { studentId: input.studentId, way: input.way, targetKind: input.targetKind } },
  );
}
