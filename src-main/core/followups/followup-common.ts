import { and, desc, eq, inArray } from 'drizzle-orm';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { addDays } from '../../../src-shared/calendar/calendar-time';
import { AppError } from '../../../src-shared/contract/errors';
import { accounts } from '../store/schema/kernel';
import { cases } from '../store/schema/cases';
import { crisisEvents } from '../store/schema/crisis';
import type { Db } from '../store/unit-of-work';

export function isClinical(roles: readonly Role[]): boolean {
  return roles.some((role) => (CLINICAL as readonly Role[]).includes(role));
}

export { addDays };
// Shared with other domains, so kept below them; re-exported for the follow-up modules.
export { endOfLocalDay, todayOf } from '../util/local-day';
export { displayNames, person } from '../accounts/account-service';

export function requireEvent(db: Db, eventId: string) {
  const event = db
    .select({ id: crisisEvents.id, studentId: crisisEvents.studentId, ownerId: crisisEvents.ownerId })
    .from(crisisEvents)
    .where(eq(crisisEvents.id, eventId))
    .get();
  if (!event) throw new AppError('NOT_FOUND', { reason: 'followupEventNotFound' });
  return event;
}

/** The counselor of the student's open case (the most recent one), if any. */
export function caseCounselorOf(db: Db, studentId: string): string | null {
  return (
    db
      .select({ counselorId: cases.counselorId })
      .from(cases)
      .where(and(eq(cases.studentId, studentId), inArray(cases.status, ['intake', 'active', 'on_hold'])))
      .orderBy(desc(cases.openedAt))
      .get()?.counselorId ?? null
  );
}

/** An enabled account that may be given clinical follow-up work. */
export function requireClinicalAccount(db: Db, accountId: string) {
  const account = db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!account || account.disabled || !isClinical(account.roles as Role[])) throw new AppError('VALIDATION', { reason: 'followupAssigneeInvalid' });
  return account;
}
