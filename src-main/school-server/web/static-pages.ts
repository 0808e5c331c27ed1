import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built by `npm run build:school-web` (vite.school-web.config.ts). */
export const PAGES_DIR = fileURLToPath(new URL('../../../out/school-web', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The pages load nothing from elsewhere; antd writes its styles at run time (style-src inline). */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Serves the built pages for GET requests outside /api and /v1; false when it is not such a request. */
export function servePage(req: IncomingMessage, res: ServerResponse, dir: string = PAGES_DIR): boolean {
  if (req.method !== 'GET') return false;
  const path = (req.url ?? '/').split('?')[0];
  if (path.startsWith('/api/') || path.startsWith('/v1/')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(dir, relative));
  if (decoded.includes('\0') || !file.startsWith(normalize(dir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (decoded !== '/') return false;
    const text = 'The pages are not built: run `npm run build:school-web`, then restart `school-server serve`.';
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end(text);
    return true;
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': relative === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  res.end(body);
  return true;
}
