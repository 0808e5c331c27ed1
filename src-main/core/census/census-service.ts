import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { censusInstrumentRulesSchemas } from '../../../src-shared/contract/census';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { instrumentConfig } from '../assessments/instrument-settings';
import type { InstrumentId } from '../../../src-shared/instruments/types';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { StudentScope } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { censusBatches, censusFollowupHistory, censusFollowups } from '../store/schema/census';
import { batchOpenAlerts, isSevere } from './census-alerts';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { acknowledgeAlert, type Acknowledgement } from '../assessments/alert-service';
import { feedFromCensus } from '../keyattention/census-feed';
import { takeOffList } from '../keyattention/removal';
import type { Session } from '../vault';
import { keyAttention } from '../store/schema/keyattention';
import { alerts, assessments } from '../store/schema/assessments';
import { requireRow } from '../store/require-row';
import { followupEntry } from './followup-list';

type Rules = Record<string, Record<string, unknown>>;
type BatchRow = typeof censusBatches.$inferSelect;

/**
 * One instrument's rules for a batch, checked against its strict schema (known keys, ranges): a
 * nonsense value or a huge string is refused here, never stored to make a later import fail.
 */
export function checkInstrumentRules(id: string, rules: unknown): Record<string, unknown> {
  const schema = censusInstrumentRulesSchemas[id as InstrumentId];
  if (!schema) throw new AppError('VALIDATION', { reason: 'censusRulesInvalid', instrument: id });
  const parsed = schema.safeParse(rules ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', { reason: 'censusRulesInvalid', instrument: id, path: issue?.path.map(String).join('.') ?? '' });
  }
  return parsed.data as Record<string, unknown>;
}

/** The rules a new instrument of a batch starts with: the center's settings (only the keys a batch keeps), then the given ones. */
function rulesFor(db: Db, id: InstrumentId, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const config = instrumentConfig(db, id);
  if (!config.enabled) throw new AppError('CONFLICT', { reason: 'instrumentDisabled', instrument: id });
  const schema = censusInstrumentRulesSchemas[id];
  const known = schema && 'shape' in schema ? Object.keys(schema.shape) : [];
  const defaults = Object.fromEntries(Object.entries(config.options).filter(([key]) => known.includes(key)));
  return checkInstrumentRules(id, { ...defaults, ...given });
}

/** The rules a batch is screened with: the center's current instrument settings, overridable per batch. */
export function createBatch(
  tx: WriteContext,
  input: {
    name: string;
    cohort: string;
    grade?: string | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    instruments: InstrumentId[];
    rules?: Rules;
  },
  at: string,
) {
  if (tx.db.select({ id: censusBatches.id }).from(censusBatches).where(eq(censusBatches.name, input.name)).get()) {
    throw new AppError('CONFLICT', { reason: 'censusBatchNameTaken' });
  }
  for (const id of Object.keys(input.rules ?? {})) {
    if (!input.instruments.includes(id as InstrumentId)) throw new AppError('VALIDATION', { reason: 'censusRulesInvalid', instrument: id });
  }
  const rules = Object.fromEntries(input.instruments.map((id) => [id, rulesFor(tx.db, id, input.rules?.[id])]));
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

/**
 * The batch with these instruments added (their files come separately); rules are the batch's
 * defaults for them unless given. Returns the instruments actually added (none when it had them).
 */
export function planInstrumentsAdded(db: Db, batch: BatchRow, instruments: readonly string[], given?: Rules): { batch: BatchRow; added: InstrumentId[] } {
  const added = [...new Set(instruments)].filter((id) => !batch.instruments.includes(id as InstrumentId)) as InstrumentId[];
  for (const id of Object.keys(given ?? {})) {
    if (!added.includes(id as InstrumentId)) throw new AppError('VALIDATION', { reason: 'censusRulesInvalid', instrument: id });
  }
  if (added.length === 0) return { batch, added };
  const rules = { ...batch.rules, ...Object.fromEntries(added.map((id) => [id, rulesFor(db, id, given?.[id])])) };
  return { batch: { ...batch, instruments: [...batch.instruments, ...added], rules }, added };
}

/** Store what `planInstrumentsAdded` planned (audited as its own action). */
export function saveInstrumentsAdded(tx: WriteContext, planned: { batch: BatchRow; added: readonly string[] }, at: string): BatchRow {
  if (planned.added.length === 0) return planned.batch;
  return tx.update(
    censusBatches,
    planned.batch.id,
    { instruments: planned.batch.instruments, rules: planned.batch.rules, updatedAt: at },
    { action: 'census-add-instruments', details: { instruments: planned.added } },
  );
}

export function listBatches(db: Db) {
  return db.select().from(censusBatches).orderBy(desc(censusBatches.createdAt)).all();
}

// The interview list and its pages: followup-list.ts (the order keeps the students at risk first).
export { listFollowups } from './followup-list';

export function assignFollowups(
  tx: WriteContext,
  input: { batchId: string; counselorId: string; department?: string; followupIds?: string[] },
  at: string,
): number {
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
        input.followupIds?.length
          ? inArray(censusFollowups.id, input.followupIds)
          : and(eq(censusFollowups.status, 'pending'), isNull(censusFollowups.assignedTo)),
        input.department ? eq(students.department, input.department) : undefined,
      ),
    )
    .all();
  for (const { id } of targets) tx.update(censusFollowups, id, { assignedTo: counselor.id, updatedAt: at }, { action: 'assign' });
  return targets.length;
}

