/**
 * Signal Spam (signal-spam.fr), where French users report spam since the
 * CNIL stopped handling spam complaints one by one. Its reporting endpoint is
 * the one several open-source mail clients use; it is not formally
 * documented, so it lives here alone, its URL configurable: a POST with HTTP
 * Basic authentication and the form field `message` holding the base64 of
 * the raw message; 202 means accepted.
 */
import { AppError } from '../errors.js';

export const SIGNAL_SPAM_URL = 'https://www.signal-spam.fr/api/signaler';
const TIMEOUT_MS = 15_000;

export interface SignalSpamAccount {
  user: string;
  password: string;
}

/** The form body sent: also what the ledger keeps as the request's bytes. */
export function signalSpamBody(raw: Buffer): Buffer {
  return Buffer.from(new URLSearchParams({ message: raw.toString('base64') }).toString(), 'ascii');
}

/** Sends the report; resolves with the status (202), or throws a clear error. */
export async function reportToSignalSpam(
  body: Buffer,
  account: SignalSpamAccount,
  url = SIGNAL_SPAM_URL,
): Promise<{ status: number }> {
  const basic = Buffer.from(`${account.user}:${account.password}`, 'utf8').toString('base64');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.status === 202) return { status: 202 };
  if (response.status === 401)
    throw new AppError(
      'AUTH_FAILED',
      'Signal Spam refused the user name or password: check your Signal Spam account in the settings.',
      { server: new URL(url).host },
    );
  if (response.status === 400)
    throw new AppError(
      'REMOTE_REFUSED',
      'Signal Spam refused the report as malformed (400): the message source may be incomplete.',
      { status: 400 },
    );
  throw new AppError('REMOTE_REFUSED', `Signal Spam answered ${response.status}.`, {
    status: response.status,
  });
}
