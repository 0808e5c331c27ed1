import { isDepartmentScoped } from '../../../src-shared/permissions';
import { findAccountById } from '../accounts/account-service';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import type { CallContext } from '../handler-types';
import { requireStudent, type StudentRow, type StudentScope } from './student-service';

/** Read the liaison's department from the account each time, so a change applies at once. */
export function studentScopeFor(db: Db, session: Session): StudentScope {
  if (!isDepartmentScoped(session.roles)) return { kind: 'all' };
  return { kind: 'department', department: findAccountById(db, session.accountId)?.department ?? null };
}

/**
 * The student, within the calling account's scope, checked before any work on the student's
 * records: a liaison outside the student's department gets NOT_FOUND, as for a missing one.
 */
export function requireStudentForCaller(ctx: CallContext, studentId: string): StudentRow {
  const { db } = ctx.vault.requireStore();
  return requireStudent(db, studentId, studentScopeFor(db, ctx.vault.requireSession()));
}
