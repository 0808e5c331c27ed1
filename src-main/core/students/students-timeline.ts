import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../store/schema/kernel';
import type { TimelineSource } from '../timeline/timeline';
import { findStudent } from './student-service';

export const studentRecordTimeline: TimelineSource = {
  kind: 'student',
  permission: 'students.read',
  entries(db, studentId) {
    const row = findStudent(db, studentId);
    if (!row) return [];
    return [
      {
        at: row.createdAt,
        kind: 'student',
        titleKey: row.source === 'roster' ? 'timeline.studentImported' : 'timeline.studentAdded',
        values: { studentNo: row.studentNo },
        level: null,
        ref: { type: 'student', id: row.id },
      },
    ];
  },
};

/** The basic-data fields an edit can name; the renderer shows them in the user's language. */
const STUDENT_FIELDS = new Set([
  'studentNo',
  'name',
  'gender',
  'birthDate',
  'department',
  'major',
  'grade',
  'className',
  'dorm',
  'phone',
  'departmentCounselor',
  'guardians',
  'status',
]);

/** Edits of the basic data, read from the audit log (which names the changed fields, not values). */
export const studentChangesTimeline: TimelineSource = {
  kind: 'student-change',
  permission: 'students.read',
  entries(db, studentId) {
    return db
      .select({ seq: auditEvents.seq, at: auditEvents.at, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, 'students'), eq(auditEvents.entityId, studentId), inArray(auditEvents.action, ['change', 'import'])))
      .all()
      .flatMap(({ seq, at, details }) => {
        const changed = (Array.isArray(details.changed) ? (details.changed as string[]) : []).filter((f) => STUDENT_FIELDS.has(f));
        if (changed.length === 0) return [];
        return [
          {
            at,
            kind: 'student',
            titleKey: 'timeline.studentUpdated',
            values: { fields: changed.join(',') },
            level: null,
            ref: { type: 'audit', id: String(seq) },
          },
        ];
      });
  },
};
