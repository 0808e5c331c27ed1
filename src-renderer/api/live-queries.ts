import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isAffectedBy } from '../../src-shared/contract/channel-kinds';
import type { EntityKind } from '../../src-shared/contract/entity-kinds';

/**
 * Marks stale exactly the cached answers whose channel reads one of the changed kinds
 * (src-shared/contract/channel-kinds.ts); the ones on screen refetch at once, the others when
 * they are next shown. The query key's first element is the channel (callKey).
 */
export function refetchChanged(queryClient: QueryClient, kinds: readonly EntityKind[]): Promise<void> {
  if (kinds.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({ predicate: (query) => isAffectedBy(String(query.queryKey[0]), kinds) });
}

/**
 * For the few places that know records may have changed without a commit of theirs: a write the
 * core refused because the page was out of date (another person closed the step meanwhile).
 */
export function useRefetchKinds(): (...kinds: EntityKind[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((...kinds: EntityKind[]) => refetchChanged(queryClient, kinds), [queryClient]);
}
