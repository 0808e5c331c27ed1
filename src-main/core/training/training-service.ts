import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { betweenDays } from '../store/date-range';
import { AppError } from '../../../src-shared/contract/errors';
import type { AttendeeRef, TrainingAudience, TrainingDetail, TrainingFields, TrainingHistory, TrainingSession } from '../../../src-shared/contract/training';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { trainingAttendance, trainingSessions } from '../store/schema/training';
import { blankTextAsNull } from '../util/blank-text';

export type TrainingRow = typeof trainingSessions.$inferSelect;
type AttendanceRow = typeof trainingAttendance.$inferSelect;
export type AttendeeInput = AttendeeRef & { attended: boolean };

/**
 * One key per person across sessions: an account, else a register entry, else the name as typed.
 * A name-only entry that later gets an account keeps its old history under `name:` (the history
 * view says whose key it is).
 */
export function personKeyOf(ref: AttendeeRef): string {
  if (ref.accountId) return `account:${ref.accountId}`;
  if (ref.registerPersonId) return `register:${ref.registerPersonId}`;
  return `name:${ref.name.trim()}`;
}

/** The school year a date falls in (September starts a new one), as the statistics count it. */
export function schoolYearOfDate(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 9 ? year : year - 1;
}

/** Sums of hours kept to one decimal (0.1 + 0.2 must read 0.3). */
export const roundHours = (hours: number) => Math.round(hours * 10) / 10;

function attendanceOf(db: Db, sessionIds: readonly string[]): AttendanceRow[] {
  if (sessionIds.length === 0) return [];
  return db
    .select()
    .from(trainingAttendance)
    .where(inArray(trainingAttendance.sessionId, [...sessionIds]))
    .orderBy(asc(trainingAttendance.createdAt), asc(trainingAttendance.name))
    .all();
}

function toSession(row: TrainingRow, list: readonly AttendanceRow[]): TrainingSession {
  return { ...row, invited: list.length, attended: list.filter((a) => a.attended).length };
}

export function toTrainingDetail(db: Db, row: TrainingRow): TrainingDetail {
  const list = attendanceOf(db, [row.id]);
  return {
    ...toSession(row, list),
    attendees: list.map((a) => ({
      id: a.id,
      personKey: a.personKey,
      accountId: a.accountId,
      registerPersonId: a.registerPersonId,
      name: a.name,
      attended: a.attended,
    })),
  };
}

export function listTrainings(db: Db, filter: { from?: string; to?: string; audience?: TrainingAudience }): TrainingSession[] {
  const conditions = betweenDays(trainingSessions.date, filter);
  if (filter.audience) conditions.push(eq(trainingSessions.audience, filter.audience));
  const rows = db
    .select()
    .from(trainingSessions)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(trainingSessions.date), desc(trainingSessions.createdAt))
    .all();
  const byId = new Map<string, AttendanceRow[]>();
  for (const a of attendanceOf(
    db,
    rows.map((r) => r.id),
  ))
    byId.set(a.sessionId, [...(byId.get(a.sessionId) ?? []), a]);
  return rows.map((row) => toSession(row, byId.get(row.id) ?? []));
}

/** Empty optional text is stored as null (one kind of "nothing" for filters and statistics). */
const columns = (fields: Partial<TrainingFields>) => blankTextAsNull<typeof trainingSessions.$inferInsert>(fields);

export function createTraining(tx: WriteContext, fields: TrainingFields, attendees: readonly AttendeeInput[], at: string): TrainingRow {
  const row = tx.insert(
    trainingSessions,
    {
      id: randomUUID(),
      title: fields.title,
      date: fields.date,
      audience: fields.audience,
      trainer: fields.trainer,
      hours: fields.hours,
      location: null,
      department: null,
      ...columns(fields),
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { audience: fields.audience, date: fields.date } },
  );
  if (attendees.length > 0) setAttendance(tx, row, attendees, at);
  return row;
}

