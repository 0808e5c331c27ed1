import { afterEach, describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src-main/core/worker/core-client';
import { tempDir } from './helpers';

describe('core worker', () => {
  let client: CoreClient | null = null;
  afterEach(async () => {
    await client?.close();
    client = null;
  });

  it('answers calls through the worker with the same envelopes as the core', async () => {
    client = new CoreClient({ dataDir: tempDir() });
    expect(await client.invoke('app.status', {})).toMatchObject({ ok: true, value: { initialized: false, locked: true } });
    expect(await client.invoke('no.such.channel', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } });
    expect(await client.invoke('auth.signIn', { username: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
