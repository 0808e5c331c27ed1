import { and, desc, eq } from 'drizzle-orm';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { AppError } from '../../../src-shared/contract/errors';
import { approvalViews, decideApproval, pendingApproval, recordSelfApproved, requestApproval, requirePendingApproval } from '../approvals/approval-service';
import { assessments } from '../store/schema/assessments';
import { eventsUnderWay } from '../shared-reads/events-under-way';
import type { Db, WriteContext } from '../store/unit-of-work';
import type { Session } from '../vault';
import { changeCaseStatus, type CaseRecord, type StatusChange } from './case-service';
import { requireRow } from '../store/require-row';
import { isDirector } from '../../../src-shared/permissions';

/**
 * Closing a case is not a way out (issue 14 item 15): while the student has a crisis event under
 * way, or the case's risk or the student's latest C-SSRS screen is high, the case closes only with
 * the director's approval and a reason. The director closes with the reason (kept as a request
 * they approved themselves); the counselor's close becomes a request the director decides.
 */
export interface CaseRisk {
  eventId: string | null;
  eventNo: string | null;
  cssrsHigh: boolean;
  riskHigh: boolean;
}

const KIND = 'caseClose' as const;

/** The latest complete C-SSRS screen of the student says high (its triage flag). */
function latestCssrsHigh(db: Db, studentId: string): boolean {
  const latest = db
    .select({ result: assessments.result })
    .from(assessments)
    .where(and(eq(assessments.studentId, studentId), eq(assessments.instrument, 'cssrs_screen'), eq(assessments.status, 'complete')))
    .orderBy(desc(assessments.completedAt))
    .get();
  const flags = (latest?.result?.flags ?? []) as { code?: string }[];
  return flags.some((f) => f.code === 'CSSRS_TRIAGE_HIGH');
}

/** What makes closing this case need the director's approval; null when nothing does. */
export function caseCloseRisk(db: Db, kase: CaseRecord): CaseRisk | null {
  const [event] = eventsUnderWay(db, kase.studentId);
  const cssrsHigh = latestCssrsHigh(db, kase.studentId);
  const riskHigh = kase.riskLevel === 'high';
  if (!event && !cssrsHigh && !riskHigh) return null;
  return { eventId: event?.id ?? null, eventNo: event?.eventNo ?? null, cssrsHigh, riskHigh };
}

export type CloseOutcome = { closed: CaseRecord } | { requested: string } | { changed: CaseRecord };

/**
 * `cases.setStatus`: any change but a close at risk goes through as before. A close at risk needs
 * `approvalReason`: the director's close carries it; anyone else's becomes a request.
 */
export function setCaseStatusGuarded(
  tx: WriteContext,
  session: Session,
  caseId: string,
  change: StatusChange & { approvalReason?: string },
  at: string,
): CloseOutcome {
  const kase = requireRow(tx.db, 'case', caseId);
  const { approvalReason, ...plain } = change;
  if (change.status !== 'closed') return { changed: changeCaseStatus(tx, kase, plain, at) };
  const risk = caseCloseRisk(tx.db, kase);
  if (!risk) return { closed: changeCaseStatus(tx, kase, plain, at) };
  if (!isSubstantialNote(approvalReason)) {
    throw new AppError('CONFLICT', {
      reason: 'caseCloseNeedsApproval',
      eventId: risk.eventId,
      eventNo: risk.eventNo ?? '',
      cssrsHigh: risk.cssrsHigh,
      riskHigh: risk.riskHigh,
    });
  }
  const payload = { closingReason: plain.closingReason ?? null, closingSummary: plain.closingSummary ?? null, risk: { ...risk } };
  if (isDirector(session.roles)) {
    const closed = changeCaseStatus(tx, kase, plain, at);
    const waiting = pendingApproval(tx.db, KIND, kase.id);
    if (waiting) decideApproval(tx, waiting, { approve: true, note: approvalReason }, at, () => null);
    else recordSelfApproved(tx, { kind: KIND, subjectId: kase.id, studentId: kase.studentId, payload, reason: approvalReason! }, at);
    return { closed };
  }
  // The closing fields are checked now, so the director approves a complete close.
  if (!plain.closingReason || !plain.closingSummary?.trim()) throw new AppError('VALIDATION', { reason: 'caseClosingIncomplete' });
  const row = requestApproval(tx, { kind: KIND, subjectId: kase.id, studentId: kase.studentId, payload, reason: approvalReason! }, at);
  return { requested: row.id };
}

/** The director's decision on a close request; approving closes with the fields asked for. */
export function decideCaseClose(tx: WriteContext, requestId: string, decision: { approve: boolean; note?: string }, at: string): CaseRecord {
  const row = requirePendingApproval(tx.db, requestId, KIND);
  const kase = requireRow(tx.db, 'case', row.subjectId);
  const payload = row.payload as { closingReason: StatusChange['closingReason']; closingSummary: string | null };
  decideApproval(tx, row, decision, at, () =>
    changeCaseStatus(tx, kase, { status: 'closed', closingReason: payload.closingReason, closingSummary: payload.closingSummary }, at),
  );
  return requireRow(tx.db, 'case', kase.id);
}

/** The close request waiting on a case, as the case shows it. */
export function pendingCaseClose(db: Db, caseId: string) {
  const [view] = approvalViews(db, { kind: KIND, subjectIds: [caseId], status: 'pending' });
  if (!view) return null;
  const payload = view.payload as { closingReason: string | null; risk?: CaseRisk };
  return { id: view.id, reason: view.reason, closingReason: payload.closingReason, requestedBy: view.requestedBy, requestedAt: view.requestedAt };
}
