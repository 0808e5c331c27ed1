import { randomUUID } from 'node:crypto';
import { like, sql } from 'drizzle-orm';
import type { WriteContext } from '../store/unit-of-work';
import { cases } from './schema';

type RiskLevel = (typeof cases.$inferSelect)['riskLevel'];

/** The next case number of the year the case opens in: 2026-0001, 2026-0002, ... */
function nextCaseNo(tx: WriteContext, year: number): string {
  const prefix = `${year}-`;
  const row = tx.db
    .select({ max: sql<string | null>`max(${cases.caseNo})` })
    .from(cases)
    .where(like(cases.caseNo, `${prefix}%`))
    .get();
  const last = row?.max ? Number(row.max.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
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
