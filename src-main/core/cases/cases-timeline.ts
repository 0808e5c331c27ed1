import { eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../../src-shared/contract/students';
import type { TimelineSource } from '../timeline/timeline';
import { cases } from '../store/schema/cases';

/** 个案 on the student file: opened and closed, with the case number; never content. */
export const caseTimeline: TimelineSource = {
  kind: 'case',
  permission: 'cases.clinical',
  entries(db, studentId) {
    return db
      .select({ id: cases.id, caseNo: cases.caseNo, openedAt: cases.openedAt, closedAt: cases.closedAt })
      .from(cases)
      .where(eq(cases.studentId, studentId))
      .all()
      .flatMap((kase): TimelineEntry[] => {
        const ref = { type: 'case', id: kase.id };
        const opened: TimelineEntry = { at: kase.openedAt, kind: 'case', titleKey: 'cases.timeline.opened', values: { caseNo: kase.caseNo }, level: null, ref };
        if (!kase.closedAt) return [opened];
        return [opened, { at: kase.closedAt, kind: 'case', titleKey: 'cases.timeline.closed', values: { caseNo: kase.caseNo }, level: null, ref }];
      });
  },
};
