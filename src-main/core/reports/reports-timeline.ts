import { eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../../src-shared/contract/students';
import type { TimelineSource } from '../timeline/timeline';
import { reportAlertFor } from './report-service';
import { reports } from '../store/schema/reports';

/** 上报 on the student file: that a report came in and how it was handled; never what was observed. */
export const reportTimeline: TimelineSource = {
  kind: 'report',
  permission: 'reports.triage',
  entries(db, studentId) {
    return db
      .select()
      .from(reports)
      .where(eq(reports.studentId, studentId))
      .all()
      .flatMap((report): TimelineEntry[] => {
        const ref = { type: 'report', id: report.id };
        const filed: TimelineEntry = {
          at: report.reportedAt,
          recordedAt: report.createdAt,
          kind: 'report',
          titleKey: `reports.timeline.filed_${report.urgency}`,
          values: {},
          level: reportAlertFor(report)?.level ?? null,
          ref,
        };
        if (!report.handledAt || report.status === 'new') return [filed];
        const titleKey = report.status === 'intake' ? 'reports.timeline.takenToIntake' : 'reports.timeline.closed';
        return [filed, { at: report.handledAt, kind: 'report', titleKey, values: {}, level: null, ref }];
      });
  },
};
