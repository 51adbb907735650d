/**
 * A stored password belongs to the server that accepted it: its host, port
 * and security. Editing an account keeps the password only while that server
 * stays; a new one needs the password typed again (as Thunderbird asks), so
 * the stored one is never sent anywhere else.
 */
import type { ServerSettings } from '../../shared/types.js';
import { AppError } from '../errors.js';
import { hostWithPort, sameHost } from './server-host.js';

/** Same host, port and security: where a stored password may still go. */
export function sameEndpoint(a: ServerSettings | null, b: ServerSettings | null): boolean {
  if (!a || !b) return a === b;
  return sameHost(a.host, b.host) && a.port === b.port && a.security === b.security;
}

/** What an edit brings: the servers, and the passwords typed in the form (absent when left empty). */
export interface EditedSecrets {
  imap: ServerSettings;
  smtp?: ServerSettings | null;
  password?: string;
  smtpPassword?: string;
}

export interface PasswordsForUpdate {
  /** The stored SMTP password belonged to a server the account leaves: delete it. */
  dropStoredSmtpPassword: boolean;
}

/**
 * Refuses an edit that would send a stored password to a new server. SMTP
 * without its own password follows the IMAP one (as when adding), so a new
 * SMTP server takes either password, provided it was typed in this edit.
 */
export function checkPasswordsForUpdate(
  current: { imap: ServerSettings; smtp: ServerSettings | null },
  draft: EditedSecrets,
): PasswordsForUpdate {
  if (!draft.password && !sameEndpoint(current.imap, draft.imap)) {
    throw passwordRequired('password', draft.imap, 'incoming (IMAP)');
  }
  const smtp = draft.smtp ?? null;
  if (draft.smtpPassword || sameEndpoint(current.smtp, smtp)) {
    return { dropStoredSmtpPassword: false };
  }
  if (smtp && !draft.password) throw passwordRequired('smtpPassword', smtp, 'outgoing (SMTP)');
  return { dropStoredSmtpPassword: true };
}

function passwordRequired(
  field: 'password' | 'smtpPassword',
  server: ServerSettings,
  role: string,
): AppError {
  const where = hostWithPort(server.host, server.port);
  return new AppError(
    'PASSWORD_REQUIRED',
    `The ${role} server is now ${where} (${server.security}): enter its password. The saved password is only ever sent to the server that accepted it.`,
    { field, server: where },
  );
}
