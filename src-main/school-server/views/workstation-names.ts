import type { ReceiverStore } from '../store';
import { rememberWorkstationFact } from '../workstation-facts';

/**
 * The names the workstations give themselves (settings `workstationName`, carried in each bundle's
 * manifest): the server's pages and the risk digest say 2 号工作站, not an id. No name: the id.
 */
export async function workstationNames(store: ReceiverStore): Promise<Map<string, string>> {
  const rows = await store.all<{ workstation_id: string; name: string | null }>('SELECT workstation_id, name FROM server_workstations');
  return new Map(rows.flatMap((r) => (r.name ? [[r.workstation_id, r.name] as const] : [])));
}

/** Remembers the name a verified manifest carried (the newest manifest wins; an absent name changes nothing). */
export async function rememberWorkstationName(store: ReceiverStore, workstationId: string, name: string | undefined, at: string): Promise<void> {
  await rememberWorkstationFact(store, 'server_workstations', workstationId, name, at);
}
