import { and, desc, eq, like, lte, or, sql } from 'drizzle-orm';
import type { ArchivedCase } from '../../../src-shared/contract/archive';
import { AppError } from '../../../src-shared/contract/errors';
import { cases } from '../store/schema/cases';
import { accounts } from '../store/schema/kernel';
import type { OpenStore } from '../store/open-store';
import type { Actor, Db } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { readArchiveSettings } from './archive-settings';

/**
 * An archived case is read-only. The database triggers refuse the write anyway; checking first
 * gives the person a sentence instead of an internal error.
 */
export function assertCaseNotArchived(kase: { status: string }): void {
  if (kase.status === 'archived') throw new AppError('CONFLICT', { reason: 'caseArchived' });
}

/** Closed cases whose archive period has passed move to the archive, each through the unit of work. */
export function archiveDueCases(store: OpenStore, actor: Actor, now: Date): number {
  const { afterDays } = readArchiveSettings(store.db);
  const cutoff = new Date(now.getTime() - afterDays * 86_400_000).toISOString();
  const due = store.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.status, 'closed'), lte(cases.closedAt, cutoff)))
    .all();
  if (due.length === 0) return 0;
  const at = now.toISOString();
  store.uow.run(actor, (tx) => {
    for (const { id } of due) {
      tx.update(cases, id, { status: 'archived', archivedAt: at, updatedAt: at }, { action: 'archive', details: { afterDays } });
    }
  });
  return due.length;
}

/** Archived cases by 学号 prefix, name, case number or closing year: identification only, no content. */
export function searchArchive(db: Db, input: { query: string; closedYear?: number }): ArchivedCase[] {
  const query = input.query.trim();
  const conditions = [
    eq(cases.status, 'archived'),
    query ? or(like(students.studentNo, `${query}%`), like(students.name, `%${query}%`), like(cases.caseNo, `%${query}%`)) : undefined,
    // Closing dates are UTC; the year a school counts in is the local one, close enough at year ends.
    input.closedYear !== undefined ? sql`substr(${cases.closedAt}, 1, 4) = ${String(input.closedYear)}` : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      caseId: cases.id,
      caseNo: cases.caseNo,
      student: { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department },
      counselor: { id: accounts.id, displayName: accounts.displayName },
      openedAt: cases.openedAt,
      closedAt: cases.closedAt,
      archivedAt: cases.archivedAt,
    })
    .from(cases)
    .innerJoin(students, eq(students.id, cases.studentId))
    .innerJoin(accounts, eq(accounts.id, cases.counselorId))
    .where(and(...conditions))
    .orderBy(desc(cases.closedAt), desc(cases.caseNo))
    .limit(200)
    .all();
}
