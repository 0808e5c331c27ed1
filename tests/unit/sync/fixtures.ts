import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateSigningKeyPair, sealBundle, type BundleEvent, type SigningKeyPair } from '../../../src-main/core/sync/bundle/codec';

/** Synthetic outbox events shaped like the workstation's (made-up students). */
export function makeEvents(fromSeq: number, count: number, options: { entityPool?: number } = {}): BundleEvent[] {
  const pool = options.entityPool ?? 5;
  const events: BundleEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const seq = fromSeq + i;
    const id = `stu-${seq % pool}`;
    const op: BundleEvent['op'] = seq % 7 === 0 ? 'delete' : seq % pool === seq ? 'insert' : 'update';
    events.push({
      seq,
      hlc: `2026-11-29T10:00:00.000Z-${String(seq).padStart(4, '0')}-ws01`,
      entity: seq % 3 === 0 ? 'notes' : 'students',
      entityId: id,
      op,
      payload: op === 'delete' ? { id } : { id, name: `测试学生${seq}`, version: seq },
      createdAt: '2026-11-29T10:00:00.000Z',
    });
  }
  return events;
}

export interface Keys {
  identity: string;
  recipient: string;
  workstation: SigningKeyPair;
  workstationId: string;
}

export async function makeKeys(workstationId = 'ws-0001'): Promise<Keys> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity), workstation: generateSigningKeyPair(), workstationId };
}

export async function seal(keys: Keys, events: BundleEvent[], extra: { profile?: string; fromSeq?: number; toSeq?: number } = {}) {
  return sealBundle({
    workstationId: keys.workstationId,
    profile: extra.profile ?? 'full',
    events,
    recipient: keys.recipient,
    privateKeyPem: keys.workstation.privateKeyPem,
    createdAt: '2026-11-29T10:00:00.000Z',
    fromSeq: extra.fromSeq,
    toSeq: extra.toSeq,
  });
}
