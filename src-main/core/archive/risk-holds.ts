import { and, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { RiskHoldReason } from '../../../src-shared/contract/archive';
import { AppError } from '../../../src-shared/contract/errors';
import { alerts } from '../store/schema/assessments';
import { cases } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import { followupTasks } from '../store/schema/followups';
import { keyAttention } from '../store/schema/keyattention';
import { anyRow } from '../store/any-row';
import type { Db } from '../store/unit-of-work';

/*
 * Destruction never reaches a student at risk (issue 14 item 12). However old the records, while
 * the student has any of these, nothing of theirs is requested for destruction or destroyed: the
 * open work may need exactly the history that would go.
 */

/** The reasons this student is held back now (empty: none), in this order. */
export function riskHolds(db: Db, studentId: string): RiskHoldReason[] {
  const holds: [RiskHoldReason, SQLiteTable, SQL | undefined][] = [
    ['openCrisisEvent', crisisEvents, and(eq(crisisEvents.studentId, studentId), ne(crisisEvents.status, 'closed'))],
    ['unacknowledgedAlert', alerts, and(eq(alerts.studentId, studentId), isNull(alerts.acknowledgedAt), inArray(alerts.level, ['CRITICAL', 'URGENT']))],
    ['activeKeyAttention', keyAttention, and(eq(keyAttention.studentId, studentId), eq(keyAttention.status, 'active'))],
    ['openCase', cases, and(eq(cases.studentId, studentId), inArray(cases.status, ['intake', 'active', 'on_hold']))],
    ['openFollowupTask', followupTasks, and(eq(followupTasks.studentId, studentId), eq(followupTasks.status, 'open'))],
  ];
  return holds.filter(([, table, where]) => anyRow(db, table, where)).map(([reason]) => reason);
}

/** Refuses (CONFLICT `archiveStudentAtRisk`, naming the reasons) while the student is held back. */
export function assertNotAtRisk(db: Db, studentId: string): void {
  const reasons = riskHolds(db, studentId);
  if (reasons.length > 0) throw new AppError('CONFLICT', { reason: 'archiveStudentAtRisk', risks: reasons.join(','), riskCount: reasons.length });
}
