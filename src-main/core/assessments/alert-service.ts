import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { isSubstantialNote, SAFETY_ACTIONS_NEEDING_NOTE, type SafetyAction } from '../../../src-shared/contract/actions';
import { AppError } from '../../../src-shared/contract/errors';
import type { Flag } from '../../../src-shared/instruments/types';
import { crisisEvents } from '../store/schema/crisis';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import { alerts, assessments } from '../store/schema/assessments';

/**
 * Which flags become alerts someone must acknowledge: anything at CRITICAL or URGENT, and every
 * critical item (a flag that names an item), except the review flag for an unanswered one.
 */
export function flagRaisesAlert(flag: Flag): boolean {
  if (flag.level === 'CRITICAL' || flag.level === 'URGENT') return true;
  return flag.item !== undefined && !flag.code.endsWith('_UNANSWERED');
}

/** Raise the alerts of a scored assessment; a flag already raised for it is not raised twice. */
export function raiseAlerts(
  tx: WriteContext,
  assessment: { id: string; studentId: string },
  flags: readonly Flag[],
  at: string,
  options: { fresh?: boolean } = {},
): number {
  let raised = 0;
  for (const flag of flags.filter(flagRaisesAlert)) {
    const exists =
      !options.fresh &&
      tx.db
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.assessmentId, assessment.id), eq(alerts.code, flag.code)))
        .get();
    if (exists) continue;
    tx.insert(alerts, {
      id: randomUUID(),
      studentId: assessment.studentId,
      source: 'assessment',
      assessmentId: assessment.id,
      item: flag.item ?? null,
      code: flag.code,
      level: flag.level,
      createdAt: at,
    });
    raised += 1;
  }
  return raised;
}

/** Raise the alert of a report (上报) at once: the same record, acknowledged the same way. */
export function raiseReportAlert(
  tx: WriteContext,
  report: { id: string; studentId: string },
  alert: { code: string; level: 'CRITICAL' | 'URGENT' },
  at: string,
): string {
  const id = randomUUID();
  tx.insert(alerts, { id, studentId: report.studentId, source: 'report', reportId: report.id, code: alert.code, level: alert.level, createdAt: at });
  return id;
}

const LEVEL_ORDER = sql`CASE ${alerts.level} WHEN 'CRITICAL' THEN 0 WHEN 'URGENT' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END`;

export function listAlerts(db: Db, filter: { status: 'open' | 'all'; studentId?: string }) {
  const conditions = [
    filter.status === 'open' ? isNull(alerts.acknowledgedAt) : undefined,
    filter.studentId ? eq(alerts.studentId, filter.studentId) : undefined,
  ].filter((c) => c !== undefined);
  return (
    db
      .select({
        alert: alerts,
        student: { id: students.id, studentNo: students.studentNo, name: students.name },
        instrument: assessments.instrument,
        acknowledger: accounts.displayName,
        crisisEventNo: crisisEvents.eventNo,
      })
      .from(alerts)
      .innerJoin(students, eq(students.id, alerts.studentId))
      .leftJoin(assessments, eq(assessments.id, alerts.assessmentId))
      .leftJoin(accounts, eq(accounts.id, alerts.acknowledgedBy))
      .leftJoin(crisisEvents, eq(crisisEvents.id, alerts.crisisEventId))
      .where(conditions.length ? and(...conditions) : undefined)
      // Unacknowledged first, then the most severe, then the newest.
      .orderBy(sql`${alerts.acknowledgedAt} IS NOT NULL`, LEVEL_ORDER, desc(alerts.createdAt))
      .all()
      .map(({ alert, student, instrument, acknowledger, crisisEventNo }) => ({
        id: alert.id,
        student,
        source: alert.source,
        assessmentId: alert.assessmentId,
        reportId: alert.reportId,
        instrument: instrument ?? null,
        item: alert.item,
        code: alert.code,
        level: alert.level,
        createdAt: alert.createdAt,
        acknowledgedBy: acknowledger ?? alert.acknowledgedBy,
        acknowledgedAt: alert.acknowledgedAt,
        actionTaken: alert.actionTaken,
        action: alert.ackAction,
        note: alert.actionTaken,
        crisisEventId: alert.crisisEventId,
        crisisEventNo: crisisEventNo ?? null,
      }))
  );
}

