import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isChannelName, toSerializedError, type CallResult } from '../../src-shared/contract';

/**
 * The decisions the Electron main process makes about what to trust, as pure functions: no
 * `electron` import, so every rule is unit-tested in plain Node (tests/unit/electron).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'counsel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when the URL belongs to the app's own origin, `app://counsel`. Node's URL gives `origin`
 * "null" for schemes it does not know, so scheme, host, port and credentials are compared
 * one by one instead.
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Only the main frame of our window, showing our own origin, may call the core. */
export function isTrustedSender(frameUrl: unknown, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(frameUrl);
}

/** Navigations and redirects stay inside the app; everything else (https, file, data, javascript) is refused. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * Requests the app's session lets through: its own files, and inline data/blob URLs the page
 * builds itself (images, downloads of generated files). No network, no file://.
 */
export function isAllowedRequest(url: unknown): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:');
}

/**
 * Downloads the app may start: only files the page generated itself (an .xlsx or .csv export
 * built into a blob or data URL by the app's own origin). Anything else is cancelled.
 */
export function isAllowedDownload(url: unknown, isOwnOrigin: (url: string) => boolean = isAppUrl): boolean {
  if (typeof url !== 'string') return false;
  if (url.startsWith('blob:')) return isOwnOrigin(url.slice('blob:'.length));
  return url.startsWith('data:');
}

/** A file name suggested by the page, reduced to a plain name (no folders, no control characters). */
export function safeDownloadName(name: unknown): string {
  const base =
    String(name ?? '')
      .split(/[\\/]/)
      .pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'download';
}

/**
 * Maps `app://counsel/<path>` to a file inside `rendererDir`, or null when the request must be
 * refused (other scheme or host, `..` or encoded separators in any segment, a path that would
 * leave the folder). `/` serves index.html. Works on the raw URL text, so traversal is caught
 * even where a URL parser would have normalised it away.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string') return null;
  const lower = requestUrl.toLowerCase();
  if (!lower.startsWith(`${APP_ORIGIN}/`) && lower !== APP_ORIGIN) return null;
  let rawPath = requestUrl.slice(APP_ORIGIN.length);
  const cut = rawPath.search(/[?#]/);
  if (cut !== -1) rawPath = rawPath.slice(0, cut);
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..') return null;
    if (/[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  return isInside(root, file) ? file : null;
}

/** True when `candidate` is `root` itself or below it (after both are resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Who sent an IPC message, as main sees it. */
export interface SenderInfo {
  /** The sending frame's URL; undefined when the frame is gone. */
  url: string | undefined;
  /** The frame is the main frame of the app's window (not a subframe, not another window). */
  isMainFrame: boolean;
}

export interface InvokeDeps {
  invoke(channel: string, input: unknown): Promise<CallResult<unknown>>;
}

/**
 * The whole of `counsel:invoke`: sender check, then channel check, then forward; the core checks
 * permission and parses the input. Always resolves with an envelope; nothing thrown ever crosses to the renderer.
 */
export async function handleInvoke(deps: InvokeDeps, sender: SenderInfo, channel: unknown, input: unknown): Promise<CallResult<unknown>> {
  if (!isTrustedSender(sender.url, sender.isMainFrame)) {
    return { ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } } };
  }
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } };
  }
  // The core decides in one order for every host (student mode, session, permission, then the
  // input's shape): parsing here first would tell a refused caller what the browser shell does not.
  try {
    return sanitizeResult(await deps.invoke(channel, input ?? {}));
  } catch (error) {
    return { ok: false, error: toSerializedError(error) };
  }
}

/** Whatever comes back is reshaped into the envelope; anything else becomes INTERNAL. */
export function sanitizeResult(result: unknown): CallResult<unknown> {
  if (typeof result === 'object' && result !== null) {
    const envelope = result as { ok?: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) return { ok: true, value: envelope.value };
    if (envelope.ok === false) return { ok: false, error: toSerializedError(envelope.error) };
  }
  return { ok: false, error: { code: 'INTERNAL', details: {} } };
}
