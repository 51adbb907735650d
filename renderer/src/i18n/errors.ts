/**
 * Turns an error envelope into a sentence in the UI's language. The core's
 * own message is English and for the log; the user reads this one.
 */
import type { TFunction } from 'i18next';
import type { AppErrorData, ErrorCode } from '../../../shared/result.js';
import { TRANSPORT_FAILURE } from '../api/serve-transport.js';
import { DOWNLOAD_FAILURE } from '../files/receive-file.js';
import { fr } from './fr.js';

// Every error code has its sentence (a missing one fails type-checking here).
const _everyCodeTranslated: Record<ErrorCode, string> = fr.errors;
void _everyCodeTranslated;

export interface ErrorContext {
  /** The server the failing action talked to, e.g. "imap.example.com:993". */
  server?: string;
  /** A label for an invalid field, from the path the core reports (["imap", "port"]). */
  fieldLabel?: (path: string[]) => string | undefined;
}

export function describeError(
  t: TFunction,
  error: AppErrorData,
  context: ErrorContext = {},
): string {
  const details = error.details ?? {};
  if (details[TRANSPORT_FAILURE]) return t('errors.transport');
  if (details[DOWNLOAD_FAILURE]) return t('errors.download');
  const server = context.server ?? t('errors.theServer');
  if (error.code === 'INVALID_INPUT') {
    const field = context.fieldLabel?.(firstIssuePath(details));
    return field ? t('errors.field', { field }) : t('errors.INVALID_INPUT');
  }
  if (error.code === 'TLS_PIN_MISMATCH') {
    const fingerprint =
      typeof details.fingerprint256 === 'string' ? details.fingerprint256 : t('errors.unknown');
    return t('errors.TLS_PIN_MISMATCH', { server, fingerprint });
  }
  return t(`errors.${error.code}`, { server });
}

function firstIssuePath(details: Record<string, unknown>): string[] {
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  const path = (issues[0] as { path?: unknown } | undefined)?.path;
  return Array.isArray(path) ? path.map(String) : [];
}