/** What an acknowledgement records: an action from the structured list and its note. */
export interface Acknowledgement {
  action: SafetyAction;
  note?: string | null;
}

/**
 * The only way an alert closes: someone acknowledges it with what was done. Opening a crisis event
 * from it is one such action (the event is linked); there is no way to delete an alert.
 *
 * `ack` may still be free text (older callers): it is then action 其他 with that text as its
 * note, or 已开启危机事件 when a crisis event is linked.
 */
export function acknowledgeAlert(tx: WriteContext, alertId: string, ack: Acknowledgement | string, at: string, link: { crisisEventId?: string } = {}) {
  const { action, note } = typeof ack === 'string' ? { action: link.crisisEventId ? ('crisisOpened' as const) : ('other' as const), note: ack } : ack;
  const alert = tx.db.select().from(alerts).where(eq(alerts.id, alertId)).get();
  if (!alert) throw new AppError('NOT_FOUND', { reason: 'alertNotFound' });
  if (alert.acknowledgedAt) throw new AppError('CONFLICT', { reason: 'alertAlreadyAcknowledged', alertId });
  // The checks of the contract again, for callers inside the core: an action says something.
  if (SAFETY_ACTIONS_NEEDING_NOTE.includes(action) && !isSubstantialNote(note))
    throw new AppError('VALIDATION', { reason: 'safetyActionNoteRequired', action });
  // 已开启危机事件 must point at a real event: the student's open one, or one opened since the alert.
  const crisisEventId = link.crisisEventId ?? (action === 'crisisOpened' ? crisisEventFor(tx.db, alert.studentId, alert.createdAt) : undefined);
  if (action === 'crisisOpened' && !crisisEventId) throw new AppError('CONFLICT', { reason: 'alertNoCrisisEvent', alertId });
  const trimmed = note?.trim() ? note.trim() : null;
  tx.update(
    alerts,
    alertId,
    { acknowledgedBy: tx.actor.accountId, acknowledgedAt: at, ackAction: action, actionTaken: trimmed, ...(crisisEventId ? { crisisEventId } : {}) },
    { action: 'acknowledge', details: { ackAction: action, ...(crisisEventId ? { crisisEventId } : {}) } },
  );
}

/** The crisis event an acknowledgement 已开启危机事件 refers to: the open one, else the latest opened since the alert. */
function crisisEventFor(db: Db, studentId: string, since: string): string | undefined {
  const open = db
    .select({ id: crisisEvents.id })
    .from(crisisEvents)
    .where(and(eq(crisisEvents.studentId, studentId), inArray(crisisEvents.status, ['open', 'closing'])))
    .get();
  if (open) return open.id;
  return db
    .select({ id: crisisEvents.id })
    .from(crisisEvents)
    .where(and(eq(crisisEvents.studentId, studentId), gte(crisisEvents.createdAt, since)))
    .orderBy(desc(crisisEvents.createdAt))
    .get()?.id;
}

/**
 * One action for several alerts (a counselor's batch of census alerts): each alert gets its own
 * acknowledgement and audit event; any alert that cannot be acknowledged refuses the whole call
 * (the caller's transaction rolls back), so it is all or nothing.
 */
export function acknowledgeAlerts(tx: WriteContext, alertIds: readonly string[], ack: Acknowledgement, at: string, inScope: (studentId: string) => boolean) {
  for (const alertId of alertIds) {
    const alert = tx.db.select({ studentId: alerts.studentId }).from(alerts).where(eq(alerts.id, alertId)).get();
    if (!alert || !inScope(alert.studentId)) throw new AppError('NOT_FOUND', { reason: 'alertNotFound', alertId });
    acknowledgeAlert(tx, alertId, ack, at);
  }
}
