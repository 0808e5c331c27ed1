import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { AppError } from '../../../src-shared/contract/errors';
import { ALERTING_SIGNS, type Report, type ReportSign } from '../../../src-shared/contract/reports';
import type { SafetyAction } from '../../../src-shared/contract/actions';
import { acknowledgeAlert, raiseReportAlert } from '../assessments/alert-service';
import { approvalViews } from '../approvals/approval-service';
import { intakes } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import { alerts } from '../store/schema/assessments';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import { reports } from '../store/schema/reports';
import { requireActivePerson } from '../network/network-service';
import { personLabel } from '../network/person-label';

export type ReportRow = typeof reports.$inferSelect;

export interface ReportFields {
  studentId: string;
  reporterKind: ReportRow['reporterKind'];
  reporterName?: string | null;
  reporterContact?: string | null;
  reporterPersonId?: string | null;
  signs: ReportSign[];
  description?: string | null;
  urgency: ReportRow['urgency'];
  reportedAt?: string;
}

/**
 * The one alert a report raises, if any: talk of death, then self-harm signs (both CRITICAL), then
 * urgency `urgent` alone (URGENT). One alert per report, so the workbench shows one line for it.
 */
export function reportAlertFor(report: { signs: readonly ReportSign[]; urgency: ReportRow['urgency'] }): { code: string; level: 'CRITICAL' | 'URGENT' } | null {
  if (report.signs.includes('talk_of_death')) return { code: 'REPORT_TALK_OF_DEATH', level: 'CRITICAL' };
  if (report.signs.includes('self_harm_signs')) return { code: 'REPORT_SELF_HARM', level: 'CRITICAL' };
  if (report.urgency === 'urgent') return { code: 'REPORT_URGENT', level: 'URGENT' };
  return null;
}

/** Save a report and, in the same transaction, the alert it calls for. */
export function createReport(
  tx: WriteContext,
  fields: ReportFields,
  at: string,
): { row: ReportRow; alert: { id: string; level: 'CRITICAL' | 'URGENT' } | null } {
  const signs = [...new Set(fields.signs)];
  // A reporter from the work network: the record keeps their description and phone as words too,
  // so the report reads the same after the register changes.
  const reporter = fields.reporterPersonId ? requireActivePerson(tx.db, fields.reporterPersonId) : null;
  const row = tx.insert(
    reports,
    {
      id: randomUUID(),
      studentId: fields.studentId,
      reporterKind: fields.reporterKind,
      reporterName: fields.reporterName || (reporter ? personLabel(reporter) : null),
      reporterContact: fields.reporterContact || reporter?.phone || null,
      reporterPersonId: reporter?.id ?? null,
      signs,
      description: fields.description || null,
      urgency: fields.urgency,
      status: 'new',
      reportedAt: fields.reportedAt ?? at,
      createdBy: tx.actor.accountId,
      createdAt: at,
      updatedAt: at,
    },
    // Signs are clinical; the audit keeps only what kind of report it was.
    { details: { studentId: fields.studentId, reporterKind: fields.reporterKind, urgency: fields.urgency } },
  );
  const wanted = reportAlertFor({ signs, urgency: fields.urgency });
  if (!wanted) return { row, alert: null };
  const id = raiseReportAlert(tx, row, wanted, at);
  return { row, alert: { id, level: wanted.level } };
}

/** Only a report still waiting in the queue can be closed or taken to intake. */
export function assertReportOpen(row: ReportRow): void {
  if (row.status !== 'new') throw new AppError('CONFLICT', { reason: 'reportAlreadyHandled', status: row.status });
}

/** A closing at triage: what was done (structured action and note) and, for a CRITICAL report, what it links to. */
export interface Closing {
  action: SafetyAction;
  note?: string | null;
  crisisEventId?: string;
  intakeId?: string;
  acknowledgeAlert?: boolean;
}

interface Links {
  crisisEventId: string | null;
  intakeId: string | null;
  alertId: string | null;
}

/**
 * Close a report at triage. Any link given must be a record of the same student; a report whose
 * alert is CRITICAL needs one (closing-guard.ts decides who may close it). A free-text note
 * (older callers) is action 其他 with that note.
 */
export function closeReport(tx: WriteContext, row: ReportRow, closing: Closing | string, at: string, options: { handledBy?: string | null } = {}): ReportRow {
  const c: Closing = typeof closing === 'string' ? { action: 'other', note: closing } : closing;
  assertReportOpen(row);
  const alert = reportAlert(tx.db, row.id);
  if (c.acknowledgeAlert && alert && !alert.acknowledgedAt) acknowledgeAlert(tx, alert.id, { action: c.action, note: c.note ?? null }, at);
  const links = resolveLinks(tx.db, row, c);
  const acknowledged = alert ? tx.db.select({ at: alerts.acknowledgedAt }).from(alerts).where(eq(alerts.id, alert.id)).get()?.at : null;
  if (acknowledged && alert) links.alertId = alert.id;
  if (alert?.level === 'CRITICAL' && !links.crisisEventId && !links.intakeId && !links.alertId) {
    throw new AppError('CONFLICT', { reason: 'reportCriticalNeedsLink', alertId: alert.id });
  }
  const note = c.note?.trim() ? c.note.trim() : null;
  return tx.update(
    reports,
    row.id,
    {
      status: 'closed',
      triageNote: note,
      closeAction: c.action,
      linkedCrisisEventId: links.crisisEventId,
      linkedIntakeId: links.intakeId,
      linkedAlertId: links.alertId,
      handledBy: options.handledBy ?? tx.actor.accountId,
      handledAt: at,
      updatedAt: at,
    },
    // The action is a code, not content; the note stays out of the audit.
    { action: 'close', details: { status: 'closed', closeAction: c.action, ...links } },
  );
}

