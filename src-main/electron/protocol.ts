import { readFile, realpath, stat } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { appResponseHeaders } from './headers';
import { APP_SCHEME, isInside, resolveAppPath } from './guards';
import { contentTypeFor } from './mime';

/** Before `ready`: app:// behaves like a real secure origin (fetch, storage, CSP 'self'). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from `rendererDir` for app://counsel/... on the given session. */
export function handleAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}

async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  const file = resolveAppPath(rendererDir, request.url);
  if (!file) return plain(404, 'Not Found');
  try {
    // A symlink inside the folder must not lead out of it either.
    const [realRoot, realFile] = await Promise.all([realpath(rendererDir), realpath(file)]);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return plain(404, 'Not Found');
    const body = request.method === 'HEAD' ? null : await readFile(realFile);
    return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeFor(realFile)) });
  } catch {
    return plain(404, 'Not Found');
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}
