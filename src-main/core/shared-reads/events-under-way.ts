import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../store/unit-of-work';
import { crisisEvents } from '../store/schema/crisis';

/*
 * shared-reads/ holds small reads of tables that several domains need. They use tables only,
 * never a domain, so the domains that need them (here: crisis, cases, keyattention) do not
 * depend on each other for them.
 */

/** Statuses in which an event is still under way: a second one for the student is refused. */
export const UNDER_WAY = ['open', 'closing'] as const;

/** The student's events not yet closed, oldest first (a store from before the rule may hold two). */
export function eventsUnderWay(db: Db, studentId: string): { id: string; eventNo: string }[] {
  return db
    .select({ id: crisisEvents.id, eventNo: crisisEvents.eventNo })
    .from(crisisEvents)
    .where(and(eq(crisisEvents.studentId, studentId), inArray(crisisEvents.status, [...UNDER_WAY])))
    .orderBy(asc(crisisEvents.discoveredAt), asc(crisisEvents.eventNo))
    .all();
}
