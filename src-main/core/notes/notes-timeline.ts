import { eq, inArray } from 'drizzle-orm';
import { cases } from '../store/schema/cases';
import type { TimelineSource } from '../timeline/timeline';
import { sessionNotes } from '../store/schema/notes';

/** One line per session on the student file: when, which case, how long. Never the note's content. */
export const noteTimeline: TimelineSource = {
  kind: 'note',
  permission: 'cases.clinical',
  entries(db, studentId) {
    const rows = db
      .select({
        id: sessionNotes.id,
        caseId: sessionNotes.caseId,
        sessionAt: sessionNotes.sessionAt,
        createdAt: sessionNotes.createdAt,
        minutes: sessionNotes.minutes,
        status: sessionNotes.status,
      })
      .from(sessionNotes)
      .where(eq(sessionNotes.studentId, studentId))
      .all();
    if (rows.length === 0) return [];
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const caseNos = new Map(
      db
        .select({ id: cases.id, caseNo: cases.caseNo })
        .from(cases)
        .where(inArray(cases.id, caseIds))
        .all()
        .map((c) => [c.id, c.caseNo]),
    );
    return rows.map((row) => ({
      at: row.sessionAt,
      recordedAt: row.createdAt,
      kind: 'note',
      titleKey: 'notes.timeline.session',
      values: { caseNo: caseNos.get(row.caseId) ?? '', minutes: row.minutes },
      level: null,
      ref: { type: 'case', id: row.caseId },
    }));
  },
};
