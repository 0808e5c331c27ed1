import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { CASE_TRANSITIONS, OPEN_CASE_STATUSES, type CaseRow, type CaseStatus, type RiskLevel } from '../../../src-shared/contract/cases';
import { AppError } from '../../../src-shared/contract/errors';
import { CLINICAL, type Role, isDirectorOrOwner } from '../../../src-shared/permissions';
import { listAccounts } from '../accounts/account-service';
import { assertCaseNotArchived } from '../archive/archiving';
import { accounts } from '../store/schema/kernel';
import { students } from '../store/schema/students';
import type { Db, WriteContext } from '../store/unit-of-work';
import { nextSerialNumber } from '../store/serial-number';
import type { Session } from '../vault';
import { cases } from '../store/schema/cases';

export type CaseRecord = typeof cases.$inferSelect;

/** The next case number of the year the case opens in: 2026-0001, 2026-0002, ... */
function nextCaseNo(tx: WriteContext, year: number): string {
  return nextSerialNumber(tx.db, cases, cases.caseNo, `${year}-`);
}

/** Open a case (the intake does this); status starts at `intake`. */
export function createCase(tx: WriteContext, input: { studentId: string; counselorId: string; riskLevel: RiskLevel }, at: string) {
  return tx.insert(cases, {
    id: randomUUID(),
    caseNo: nextCaseNo(tx, new Date(at).getUTCFullYear()),
    studentId: input.studentId,
    counselorId: input.counselorId,
    status: 'intake',
    riskLevel: input.riskLevel,
    openedAt: at,
    createdAt: at,
    updatedAt: at,
  });
}

/** Enabled accounts with a clinical role: the only people a case may be given to. */
export function assignableCounselors(db: Db) {
  return listAccounts(db)
    .filter((row) => !row.disabled && (row.roles as Role[]).some((role) => (CLINICAL as readonly Role[]).includes(role)))
    .map((row) => ({ id: row.id, displayName: row.displayName, roles: row.roles as Role[] }));
}

export function requireCounselor(db: Db, accountId: string): void {
  if (!assignableCounselors(db).some((c) => c.id === accountId)) throw new AppError('VALIDATION', { reason: 'caseCounselorNotClinical' });
}

/** Status and assignment change only in the hands of the assigned counselor or the director. */
export function assertMayManage(session: Session, kase: CaseRecord): void {
  if (isDirectorOrOwner(session.roles, session.accountId, kase.counselorId)) return;
  throw new AppError('FORBIDDEN', { reason: 'caseNotYours' });
}

export interface StatusChange {
  status: CaseStatus;
  closingReason?: CaseRecord['closingReason'];
  closingSummary?: string | null;
}

/** The state machine of CASE_TRANSITIONS; closing needs a reason and a summary. */
export function changeCaseStatus(tx: WriteContext, kase: CaseRecord, change: StatusChange, at: string): CaseRecord {
  assertCaseNotArchived(kase);
  if (!CASE_TRANSITIONS[kase.status].includes(change.status)) {
    throw new AppError('CONFLICT', { reason: 'caseTransitionNotAllowed', from: kase.status, to: change.status });
  }
  if (change.status !== 'closed') {
    return tx.update(cases, kase.id, { status: change.status, updatedAt: at }, { action: 'status', details: { from: kase.status, to: change.status } });
  }
  const summary = change.closingSummary?.trim() ?? '';
  if (!change.closingReason || !summary) throw new AppError('VALIDATION', { reason: 'caseClosingIncomplete' });
  return tx.update(
    cases,
    kase.id,
    { status: 'closed', closedAt: at, closingReason: change.closingReason, closingSummary: summary, updatedAt: at },
    // The reason is a fixed code, not content; the summary stays out of the audit.
    { action: 'close', details: { from: kase.status, to: 'closed', closingReason: change.closingReason } },
  );
}

export function reassignCase(tx: WriteContext, kase: CaseRecord, counselorId: string, at: string): CaseRecord {
  assertCaseNotArchived(kase);
  if (!OPEN_CASE_STATUSES.includes(kase.status)) throw new AppError('CONFLICT', { reason: 'caseNotOpen', status: kase.status });
  if (kase.counselorId === counselorId) throw new AppError('CONFLICT', { reason: 'caseSameCounselor' });
  requireCounselor(tx.db, counselorId);
  return tx.update(cases, kase.id, { counselorId, updatedAt: at }, { action: 'reassign', details: { from: kase.counselorId, to: counselorId } });
}

function selectRows(db: Db, where: SQL | undefined): CaseRow[] {
  return db
    .select({
      kase: cases,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className },
      counselor: { id: accounts.id, displayName: accounts.displayName },
    })
    .from(cases)
    .innerJoin(students, eq(students.id, cases.studentId))
    .innerJoin(accounts, eq(accounts.id, cases.counselorId))
    .where(where)
    .orderBy(desc(cases.openedAt), desc(cases.caseNo))
    .all()
    .map(({ kase, student, counselor }) => ({
      id: kase.id,
      caseNo: kase.caseNo,
      student,
      counselor,
      status: kase.status,
      riskLevel: kase.riskLevel,
      openedAt: kase.openedAt,
      closedAt: kase.closedAt,
    }));
}

export function caseRow(db: Db, id: string): CaseRow {
  const [row] = selectRows(db, eq(cases.id, id));
  if (!row) throw new AppError('NOT_FOUND', { reason: 'caseNotFound' });
  return row;
}

export function listCases(db: Db, filter: { counselorId?: string; studentId?: string; status?: CaseStatus | 'open' }): CaseRow[] {
  const conditions = [
    filter.counselorId ? eq(cases.counselorId, filter.counselorId) : undefined,
    filter.studentId ? eq(cases.studentId, filter.studentId) : undefined,
    filter.status === 'open' ? inArray(cases.status, [...OPEN_CASE_STATUSES]) : filter.status ? eq(cases.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  return selectRows(db, conditions.length ? and(...conditions) : undefined);
}

const RISK_ORDER: readonly RiskLevel[] = ['none', 'low', 'moderate', 'high'];

/** What a liaison may know: an open case exists, and the highest risk level among open cases. */
export function studentCaseStatus(db: Db, studentId: string): { hasOpenCase: boolean; riskLevel: RiskLevel | null } {
  const open = db
    .select({ riskLevel: cases.riskLevel })
    .from(cases)
    .where(and(eq(cases.studentId, studentId), inArray(cases.status, [...OPEN_CASE_STATUSES])))
    .all();
  if (open.length === 0) return { hasOpenCase: false, riskLevel: null };
  const riskLevel = open.map((c) => c.riskLevel).reduce((a, b) => (RISK_ORDER.indexOf(b) > RISK_ORDER.indexOf(a) ? b : a));
  return { hasOpenCase: true, riskLevel };
}
