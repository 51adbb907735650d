/**
 * Turns an error envelope into a sentence in the UI's language. The core's
 * own message is English and for the log; the user reads this one.
 */
import type { TFunction } from 'i18next';
import { serverOf, type AppErrorData, type ErrorCode } from '../../../shared/result.js';
import { fr } from './fr.js';

// Every error code has its sentence (a missing one fails type-checking here).
const _everyCodeTranslated: Record<ErrorCode, string> = fr.errors;
void _everyCodeTranslated;

export interface ErrorContext {
  /** The server the failing action talked to, when the error does not name it itself. */
  server?: string;
  /** A label for an invalid field, from the path the core reports (["imap", "port"]). */
  fieldLabel?: (path: string[]) => string | undefined;
  /** What CONFLICT means on this screen (the generic sentence is about a mailbox added twice). */
  conflict?: string;
}

export function describeError(
  t: TFunction,
  error: AppErrorData,
  context: ErrorContext = {},
): string {
  // The UI's own transports failed, not the core.
  if (error.code === 'INTERNAL' && error.details)
    return 'transport' in error.details ? t('errors.transport') : t('errors.download');
  // A refused download; a source that cannot be had reads as the plain NOT_FOUND sentence.
  if (error.code === 'NOT_FOUND' && error.details && 'download' in error.details)
    return t('errors.download');
  const server = serverOf(error) ?? context.server ?? t('errors.theServer');
  if (error.code === 'INVALID_INPUT') {
    const field = context.fieldLabel?.(error.details?.issues[0]?.path ?? []);
    return field ? t('errors.field', { field }) : t('errors.INVALID_INPUT');
  }
  if (error.code === 'CONFLICT' && context.conflict) return context.conflict;
  if (error.code === 'TLS_PIN_MISMATCH') {
    const fingerprint = error.details?.fingerprint256 ?? t('errors.unknown');
    return t('errors.TLS_PIN_MISMATCH', { server, fingerprint });
  }
  return t(`errors.${error.code}`, { server });
}
