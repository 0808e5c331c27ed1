import { MutationCache, QueryCache, QueryClient, useMutation, useQuery, type UseMutationOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { call, CallError, onEvent } from './client';
import { refetchChanged } from './live-queries';

/** The query key of a channel call: the channel name, then its input. */
export function callKey<C extends ChannelName>(channel: C, input?: ChannelInput<C>): readonly unknown[] {
  return input === undefined ? [channel] : [channel, input];
}

export function useCallQuery<C extends ChannelName>(channel: C, input: ChannelInput<C>, options: { enabled?: boolean } = {}) {
  return useQuery<ChannelOutput<C>, CallError>({
    queryKey: callKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

export function useCallMutation<C extends ChannelName, TContext = unknown>(
  channel: C,
  options: Omit<UseMutationOptions<ChannelOutput<C>, CallError, ChannelInput<C>, TContext>, 'mutationFn'> = {},
) {
  return useMutation<ChannelOutput<C>, CallError, ChannelInput<C>, TContext>({
    mutationFn: (input) => call(channel, input),
    ...options,
  });
}

/** A call failed because the store is locked or the session ended elsewhere (idle lock, restart). */
export function meansSessionLost(error: unknown): boolean {
  return error instanceof CallError && (error.code === 'LOCKED' || (error.code === 'UNAUTHENTICATED' && error.reason === 'notSignedIn'));
}

type SessionLostListener = () => void;
const sessionLostListeners = new Set<SessionLostListener>();

export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function reportSessionLost(error: unknown): void {
  if (meansSessionLost(error)) for (const listener of sessionLostListeners) listener();
}

/**
 * Nothing is retried (a failed sign-in must not be repeated behind the user's back) and nothing
 * is refetched on focus; the cache is cleared whenever the workstation locks.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    queryCache: new QueryCache({ onError: reportSessionLost }),
    mutationCache: new MutationCache({ onError: reportSessionLost }),
    defaultOptions: {
      // Calls are local and cheap: every page shows fresh data when it opens (staleTime 0).
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0, gcTime: 5 * 60_000 },
      mutations: { retry: false },
    },
  });
  // Writes anywhere (this window, an import, the CLI on the same store) refetch exactly the answers that read what they changed.
  onEvent('store.changed', ({ kinds }) => void refetchChanged(client, kinds));
  return client;
}
