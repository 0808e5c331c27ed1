/**
 * The Content-Security-Policy of the renderer, in one place: the Electron main process and the
 * browser shell both send it as a response header on the app's HTML. No remote script, no eval,
 * nothing fetched from anywhere but the app's own origin; antd's CSS-in-JS needs inline styles.
 * The one inline script allowed is LANGUAGE_BOOT_SCRIPT, by its hash: no other inline script runs.
 */

/**
 * index.html's only inline script, in <head> before the prerendered lock screen: it marks
 * <html lang="en"> when English was chosen on this computer, so the first paint already shows the
 * English copy (styles.css shows the copy of <html lang>). A script file, however small, is fetched
 * and arrives after that first paint (the Chinese copy flashed for ~200 ms); an async one too.
 * The storage key is lock/bridge.ts's LANGUAGE_KEY (a unit test checks it). Changing one character
 * changes its hash: LANGUAGE_BOOT_SCRIPT_HASH must change with it (a unit test recomputes it).
 */
export const LANGUAGE_BOOT_SCRIPT = "try{if(localStorage.getItem('counsel.language')==='en')document.documentElement.lang='en'}catch(e){}";

/** The CSP source that allows LANGUAGE_BOOT_SCRIPT and nothing else inline: base64 of its SHA-256. */
export const LANGUAGE_BOOT_SCRIPT_HASH = "'sha256-+p2omw+KlqD4wE6IWp+VLCGo1V/pgHObzfenBYQZ9Ww='";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${LANGUAGE_BOOT_SCRIPT_HASH}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
