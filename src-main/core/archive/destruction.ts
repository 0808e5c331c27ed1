import { randomUUID } from 'node:crypto';
import { desc, inArray } from 'drizzle-orm';
import type { DestructionRecord, DestructionRequest, RecordRef } from '../../../src-shared/contract/archive';
import { AppError } from '../../../src-shared/contract/errors';
import { isDirector, type Role } from '../../../src-shared/permissions';
import { connectionHatch, type OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { destroyRecords } from './destroy-records';
import { peopleById, studentRef } from './holds';
import { assertNotAtRisk } from './risk-holds';
import { activeHolds, dueForDestruction, isHeld, pastRetention, refKey, studentsWhoLeft } from './retention';
import { destructionRecords, destructionRequests } from '../store/schema/archive';
import { requireRow } from '../store/require-row';

type RequestRow = typeof destructionRequests.$inferSelect;
type Approval = RequestRow['approvals'][number];

const actorOf = (session: Session) => ({ accountId: session.accountId });

function toRequests(db: Db, rows: RequestRow[]): DestructionRequest[] {
  const people = peopleById(
    db,
    rows.flatMap((r) => [r.requestedBy, ...r.approvals.map((a) => a.accountId)]),
  );
  const person = (id: string) => people.get(id) ?? { id, displayName: id };
  return rows.map((row) => ({
    id: row.id,
    student: studentRef(db, row.studentId),
    records: row.records as RecordRef[],
    reason: row.reason,
    status: row.status,
    requestedBy: person(row.requestedBy),
    requestedAt: row.requestedAt,
    approvals: row.approvals.map((a) => ({ account: person(a.accountId), roles: a.roles, at: a.at, decision: a.decision, note: a.note })),
    carriedOutAt: row.carriedOutAt,
  }));
}

export function listRequests(db: Db, status: 'open' | 'all'): DestructionRequest[] {
  const rows = db
    .select()
    .from(destructionRequests)
    .where(status === 'open' ? inArray(destructionRequests.status, ['pending', 'approved']) : undefined)
    .orderBy(desc(destructionRequests.requestedAt))
    .all();
  return toRequests(db, rows);
}

/** A hold refuses before anything else; then every record must still be past retention. */
function assertDestructible(db: Db, studentId: string, refs: readonly RecordRef[], now: Date): void {
  const holds = activeHolds(db, studentId);
  if (refs.some((ref) => isHeld(holds, ref))) throw new AppError('CONFLICT', { reason: 'archiveRecordHeld' });
  const student = studentsWhoLeft(db, studentId)[0];
  const expired = new Set(student ? pastRetention(db, student, now).map(refKey) : []);
  if (refs.some((ref) => !expired.has(refKey(ref)))) throw new AppError('CONFLICT', { reason: 'archiveRecordNotDue' });
}

/** 申请销毁: all of the student's due records unless some are named. Needs two approvals before it can be carried out. */
export function requestDestruction(
  store: OpenStore,
  session: Session,
  input: { studentId: string; records?: RecordRef[]; reason: string },
  now: Date,
): DestructionRequest {
  studentRef(store.db, input.studentId);
  let refs = input.records;
  if (!refs) {
    // A student-wide hold must answer as a hold, not as "nothing due".
    if (activeHolds(store.db, input.studentId).wholeStudent) throw new AppError('CONFLICT', { reason: 'archiveRecordHeld' });
    const due = dueForDestruction(store.db, now).find((d) => d.student.id === input.studentId);
    refs = (due?.records ?? []).map(({ kind, id }) => ({ kind, id }));
    if (refs.length === 0) throw new AppError('CONFLICT', { reason: 'archiveNothingDue' });
  }
  const unique = [...new Map(refs.map((ref) => [refKey(ref), ref])).values()];
  assertDestructible(store.db, input.studentId, unique, now);
  const open = listRequests(store.db, 'open').filter((r) => r.student.id === input.studentId);
  const already = new Set(open.flatMap((r) => r.records.map(refKey)));
  if (unique.some((ref) => already.has(refKey(ref)))) throw new AppError('CONFLICT', { reason: 'archiveAlreadyRequested' });
  const at = now.toISOString();
  const row = store.uow.run(actorOf(session), (tx) => {
    // Checked inside the write: a crisis opened a moment ago still stops the request.
    assertNotAtRisk(tx.db, input.studentId);
    return tx.insert(
      destructionRequests,
      {
        id: randomUUID(),
        studentId: input.studentId,
        records: unique,
        reason: input.reason,
        status: 'pending',
        requestedBy: session.accountId,
        requestedAt: at,
        approvals: [],
        createdAt: at,
        updatedAt: at,
      },
      { action: 'destruction-request', details: { studentId: input.studentId, records: unique.length } },
    );
  });
  return toRequests(store.db, [row])[0]!;
}

/** Two distinct people, one of them a director (a second director counts as the other). */
function approvedBy(approvals: readonly Approval[]): boolean {
  const approving = approvals.filter((a) => a.decision === 'approve');
  return new Set(approving.map((a) => a.accountId)).size >= 2 && approving.some((a) => isDirector(a.roles as Role[]));
}

export function decideDestruction(
  store: OpenStore,
  session: Session,
  id: string,
  decision: 'approve' | 'reject',
  note: string | null,
  now: Date,
): DestructionRequest {
  const row = requireRow(store.db, 'destructionRequest', id);
  if (row.status !== 'pending') throw new AppError('CONFLICT', { reason: 'archiveRequestNotPending' });
  if (row.approvals.some((a) => a.accountId === session.accountId)) throw new AppError('CONFLICT', { reason: 'archiveAlreadyDecided' });
  const at = now.toISOString();
  const approvals: Approval[] = [...row.approvals, { accountId: session.accountId, roles: [...session.roles], at, decision, note }];
  const status = decision === 'reject' ? 'rejected' : approvedBy(approvals) ? 'approved' : 'pending';
  const updated = store.uow.run(actorOf(session), (tx) =>
    tx.update(
      destructionRequests,
      id,
      { approvals, status, updatedAt: at },
      { action: decision === 'approve' ? 'destruction-approve' : 'destruction-reject', details: { status } },
    ),
  );
  return toRequests(store.db, [updated])[0]!;
}

function toRecord(db: Db, row: typeof destructionRecords.$inferSelect): DestructionRecord {
  const people = peopleById(db, [...row.approvedBy, row.destroyedBy]);
  const person = (id: string) => people.get(id) ?? { id, displayName: id };
  return {
    id: row.id,
    requestId: row.requestId,
    studentId: row.studentId,
    studentNo: row.studentNo,
    counts: row.summary.counts,
    ids: row.summary.ids,
    reason: row.reason,
    approvedBy: row.approvedBy.map(person),
    destroyedBy: person(row.destroyedBy),
    destroyedAt: row.destroyedAt,
  };
}

export function listDestructionRecords(db: Db): DestructionRecord[] {
  return db
    .select()
    .from(destructionRecords)
    .orderBy(desc(destructionRecords.destroyedAt))
    .all()
    .map((row) => toRecord(db, row));
}

/**
 * 执行销毁, in one transaction: the guard row that lets the delete triggers through, the
 * deletes, the outbox scrub, the destruction record, and the guard removed again. Then the file
 * is compacted so the freed pages (already zeroed by secure_delete) and the WAL are gone too.
 */
export function carryOut(store: OpenStore, session: Session, id: string, now: Date): DestructionRecord {
  const row = requireRow(store.db, 'destructionRequest', id);
  if (row.status !== 'approved') throw new AppError('CONFLICT', { reason: 'archiveRequestNotApproved' });
  const refs = row.records as RecordRef[];
  assertDestructible(store.db, row.studentId, refs, now);
  const student = studentRef(store.db, row.studentId);
  const at = now.toISOString();
  const record = store.uow.run(
    actorOf(session),
    (tx) => {
      // Approved earlier is not enough: the student must not be at risk at the moment of destruction.
      assertNotAtRisk(tx.db, row.studentId);
      return tx.destructionHatch().withDeletesAllowed(id, () => {
        const { counts } = destroyRecords(tx, row.studentId, refs, id);
        const inserted = tx.insert(
          destructionRecords,
          {
            id: randomUUID(),
            requestId: id,
            studentId: row.studentId,
            studentNo: student.studentNo,
            summary: { counts, ids: refs.map(refKey) },
            reason: row.reason,
            approvedBy: row.approvals.filter((a) => a.decision === 'approve').map((a) => a.accountId),
            destroyedBy: session.accountId,
            destroyedAt: at,
            createdAt: at,
            updatedAt: at,
          },
          { action: 'destruction-record', details: { requestId: id, counts } },
        );
        // Last, with the counts: the head of this bulk operation in the audit log.
        tx.update(
          destructionRequests,
          id,
          { status: 'carried_out', carriedOutBy: session.accountId, carriedOutAt: at, updatedAt: at },
          { action: 'destruction-carried-out', details: { counts } },
        );
        return inserted;
      });
    },
    { bulk: randomUUID() },
  );
  compactDatabase(store);
  return toRecord(store.db, record);
}

/** A checkpoint running elsewhere would keep the WAL (and the removed rows in it) from being emptied: it is waited for this long. */
const BACKGROUND_JOIN_MS = 60_000;

/** Rebuild the file without free pages and empty the WAL, so removed content is nowhere in it. */
export function compactDatabase(store: OpenStore): void {
  store.background.joinAll(BACKGROUND_JOIN_MS);
  // VACUUM runs outside any transaction, so outside the unit of work: the store's escape hatch.
  const sqlite = connectionHatch(store);
  if (Number(sqlite.pragma('secure_delete', { simple: true })) !== 1) sqlite.pragma('secure_delete = ON');
  sqlite.exec('VACUUM');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