export function updateTraining(tx: WriteContext, row: TrainingRow, patch: Partial<TrainingFields>, at: string): TrainingRow {
  const changes = columns(patch);
  if (Object.keys(changes).length === 0) return row;
  return tx.update(trainingSessions, row.id, { ...changes, updatedAt: at });
}

/** Accounts named on a list must exist: a typo'd id would otherwise count hours for nobody. */
function assertAccounts(db: Db, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const found = new Set(
    db
      .select({ id: accounts.id })
      .from(accounts)
      .where(inArray(accounts.id, [...ids]))
      .all()
      .map((a) => a.id),
  );
  if (ids.some((id) => !found.has(id))) throw new AppError('VALIDATION', { reason: 'trainingUnknownAccount' });
}

/**
 * The list becomes exactly `attendees`: new people are added, a changed mark is a change, and
 * people taken off the list are marked absent rather than deleted (the audit log keeps who was
 * listed; the count of attendance only follows `attended`).
 */
export function setAttendance(tx: WriteContext, session: TrainingRow, attendees: readonly AttendeeInput[], at: string): void {
  const keyed = new Map<string, AttendeeInput>();
  for (const person of attendees) {
    const key = personKeyOf(person);
    if (keyed.has(key)) throw new AppError('VALIDATION', { reason: 'trainingDuplicateAttendee', name: person.name });
    keyed.set(key, person);
  }
  assertAccounts(
    tx.db,
    [...keyed.values()].flatMap((p) => (p.accountId ? [p.accountId] : [])),
  );
  const existing = new Map(attendanceOf(tx.db, [session.id]).map((a) => [a.personKey, a]));
  for (const [key, person] of keyed) {
    const row = existing.get(key);
    if (!row) {
      tx.insert(
        trainingAttendance,
        {
          id: randomUUID(),
          sessionId: session.id,
          personKey: key,
          accountId: person.accountId ?? null,
          registerPersonId: person.registerPersonId ?? null,
          name: person.name.trim(),
          attended: person.attended,
          createdAt: at,
          updatedAt: at,
        },
        { details: { sessionId: session.id, attended: person.attended } },
      );
    } else if (row.attended !== person.attended || row.name !== person.name.trim()) {
      tx.update(trainingAttendance, row.id, { attended: person.attended, name: person.name.trim(), updatedAt: at }, { details: { sessionId: session.id } });
    }
  }
  for (const [key, row] of existing) {
    if (!keyed.has(key) && row.attended) tx.update(trainingAttendance, row.id, { attended: false, updatedAt: at }, { details: { sessionId: session.id } });
  }
  tx.update(trainingSessions, session.id, { updatedAt: at });
}

/** Every session a person was listed for, and the hours of those they attended per school year. */
export function personHistory(db: Db, personKey: string): TrainingHistory {
  const rows = db
    .select({ attendance: trainingAttendance, session: trainingSessions })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
    .where(eq(trainingAttendance.personKey, personKey))
    .orderBy(desc(trainingSessions.date))
    .all();
  if (rows.length === 0) throw new AppError('NOT_FOUND', { reason: 'trainingPersonNotFound' });
  const years = new Map<number, { sessions: number; hours: number }>();
  for (const { attendance, session } of rows) {
    if (!attendance.attended) continue;
    const year = schoolYearOfDate(session.date);
    const entry = years.get(year) ?? { sessions: 0, hours: 0 };
    years.set(year, { sessions: entry.sessions + 1, hours: entry.hours + session.hours });
  }
  return {
    personKey,
    // The most recent spelling of the name.
    name: rows[0]!.attendance.name,
    sessions: rows.map(({ attendance, session }) => ({
      sessionId: session.id,
      title: session.title,
      date: session.date,
      audience: session.audience,
      hours: session.hours,
      attended: attendance.attended,
    })),
    hoursByYear: [...years.entries()].sort((a, b) => b[0] - a[0]).map(([schoolYear, v]) => ({ schoolYear, sessions: v.sessions, hours: roundHours(v.hours) })),
  };
}
