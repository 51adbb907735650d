/**
 * Sends an objection's bytes through the account's SMTP server (nodemailer),
 * as they were built and journaled: nothing is rewritten on the way. A
 * refusal by the server means the mail certainly did not leave; a connection
 * lost after the data went out leaves the outcome unknown.
 */
import nodemailer from 'nodemailer';
import type { AccountsStore } from '../accounts/accounts.sql.js';
import { AppError } from '../errors.js';
import type { SecretBox } from '../secrets/index.js';
import type { ServerSettings } from '../../shared/types.js';
import type { OutgoingMail } from './compose.js';

export interface SmtpAccess {
  server: ServerSettings;
  password: string | null;
  /** The account's address: mail goes out from the identity that received the marketing. */
  email: string;
}

/** The account's SMTP settings and password (its own, else the IMAP one it shares). */
export function smtpAccessFrom(accounts: AccountsStore, secrets: SecretBox) {
  return (accountId: string): SmtpAccess => {
    const account = accounts.get(accountId);
    if (!account) throw new AppError('NOT_FOUND', 'This account no longer exists.');
    if (!account.smtp)
      throw new AppError(
        'INVALID_INPUT',
        'This account has no outgoing (SMTP) server: add one in the account settings to send.',
      );
    const blob = accounts.secret(accountId, 'smtp') ?? accounts.secret(accountId, 'imap');
    return {
      server: account.smtp,
      password: blob ? secrets.decrypt(blob) : null,
      email: account.email,
    };
  };
}

export interface SmtpReceipt {
  /** The server's reply to the message ("250 2.0.0 Ok: queued as ..."). */
  response: string;
  accepted: string[];
}

/** Whether a failed send certainly did not deliver (false: it may have). */
export function certainlyNotSent(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string; code?: string };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  // Failing to connect, greet, secure or log in: no data went out.
  return (
    e.command === 'CONN' || e.code === 'EAUTH' || e.code === 'ECONNECTION' || e.code === 'EDNS'
  );
}

export async function sendRaw(
  access: SmtpAccess,
  mail: OutgoingMail,
  options: { ca?: string } = {},
): Promise<SmtpReceipt> {
  const { server } = access;
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'plain',
    ...(access.password !== null ? { auth: { user: server.user, pass: access.password } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: mail.from, to: [mail.to] },
      raw: mail.raw,
    });
    return { response: String(info.response), accepted: info.accepted.map(String) };
  } finally {
    transport.close();
  }
}
