import { ACTIVITY_KINDS, type ActivityKind, type ActivitySummary } from '../../../src-shared/contract/activities';

/**
 * Activities and participants per kind, in the kinds' fixed order; kinds with no activity are
 * left out. Pure, so the statistics module can use it on any selection of rows.
 */
export function summarizeActivities(rows: readonly { kind: ActivityKind; participants: number }[]): ActivitySummary {
  const byKind = new Map<ActivityKind, { count: number; participants: number }>();
  for (const row of rows) {
    const entry = byKind.get(row.kind) ?? { count: 0, participants: 0 };
    entry.count += 1;
    entry.participants += row.participants;
    byKind.set(row.kind, entry);
  }
  return {
    byKind: ACTIVITY_KINDS.filter((kind) => byKind.has(kind)).map((kind) => ({ kind, ...byKind.get(kind)! })),
    total: { count: rows.length, participants: rows.reduce((sum, row) => sum + row.participants, 0) },
  };
}
