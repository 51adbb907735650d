/**
 * The result envelope every API call returns: a failure never crosses a process
 * boundary as a thrown object, only as a stable code, a sentence to act on and,
 * for some codes, details of a shape fixed per code.
 */
import type { CertificateInfo } from './certificate.js';

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
  // Objections (issue 14): an address refused by the SSRF guard; a channel the message does not
  // prove (one-click without DKIM over its headers, unsubscribe for plain spam); a send without
  // the user's confirmation; a remote peer refusing the request.
  'UNSAFE_ADDRESS',
  'CHANNEL_NOT_PROVEN',
  'CONFIRMATION_REQUIRED',
  'REMOTE_REFUSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One reason the input schema refused a call's input. */
export interface InputIssue {
  /** Where in the input, e.g. ["imap", "port"]. */
  path: string[];
  message: string;
}

/** A connection failure names its server ("host:port"), so a background failure can say which. */
interface AtServer {
  server?: string;
}

/**
 * Why a message's source cannot be had (each is a NOT_FOUND): the message is gone from the
 * store, it left the server before its source was kept, its folder is gone or was recreated
 * (a new UIDVALIDITY), the server no longer has its UID, or its imported file no longer holds it.
 */
export type SourceMissingReason =
  'not-in-store' | 'left-server' | 'folder-gone' | 'folder-recreated' | 'uid-gone' | 'file-gone';

/**
 * The details each code carries; `undefined` among them means the details may be absent.
 * A code missing here fails type-checking below.
 */
export interface ErrorDetailsByCode {
  INVALID_INPUT: { issues: InputIssue[] } | undefined;
  UNKNOWN_CALL: undefined;
  /** `no-token`: the page's address carried no session token (serve mode). */
  UNAUTHORIZED: { reason: 'no-token' } | undefined;
  /**
   * `download`: the serve route refused a file (the UI's own download); `source`: why a
   * message's original source cannot be had.
   */
  NOT_FOUND: { download: 'refused' } | { source: SourceMissingReason } | undefined;
  CONFLICT: undefined;
  AUTH_FAILED: (AtServer & { serverResponse?: string }) | undefined;
  /** `field` names the form field to fill in for the new `server`. */
  PASSWORD_REQUIRED: { field: 'password' | 'smtpPassword'; server: string };
  HOST_NOT_FOUND: AtServer | undefined;
  HOST_UNREACHABLE: AtServer | undefined;
  /** `reason`: the TLS error code; `certificate`: what the server showed, to trust it knowingly. */
  TLS_CERT_UNTRUSTED: AtServer & { reason: string; certificate?: CertificateInfo };
  /** `fingerprint256`: the certificate shown now (null when none was seen); `pinned`: the trusted one. */
  TLS_PIN_MISMATCH: (AtServer & { fingerprint256: string | null; pinned: string }) | undefined;
  TLS_HANDSHAKE_FAILED: (AtServer & { reason: string }) | undefined;
  TIMEOUT: AtServer | undefined;
  CONNECTION_LOST: (AtServer & { reason: string }) | undefined;
  PLAIN_NOT_ALLOWED: undefined;
  SECRETS_UNAVAILABLE: undefined;
  /** Schema versions: the data folder's, and the newest this version knows. */
  DB_FROM_FUTURE: { current: number; latest: number };
  IMPORT_FAILED: undefined;
  CANCELLED: undefined;
  NOT_UNDOABLE: { entryId: number };
  /** The messages detection failed on (at most 100 ids) and how many there were. */
  DETECTION_FAILED: { messageIds: number[]; count: number };
  /** The host and the address it resolved to, which is not a public one. */
  UNSAFE_ADDRESS: { host: string; address: string } | undefined;
  /** Why the channel is not offered for this message (e.g. `dkim-missing-headers`). */
  CHANNEL_NOT_PROVEN: { reason: string };
  CONFIRMATION_REQUIRED: undefined;
  /** The HTTP status or SMTP reply code the peer answered with. */
  REMOTE_REFUSED: { status: number } | undefined;
  /** Failures of the UI's own transports: the local server, or a download, did not answer. */
  INTERNAL: { transport: 'unreachable' | 'unreadable' } | { download: 'cut-off' } | undefined;
}

// Every code has its details entry, and every entry is a code.
type _EveryCodeHasDetails = [ErrorCode, keyof ErrorDetailsByCode] extends [
  keyof ErrorDetailsByCode,
  ErrorCode,
]
  ? true
  : never;
const _everyCodeHasDetails: _EveryCodeHasDetails = true;
void _everyCodeHasDetails;

export type ErrorDetails<C extends ErrorCode> = ErrorDetailsByCode[C];

/** A failure with code C: its details required, optional, or absent as the code says. */
type FailureOf<C extends ErrorCode> =
  undefined extends ErrorDetails<C>
    ? [ErrorDetails<C>] extends [undefined]
      ? { code: C; message: string; details?: undefined }
      : { code: C; message: string; details?: Exclude<ErrorDetails<C>, undefined> }
    : { code: C; message: string; details: ErrorDetails<C> };

/**
 * A failure as it crosses the process boundary, discriminated by `code`: checking the code
 * gives its details' type. `message` is an English sentence a person can act on (and the
 * log's); the UI translates by code.
 */
export type AppErrorData = { [C in ErrorCode]: FailureOf<C> }[ErrorCode];

/** The failure of one code. */
export type AppErrorOf<C extends ErrorCode> = Extract<AppErrorData, { code: C }>;

/** The details argument of a failure of code C: required when the code always has details. */
export type DetailsArgs<C extends ErrorCode> =
  undefined extends ErrorDetails<C> ? [details?: ErrorDetails<C>] : [details: ErrorDetails<C>];

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<C extends ErrorCode>(
  code: C,
  message: string,
  ...[details]: DetailsArgs<C>
): { ok: false; error: AppErrorData } {
  return { ok: false, error: errorData(code, message, details as ErrorDetails<C>) };
}

/** The envelope's error; one cast, as TypeScript cannot follow a code to its details generically. */
export function errorData<C extends ErrorCode>(
  code: C,
  message: string,
  details: ErrorDetails<C>,
): AppErrorData {
  return (details === undefined ? { code, message } : { code, message, details }) as AppErrorData;
}

/** The server a failure names in its details ("host:port"), if it names one. */
export function serverOf(error: AppErrorData): string | undefined {
  const details = error.details;
  return details && 'server' in details ? details.server : undefined;
}
