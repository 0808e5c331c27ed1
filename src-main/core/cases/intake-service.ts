import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { IntakeInput } from '../../../src-shared/contract/cases';
import { AppError } from '../../../src-shared/contract/errors';
import type { CssrsScoreResult } from '../../../src-shared/instruments/types';
import { enterPaperAssessment } from '../assessments/assessment-service';
import { alerts } from '../store/schema/assessments';
import { markReportTakenToIntake } from '../reports/report-service';
import type { WriteContext } from '../store/unit-of-work';
import { createCase, requireCounselor } from './case-service';
import { intakes } from '../store/schema/cases';
import { requireRow } from '../store/require-row';

/**
 * 初始访谈, all or nothing: the C-SSRS screen is scored (and its alerts raised) by the assessment
 * engine, the case opens at the screen's triage level, the intake is kept, and the report it came
 * from leaves the triage queue.
 */
export function submitIntake(tx: WriteContext, input: IntakeInput, at: string) {
  const report = input.reportId ? requireRow(tx.db, 'report', input.reportId) : null;
  if (report && report.studentId !== input.studentId) throw new AppError('VALIDATION', { reason: 'intakeReportOtherStudent' });
  if (report && report.status !== 'new') throw new AppError('CONFLICT', { reason: 'reportAlreadyHandled', status: report.status });
  requireCounselor(tx.db, input.counselorId);

  const alertsBefore = countAlerts(tx, input.studentId);
  const screen = enterPaperAssessment(tx, { studentId: input.studentId, instrument: 'cssrs_screen', responses: input.cssrs }, at);
  const riskLevel = (screen.result as CssrsScoreResult).triage;
  const kase = createCase(tx, { studentId: input.studentId, counselorId: input.counselorId, riskLevel }, at);
  const intake = tx.insert(
    intakes,
    {
      id: randomUUID(),
      studentId: input.studentId,
      caseId: kase.id,
      reportId: report?.id ?? null,
      consent: input.consent,
      concerns: input.concerns,
      otherConcern: input.concerns.includes('other') ? input.otherConcern || null : null,
      history: input.history || null,
      riskAssessmentId: screen.row.id,
      impression: input.impression || null,
      disposition: input.disposition,
      conductedBy: tx.actor.accountId ?? input.counselorId,
      conductedAt: at,
      createdAt: at,
      updatedAt: at,
    },
    { details: { caseId: kase.id, reportId: report?.id ?? null, riskAssessmentId: screen.row.id, disposition: input.disposition, minor: input.consent.minor } },
  );
  if (report) markReportTakenToIntake(tx, report, kase.id, at);
  return { kase, intake, assessmentId: screen.row.id, riskLevel, alertsRaised: countAlerts(tx, input.studentId) - alertsBefore };
}

function countAlerts(tx: WriteContext, studentId: string): number {
  return tx.db.select({ n: count() }).from(alerts).where(eq(alerts.studentId, studentId)).get()?.n ?? 0;
}
