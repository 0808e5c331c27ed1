import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardCall } from '../../../src-main/browser-shell/shell';
import { EXIT } from '../../../src-main/cli/exit-codes';
import { CoreClient } from '../../../src-main/core/worker/core-client';
import { handleInvoke } from '../../../src-main/electron/guards';
import type { CallResult } from '../../../src-shared/contract';
import { runCli } from '../cli/cli-harness';
import { ADMIN_PASSWORD } from '../core/helpers';

/**
 * Every host asks the core in the same order: who may call comes before what they sent. A caller
 * without the permission gets FORBIDDEN from each host, even for input of the wrong shape, and so
 * learns nothing of the channel's input from one host that another would hide.
 */
const FORBIDDEN_CHANNEL = 'crisis.open';
const BAD_INPUT = { studentId: 7, level: ['x'], sneaky: true };

describe('the order of checks is the same in every host', () => {
  // Shared by the tests below (the helpers' tempDir is removed after each test).
  const dataDir = mkdtempSync(join(tmpdir(), 'counsel-hosts-'));
  let client: CoreClient;

  beforeAll(async () => {
    client = new CoreClient({ dataDir });
    const setup = await client.invoke('setup.initialize', {
      schoolName: '测试学院-Synthetic-School',
      admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
      adminIsDirector: false,
    });
    expect(setup.ok).toBe(true);
    expect((await client.invoke('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD })).ok).toBe(true);
  });
  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const forbidden = (result: CallResult<unknown>) => {
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
  };

  it('the core itself refuses before parsing (the reference order)', async () => {
    forbidden(await client.invoke(FORBIDDEN_CHANNEL, BAD_INPUT));
    // The same input on a channel the admin may call is a VALIDATION error: the input really is bad.
    const allowed = await client.invoke('accounts.create', { username: 7 });
    expect(allowed.ok === false && allowed.error.code).toBe('VALIDATION');
  });

  it('the Electron shell forwards and answers FORBIDDEN', async () => {
    const trusted = { url: 'app://counsel/index.html', isMainFrame: true };
    forbidden(await handleInvoke({ invoke: (channel, input) => client.invoke(channel, input) }, trusted, FORBIDDEN_CHANNEL, BAD_INPUT));
  });

  it('the browser shell forwards and answers FORBIDDEN', async () => {
    forbidden(await forwardCall(client, FORBIDDEN_CHANNEL, BAD_INPUT));
  });

  it('the command line answers with the permission exit code', async () => {
    await client.close();
    const result = await runCli(['call', FORBIDDEN_CHANNEL, JSON.stringify(BAD_INPUT), '--data-dir', dataDir], {
      COUNSEL_USER: 'admin01',
      COUNSEL_PASSWORD: ADMIN_PASSWORD,
    });
    expect(result.code, result.stderr).toBe(EXIT.PERMISSION);
    client = new CoreClient({ dataDir });
  });
});
