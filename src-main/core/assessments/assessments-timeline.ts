import { eq } from 'drizzle-orm';
import type { TimelineSource } from '../timeline/timeline';
import { listStudentAssessments, toSummary } from './assessment-service';
import { alerts } from '../store/schema/assessments';

const SEVERITY = ['CRITICAL', 'URGENT', 'HIGH', 'REVIEW'] as const;

export const assessmentTimeline: TimelineSource = {
  kind: 'assessment',
  permission: 'assessments.clinical',
  entries(db, studentId) {
    return listStudentAssessments(db, studentId).map((row) => {
      const summary = toSummary(row);
      const level = SEVERITY.find((l) => summary.flags.some((f) => f.level === l)) ?? null;
      return {
        at: row.completedAt ?? row.startedAt,
        kind: 'assessment',
        titleKey: row.status === 'complete' ? 'timeline.assessmentCompleted' : 'timeline.assessmentStarted',
        values: { instrument: row.instrument, total: summary.total, band: summary.band },
        level,
        ref: { type: 'assessment', id: row.id },
      };
    });
  },
};

export const alertTimeline: TimelineSource = {
  kind: 'alert',
  permission: 'alerts.read',
  entries(db, studentId) {
    return db
      .select()
      .from(alerts)
      .where(eq(alerts.studentId, studentId))
      .all()
      .flatMap((alert) => {
        // The record an alert's line leads to: the crisis event that handled it, else where it came from.
        const link = alert.crisisEventId
          ? { type: 'crisisEvent', id: alert.crisisEventId }
          : alert.assessmentId
            ? { type: 'assessment', id: alert.assessmentId }
            : alert.reportId
              ? { type: 'report', id: alert.reportId }
              : undefined;
        return [
          {
            at: alert.createdAt,
            kind: 'alert',
            titleKey: 'timeline.alertRaised',
            values: { code: alert.code, item: alert.item },
            level: alert.level,
            ref: { type: 'alert', id: alert.id },
            ...(link ? { link } : {}),
          },
          ...(alert.acknowledgedAt
            ? [
                {
                  at: alert.acknowledgedAt,
                  kind: 'alert',
                  titleKey: 'timeline.alertAcknowledged',
                  values: { code: alert.code, item: alert.item },
                  level: null,
                  ref: { type: 'alert', id: alert.id },
                  ...(link ? { link } : {}),
                },
              ]
            : []),
        ];
      });
  },
};
