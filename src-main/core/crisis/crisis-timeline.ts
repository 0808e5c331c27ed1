import { eq } from 'drizzle-orm';
import type { TimelineSource } from '../timeline/timeline';
import { crisisEvents } from '../store/schema/crisis';

/** Opening and closing of crisis events on the student file: number and level only, no content. */
export const crisisTimeline: TimelineSource = {
  kind: 'crisis',
  permission: 'crisis.read',
  entries(db, studentId) {
    return (
      db
        // Named columns only: the timeline reaches liaisons, who never read an event's content.
        .select({
          id: crisisEvents.id,
          eventNo: crisisEvents.eventNo,
          level: crisisEvents.level,
          discoveredAt: crisisEvents.discoveredAt,
          createdAt: crisisEvents.createdAt,
          closedAt: crisisEvents.closedAt,
        })
        .from(crisisEvents)
        .where(eq(crisisEvents.studentId, studentId))
        .all()
        .flatMap((event) => [
          {
            at: event.discoveredAt,
            recordedAt: event.createdAt,
            kind: 'crisis',
            titleKey: 'crisis.timeline.opened',
            values: { eventNo: event.eventNo, level: event.level },
            level: 'CRITICAL' as const,
            ref: { type: 'crisisEvent', id: event.id },
          },
          ...(event.closedAt
            ? [
                {
                  at: event.closedAt,
                  kind: 'crisis',
                  titleKey: 'crisis.timeline.closed',
                  values: { eventNo: event.eventNo, level: event.level },
                  level: null,
                  ref: { type: 'crisisEvent', id: event.id },
                },
              ]
            : []),
        ])
    );
  },
};
