import type { ErrorCode } from '../../src-shared/contract/errors';

/** Public interface: administrators script against these. Add codes; never renumber. */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  VALIDATION: 2,
  AUTHENTICATION: 3,
  PERMISSION: 4,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'NOT_FOUND':
      return EXIT.VALIDATION;
    case 'UNAUTHENTICATED':
    case 'THROTTLED':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'LOCKED':
      return EXIT.AUTHENTICATION;
    case 'FORBIDDEN':
      return EXIT.PERMISSION;
    default:
      return EXIT.FAILED;
  }
}
