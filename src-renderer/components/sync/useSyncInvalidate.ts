import { useQueryClient } from '@tanstack/react-query';

/** After a change, the pages that show export state read it again. */
export function useSyncInvalidate(): () => Promise<unknown> {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['sync.getConfig', 'sync.history', 'sync.status', 'sync.riskElsewhere', 'sync.riskOfMyCases', 'reports.triageQueue'].map((channel) =>
        queryClient.invalidateQueries({ queryKey: [channel] }),
      ),
    );
}
