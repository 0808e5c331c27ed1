import type { PartialHandlerMap } from '../handler-types';
import { studentScopeFor } from '../students/scope';
import { requireStudent } from '../students/student-service';
import { buildTimeline } from '../timeline/timeline';
import { TIMELINE_SOURCES } from './timeline-sources';

/**
 * The student file's timeline, assembled from every domain's contribution. It sits at the top of
 * the core (it reads all domains), so the students domain below it needs none of them.
 */
export const studentTimelineHandlers: PartialHandlerMap<'students.timeline'> = {
  'students.timeline': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const row = requireStudent(store.db, input.studentId, studentScopeFor(store.db, session));
    store.uow.run(vault.actor(), (tx) => tx.record('view-timeline', 'students', row.id, {}));
    return buildTimeline(TIMELINE_SOURCES, store.db, row.id, session.roles);
  },
};
