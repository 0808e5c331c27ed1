/**
 * Errors cross every boundary (IPC, browser shell, CLI) as a code plus details the UI can
 * translate; never a stack trace. The renderer maps `code` (and `details.reason`) to i18n keys.
 */
export const ERROR_CODES = [
  'LOCKED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'THROTTLED',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'KEYRING_INVALID',
  'DATABASE_INVALID',
  'SCHEMA_TOO_NEW',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, unknown> & {
  /** A finer-grained, translatable reason, e.g. "wrongPassword", "accountDisabled". */
  reason?: string;
  /** Zod issues for VALIDATION errors: path and a message key. */
  issues?: { path: (string | number)[]; code: string; message: string; minimum?: number; maximum?: number }[];
};

export interface SerializedError {
  code: ErrorCode;
  details: ErrorDetails;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(details.reason ? `${code}: ${details.reason}` : code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, details: this.details };
  }
}

export function isSerializedError(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SerializedError).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as SerializedError).code)
  );
}

/** Anything thrown that is not an AppError becomes INTERNAL without leaking its message. */
export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  if (isSerializedError(error)) return { code: error.code, details: error.details ?? {} };
  return { code: 'INTERNAL', details: {} };
}

/** The result envelope every host returns: callers never see raw exceptions. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/**
 * The reasons no one domain module owns (sign-in, accounts, keys and store, the bridge between renderer
 * and core, student mode, access to a case, file imports): `src-renderer/i18n/modules/common-errors.*`
 * translates every one (typed: a missing text fails tsc).
 */
export const COMMON_ERROR_REASONS = [
  'notAssigned',
  'breakGlassRequired',
  'wrongCredentials',
  'wrongRecoveryCode',
  'accountDisabled',
  'notSignedIn',
  'keyringMissing',
  'keyringCorrupt',
  'keyringTooNew',
  'keyMismatch',
  'keyringMismatch',
  'databaseMissing',
  'databaseUnreadable',
  'databaseEmpty',
  'usernameTaken',
  'lastAdmin',
  'cannotDisableSelf',
  'accountNotFound',
  'adminNotFound',
  'currentPasswordWrong',
  'passwordUnchanged',
  'unknownChannel',
  'coreStopped',
  'noBridge',
  'bridgeFailed',
  'badEnvelope',
  'untrustedSender',
  'ipcFailed',
  'studentMode',
  'mappingColumnMissing',
  'mappingNeedsStudentNo',
  'unsupportedFileType',
  'unreadableFile',
  'emptyFile',
  'otherDepartment',
  'storeBusy',
  'missingStudentNo',
  'badStudentNo',
  'fieldTooLong',
  'missingName',
  'unknownGender',
  'badDate',
  'duplicateInFile',
] as const;
