import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { AppError } from '../../../src-shared/contract/errors';
import type { PersonRef } from '../../../src-shared/contract/family';
import type { LeadershipApproval, LeadershipDecision, LeadershipEscalation, OpenDecision } from '../../../src-shared/contract/leadership';
import { crisisEvents } from '../store/schema/crisis';
import { CRISIS_LEVELS_SETTING, readCrisisLevels } from '../settings/crisis-levels';
import { listTemplates } from '../crisis/templates';
import { resolvePerson } from '../family/register-person';
import { assertNotFuture } from '../referrals/notification-service';
import { peopleById, personOf } from '../referrals/links';
import { settings } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { leadershipApprovals, leadershipDecisions, leadershipEscalations } from '../store/schema/leadership';
import { requireRow } from '../store/require-row';

type EscalationRow = typeof leadershipEscalations.$inferSelect;
type DecisionRow = typeof leadershipDecisions.$inferSelect;
type ApprovalRow = typeof leadershipApprovals.$inferSelect;

/** The highest level of the school's scheme (the first): the one that goes to the leadership group. */
export function topLevel(db: Db): string {
  return readCrisisLevels(db)[0].key;
}

function toEscalation(db: Db, row: EscalationRow): LeadershipEscalation {
  const people = peopleById(db, [row.recordedBy]);
  return {
    id: row.id,
    eventId: row.eventId,
    planStartedAt: row.planStartedAt,
    decidedBy: { personId: row.decidedByPersonId, name: row.decidedByName },
    level: row.level,
    note: row.note,
    recordedBy: personOf(people, row.recordedBy),
    createdAt: row.createdAt,
  };
}

function toDecisions(db: Db, rows: DecisionRow[]): LeadershipDecision[] {
  const people = peopleById(
    db,
    rows.flatMap((r) => [r.createdBy, r.doneRecordedBy]),
  );
  return rows.map((row) => ({
    id: row.id,
    escalationId: row.escalationId,
    eventId: row.eventId,
    text: row.text,
    assignee: { personId: row.assigneePersonId, name: row.assigneeName },
    dueOn: row.dueOn,
    status: row.status,
    doneAt: row.doneAt,
    doneNote: row.doneNote,
    doneRecordedBy: personOf(people, row.doneRecordedBy),
    createdBy: personOf(people, row.createdBy),
    createdAt: row.createdAt,
  }));
}

export function escalationOf(db: Db, eventId: string): EscalationRow | undefined {
  return db.select().from(leadershipEscalations).where(eq(leadershipEscalations.eventId, eventId)).get();
}

export function forEvent(db: Db, eventId: string) {
  const event = requireRow(db, 'crisisEvent', eventId);
  const top = topLevel(db);
  const escalation = escalationOf(db, event.id);
  const decisions = db.select().from(leadershipDecisions).where(eq(leadershipDecisions.eventId, event.id)).orderBy(asc(leadershipDecisions.createdAt)).all();
  return {
    // An escalated event keeps its escalation visible even after its level was lowered.
    eligible: event.level === top || escalation !== undefined,
    topLevel: top,
    escalation: escalation ? toEscalation(db, escalation) : null,
    decisions: toDecisions(db, decisions),
  };
}

/** 启动应急预案: once per event, for an event at the highest level that is not closed. */
export function escalate(
  tx: WriteContext,
  input: { eventId: string; planStartedAt: string; decidedBy: PersonRef; note?: string | null },
  now: Date,
): EscalationRow {
  const event = requireRow(tx.db, 'crisisEvent', input.eventId);
  if (event.status === 'closed') throw new AppError('CONFLICT', { reason: 'leadershipEventClosed' });
  if (event.level !== topLevel(tx.db)) throw new AppError('CONFLICT', { reason: 'leadershipNotTopLevel' });
  if (escalationOf(tx.db, event.id)) throw new AppError('CONFLICT', { reason: 'leadershipAlreadyEscalated' });
  const planStartedAt = assertNotFuture(input.planStartedAt, now, 'leadershipInFuture');
  const decidedBy = resolvePerson(tx.db, input.decidedBy);
  return tx.insert(
    leadershipEscalations,
    {
      id: randomUUID(),
      eventId: event.id,
      planStartedAt,
      decidedByPersonId: decidedBy.personId,
      decidedByName: decidedBy.name,
      level: event.level,
      note: input.note?.trim() || null,
      recordedBy: tx.actor.accountId,
      createdAt: now.toISOString(),
    },
    { details: { eventId: event.id, level: event.level } },
  );
}

