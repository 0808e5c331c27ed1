import type { QueryClient } from '@tanstack/react-query';
import { isAffectedBy, type EntityKind } from '../../src-shared/contract';

/**
 * Marks stale exactly the cached answers whose channel reads one of the changed kinds
 * (src-shared/contract/channel-kinds.ts); the ones on screen refetch at once, the others when
 * they are next shown. The query key's first element is the channel (callKey).
 */
export function refetchChanged(queryClient: QueryClient, kinds: readonly EntityKind[]): Promise<void> {
  if (kinds.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({ predicate: (query) => isAffectedBy(String(query.queryKey[0]), kinds) });
}
