import { describe, expect, it } from 'vitest';
import { expectError, expectOk, setUpCore } from './helpers';

describe('idle lock', () => {
  it('locks after 10 idle minutes by default and tells the window', async () => {
    const { core, clock, events } = await setUpCore();
    clock.advance(9 * 60_000);
    expect(core.checkIdle()).toBe(false);
    clock.advance(60_000);
    expect(core.checkIdle()).toBe(true);
    expect(events).toContainEqual({ name: 'session.locked', payload: { reason: 'idle' } });
    expectError(await core.call('settings.get', {}), 'UNAUTHENTICATED');
  });

  it('activity postpones it, and the minutes are a setting', async () => {
    const { core, clock } = await setUpCore();
    expectOk(await core.call('settings.update', { idleLockMinutes: 2 }));
    clock.advance(90_000);
    const { idleLockAt } = expectOk(await core.call('auth.touch', {}));
    expect(new Date(idleLockAt).getTime()).toBe(clock.now().getTime() + 120_000);
    clock.advance(90_000);
    expect(core.checkIdle()).toBe(false);
    clock.advance(30_000);
    expect(core.checkIdle()).toBe(true);
  });

  it('refuses idle minutes out of range', async () => {
    const { core } = await setUpCore();
    expectError(await core.call('settings.update', { idleLockMinutes: 0 }), 'VALIDATION');
    expectError(await core.call('settings.update', { idleLockMinutes: 10_000 }), 'VALIDATION');
    expect(expectOk(await core.call('settings.get', {})).idleLockMinutes).toBe(10);
  });
});
