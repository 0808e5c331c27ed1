import { eq } from 'drizzle-orm';
import { censusBatches } from '../store/schema/census';
import type { WriteContext } from '../store/unit-of-work';
import { feedKeyAttention, highestLevel, lowestLevel } from './keyattention-service';

/** The reason is stored text a counselor reads on the list, in the center's language. */
const OUTCOME_WORDING = { key_attention: '重点关注', crisis: '危机' } as const;

/**
 * A census interview outcome feeds the list: "key attention" at the scheme's lowest level,
 * "crisis" at its top level (the crisis module may then propose an event). Other outcomes do nothing.
 */
export function feedFromCensus(
  tx: WriteContext,
  followup: { studentId: string; batchId: string; assignedTo: string | null },
  outcome: 'cleared' | 'watch' | 'key_attention' | 'crisis',
  at: string,
): void {
  if (outcome !== 'key_attention' && outcome !== 'crisis') return;
  const batch = tx.db.select({ name: censusBatches.name }).from(censusBatches).where(eq(censusBatches.id, followup.batchId)).get();
  const level = outcome === 'crisis' ? highestLevel(tx.db) : lowestLevel(tx.db);
  const reason = `${batch?.name ?? ''}：约谈结论「${OUTCOME_WORDING[outcome]}」`;
  feedKeyAttention(tx, { studentId: followup.studentId, level, reason, source: 'census', counselorId: followup.assignedTo ?? tx.actor.accountId }, at);
}
