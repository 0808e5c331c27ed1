import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';

type Answer = ChannelOutput<'census.followups'>;
type Page = Extract<Answer, { rows: unknown }>;
export type FollowupRow = Page['rows'][number];

/**
 * A fake bridge's census.followups: filters like the core, and answers a page with its counts
 * when the input pages (the screen always does), the whole array otherwise. The rows keep the
 * order they are given in (the core's order is tested in tests/unit/core/census-followup-paging.test.ts).
 */
export function followupsAnswer(all: readonly FollowupRow[], input: ChannelInput<'census.followups'>): Answer {
  const kept = all.filter((f) => (!input.department || f.student.department === input.department) && (!input.status || f.status === input.status));
  if (input.offset === undefined && input.limit === undefined) return kept;
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 50;
  const atRisk = (rows: readonly FollowupRow[]) => rows.filter((f) => f.atRisk).length;
  return {
    rows: kept.slice(offset, offset + limit),
    offset,
    limit,
    total: kept.length,
    atRiskPending: atRisk(kept),
    batchTotal: all.length,
    batchAtRiskPending: atRisk(all),
  };
}
