import { isDepartmentScoped } from '../../../src-shared/permissions';
import { findAccountById } from '../accounts/account-service';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import type { StudentScope } from './student-service';

/** Read the liaison's department from the account each time, so a change applies at once. */
export function studentScopeFor(db: Db, session: Session): StudentScope {
  if (!isDepartmentScoped(session.roles)) return { kind: 'all' };
  return { kind: 'department', department: findAccountById(db, session.accountId)?.department ?? null };
}
