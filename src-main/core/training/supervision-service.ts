import { randomUUID } from 'node:crypto';
import { and, desc, inArray } from 'drizzle-orm';
import { betweenDays } from '../store/date-range';
import { AppError } from '../../../src-shared/contract/errors';
import type { SupervisionFields, SupervisionSession, SupervisionTotals } from '../../../src-shared/contract/training';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { supervisionSessions } from '../store/schema/training';
import { roundHours } from './training-service';

export type SupervisionRow = typeof supervisionSessions.$inferSelect;

function accountNames(db: Db, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.id, [...new Set(ids)]))
      .all()
      .map((a) => [a.id, a.displayName]),
  );
}

export function toSupervisions(db: Db, rows: readonly SupervisionRow[]): SupervisionSession[] {
  const names = accountNames(
    db,
    rows.flatMap((r) => r.supervisees),
  );
  return rows.map((row) => ({ ...row, supervisees: row.supervisees.map((id) => ({ id, displayName: names.get(id) ?? id })) }));
}

/** `viewer`: a counselor or trainee (own scope) sees only the sessions they took part in. */
export function listSupervisions(db: Db, filter: { from?: string; to?: string; superviseeId?: string }, viewer: string | null): SupervisionRow[] {
  const conditions = betweenDays(supervisionSessions.date, filter);
  const rows = db
    .select()
    .from(supervisionSessions)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(supervisionSessions.date), desc(supervisionSessions.createdAt))
    .all();
  return rows.filter(
    (row) =>
      (!filter.superviseeId || row.supervisees.includes(filter.superviseeId)) &&
      (viewer === null || row.supervisees.includes(viewer) || row.supervisorAccountId === viewer),
  );
}

function assertPeople(db: Db, fields: Pick<SupervisionFields, 'format' | 'superviseeIds'> & { supervisorAccountId?: string | null }): void {
  const unique = new Set(fields.superviseeIds);
  if (unique.size !== fields.superviseeIds.length) throw new AppError('VALIDATION', { reason: 'supervisionDuplicateSupervisee' });
  if (fields.format === 'individual' && unique.size !== 1) throw new AppError('VALIDATION', { reason: 'supervisionIndividualOne' });
  const ids = [...unique, ...(fields.supervisorAccountId ? [fields.supervisorAccountId] : [])];
  const known = accountNames(db, ids);
  if (ids.some((id) => !known.has(id))) throw new AppError('VALIDATION', { reason: 'trainingUnknownAccount' });
  if (fields.supervisorAccountId && unique.has(fields.supervisorAccountId)) throw new AppError('VALIDATION', { reason: 'supervisionSelf' });
}

export function createSupervision(tx: WriteContext, fields: SupervisionFields, at: string): SupervisionRow {
  assertPeople(tx.db, fields);
  return tx.insert(
    supervisionSessions,
    {
      id: randomUUID(),
      date: fields.date,
      supervisorAccountId: fields.supervisorAccountId ?? null,
      supervisorName: fields.supervisorName,
      format: fields.format,
      hours: fields.hours,
      supervisees: [...fields.superviseeIds],
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { format: fields.format, date: fields.date } },
  );
}

export function updateSupervision(tx: WriteContext, row: SupervisionRow, patch: Partial<SupervisionFields>, at: string): SupervisionRow {
  const merged = {
    format: patch.format ?? row.format,
    superviseeIds: patch.superviseeIds ?? row.supervisees,
    supervisorAccountId: patch.supervisorAccountId !== undefined ? patch.supervisorAccountId : row.supervisorAccountId,
  };
  assertPeople(tx.db, merged);
  const changes: Partial<typeof supervisionSessions.$inferInsert> = {};
  if (patch.date !== undefined) changes.date = patch.date;
  if (patch.supervisorAccountId !== undefined) changes.supervisorAccountId = patch.supervisorAccountId;
  if (patch.supervisorName !== undefined) changes.supervisorName = patch.supervisorName;
  if (patch.format !== undefined) changes.format = patch.format;
  if (patch.hours !== undefined) changes.hours = patch.hours;
  if (patch.superviseeIds !== undefined) changes.supervisees = [...patch.superviseeIds];
  if (Object.keys(changes).length === 0) return row;
  return tx.update(supervisionSessions, row.id, { ...changes, updatedAt: at });
}

/**
 * Per counselor in a span of dates: sessions (individual and group) and hours. A group session
 * counts its whole length for each counselor in it (each was supervised that long).
 */
export function supervisionTotals(db: Db, span: { start: string; end: string }, viewer: string | null): SupervisionTotals {
  const rows = listSupervisions(db, { from: span.start, to: span.end }, null);
  const per = new Map<string, { sessions: number; individual: number; group: number; hours: number }>();
  for (const row of rows) {
    for (const id of row.supervisees) {
      if (viewer !== null && id !== viewer) continue;
      const entry = per.get(id) ?? { sessions: 0, individual: 0, group: 0, hours: 0 };
      per.set(id, {
        sessions: entry.sessions + 1,
        individual: entry.individual + (row.format === 'individual' ? 1 : 0),
        group: entry.group + (row.format === 'group' ? 1 : 0),
        hours: entry.hours + row.hours,
      });
    }
  }
  const names = accountNames(db, [...per.keys()]);
  return {
    start: span.start,
    end: span.end,
    rows: [...per.entries()]
      .map(([accountId, v]) => ({ accountId, displayName: names.get(accountId) ?? accountId, ...v, hours: roundHours(v.hours) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
  };
}
