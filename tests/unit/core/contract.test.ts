import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src-main/core/handlers';
import { CHANNEL_NAMES, channels } from '../../../src-shared/contract';
import { expectError, expectOk, makeCore, setUpCore } from './helpers';

describe('contract', () => {
  it('every declared channel has exactly one handler', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('an undeclared channel is NOT_FOUND, not a crash', async () => {
    const { core } = makeCore();
    expectError(await core.call('accounts.dropAll', {}), 'NOT_FOUND', 'unknownChannel');
    expectError(await core.call('__proto__', {}), 'NOT_FOUND');
    expectError(await core.call('constructor', {}), 'NOT_FOUND');
  });

  it('malformed input on every channel is VALIDATION with issues, never INTERNAL', async () => {
    const { core } = await setUpCore();
    for (const name of CHANNEL_NAMES) {
      for (const bad of [42, 'text', [1, 2], { unexpected: true }]) {
        const result = await core.call(name, bad);
        expect(result.ok, `${name} accepted ${JSON.stringify(bad)}`).toBe(false);
        if (!result.ok) expect(result.error.code, name).toBe('VALIDATION');
      }
    }
  });

  it('channels needing a session refuse while locked; public ones answer', async () => {
    const { core } = makeCore();
    for (const name of CHANNEL_NAMES) {
      if (channels[name].permission === 'public') continue;
      const result = await core.call(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['UNAUTHENTICATED', 'VALIDATION'], name).toContain(result.error.code);
    }
    expectOk(await core.call('app.status', {}));
  });

  it('errors carry codes and details only: no message, no stack', async () => {
    const { core } = await setUpCore();
    const result = await core.call('accounts.resetPassword', { accountId: 'nope', newPassword: 'long enough pw 1' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'accountNotFound' } } });
  });
});
