import { join, resolve, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../src-shared/contract';
import {
  APP_ENTRY_URL,
  handleInvoke,
  isAllowedNavigation,
  isAllowedRequest,
  isInside,
  isTrustedSender,
  resolveAppPath,
  sanitizeResult,
} from '../../../src-main/electron/guards';

const APP_PAGE = 'app://counsel/index.html';
const trusted = { url: APP_PAGE, isMainFrame: true };

function fakeCore(result: CallResult<unknown> = { ok: true, value: { pong: true } }) {
  const invoke = vi.fn(async (_channel: string, _input: unknown) => result);
  return { invoke };
}

describe('isTrustedSender', () => {
  it('trusts only the main frame on app://counsel', () => {
    expect(isTrustedSender(APP_PAGE, true)).toBe(true);
    expect(isTrustedSender('app://counsel/', true)).toBe(true);
    expect(isTrustedSender('app://counsel/index.html#/cases?x=1', true)).toBe(true);
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true);
  });

  it.each([
    ['file:///work/main/out/renderer/index.html'],
    ['https://evil.example/'],
    ['http://counsel/'],
    ['app://evil.example/index.html'],
    ['app://counsel.evil.example/index.html'],
    ['app://counsel:8080/index.html'],
    ['app://user:pw@counsel/index.html'],
    ['data:text/html,<script>1</script>'],
    ['about:blank'],
    ['devtools://devtools/bundled/inspector.html'],
    ['not a url'],
    [''],
  ])('refuses %s', (url) => {
    expect(isTrustedSender(url, true)).toBe(false);
  });

  it('refuses subframes and missing frames even on the app origin', () => {
    expect(isTrustedSender(APP_PAGE, false)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
  });
});

describe('isAllowedNavigation and isAllowedRequest', () => {
  it('keeps navigation inside the app', () => {
    expect(isAllowedNavigation('app://counsel/index.html#/students')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'app://other/index.html',
      'about:blank',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('lets the session load only app files and inline data/blob', () => {
    expect(isAllowedRequest('app://counsel/assets/index-abc.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://counsel/1234-5678')).toBe(true);
    expect(isAllowedRequest('https://cdn.example/x.js')).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:9000/')).toBe(false);
    expect(isAllowedRequest('file:///C:/Windows/win.ini')).toBe(false);
  });
});

describe('resolveAppPath', () => {
  const rendererDir = resolve('/srv/app/out/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(rendererDir, 'app://counsel/index.html')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppPath(rendererDir, 'app://counsel/')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppPath(rendererDir, 'app://counsel')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppPath(rendererDir, 'app://counsel/assets/index-abc.js?v=1#x')).toBe(join(rendererDir, 'assets', 'index-abc.js'));
    expect(resolveAppPath(rendererDir, 'app://counsel/assets/%E5%AD%97%E4%BD%93.woff2')).toBe(join(rendererDir, 'assets', '字体.woff2'));
  });

  it.each([
    'app://counsel/../../etc/passwd',
    'app://counsel/assets/../../../etc/passwd',
    'app://counsel/%2e%2e/%2e%2e/etc/passwd',
    'app://counsel/%2E%2E/secret',
    'app://counsel/.%2e/secret',
    'app://counsel/assets%2f..%2f..%2fetc%2fpasswd',
    'app://counsel/..%5c..%5cwindows%5cwin.ini',
    'app://counsel/assets\\..\\..\\secret',
    'app://counsel/C:%5cWindows%5cwin.ini',
    'app://counsel/%00index.html',
    'app://counsel/%E0%A4%A',
    'app://counsel/./index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(rendererDir, url)).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    for (const url of [
      'file:///srv/app/out/renderer/index.html',
      'https://counsel/index.html',
      'app://evil/index.html',
      'app://counsel.evil/index.html',
      'app://counsel:1/index.html',
      'app://counsel?x=1',
    ]) {
      expect(resolveAppPath(rendererDir, url), url).toBeNull();
    }
  });

  it('isInside checks containment after resolving', () => {
    expect(isInside(rendererDir, join(rendererDir, 'a', 'b.js'))).toBe(true);
    expect(isInside(rendererDir, rendererDir)).toBe(true);
    expect(isInside(rendererDir, `${rendererDir}-evil${sep}x`)).toBe(false);
    expect(isInside(rendererDir, join(rendererDir, '..', 'main', 'index.js'))).toBe(false);
  });
});

describe('handleInvoke', () => {
  it.each([
    ['a file:// page', { url: 'file:///tmp/evil.html', isMainFrame: true }],
    ['a remote page', { url: 'https://evil.example/', isMainFrame: true }],
    ['a subframe on the app origin', { url: APP_PAGE, isMainFrame: false }],
    ['a destroyed frame', { url: undefined, isMainFrame: false }],
  ])('answers FORBIDDEN to %s and never calls the core', async (_label, sender) => {
    const core = fakeCore();
    const result = await handleInvoke(core, sender, 'app.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('checks the sender before the channel name', async () => {
    const core = fakeCore();
    const result = await handleInvoke(core, { url: 'https://evil.example/', isMainFrame: true }, 'no.such', {});
    expect(result.ok === false && result.error.code).toBe('FORBIDDEN');
  });

  it.each([['no.such.channel'], ['__proto__'], ['constructor'], ['toString'], [42], [null], [undefined]])(
    'answers NOT_FOUND for the undeclared channel %s',
    async (channel) => {
      const core = fakeCore();
      const result = await handleInvoke(core, trusted, channel, {});
      expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } });
      expect(core.invoke).not.toHaveBeenCalled();
    },
  );

  it('forwards the input as sent: the core checks permission before it parses', async () => {
    const core = fakeCore({ ok: true, value: { accountId: 'a1' } });
    const result = await handleInvoke(core, trusted, 'auth.signIn', { username: 1, extra: true });
    expect(result).toEqual({ ok: true, value: { accountId: 'a1' } });
    expect(core.invoke).toHaveBeenCalledWith('auth.signIn', { username: 1, extra: true });
  });

  it('treats a missing input as {} for empty-input channels', async () => {
    const core = fakeCore();
    await handleInvoke(core, trusted, 'app.status', undefined);
    expect(core.invoke).toHaveBeenCalledWith('app.status', {});
  });

  it('passes error envelopes through and turns a throwing core into INTERNAL without a message', async () => {
    const locked = fakeCore({ ok: false, error: { code: 'LOCKED', details: {} } });
    expect(await handleInvoke(locked, trusted, 'settings.get', {})).toEqual({ ok: false, error: { code: 'LOCKED', details: {} } });

    const throwing = { invoke: vi.fn(async () => Promise.reject(new Error('secret path /home/x/db.sqlite'))) };
    const result = await handleInvoke(throwing, trusted, 'app.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', details: {} } });
  });
});

