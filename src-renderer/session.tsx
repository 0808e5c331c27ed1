import { createContext, useContext } from 'react';
import type { SessionInfo } from '../src-shared/contract';
import { rolesGrant, scopeFor, type ChannelPermission, type Scope } from '../src-shared/permissions';

export interface SessionApi {
  session: SessionInfo;
  /** Lock now (button, Ctrl+L): the core drops the key and the UI returns to the lock screen. */
  lock(): Promise<void>;
  /** The core answered with a fresh session (password changed, own account edited). */
  updateSession(session: SessionInfo): void;
  /** The core handed the screen to a student (studentMode.enter succeeded): show only the form. */
  enterStudentMode(): void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in session');
  return value;
}

/** Only to hide what the core would refuse; the core enforces. */
export function useCan(permission: ChannelPermission): boolean {
  return rolesGrant(useSession().session.roles, permission);
}

/**
 * How far the account reaches for an action (src-shared/permissions.ts): e.g. 'department' to say
 * "your department's students" or hide a department filter. Only for showing; the core narrows.
 */
export function useScope(permission: ChannelPermission): Scope | null {
  return scopeFor(useSession().session.roles, permission);
}
