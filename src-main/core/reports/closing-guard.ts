import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { type Role, isDirector, isTraineeOnly } from '../../../src-shared/permissions';
import { decideApproval, pendingApproval, requestApproval, requirePendingApproval } from '../approvals/approval-service';
import { accounts } from '../store/schema/kernel';
import type { WriteContext } from '../store/unit-of-work';
import type { Session } from '../vault';
import { assertReportOpen, closeReport, reportAlert, resolveLinks, type Closing, type ReportRow } from './report-service';
import { requireRow } from '../store/require-row';

/**
 * Closing a report is not a way out (issue 14 item 15): a report that raised a CRITICAL alert
 * closes only linked to what was done (report-service `closeReport` checks the link), and a
 * trainee's closing of it waits for their supervisor or the director.
 */
const KIND = 'reportClose' as const;

// A trainee with no other clinical role (isTraineeOnly): their triage of a CRITICAL report needs a second look.
export type TriageOutcome = { closed: ReportRow } | { requested: string };

export function closeAtTriage(tx: WriteContext, session: Session, reportId: string, closing: Closing, at: string): TriageOutcome {
  const row = requireRow(tx.db, 'report', reportId);
  assertReportOpen(row);
  const waiting = pendingApproval(tx.db, KIND, row.id);
  if (waiting) throw new AppError('CONFLICT', { reason: 'approvalAlreadyPending', requestId: waiting.id });
  const alert = reportAlert(tx.db, row.id);
  if (alert?.level !== 'CRITICAL' || !isTraineeOnly(session.roles)) return { closed: closeReport(tx, row, closing, at) };
  // The trainee's request must already be complete: a link that exists now, or the alert to acknowledge on approval.
  const links = resolveLinks(tx.db, row, closing);
  if (!links.crisisEventId && !links.intakeId && !alert.acknowledgedAt && !closing.acknowledgeAlert) {
    throw new AppError('CONFLICT', { reason: 'reportCriticalNeedsLink', alertId: alert.id });
  }
  const payload = {
    action: closing.action,
    note: closing.note ?? null,
    crisisEventId: closing.crisisEventId ?? null,
    intakeId: closing.intakeId ?? null,
    acknowledgeAlert: closing.acknowledgeAlert ?? false,
  };
  const request = requestApproval(tx, { kind: KIND, subjectId: row.id, studentId: row.studentId, payload, reason: closing.note?.trim() || closing.action }, at);
  return { requested: request.id };
}

/** The trainee's supervisor, or the director, decides; approving closes the report as the trainee asked (as handled by the trainee). */
export function decideReportClose(tx: WriteContext, session: Session, requestId: string, decision: { approve: boolean; note?: string }, at: string): ReportRow {
  const request = requirePendingApproval(tx.db, requestId, KIND);
  if (!isDirector(session.roles)) {
    const requester = request.requestedBy
      ? tx.db.select({ supervisorId: accounts.supervisorId }).from(accounts).where(eq(accounts.id, request.requestedBy)).get()
      : undefined;
    if (requester?.supervisorId !== session.accountId) throw new AppError('FORBIDDEN', { reason: 'reportCloseNotSupervisor' });
  }
  const p = request.payload as {
    action: Closing['action'];
    note: string | null;
    crisisEventId: string | null;
    intakeId: string | null;
    acknowledgeAlert: boolean;
  };
  const closing: Closing = {
    action: p.action,
    note: p.note,
    crisisEventId: p.crisisEventId ?? undefined,
    intakeId: p.intakeId ?? undefined,
    acknowledgeAlert: p.acknowledgeAlert,
  };
  decideApproval(tx, request, decision, at, () =>
    closeReport(tx, requireRow(tx.db, 'report', request.subjectId), closing, at, { handledBy: request.requestedBy }),
  );
  return requireRow(tx.db, 'report', request.subjectId);
}