export type OutcomeInput = ParsedChannelInput<'census.recordOutcome'>;

type FollowupOutcome = 'cleared' | 'watch' | 'key_attention' | 'crisis';

/**
 * Record (or change) an interview outcome. Safety rules, checked inside the write:
 * - a recorded outcome is changed only with a reason; the old one stays in the history;
 * - the batch's open alerts of the student are acknowledged with `acknowledge` when given, and
 *   无需跟进 (cleared) is refused while a CRITICAL or URGENT one is still unacknowledged;
 * - moving away from 重点关注 while the student is on the key-attention list needs a decision
 *   about that entry (keep it, or end it through the key-attention module).
 */
export function recordOutcome(tx: WriteContext, session: Session, input: OutcomeInput, at: string) {
  const followup = requireRow(tx.db, 'censusFollowup', input.followupId);
  const note = input.note.trim();
  const isChange = followup.status === 'done';
  if (isChange && followup.outcome === input.outcome && (followup.note ?? '') === note) return followup.batchId;
  const changeReason = input.changeReason?.trim() ?? '';
  if (isChange && !isSubstantialNote(changeReason)) throw new AppError('VALIDATION', { reason: 'censusChangeReasonRequired', outcome: followup.outcome });

  const open = batchOpenAlerts(tx.db, followup.batchId, followup.studentId).get(followup.studentId) ?? [];
  if (input.acknowledge) for (const alert of open) acknowledgeAlert(tx, alert.id, input.acknowledge, at);
  else if (input.outcome === 'cleared' && open.some(isSevere)) {
    const severe = open.filter(isSevere);
    throw new AppError('CONFLICT', { reason: 'censusAlertsUnacknowledged', alertIds: severe.map((a) => a.id), codes: severe.map((a) => a.code) });
  }

  const keyAttentionDecision = decideKeyAttention(tx, session, followup, input, changeReason, at);
  tx.update(
    censusFollowups,
    followup.id,
    { status: 'done', outcome: input.outcome, note: note || null, interviewedAt: at, updatedAt: at },
    { action: isChange ? 'interview-outcome-change' : 'interview-outcome', details: isChange ? { from: followup.outcome, to: input.outcome } : {} },
  );
  tx.insert(censusFollowupHistory, {
    id: randomUUID(),
    followupId: followup.id,
    kind: isChange ? 'outcome_changed' : 'outcome',
    outcome: input.outcome,
    previousOutcome: followup.outcome,
    note: note || null,
    reason: isChange ? changeReason : null,
    urgency: followup.urgency,
    previousUrgency: null,
    details: {
      ...(isChange && { previousNote: followup.note }),
      ...(input.acknowledge && open.length > 0 && { acknowledgedAlerts: open.map((a) => a.id), action: input.acknowledge.action }),
      ...(keyAttentionDecision && { keyAttention: keyAttentionDecision }),
    },
    actorId: tx.actor.accountId,
    at,
  });
  if (input.outcome !== followup.outcome || !isChange) feedFromCensus(tx, followup, input.outcome, at);
  return followup.batchId;
}