/** The one alert a report raised, if any. */
export function reportAlert(db: Db, reportId: string) {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.source, 'report'), eq(alerts.reportId, reportId)))
    .get();
}

/** The event and intake named by a closing, each checked to be the report's student's. */
export function resolveLinks(db: Db, row: ReportRow, closing: Pick<Closing, 'crisisEventId' | 'intakeId'>): Links {
  const links: Links = { crisisEventId: null, intakeId: null, alertId: null };
  if (closing.crisisEventId) {
    const event = db.select({ studentId: crisisEvents.studentId }).from(crisisEvents).where(eq(crisisEvents.id, closing.crisisEventId)).get();
    if (!event || event.studentId !== row.studentId) throw new AppError('NOT_FOUND', { reason: 'reportLinkNotFound', link: 'crisisEvent' });
    links.crisisEventId = closing.crisisEventId;
  }
  if (closing.intakeId) {
    const intake = db.select({ studentId: intakes.studentId }).from(intakes).where(eq(intakes.id, closing.intakeId)).get();
    if (!intake || intake.studentId !== row.studentId) throw new AppError('NOT_FOUND', { reason: 'reportLinkNotFound', link: 'intake' });
    links.intakeId = closing.intakeId;
  }
  return links;
}

/** The intake took the report: it leaves the queue and points at the case. */
export function markReportTakenToIntake(tx: WriteContext, row: ReportRow, caseId: string, at: string): ReportRow {
  assertReportOpen(row);
  return tx.update(
    reports,
    row.id,
    { status: 'intake', caseId, handledBy: tx.actor.accountId, handledAt: at, updatedAt: at },
    { action: 'intake', details: { caseId } },
  );
}

const creator = alias(accounts, 'report_creator');
const handler = alias(accounts, 'report_handler');

function selectReports(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      report: reports,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className },
      createdBy: creator.displayName,
      handledBy: handler.displayName,
    })
    .from(reports)
    .innerJoin(students, eq(students.id, reports.studentId))
    .leftJoin(creator, eq(creator.id, reports.createdBy))
    .leftJoin(handler, eq(handler.id, reports.handledBy))
    .where(where)
    .orderBy(desc(reports.reportedAt))
    .all();
}

function withAlerts(db: Db, rows: ReturnType<typeof selectReports>): Report[] {
  const ids = rows.map((r) => r.report.id);
  const raised = ids.length
    ? db
        .select()
        .from(alerts)
        .where(and(eq(alerts.source, 'report'), inArray(alerts.reportId, ids)))
        .all()
    : [];
  const byReport = new Map(raised.map((a) => [a.reportId, a]));
  const waiting = new Map(approvalViews(db, { kind: 'reportClose', status: 'pending', subjectIds: ids }).map((v) => [v.subjectId, v]));
  return rows.map(({ report, student, createdBy, handledBy }) => {
    const alert = byReport.get(report.id);
    const request = waiting.get(report.id);
    return {
      id: report.id,
      student,
      reporterKind: report.reporterKind,
      reporterName: report.reporterName,
      reporterContact: report.reporterContact,
      reporterPersonId: report.reporterPersonId,
      signs: report.signs,
      description: report.description,
      urgency: report.urgency,
      status: report.status,
      triageNote: report.triageNote,
      caseId: report.caseId,
      reportedAt: report.reportedAt,
      createdBy: createdBy ?? null,
      handledBy: handledBy ?? null,
      handledAt: report.handledAt,
      createdAt: report.createdAt,
      alert: alert ? { id: alert.id, code: alert.code, level: alert.level, acknowledged: alert.acknowledgedAt !== null } : null,
      closeAction: (report.closeAction as SafetyAction | null) ?? null,
      links: { crisisEventId: report.linkedCrisisEventId, intakeId: report.linkedIntakeId, alertId: report.linkedAlertId },
      closeRequest: request
        ? {
            id: request.id,
            action: request.payload.action as SafetyAction,
            note: (request.payload.note as string | null) ?? null,
            requestedBy: request.requestedBy,
            requestedAt: request.requestedAt,
          }
        : null,
    };
  });
}

export function getReport(db: Db, id: string): Report {
  const [report] = withAlerts(db, selectReports(db, and(eq(reports.id, id))));
  if (!report) throw new AppError('NOT_FOUND', { reason: 'reportNotFound' });
  return report;
}

export function studentReports(db: Db, studentId: string): Report[] {
  return withAlerts(db, selectReports(db, and(eq(reports.studentId, studentId))));
}

const URGENCY_RANK: Record<ReportRow['urgency'], number> = { urgent: 0, soon: 1, routine: 2 };

/** How soon someone must look: talk of death or self-harm counts as urgent whatever was ticked. */
export function triageRank(report: Pick<Report, 'signs' | 'urgency'>): number {
  return report.signs.some((s) => ALERTING_SIGNS.includes(s)) ? 0 : URGENCY_RANK[report.urgency];
}

/** The queue: most urgent first, then the longest waiting. */
export function triageQueue(db: Db, limit: number): { total: number; rows: Report[] } {
  const all = withAlerts(db, selectReports(db, and(eq(reports.status, 'new'))));
  all.sort((a, b) => triageRank(a) - triageRank(b) || (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
  return { total: all.length, rows: all.slice(0, limit) };
}
