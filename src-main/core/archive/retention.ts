import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { RECORD_KINDS, type DueRecord, type DueStudent, type RecordKind, type RecordRef } from '../../../src-shared/contract/archive';
import { alerts, assessments } from '../store/schema/assessments';
import { appointments, waitlistEntries } from '../store/schema/calendar';
import { cases } from '../store/schema/cases';
import { censusFollowups } from '../store/schema/census';
import { crisisEvents } from '../store/schema/crisis';
import { followupTasks, leaveRecords } from '../store/schema/followups';
import { groupMembers } from '../store/schema/groups';
import { keyAttention } from '../store/schema/keyattention';
import { referrals, safetyPlans, disclosures } from '../store/schema/referrals';
import { reports } from '../store/schema/reports';
import { anyRow } from '../store/any-row';
import type { Db } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { readArchiveSettings } from './archive-settings';
import { riskHolds } from './risk-holds';
import { destructionRequests, legalHolds } from '../store/schema/archive';

/** Left school: `left_at` when the registrar gave it, else the last change of a graduated student. */
const leftAtSql = sql<string | null>`coalesce(${students.leftAt}, case when ${students.status} = 'graduated' then ${students.updatedAt} end)`;

export const refKey = (ref: RecordRef) => `${ref.kind}:${ref.id}`;

export interface StudentLeft {
  id: string;
  studentNo: string;
  name: string;
  department: string | null;
  leftAt: string;
}

export function studentsWhoLeft(db: Db, studentId?: string): StudentLeft[] {
  return db
    .select({ id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, leftAt: leftAtSql })
    .from(students)
    .where(and(sql`${leftAtSql} is not null`, studentId ? eq(students.id, studentId) : undefined))
    .all() as StudentLeft[];
}

/** Everything kept about a student, as destructible records; only finished cases and events count. */
export function recordsOf(db: Db, studentId: string): DueRecord[] {
  const found: DueRecord[] = [];
  for (const row of db
    .select({ id: cases.id, caseNo: cases.caseNo, closedAt: cases.closedAt })
    .from(cases)
    .where(and(eq(cases.studentId, studentId), inArray(cases.status, ['closed', 'archived'])))
    .all()) {
    found.push({ kind: 'case', id: row.id, label: row.caseNo, date: row.closedAt });
  }
  for (const row of db
    .select({ id: assessments.id, instrument: assessments.instrument, at: sql<string>`coalesce(${assessments.completedAt}, ${assessments.startedAt})` })
    .from(assessments)
    .where(eq(assessments.studentId, studentId))
    .all()) {
    found.push({ kind: 'assessment', id: row.id, label: row.instrument, date: row.at });
  }
  for (const row of db.select({ id: reports.id, at: reports.reportedAt }).from(reports).where(eq(reports.studentId, studentId)).all()) {
    found.push({ kind: 'report', id: row.id, label: row.at.slice(0, 10), date: row.at });
  }
  for (const row of db
    .select({ id: crisisEvents.id, eventNo: crisisEvents.eventNo, closedAt: crisisEvents.closedAt })
    .from(crisisEvents)
    .where(and(eq(crisisEvents.studentId, studentId), eq(crisisEvents.status, 'closed')))
    .all()) {
    found.push({ kind: 'crisis', id: row.id, label: row.eventNo, date: row.closedAt });
  }
  if (hasCareRecords(db, studentId)) found.push({ kind: 'care', id: studentId, label: '', date: null });
  return found;
}

