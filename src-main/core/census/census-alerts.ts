import { and, asc, eq, isNull } from 'drizzle-orm';
import { alerts, assessments } from '../store/schema/assessments';
import type { Db } from '../store/unit-of-work';

export interface BatchAlert {
  id: string;
  studentId: string;
  code: string;
  level: string;
  item: number | null;
}

/**
 * The unacknowledged alerts raised by a batch's forms (one student's, or everyone's), by student.
 * The interview list and the alerts must agree: recording an interview asks about these.
 */
export function batchOpenAlerts(db: Db, batchId: string, studentId?: string): Map<string, BatchAlert[]> {
  const rows = db
    .select({ id: alerts.id, studentId: alerts.studentId, code: alerts.code, level: alerts.level, item: alerts.item })
    .from(alerts)
    .innerJoin(assessments, eq(assessments.id, alerts.assessmentId))
    .where(and(eq(assessments.censusBatchId, batchId), isNull(alerts.acknowledgedAt), studentId ? eq(alerts.studentId, studentId) : undefined))
    .orderBy(asc(alerts.createdAt))
    .all();
  const byStudent = new Map<string, BatchAlert[]>();
  for (const row of rows) byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row]);
  return byStudent;
}

/** The alerts that make 无需跟进 (cleared) impossible without acknowledging them first. */
export const isSevere = (alert: Pick<BatchAlert, 'level'>): boolean => alert.level === 'CRITICAL' || alert.level === 'URGENT';