describe('sanitizeResult', () => {
  it('keeps only the envelope fields and rejects anything else', () => {
    expect(sanitizeResult({ ok: true, value: 1, stack: 'x' })).toEqual({ ok: true, value: 1 });
    expect(sanitizeResult({ ok: false, error: { code: 'NOPE', message: 'x' } })).toEqual({ ok: false, error: { code: 'INTERNAL', details: {} } });
    expect(sanitizeResult(undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', details: {} } });
    expect(sanitizeResult('ok')).toEqual({ ok: false, error: { code: 'INTERNAL', details: {} } });
  });
});

describe('downloads', () => {
  it('allows only files the app page generated itself', async () => {
    const { isAllowedDownload, safeDownloadName } = await import('../../../src-main/electron/guards');
    expect(isAllowedDownload('blob:app://counsel/0f1e2d3c')).toBe(true);
    expect(isAllowedDownload('data:text/csv;base64,AAAA')).toBe(true);
    expect(isAllowedDownload('blob:https://evil.example/0f1e')).toBe(false);
    expect(isAllowedDownload('https://evil.example/file.xlsx')).toBe(false);
    expect(isAllowedDownload('file:///etc/passwd')).toBe(false);
    expect(isAllowedDownload(42)).toBe(false);
    expect(isAllowedDownload('blob:https://counsel.invalid/1', (u) => u.startsWith('https://counsel.invalid/'))).toBe(true);
    expect(safeDownloadName('../../etc/passwd')).toBe('passwd');
    expect(safeDownloadName('..\\\\..\\\\boot.ini')).toBe('boot.ini');
    expect(safeDownloadName('名单:1?.xlsx')).toBe('名单_1_.xlsx');
    expect(safeDownloadName('')).toBe('download');
  });
});
