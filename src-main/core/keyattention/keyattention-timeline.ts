import { eq } from 'drizzle-orm';
import type { TimelineSource } from '../timeline/timeline';
import { readCrisisLevels } from '../settings/crisis-levels';
import { keyAttentionHistory } from '../store/schema/keyattention';

/** Key-attention changes on the student file: the kind and the levels, never the reason. */
export const keyAttentionTimeline: TimelineSource = {
  kind: 'keyattention',
  permission: 'keyattention.manage',
  entries(db, studentId) {
    const labels = new Map(readCrisisLevels(db).map((l) => [l.key, l.label]));
    const label = (key: string | null) => (key ? (labels.get(key) ?? key) : null);
    return db
      .select()
      .from(keyAttentionHistory)
      .where(eq(keyAttentionHistory.studentId, studentId))
      .all()
      .map((row) => ({
        at: row.changedAt,
        kind: 'keyattention',
        titleKey: `keyattention.timeline.${row.kind}`,
        values: { fromLevel: label(row.fromLevel), toLevel: label(row.toLevel) },
        level: null,
        ref: { type: 'keyattention', id: row.entryId },
      }));
  },
};
