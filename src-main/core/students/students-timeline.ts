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
