import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { RiskHoldReason } from '../../../src-shared/contract/archive';
import { AppError } from '../../../src-shared/contract/errors';
import { alerts } from '../store/schema/assessments';
import { cases } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import { followupTasks } from '../store/schema/followups';
import { keyAttention } from '../store/schema/keyattention';
import type { Db } from '../store/unit-of-work';

/*
 * Destruction never reaches a student at risk (issue 14 item 12). However old the records, while
 * the student has any of these, nothing of theirs is requested for destruction or destroyed: the
 * open work may need exactly the history that would go.
 */

const exists = (rows: unknown[]) => rows.length > 0;

/** The reasons this student is held back now (empty: none). */
export function riskHolds(db: Db, studentId: string): RiskHoldReason[] {
  const reasons: RiskHoldReason[] = [];
  if (
    exists(
      db
        .select({ id: crisisEvents.id })
        .from(crisisEvents)
        .where(and(eq(crisisEvents.studentId, studentId), ne(crisisEvents.status, 'closed')))
        .limit(1)
        .all(),
    )
  ) {
    reasons.push('openCrisisEvent');
  }
  if (
    exists(
      db
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.studentId, studentId), isNull(alerts.acknowledgedAt), inArray(alerts.level, ['CRITICAL', 'URGENT'])))
        .limit(1)
        .all(),
    )
  ) {
    reasons.push('unacknowledgedAlert');
  }
  if (
    exists(
      db
        .select({ id: keyAttention.id })
        .from(keyAttention)
        .where(and(eq(keyAttention.studentId, studentId), eq(keyAttention.status, 'active')))
        .limit(1)
        .all(),
    )
  ) {
    reasons.push('activeKeyAttention');
  }
  if (
    exists(
      db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.studentId, studentId), inArray(cases.status, ['intake', 'active', 'on_hold'])))
        .limit(1)
        .all(),
    )
  ) {
    reasons.push('openCase');
  }
  if (
    exists(
      db
        .select({ id: followupTasks.id })
        .from(followupTasks)
        .where(and(eq(followupTasks.studentId, studentId), eq(followupTasks.status, 'open')))
        .limit(1)
        .all(),
    )
  ) {
    reasons.push('openFollowupTask');
  }
  return reasons;
}

/** Refuses (CONFLICT `archiveStudentAtRisk`, naming the reasons) while the student is held back. */
export function assertNotAtRisk(db: Db, studentId: string): void {
  const reasons = riskHolds(db, studentId);
  if (reasons.length > 0) throw new AppError('CONFLICT', { reason: 'archiveStudentAtRisk', risks: reasons.join(','), riskCount: reasons.length });
}
