import type { ActivityFields } from '../../../src-shared/contract/activities';
import { AppError } from '../../../src-shared/contract/errors';
import { scopeFor, type Permission } from '../../../src-shared/permissions';
import { findAccountById } from '../accounts/account-service';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import type { ActivityRow } from './activity-service';

/**
 * A department liaison records and reads their own 院系's activities only (issue 17 item 5):
 * `all`, or the department read afresh from the account on every call (a change applies at once).
 */
export type ActivityScope = { kind: 'all' } | { kind: 'department'; department: string };

export function activityScopeFor(
  db: Db,
  session: Pick<Session, 'accountId' | 'roles'>,
  permission: Extract<Permission, 'activities.read' | 'activities.manage'>,
): ActivityScope {
  if (scopeFor(session.roles, permission) === 'all') return { kind: 'all' };
  const department = findAccountById(db, session.accountId)?.department?.trim();
  // A liaison account without a department reaches nothing rather than everything.
  if (!department) throw new AppError('FORBIDDEN', { reason: 'activityNoDepartment' });
  return { kind: 'department', department };
}

/** Another department's activity looks absent to a liaison (as other departments' students do). */
export function assertActivityInScope(scope: ActivityScope, row: Pick<ActivityRow, 'department'>): void {
  if (scope.kind === 'department' && row.department !== scope.department) throw new AppError('NOT_FOUND', { reason: 'activityNotFound' });
}

/**
 * What a liaison may write: their own department (filled in when left empty) at the 院系 or
 * class level. Any other department, or the center's level, is refused with nothing changed.
 */
export function scopedFields<F extends Partial<ActivityFields>>(scope: ActivityScope, fields: F, creating: boolean): F {
  if (scope.kind === 'all') return fields;
  const department = fields.department?.trim();
  if (department && department !== scope.department) throw new AppError('FORBIDDEN', { reason: 'otherDepartment' });
  if (fields.organizerLevel === 'center') throw new AppError('FORBIDDEN', { reason: 'activityCenterLevel' });
  if (!creating) return fields.department === undefined ? fields : { ...fields, department: scope.department };
  return { ...fields, department: scope.department, organizerLevel: fields.organizerLevel ?? 'department' };
}
