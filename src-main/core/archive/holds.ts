import { randomUUID } from 'node:crypto';
import { asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { LegalHold, RecordRef } from '../../../src-shared/contract/archive';
import { AppError } from '../../../src-shared/contract/errors';
import { accounts } from '../store/schema/kernel';
import type { OpenStore } from '../store/open-store';
import type { Actor, Db } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { recordsOf } from './retention';
import { legalHolds } from '../store/schema/archive';

type HoldRow = typeof legalHolds.$inferSelect;

export function peopleById(db: Db, ids: readonly (string | null)[]): Map<string, { id: string; displayName: string }> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted)).all();
  return new Map(rows.map((row) => [row.id, row]));
}

export function studentRef(db: Db, id: string) {
  const row = db
    .select({ id: students.id, studentNo: students.studentNo, name: students.name, department: students.department })
    .from(students)
    .where(eq(students.id, id))
    .get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'archiveStudentNotFound' });
  return row;
}

function toHolds(db: Db, rows: HoldRow[]): LegalHold[] {
  const people = peopleById(
    db,
    rows.flatMap((r) => [r.placedBy, r.releasedBy]),
  );
  const person = (id: string) => people.get(id) ?? { id, displayName: id };
  return rows.map((row) => ({
    id: row.id,
    student: studentRef(db, row.studentId),
    recordKind: row.recordKind as LegalHold['recordKind'],
    recordId: row.recordId,
    reason: row.reason,
    placedBy: person(row.placedBy),
    placedAt: row.placedAt,
    releasedBy: row.releasedBy ? person(row.releasedBy) : null,
    releasedAt: row.releasedAt,
    releaseReason: row.releaseReason,
  }));
}

export function listHolds(db: Db, includeReleased: boolean): LegalHold[] {
  const rows = db
    .select()
    .from(legalHolds)
    .where(includeReleased ? undefined : isNull(legalHolds.releasedAt))
    .orderBy(asc(legalHolds.releasedAt), desc(legalHolds.placedAt))
    .all();
  return toHolds(db, rows);
}

/** 法律保全 on a student, or on one of the student's records (which must exist). */
export function placeHold(
  store: OpenStore,
  actor: Actor & { accountId: string },
  input: { studentId: string; record?: RecordRef; reason: string },
  now: Date,
): LegalHold {
  studentRef(store.db, input.studentId);
  if (input.record) {
    const { kind, id } = input.record;
    if (!recordsOf(store.db, input.studentId).some((r) => r.kind === kind && r.id === id) && !(kind === 'care' && id === input.studentId)) {
      throw new AppError('NOT_FOUND', { reason: 'archiveRecordNotFound' });
    }
  }
  const at = now.toISOString();
  const row = store.uow.run(actor, (tx) =>
    tx.insert(
      legalHolds,
      {
        id: randomUUID(),
        studentId: input.studentId,
        recordKind: input.record?.kind ?? null,
        recordId: input.record?.id ?? null,
        reason: input.reason,
        placedBy: actor.accountId,
        placedAt: at,
        createdAt: at,
        updatedAt: at,
      },
      { action: 'legal-hold', details: { studentId: input.studentId, recordKind: input.record?.kind ?? null, recordId: input.record?.id ?? null } },
    ),
  );
  return toHolds(store.db, [row])[0]!;
}

export function releaseHold(store: OpenStore, actor: Actor & { accountId: string }, id: string, reason: string, now: Date): LegalHold {
  const row = store.db.select().from(legalHolds).where(eq(legalHolds.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'archiveHoldNotFound' });
  if (row.releasedAt) throw new AppError('CONFLICT', { reason: 'archiveHoldReleased' });
  const at = now.toISOString();
  const released = store.uow.run(actor, (tx) =>
    tx.update(
      legalHolds,
      id,
      { releasedBy: actor.accountId, releasedAt: at, releaseReason: reason, updatedAt: at },
      { action: 'legal-hold-release', details: { studentId: row.studentId } },
    ),
  );
  return toHolds(store.db, [released])[0]!;
}
