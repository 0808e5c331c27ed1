import type { TimelineSource } from '../timeline/timeline';
import { listForStudent } from './appointments';

/** Appointments on the student file: when, what kind and how it went; never the remark. */
export const appointmentTimeline: TimelineSource = {
  kind: 'appointment',
  permission: 'calendar.read',
  entries(db, studentId) {
    return listForStudent(db, studentId).map((row) => ({
      at: row.startsAt,
      kind: 'appointment',
      titleKey: 'calendar.timeline.appointment',
      // `i18n:` values are labels the renderer translates (see timelineTitle).
      values: { kind: `i18n:calendar.kinds.${row.kind}`, status: `i18n:calendar.statuses.${row.status}` },
      level: null,
      ref: { type: 'appointment', id: row.id },
    }));
  },
};
