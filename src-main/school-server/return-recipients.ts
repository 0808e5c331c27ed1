import { sealReturnFile } from '../core/sync/bundle/return-file';
import type { ReceiverStore } from './store';
import { rememberWorkstationFact } from './workstation-facts';

/**
 * The workstations' return recipients, learnt from their signed manifests (the newest wins), and
 * the return file sealed to all of them. A workstation whose bundles never carried one (an older
 * version) cannot open a sealed file; while no workstation has sent one, the file stays signed
 * but not encrypted, as before, and the command line says so.
 */
export async function rememberReturnRecipient(store: ReceiverStore, workstationId: string, recipient: string | undefined, at: string): Promise<void> {
  await rememberWorkstationFact(store, 'server_return_recipients', workstationId, recipient, at);
}

export async function returnRecipients(store: ReceiverStore): Promise<string[]> {
  const rows = await store.all<{ recipient: string }>('SELECT recipient FROM server_return_recipients ORDER BY workstation_id');
  return rows.map((r) => r.recipient);
}

export interface ReturnFile {
  fileText: string;
  /** How many workstations can open it; 0: not encrypted (no workstation has sent its return key yet). */
  sealedFor: number;
}

/** The signed file as it goes into the shared folder: encrypted to every known workstation. */
export async function returnFile(store: ReceiverStore, signedText: string): Promise<ReturnFile> {
  const recipients = await returnRecipients(store);
  if (recipients.length === 0) return { fileText: signedText, sealedFor: 0 };
  return { fileText: await sealReturnFile(signedText, recipients), sealedFor: recipients.length };
}
