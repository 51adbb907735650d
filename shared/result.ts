/**
 * The result envelope every API call returns: a failure never crosses a process
 * boundary as a thrown object, only as a stable code and a sentence to act on.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'AUTH_FAILED',
  /** A server changed on an account: its stored password stays with the old one. */
  'PASSWORD_REQUIRED',
  'HOST_NOT_FOUND',
  'HOST_UNREACHABLE',
  'TLS_CERT_UNTRUSTED',
  'TLS_PIN_MISMATCH',
  'TLS_HANDSHAKE_FAILED',
  'TIMEOUT',
  'CONNECTION_LOST',
  'PLAIN_NOT_ALLOWED',
  'SECRETS_UNAVAILABLE',
  'DB_FROM_FUTURE',
  'IMPORT_FAILED',
  'CANCELLED',
  'NOT_UNDOABLE',
  /** Detection failed on some messages: they have no verdict (the log has each error). */
  'DETECTION_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  /** An English sentence a person can act on; the UI translates by code. */
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