/**
 * Leaving 重点关注 for a lesser outcome asks what becomes of the student's active key-attention
 * entry. Ending it goes through the key-attention module's own rule (the director removes; the
 * responsible counselor's removal waits for the director's approval; refused during a crisis).
 */
function decideKeyAttention(
  tx: WriteContext,
  session: Session,
  followup: { outcome: string | null; studentId: string; batchId: string },
  input: OutcomeInput,
  changeReason: string,
  at: string,
) {
  const leaving = followup.outcome === 'key_attention' && (input.outcome === 'cleared' || input.outcome === 'watch');
  if (!leaving) return null;
  const entry = tx.db
    .select({ id: keyAttention.id })
    .from(keyAttention)
    .where(and(eq(keyAttention.studentId, followup.studentId), eq(keyAttention.status, 'active')))
    .get();
  if (!entry) return null;
  if (!input.keyAttention) throw new AppError('VALIDATION', { reason: 'censusKeyAttentionDecisionRequired', entryId: entry.id });
  if (input.keyAttention === 'keep') return { entryId: entry.id, decision: 'keep' as const };
  const batch = tx.db.select({ name: censusBatches.name }).from(censusBatches).where(eq(censusBatches.id, followup.batchId)).get();
  const note = `${batch?.name ?? ''}：约谈结论改为「${OUTCOME_WORDS[input.outcome]}」：${changeReason}`;
  const outcome = takeOffList(tx, session, entry.id, { reasonCode: 'riskResolved', note }, at);
  return { entryId: entry.id, decision: 'remove' as const, result: 'removed' in outcome ? ('removed' as const) : ('requested' as const) };
}

const OUTCOME_WORDS: Record<FollowupOutcome, string> = { cleared: '无需跟进', watch: '继续观察', key_attention: '重点关注', crisis: '危机' };

/**
 * The interview-list entry an alert belongs to (the alert was raised by a batch's form), so that
 * acknowledging it anywhere can offer to record the interview outcome at the same time.
 */
export function followupForAlert(db: Db, alertId: string) {
  const row = db
    .select({ batchId: assessments.censusBatchId, studentId: alerts.studentId })
    .from(alerts)
    .innerJoin(assessments, eq(assessments.id, alerts.assessmentId))
    .where(eq(alerts.id, alertId))
    .get();
  if (!row?.batchId) return null;
  const followup = db
    .select({ id: censusFollowups.id })
    .from(censusFollowups)
    .where(and(eq(censusFollowups.batchId, row.batchId), eq(censusFollowups.studentId, row.studentId)))
    .get();
  if (!followup) return null;
  const batch = db.select({ id: censusBatches.id, name: censusBatches.name }).from(censusBatches).where(eq(censusBatches.id, row.batchId)).get()!;
  return { batch, followup: followupEntry(db, row.batchId, followup.id)! };
}

/** One interview's history, oldest first, with who recorded each row. */
export function followupHistory(db: Db, followupId: string) {
  const followup = db
    .select({ id: censusFollowups.id, batchId: censusFollowups.batchId })
    .from(censusFollowups)
    .where(eq(censusFollowups.id, followupId))
    .get();
  if (!followup) throw new AppError('NOT_FOUND', { reason: 'followupNotFound' });
  const rows = db
    .select({ row: censusFollowupHistory, actor: accounts.displayName })
    .from(censusFollowupHistory)
    .leftJoin(accounts, eq(accounts.id, censusFollowupHistory.actorId))
    .where(eq(censusFollowupHistory.followupId, followupId))
    .orderBy(asc(censusFollowupHistory.at))
    .all();
  return {
    batchId: followup.batchId,
    rows: rows.map(({ row, actor }) => ({
      id: row.id,
      kind: row.kind,
      outcome: row.outcome,
      previousOutcome: row.previousOutcome,
      note: row.note,
      reason: row.reason,
      urgency: row.urgency,
      previousUrgency: row.previousUrgency,
      details: row.details ?? null,
      actor: actor ?? null,
      at: row.at,
    })),
  };
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
