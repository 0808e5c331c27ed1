import { describe, expect, it } from 'vitest';
import { call, CallError, onEvent } from '../../src-renderer/api/client';
import { fail, installFakeBridge } from './fake-bridge';
import { pickTwoGroups, normalizeGroup } from '../../src-renderer/components/RecoveryConfirm';
import { parseRoute } from '../../src-renderer/router';

describe('typed client', () => {
  it('resolves with the value of an ok envelope', async () => {
    installFakeBridge({ 'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 10 }) });
    await expect(call('settings.get', {})).resolves.toEqual({ schoolName: '测试学院', idleLockMinutes: 10 });
  });

  it('throws CallError with code and details for an error envelope', async () => {
    installFakeBridge({ 'auth.signIn': () => fail('UNAUTHENTICATED', { reason: 'wrongCredentials', retryAfterSeconds: 0 }) });
    const error = await call('auth.signIn', { username: 'a.b', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', channel: 'auth.signIn', details: { reason: 'wrongCredentials' } });
    expect((error as CallError).reason).toBe('wrongCredentials');
  });

  it('turns a broken envelope or a throwing bridge into INTERNAL, never raw text', async () => {
    const fake = installFakeBridge({});
    fake.bridge.invoke = async () => ({ nonsense: true }) as never;
    await expect(call('app.status', {})).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'badEnvelope' } });
    fake.bridge.invoke = async () => {
      throw new Error('/secret/path exploded');
    };
    await expect(call('app.status', {})).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'bridgeFailed' } });
    fake.bridge.invoke = async () => ({ ok: false, error: { code: 'NOT_A_CODE', details: {} } }) as never;
    await expect(call('app.status', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('delivers only events whose payload matches the contract', () => {
    const fake = installFakeBridge({});
    const seen: unknown[] = [];
    const off = onEvent('session.locked', (payload) => seen.push(payload));
    fake.emit('session.locked', { reason: 'idle' });
    fake.emit('session.locked', { reason: 'nope' });
    off();
    fake.emit('session.locked', { reason: 'manual' });
    expect(seen).toEqual([{ reason: 'idle' }]);
  });
});

describe('small helpers', () => {
  it('picks two distinct ascending groups out of 8', () => {
    for (let i = 0; i < 200; i += 1) {
      const [a, b] = pickTwoGroups(8);
      expect(a).toBeGreaterThanOrEqual(1);
      expect(b).toBeLessThanOrEqual(8);
      expect(a).toBeLessThan(b);
    }
    expect(pickTwoGroups(8, () => 0)).toEqual([1, 2]);
    expect(pickTwoGroups(8, () => 0.999)).toEqual([7, 8]);
  });

  it('reads recovery groups leniently like the core', () => {
    expect(normalizeGroup(' ab-o1 ')).toBe('AB01');
    expect(normalizeGroup('il1')).toBe('111');
  });

  it('parses hash routes', () => {
    expect(parseRoute('#/accounts')).toBe('accounts');
    expect(parseRoute('#/nope')).toBe('workbench');
    expect(parseRoute('')).toBe('workbench');
  });
});
