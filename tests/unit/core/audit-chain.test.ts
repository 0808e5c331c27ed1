import { describe, expect, it } from 'vitest';
import { expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

async function withEvents() {
  const made = await setUpCore();
  for (let i = 1; i <= 5; i++) expectOk(await made.core.call('settings.update', { idleLockMinutes: 10 + i }));
  return made;
}

describe('audit chain', () => {
  it('verifies intact and counts every event', async () => {
    const { core } = await withEvents();
    const result = expectOk(await core.call('audit.verify', {}));
    expect(result.intact).toBe(true);
    expect(result.checked).toBeGreaterThan(5);
    expect(result.firstBroken).toBeNull();
  });

  it('names the first broken event after one is edited inside the database', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    const target = sqlite.prepare("SELECT seq FROM audit_events WHERE action = 'change' ORDER BY seq LIMIT 1 OFFSET 1").pluck().get() as number;
    sqlite.prepare("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = ?").run(target);
    expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: false, firstBroken: { seq: target, reason: 'hashMismatch' } });
  });

  it('detects a deleted event in the middle', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    sqlite.prepare('DELETE FROM audit_events WHERE seq = 4').run();
    expect(expectOk(await core.call('audit.verify', {}))).toMatchObject({ intact: false, firstBroken: { seq: 5, reason: 'sequenceGap' } });
  });

  it('detects an event rewritten with a recomputed hash, at the next link', async () => {
    const { core } = await withEvents();
    const sqlite = connectionHatch(core.vault.requireStore());
    sqlite.prepare('UPDATE audit_events SET hash = ? WHERE seq = 3').run('f'.repeat(64));
    expect(expectOk(await core.call('audit.verify', {})).firstBroken.seq).toBe(3);
  });
});
