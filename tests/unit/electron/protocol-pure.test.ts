import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { appResponseHeaders } from '../../../src-main/electron/headers';
import { contentTypeFor } from '../../../src-main/electron/mime';
import { appPaths, dataDirFrom } from '../../../src-main/electron/paths';

describe('app:// responses', () => {
  it('carry the one CSP and no-sniff on every response', () => {
    for (const type of ['text/html; charset=utf-8', 'text/plain; charset=utf-8']) {
      const headers = appResponseHeaders(type);
      expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
      expect(headers['Content-Type']).toBe(type);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('have the right content types', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/assets/index-abc.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/assets/index-abc.CSS')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('paths', () => {
  it('puts the worker beside the main bundle and the preload/renderer next to it', () => {
    const paths = appPaths('file:///srv/app/out/main/index.js');
    expect(paths.workerFile).toBe(join('/srv/app/out/main', 'core-worker.js'));
    expect(paths.preloadFile).toBe(join('/srv/app/out/preload', 'index.cjs'));
    expect(paths.rendererDir).toBe(join('/srv/app/out/renderer'));
  });

  it('uses COUNSEL_DATA_DIR when set, else the user data folder', () => {
    expect(dataDirFrom({ COUNSEL_DATA_DIR: '/data/counsel' }, () => '/home/u/.config/x')).toBe(join('/data/counsel'));
    expect(dataDirFrom({ COUNSEL_DATA_DIR: '  ' }, () => '/home/u/.config/x')).toBe('/home/u/.config/x');
    expect(dataDirFrom({}, () => '/home/u/.config/x')).toBe('/home/u/.config/x');
  });
});

describe('pure modules', () => {
  it('do not import electron at runtime (only main.ts, ipc.ts, protocol.ts, window.ts, preload.ts and folder-dialog.ts may)', () => {
    const dir = join(import.meta.dirname, '../../../src-main/electron');
    // folder-dialog.ts registers an IPC handler around Electron's dialog, like ipc.ts; its pure parts are tested with electron mocked.
    const glue = new Set(['main.ts', 'ipc.ts', 'protocol.ts', 'window.ts', 'preload.ts', 'folder-dialog.ts']);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts') && !glue.has(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m);
    }
  });
});
