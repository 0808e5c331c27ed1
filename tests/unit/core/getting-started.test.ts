import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { generateSigningKeyPair } from '../../../src-main/core/sync/bundle/codec';
import { DEFAULT_CRISIS_LINES } from '../../../src-shared/contract/referrals';
import { expectOk, setUpCore, tempDir } from './helpers';
import { addAccount, addStudent, signInAs } from './followups-fixtures';

async function steps(core: Core): Promise<Record<string, boolean>> {
  const list = expectOk<{ step: string; done: boolean }[]>(await core.call('system.gettingStarted', {}));
  return Object.fromEntries(list.map((entry) => [entry.step, entry.done]));
}

describe('system.gettingStarted', () => {
  it('ticks each first-week step off from what the store holds', async () => {
    const { core } = await setUpCore();
    expect(await steps(core)).toEqual({ roster: false, accounts: false, backupFolder: false, schoolServer: false, crisisLines: false });

    await addStudent(core, '2026000001', '测试学生甲');
    expect((await steps(core)).roster).toBe(true);

    await addAccount(core, 'counselor01', ['counselor']);
    expect((await steps(core)).accounts).toBe(true);

    expectOk(await core.call('backup.saveSchedule', { folder: tempDir('backup-'), keep: 7, dailyAt: '12:30' }));
    expect((await steps(core)).backupFolder).toBe(true);

    const recipient = await identityToRecipient(await generateX25519Identity());
    expectOk(
      await core.call('sync.configure', {
        serverRecipient: recipient,
        serverSigningKeyPem: generateSigningKeyPair().publicKeyPem,
        folder: tempDir('sync-out-'),
        url: null,
        profiles: ['full'],
        schedule: { kind: 'manual', at: null },
      }),
    );
    expect((await steps(core)).schoolServer).toBe(true);

    // Saving the default list with the school's duty line still empty is not done yet.
    expectOk(await core.call('crisis.setLines', { lines: DEFAULT_CRISIS_LINES }));
    expect((await steps(core)).crisisLines).toBe(false);
    expectOk(await core.call('crisis.setLines', { lines: DEFAULT_CRISIS_LINES.map((line) => ({ ...line, phone: line.phone || '010-00000000' })) }));
    expect(Object.values(await steps(core)).every(Boolean)).toBe(true);
  });

  it('lists only the steps the account may do', async () => {
    const { core } = await setUpCore();
    await addAccount(core, 'counselor01', ['counselor']);
    await signInAs(core, 'counselor01');
    // A counselor imports rosters but does not manage accounts, backups, the server or settings.
    expect(Object.keys(await steps(core))).toEqual(['roster']);
  });
});
