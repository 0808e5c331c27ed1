import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerUser } from './users';

/**
 * Cookie sessions of the server's pages, kept in memory (a restart signs everyone out). A session
 * ends after `idleMs` without a request; each has its own CSRF token, which every state-changing
 * request must send back in the `x-csrf-token` header (the cookie alone is not enough).
 */

export const SESSION_COOKIE = 'counsel_server_session';
export const DEFAULT_IDLE_MS = 15 * 60_000;

export interface Session {
  token: string;
  csrfToken: string;
  user: ServerUser;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly idleMs: number = DEFAULT_IDLE_MS,
  ) {}

  create(user: ServerUser): Session {
    const session = { token: randomBytes(32).toString('base64url'), csrfToken: randomBytes(32).toString('base64url'), user, lastSeen: this.now() };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session of a token, touched; an idle one is ended here. */
  get(token: string | undefined): Session | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (this.now() - session.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = this.now();
    return session;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }
}

export function csrfMatches(session: Session, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Sign-in throttle: after `maxFailures` failures for a username or from an address within the
 * window, further attempts are refused (429) until the window has passed since the last failure.
 * Checked before the password, so a guess during the lock-out costs nothing and reveals nothing.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds to wait, or 0 when an attempt may be checked. */
  retryAfterMs(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, recent[recent.length - 1] + this.windowMs - this.now());
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
