import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { instrumentConfig } from '../assessments/instrument-settings';
import type { InstrumentId } from '../../../src-shared/instruments/types';
import { accounts } from '../store/schema';
import { students } from '../students/schema';
import type { StudentScope } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { censusBatches, censusFollowups } from './schema';
import { feedFromCensus } from '../keyattention/census-feed';

/** The rules a batch is screened with: the center's current instrument settings, overridable per batch. */
export function createBatch(
  tx: WriteContext,
  input: { name: string; cohort: string; grade?: string | null; periodStart?: string | null; periodEnd?: string | null; instruments: InstrumentId[]; rules?: Record<string, Record<string, unknown>> },
  at: string,
) {
  if (tx.db.select({ id: censusBatches.id }).from(censusBatches).where(eq(censusBatches.name, input.name)).get()) {
    throw new AppError('CONFLICT', { reason: 'censusBatchNameTaken' });
  }
  const rules = Object.fromEntries(
    input.instruments.map((id) => {
      const config = instrumentConfig(tx.db, id);
      if (!config.enabled) throw new AppError('CONFLICT', { reason: 'instrumentDisabled', instrument: id });
      return [id, { ...config.options, ...input.rules?.[id] }];
    }),
  );
  return tx.insert(censusBatches, {
    id: randomUUID(),
    name: input.name,
    cohort: input.cohort,
    grade: input.grade || null,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    instruments: [...new Set(input.instruments)],
    rules,
    createdAt: at,
    updatedAt: at,
  });
}

export function requireBatch(db: Db, id: string) {
  const batch = db.select().from(censusBatches).where(eq(censusBatches.id, id)).get();
  if (!batch) throw new AppError('NOT_FOUND', { reason: 'censusBatchNotFound' });
  return batch;
}

export function listBatches(db: Db) {
  return db.select().from(censusBatches).orderBy(desc(censusBatches.createdAt)).all();
}

export function listFollowups(db: Db, batchId: string, filter: { department?: string; status?: 'pending' | 'done' }) {
  const conditions = [
    eq(censusFollowups.batchId, batchId),
    filter.department ? eq(students.department, filter.department) : undefined,
    filter.status ? eq(censusFollowups.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      followup: censusFollowups,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className },
      counselor: { id: accounts.id, displayName: accounts.displayName },
    })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .leftJoin(accounts, eq(accounts.id, censusFollowups.assignedTo))
    .where(and(...conditions))
    .orderBy(asc(censusFollowups.urgency), asc(students.studentNo))
    .all()
    .map(({ followup, student, counselor }) => ({
      id: followup.id,
      student,
      urgency: followup.urgency,
      reasons: followup.reasons,
      assignedTo: counselor?.id ? { id: counselor.id, displayName: counselor.displayName } : null,
      status: followup.status,
      outcome: followup.outcome,
      note: followup.note,
      interviewedAt: followup.interviewedAt,
    }));
}

export function assignFollowups(tx: WriteContext, input: { batchId: string; counselorId: string; department?: string; followupIds?: string[] }, at: string): number {
  const counselor = tx.db.select().from(accounts).where(eq(accounts.id, input.counselorId)).get();
  const clinical = ['director', 'counselor', 'supervisor', 'trainee'];
  if (!counselor || counselor.disabled || !(counselor.roles as string[]).some((r) => clinical.includes(r))) {
    throw new AppError('VALIDATION', { reason: 'notACounselor' });
  }
  const targets = tx.db
    .select({ id: censusFollowups.id })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .where(
      and(
        eq(censusFollowups.batchId, input.batchId),
        input.followupIds?.length ? inArray(censusFollowups.id, input.followupIds) : and(eq(censusFollowups.status, 'pending'), isNull(censusFollowups.assignedTo)),
        input.department ? eq(students.department, input.department) : undefined,
      ),
    )
    .all();
  for (const { id } of targets) tx.update(censusFollowups, id, { assignedTo: counselor.id, updatedAt: at }, { action: 'assign' });
  return targets.length;
}

export function recordOutcome(tx: WriteContext, followupId: string, outcome: 'cleared' | 'watch' | 'key_attention' | 'crisis', note: string, at: string) {
  const followup = tx.db.select().from(censusFollowups).where(eq(censusFollowups.id, followupId)).get();
  if (!followup) throw new AppError('NOT_FOUND', { reason: 'followupNotFound' });
  tx.update(censusFollowups, followupId, { status: 'done', outcome, note: note || null, interviewedAt: at, updatedAt: at }, { action: 'interview-outcome' });
  feedFromCensus(tx, followup, outcome, at);
  return followup.batchId;
}

/** Counts only: the query never selects reasons, scores or notes, so liaisons may have it. */
export function followupProgress(db: Db, batchId: string, scope: StudentScope) {
  const scoped = scope.kind === 'department' ? (scope.department ? eq(students.department, scope.department) : sql`0`) : undefined;
  const where = and(eq(censusFollowups.batchId, batchId), scoped);
  const done = sql<number>`sum(case when ${censusFollowups.status} = 'done' then 1 else 0 end)`;
  const byDepartment = db
    .select({ department: students.department, total: sql<number>`count(*)`, done })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .where(where)
    .groupBy(students.department)
    .orderBy(asc(students.department))
    .all();
  const byCounselor = db
    .select({ counselor: accounts.displayName, total: sql<number>`count(*)`, done })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .leftJoin(accounts, eq(accounts.id, censusFollowups.assignedTo))
    .where(where)
    .groupBy(accounts.displayName)
    .orderBy(asc(accounts.displayName))
    .all();
  const ints = <T extends { total: number; done: number }>(rows: T[]) => rows.map((r) => ({ ...r, total: Number(r.total), done: Number(r.done ?? 0) }));
  return { byDepartment: ints(byDepartment), byCounselor: ints(byCounselor) };
}

/**
 * The liaison projection of the follow-up list: a separate query that selects no reasons,
 * urgency, outcome or note, so none can reach a department.
 */
export function departmentStatus(db: Db, batchId: string, department: string) {
  return db
    .select({
      studentNo: students.studentNo,
      name: students.name,
      className: students.className,
      status: censusFollowups.status,
      assignedTo: accounts.displayName,
    })
    .from(censusFollowups)
    .innerJoin(students, eq(students.id, censusFollowups.studentId))
    .leftJoin(accounts, eq(accounts.id, censusFollowups.assignedTo))
    .where(and(eq(censusFollowups.batchId, batchId), eq(students.department, department)))
    .orderBy(asc(students.className), asc(students.studentNo))
    .all();
}
