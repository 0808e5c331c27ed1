import type { ReceiverStore } from './store';

/** The tables holding one fact per workstation, learnt from its verified manifests, and their fact's column. */
const FACT_COLUMNS = { server_workstations: 'name', server_return_recipients: 'recipient' } as const;

/**
 * Remembers a fact a verified manifest carried about its workstation: the newest manifest wins,
 * and a manifest that does not carry it (an older version) changes nothing.
 */
export async function rememberWorkstationFact(
  store: ReceiverStore,
  table: keyof typeof FACT_COLUMNS,
  workstationId: string,
  value: string | undefined,
  at: string,
): Promise<void> {
  if (!value) return;
  const column = FACT_COLUMNS[table];
  await store.run(
    `INSERT INTO ${table} (workstation_id, ${column}, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (workstation_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
    [workstationId, value, at],
  );
}
