/**
 * The Content-Security-Policy of the renderer, in one place: the Electron main process and the
 * browser shell both send it as a response header on the app's HTML. No inline or remote script,
 * no eval, nothing fetched from anywhere but the app's own origin; antd's CSS-in-JS needs inline
 * styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