export function addDecision(
  tx: WriteContext,
  input: { escalationId: string; text: string; assignee: PersonRef; dueOn?: string | null },
  now: Date,
): DecisionRow {
  const escalation = requireRow(tx.db, 'leadershipEscalation', input.escalationId);
  if (requireRow(tx.db, 'crisisEvent', escalation.eventId).status === 'closed') throw new AppError('CONFLICT', { reason: 'leadershipEventClosed' });
  const assignee = resolvePerson(tx.db, input.assignee);
  const at = now.toISOString();
  return tx.insert(
    leadershipDecisions,
    {
      id: randomUUID(),
      escalationId: escalation.id,
      eventId: escalation.eventId,
      text: input.text,
      assigneePersonId: assignee.personId,
      assigneeName: assignee.name,
      dueOn: input.dueOn ?? null,
      status: 'open',
      doneAt: null,
      doneNote: null,
      doneRecordedBy: null,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    { details: { eventId: escalation.eventId } },
  );
}

/** A decision carried out: done once (a done decision is not reopened or rewritten). */
export function completeDecision(tx: WriteContext, decisionId: string, note: string | null | undefined, now: Date): DecisionRow {
  const row = requireRow(tx.db, 'leadershipDecision', decisionId);
  if (row.status === 'done') throw new AppError('CONFLICT', { reason: 'leadershipDecisionDone' });
  const at = now.toISOString();
  return tx.update(
    leadershipDecisions,
    row.id,
    { status: 'done', doneAt: at, doneNote: note?.trim() || null, doneRecordedBy: tx.actor.accountId, updatedAt: at },
    { action: 'complete', details: { eventId: row.eventId } },
  );
}

export function decisionById(db: Db, id: string): LeadershipDecision {
  return toDecisions(db, [db.select().from(leadershipDecisions).where(eq(leadershipDecisions.id, id)).get()!])[0];
}

export function escalationById(db: Db, id: string): LeadershipEscalation {
  return toEscalation(db, db.select().from(leadershipEscalations).where(eq(leadershipEscalations.id, id)).get()!);
}

/** Decisions not yet carried out, oldest first; overdue once their date has passed (school's zone). */
export function openDecisions(db: Db, now: Date): OpenDecision[] {
  const rows = db
    .select({
      d: leadershipDecisions,
      eventNo: crisisEvents.eventNo,
      level: crisisEvents.level,
      studentId: students.id,
      studentNo: students.studentNo,
      name: students.name,
    })
    .from(leadershipDecisions)
    .innerJoin(crisisEvents, eq(crisisEvents.id, leadershipDecisions.eventId))
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(eq(leadershipDecisions.status, 'open'))
    .orderBy(asc(leadershipDecisions.createdAt))
    .all();
  const today = localDateOf(now, localZone());
  const decisions = toDecisions(
    db,
    rows.map((r) => r.d),
  );
  return rows.map((r, i) => ({
    ...decisions[i],
    eventNo: r.eventNo,
    level: r.level,
    student: { id: r.studentId, studentNo: r.studentNo, name: r.name },
    overdue: r.d.dueOn !== null && r.d.dueOn < today,
  }));
}

/* ------------------------------------------------------------------ approvals (审定) */

/** A level scheme version is its content: the same levels saved again are the same version. */
export function levelsDigest(db: Db): string {
  return createHash('sha256')
    .update(JSON.stringify(readCrisisLevels(db)))
    .digest('hex')
    .slice(0, 16);
}

function toApproval(db: Db, row: ApprovalRow): LeadershipApproval {
  const people = peopleById(db, [row.recordedBy]);
  return { ...row, recordedBy: personOf(people, row.recordedBy) };
}

function approvalOf(db: Db, subject: ApprovalRow['subject'], ref: string): ApprovalRow | undefined {
  return db
    .select()
    .from(leadershipApprovals)
    .where(and(eq(leadershipApprovals.subject, subject), eq(leadershipApprovals.subjectRef, ref)))
    .get();
}

/** Every template version and the current level scheme with their approvals: none = 待审定. */
export function approvals(db: Db) {
  const templates = listTemplates(db).map((t) => {
    const approval = approvalOf(db, 'crisis_template', t.id);
    return { id: t.id, version: t.version, name: t.name, createdAt: t.createdAt, approval: approval ? toApproval(db, approval) : null };
  });
  const digest = levelsDigest(db);
  const stored = db.select({ updatedAt: settings.updatedAt }).from(settings).where(eq(settings.id, CRISIS_LEVELS_SETTING)).get();
  const approval = approvalOf(db, 'crisis_levels', digest);
  return {
    templates,
    levels: {
      digest,
      updatedAt: stored?.updatedAt ?? null,
      labels: readCrisisLevels(db).map((l) => l.label),
      approval: approval ? toApproval(db, approval) : null,
    },
  };
}

export function recordApproval(
  tx: WriteContext,
  input: { subject: ApprovalRow['subject']; subjectRef: string; approvedOn: string; meeting: string; minutesRef?: string | null },
  now: Date,
): LeadershipApproval {
  if (input.subject === 'crisis_template') {
    if (!listTemplates(tx.db).some((t) => t.id === input.subjectRef)) throw new AppError('NOT_FOUND', { reason: 'leadershipApprovalSubjectNotFound' });
  } else if (input.subjectRef !== levelsDigest(tx.db)) {
    // The scheme changed since the page was read: approving what the group did not see is refused.
    throw new AppError('CONFLICT', { reason: 'leadershipLevelsChanged' });
  }
  if (approvalOf(tx.db, input.subject, input.subjectRef)) throw new AppError('CONFLICT', { reason: 'leadershipAlreadyApproved' });
  if (input.approvedOn > localDateOf(now, localZone())) throw new AppError('VALIDATION', { reason: 'leadershipInFuture' });
  const row = tx.insert(
    leadershipApprovals,
    {
      id: randomUUID(),
      subject: input.subject,
      subjectRef: input.subjectRef,
      approvedOn: input.approvedOn,
      meeting: input.meeting,
      minutesRef: input.minutesRef?.trim() || null,
      recordedBy: tx.actor.accountId,
      createdAt: now.toISOString(),
    },
    { details: { subject: input.subject, approvedOn: input.approvedOn } },
  );
  return toApproval(tx.db, row);
}
