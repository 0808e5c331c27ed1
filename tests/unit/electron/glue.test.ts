import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';

/**
 * The Electron glue (ipc.ts, protocol.ts) against a stand-in `electron` module: checks that the
 * sender facts handed to the guards come from the right place, events go to our window only, and
 * app:// responses are served from the renderer folder with the CSP.
 */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  schemes: [] as unknown[],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes) },
}));

const { registerIpc } = await import('../../../src-main/electron/ipc');
const { handleAppProtocol, registerAppScheme } = await import('../../../src-main/electron/protocol');

function frame(url: string, id: number, parent: unknown = null) {
  return { url, parent, frameTreeNodeId: id, processId: 7, routingId: id };
}

function fakeWindow() {
  const mainFrame = frame('app://counsel/index.html', 1);
  const webContents = { mainFrame, send: vi.fn(), isDestroyed: () => false };
  return { webContents, isDestroyed: () => false };
}

function fakeClient() {
  let listener: ((name: string, payload: unknown) => void) | null = null;
  return {
    invoke: vi.fn(async () => ({ ok: true as const, value: 'core' })),
    on: vi.fn((l: (name: string, payload: unknown) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    }),
    emit: (name: string, payload: unknown) => listener?.(name, payload),
  };
}

describe('ipc.ts', () => {
  beforeEach(() => electron.handlers.clear());

  it('forwards calls from the main frame of our window', async () => {
    const win = fakeWindow();
    const client = fakeClient();
    registerIpc(client as never, () => win as never);
    const handler = electron.handlers.get('counsel:invoke')!;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await handler(event, 'app.status', {})).toEqual({ ok: true, value: 'core' });
    expect(client.invoke).toHaveBeenCalledWith('app.status', {});
  });

  it('refuses subframes, other web contents, missing frames and foreign origins', async () => {
    const win = fakeWindow();
    const client = fakeClient();
    registerIpc(client as never, () => win as never);
    const handler = electron.handlers.get('counsel:invoke')!;
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } } };
    const other = { mainFrame: frame('app://counsel/index.html', 9) };
    for (const event of [
      { sender: win.webContents, senderFrame: frame('app://counsel/index.html', 2, win.webContents.mainFrame) },
      { sender: other, senderFrame: other.mainFrame },
      { sender: win.webContents, senderFrame: null },
      { sender: win.webContents, senderFrame: { ...win.webContents.mainFrame, url: 'https://evil.example/' } },
    ]) {
      expect(await handler(event, 'app.status', {})).toEqual(forbidden);
    }
    registerIpc(client as never, () => null);
    expect(await electron.handlers.get('counsel:invoke')!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'app.status', {})).toEqual(
      forbidden,
    );
    expect(client.invoke).not.toHaveBeenCalled();
  });

  it('sends declared core events to our window only, and stops after unregistering', () => {
    const win = fakeWindow();
    const client = fakeClient();
    const off = registerIpc(client as never, () => win as never);
    client.emit('session.locked', { reason: 'idle' });
    client.emit('not.declared', { secret: 1 });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    expect(win.webContents.send).toHaveBeenCalledWith('counsel:event', 'session.locked', { reason: 'idle' });
    off();
    expect(electron.handlers.has('counsel:invoke')).toBe(false);
    client.emit('session.locked', { reason: 'manual' });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('protocol.ts', () => {
  let dir: string;
  let serve: (request: Request) => Promise<Response>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counsel-protocol-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
    const session = { protocol: { handle: (_scheme: string, handler: typeof serve) => (serve = handler) } };
    handleAppProtocol(session as never, renderer);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('registers app:// as a standard, secure, fetchable scheme', () => {
    registerAppScheme();
    expect(electron.schemes).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('serves renderer files with their type and the CSP', async () => {
    const page = await serve(new Request('app://counsel/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>t</title>');
    const script = await serve(new Request('app://counsel/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404, with the CSP, for traversal, symlinks out, folders and missing files', async () => {
    for (const url of [
      'app://counsel/%2e%2e/secret.txt',
      'app://counsel/assets/link.txt',
      'app://counsel/assets',
      'app://counsel/missing.js',
      'app://other/index.html',
    ]) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve(new Request('app://counsel/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
