import { eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../../src-shared/contract/students';
import type { TimelineSource } from '../timeline/timeline';
import { leaveRecords, returnAssessments, followupTasks } from '../store/schema/followups';

/** Leave, return and completed follow-up contacts on the student file; never a reason or a note. */
export const followupsTimeline: TimelineSource = {
  kind: 'followup',
  permission: 'crisis.manage',
  entries(db, studentId) {
    const leaves: TimelineEntry[] = db
      .select()
      .from(leaveRecords)
      .where(eq(leaveRecords.studentId, studentId))
      .all()
      // When the leave began (a day), entered when it was recorded.
      .map((leave) => ({
        at: leave.startedOn,
        recordedAt: leave.createdAt,
        kind: 'followup',
        titleKey: 'followups.timeline.leave',
        values: { startedOn: leave.startedOn },
        level: null,
        ref: { type: 'leave', id: leave.id },
      }));
    const returns: TimelineEntry[] = db
      .select()
      .from(returnAssessments)
      .where(eq(returnAssessments.studentId, studentId))
      .all()
      .map((a) => ({
        at: a.assessedAt,
        kind: 'followup',
        titleKey: 'followups.timeline.returnAssessed',
        values: { outcome: `i18n:followups.outcomes.${a.outcome}` },
        level: null,
        ref: { type: 'leave', id: a.leaveId },
      }));
    const done: TimelineEntry[] = db
      .select()
      .from(followupTasks)
      .where(eq(followupTasks.studentId, studentId))
      .all()
      .filter((task) => task.status === 'done' && task.doneAt)
      .map((task) => ({
        at: task.doneAt!,
        kind: 'followup',
        titleKey: 'followups.timeline.taskDone',
        values: { source: `i18n:followups.sources.${task.source}` },
        level: null,
        ref: { type: 'followup', id: task.id },
      }));
    return [...leaves, ...returns, ...done];
  },
};
