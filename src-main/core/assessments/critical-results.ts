import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Flag, InstrumentId } from '../../../src-shared/instruments/types';
import { crisisEvents } from '../store/schema/crisis';
import { endOfLocalDay, todayOf } from '../util/local-day';
import { insertTask } from '../followups/task-service';
import { students } from '../store/schema/students';
import type { StudentScope } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { score, studentForm, type AssessmentRow } from './assessment-service';
import { alerts } from '../store/schema/assessments';

/**
 * What the person sitting with the student must see when student mode ends (issue 14 item 3),
 * and the header's count of unacknowledged CRITICAL and URGENT alerts (items 3 and 18).
 */

type Answer = number | null | 'NA';
const SEVERE = ['CRITICAL', 'URGENT'] as const;
type SevereLevel = (typeof SEVERE)[number];

function isSevere(level: string): level is SevereLevel {
  return (SEVERE as readonly string[]).includes(level);
}

/**
 * Unacknowledged CRITICAL and URGENT alerts the caller may see: every one for clinical roles, a
 * department-scoped caller only their department's students (none without a department).
 */
export function openSevereAlertCounts(db: Db, scope: StudentScope): { critical: number; urgent: number } {
  const inDepartment = scope.kind === 'department' ? (scope.department === null ? sql`0` : eq(students.department, scope.department)) : undefined;
  const rows = db
    .select({ level: alerts.level, count: sql<number>`count(*)` })
    .from(alerts)
    .innerJoin(students, eq(students.id, alerts.studentId))
    .where(and(isNull(alerts.acknowledgedAt), inArray(alerts.level, [...SEVERE]), inDepartment))
    .groupBy(alerts.level)
    .all();
  const count = (level: SevereLevel) => Number(rows.find((r) => r.level === level)?.count ?? 0);
  return { critical: count('CRITICAL'), urgent: count('URGENT') };
}

/** The scored flags of the form: the stored result, or (not handed in yet) the answers given so far. */
function flagsOf(row: AssessmentRow): { flags: Flag[]; provisional: boolean } {
  const stored = row.result as { flags?: Flag[] } | null;
  if (row.status === 'complete') return { flags: stored?.flags ?? [], provisional: false };
  try {
    return { flags: score(row.instrument as InstrumentId, row.responses as Answer[], row.options).flags, provisional: true };
  } catch {
    // A form the scorer cannot read yet still shows nothing false; the header count stays the net.
    return { flags: [], provisional: true };
  }
}

function openEventOf(db: Db, studentId: string): { id: string; eventNo: string } | null {
  return (
    db
      .select({ id: crisisEvents.id, eventNo: crisisEvents.eventNo })
      .from(crisisEvents)
      .where(and(eq(crisisEvents.studentId, studentId), inArray(crisisEvents.status, ['open', 'closing'])))
      .get() ?? null
  );
}

/**
 * The CRITICAL and URGENT findings of one assessment, most severe first, each with the item as
 * the student saw it, the answer given and its alert (a form left unfinished has no alert yet:
 * its findings are provisional, scored from the answers given so far).
 */
export function criticalFindings(db: Db, row: AssessmentRow) {
  const { flags, provisional } = flagsOf(row);
  const form = studentForm(db, row);
  const responses = row.responses as Answer[];
  const raised = db.select().from(alerts).where(eq(alerts.assessmentId, row.id)).all();
  const student = db
    .select({ id: students.id, studentNo: students.studentNo, name: students.name })
    .from(students)
    .where(eq(students.id, row.studentId))
    .get()!;
  const findings = flags
    .filter((flag) => isSevere(flag.level))
    .sort((a, b) => SEVERE.indexOf(a.level as SevereLevel) - SEVERE.indexOf(b.level as SevereLevel))
    .map((flag) => {
      const alert = raised.find((a) => a.code === flag.code) ?? null;
      const item = flag.item ?? null;
      const answer = item !== null ? (responses[item - 1] ?? null) : null;
      const formItem = item !== null ? form.items[item - 1] : undefined;
      const answerText = typeof answer === 'number' ? (formItem?.options.find((o) => o.value === answer)?.label ?? null) : null;
      return {
        code: flag.code,
        level: flag.level as SevereLevel,
        item,
        itemText: formItem?.text ?? null,
        answer,
        answerText,
        alertId: alert?.id ?? null,
        acknowledged: alert?.acknowledgedAt != null,
      };
    });
  return {
    assessmentId: row.id,
    instrument: row.instrument as InstrumentId,
    status: row.status,
    provisional,
    student,
    openEvent: openEventOf(db, row.studentId),
    findings,
  };
}

/**
 * 稍后处理: the teacher cannot act now and says why. Nothing is acknowledged (the alerts stay open
 * and counted); the reason becomes a follow-up task for the teacher, due within the hour for a
 * CRITICAL finding and by the end of the day for an URGENT one, and each open alert gets a
 * `defer` audit event naming the task (the reason itself is content: it lives in the task).
 */
export function deferCriticalFindings(tx: WriteContext, row: AssessmentRow, reason: string, at: string): { taskId: string; alertIds: string[]; dueAt: string } {
  const { findings } = criticalFindings(tx.db, row);
  const pending = findings.filter((f) => !f.acknowledged);
  if (pending.length === 0) throw new AppError('CONFLICT', { reason: 'noCriticalFindings' });
  const critical = pending.some((f) => f.level === 'CRITICAL');
  const dueAt = critical ? new Date(new Date(at).getTime() + 60 * 60_000).toISOString() : endOfLocalDay(todayOf(at));
  const task = insertTask(tx, { studentId: row.studentId, source: 'manual', title: reason, assignedTo: tx.actor.accountId, dueAt }, at);
  const alertIds = pending.flatMap((f) => (f.alertId ? [f.alertId] : []));
  for (const id of alertIds) tx.record('defer', 'alerts', id, { taskId: task.id, assessmentId: row.id });
  if (alertIds.length === 0) tx.record('defer-findings', 'assessments', row.id, { taskId: task.id });
  return { taskId: task.id, alertIds, dueAt: task.dueAt };
}