function hasCareRecords(db: Db, studentId: string): boolean {
  // Each table of care records, and which of its rows are the student's own care records (not
  // carried by a case, an event, an assessment or a report).
  const careRecords: [SQLiteTable, SQL | undefined][] = [
    [keyAttention, eq(keyAttention.studentId, studentId)],
    [censusFollowups, eq(censusFollowups.studentId, studentId)],
    [groupMembers, eq(groupMembers.studentId, studentId)],
    [appointments, and(eq(appointments.studentId, studentId), isNull(appointments.caseId))],
    [waitlistEntries, and(eq(waitlistEntries.studentId, studentId), isNull(waitlistEntries.caseId))],
    [followupTasks, and(eq(followupTasks.studentId, studentId), isNull(followupTasks.eventId))],
    [leaveRecords, and(eq(leaveRecords.studentId, studentId), isNull(leaveRecords.eventId))],
    [referrals, and(eq(referrals.studentId, studentId), isNull(referrals.eventId), isNull(referrals.caseId))],
    [safetyPlans, and(eq(safetyPlans.studentId, studentId), isNull(safetyPlans.eventId), isNull(safetyPlans.caseId))],
    [disclosures, and(eq(disclosures.studentId, studentId), isNull(disclosures.eventId), isNull(disclosures.caseId))],
    [alerts, and(eq(alerts.studentId, studentId), isNull(alerts.assessmentId), isNull(alerts.reportId))],
  ];
  return careRecords.some(([table, where]) => anyRow(db, table, where));
}

/** Active holds of a student: whether the whole student is held, and the single records held. */
export function activeHolds(db: Db, studentId: string): { wholeStudent: boolean; records: Set<string> } {
  const rows = db
    .select({ recordKind: legalHolds.recordKind, recordId: legalHolds.recordId })
    .from(legalHolds)
    .where(and(eq(legalHolds.studentId, studentId), isNull(legalHolds.releasedAt)))
    .all();
  return {
    wholeStudent: rows.some((r) => r.recordKind === null),
    records: new Set(rows.filter((r) => r.recordKind !== null && r.recordId !== null).map((r) => `${r.recordKind}:${r.recordId}`)),
  };
}

export function isHeld(holds: ReturnType<typeof activeHolds>, ref: RecordRef): boolean {
  return holds.wholeStudent || holds.records.has(refKey(ref));
}

/** Records already in a request that is still open (pending or approved). */
function requestedKeys(db: Db, studentId: string): Set<string> {
  const rows = db
    .select({ records: destructionRequests.records })
    .from(destructionRequests)
    .where(and(eq(destructionRequests.studentId, studentId), or(eq(destructionRequests.status, 'pending'), eq(destructionRequests.status, 'approved'))))
    .all();
  return new Set(rows.flatMap((r) => r.records.map((ref) => refKey(ref as RecordRef))));
}

function addYears(iso: string, years: number): Date {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date;
}

/** The student's records whose retention (years after leaving school, per kind) has run out. */
export function pastRetention(db: Db, student: StudentLeft, now: Date): DueRecord[] {
  const { retention } = readArchiveSettings(db);
  const expired = new Set<RecordKind>(RECORD_KINDS.filter((kind) => addYears(student.leftAt, retention[kind]) <= now));
  if (expired.size === 0) return [];
  return recordsOf(db, student.id).filter((record) => expired.has(record.kind));
}

/** 待销毁: per student, records past retention that no hold keeps and no open request already names. */
export function dueForDestruction(db: Db, now: Date): DueStudent[] {
  const out: DueStudent[] = [];
  for (const student of studentsWhoLeft(db)) {
    const expired = pastRetention(db, student, now);
    if (expired.length === 0) continue;
    const holds = activeHolds(db, student.id);
    const requested = requestedKeys(db, student.id);
    const free = expired.filter((record) => !isHeld(holds, record) && !requested.has(refKey(record)));
    const heldCount = expired.filter((record) => isHeld(holds, record)).length;
    if (free.length === 0) continue;
    out.push({
      student: { id: student.id, studentNo: student.studentNo, name: student.name, department: student.department },
      leftAt: student.leftAt,
      records: free,
      heldCount,
      // Listed, not hidden: the director sees why these records cannot go yet.
      heldBack: riskHolds(db, student.id),
    });
  }
  return out.sort((a, b) => a.leftAt.localeCompare(b.leftAt) || a.student.studentNo.localeCompare(b.student.studentNo));
}
