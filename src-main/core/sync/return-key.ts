import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { OpenStore } from '../store/open-store';
import type { Actor, Db } from '../store/unit-of-work';

/**
 * The workstation's return key: an age X25519 identity the server encrypts its return file to
 * (院系 reports, the risk digest; bundle/return-file.ts). Made on the first export, carried as a
 * recipient in every signed manifest so the server learns it from a source it already trusts.
 * Like the signing key it stays in the encrypted database and is never exported (profiles.ts).
 */
export const RETURN_KEY_SETTING = 'sync.returnKey';

export interface ReturnKey {
  identity: string;
  recipient: string;
}

export function readReturnKey(db: Db): ReturnKey | null {
  const stored = readSettingValue<ReturnKey>(db, RETURN_KEY_SETTING);
  return stored && typeof stored.identity === 'string' && typeof stored.recipient === 'string' ? stored : null;
}

export async function ensureReturnKey(store: OpenStore, actor: Actor, at: string): Promise<ReturnKey> {
  const stored = readReturnKey(store.db);
  if (stored) return stored;
  const identity = await generateX25519Identity();
  const key: ReturnKey = { identity, recipient: await identityToRecipient(identity) };
  // Two exports racing here: the first one's key is kept, so the recipient the server learns stays valid.
  return store.uow.run(actor, (tx) => {
    const again = readReturnKey(tx.db);
    if (again) return again;
    writeSettingValue(tx, RETURN_KEY_SETTING, key, at);
    return key;
  });
}
