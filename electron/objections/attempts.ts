/**
 * The network step of each channel, as an Attempt the ledger records: the
 * proof when the other side took the request, `failed` when it certainly did
 * not leave, `unknown` when it may have.
 */
import { isAppError } from '../errors.js';
import type { MailSession } from '../mail-actions/index.js';
import type { AppendOutcome } from '../mail-actions/index.js';
import type { OutgoingMail } from './compose.js';
import { errorOf, type Attempt } from './ledger.js';
import { postOneClick, type OneClickOptions } from './one-click.js';
import { reportToSignalSpam, type SignalSpamAccount } from './signal-spam.js';
import { certainlyNotSent, sendRaw, type SmtpAccess } from './smtp.js';

/** Errors raised before a connection carried anything: nothing was sent. */
const BEFORE_SENDING = new Set([
  'UNSAFE_ADDRESS',
  'CHANNEL_NOT_PROVEN',
  'HOST_NOT_FOUND',
  'INVALID_INPUT',
]);

export async function oneClickAttempt(url: string, options: OneClickOptions): Promise<Attempt> {
  try {
    const answer = await postOneClick(url, options);
    const proof = {
      channel: 'one-click' as const,
      url: answer.url,
      address: answer.address,
      status: answer.status,
      headers: answer.headers,
    };
    if (answer.status >= 200 && answer.status < 300) return { sent: true, proof };
    return {
      sent: false,
      proof,
      error: { code: 'REMOTE_REFUSED', message: `The unsubscribe page answered ${answer.status}.` },
    };
  } catch (err) {
    const code = isAppError(err) ? err.code : '';
    const refused = (err as { code?: string }).code === 'ECONNREFUSED';
    if (BEFORE_SENDING.has(code) || refused || code === 'REMOTE_REFUSED')
      return { sent: false, error: errorOf(err) };
    return { sent: 'unknown', error: errorOf(err) };
  }
}

/** Sends the mail, then appends the same bytes to Sent (when the account has one). */
export async function mailAttempt(
  channel: 'mailto' | 'letter' | 'abuse-report',
  mail: OutgoingMail,
  access: SmtpAccess,
  sent: { folder: string | null; session: () => MailSession },
  smtpCa?: string,
): Promise<Attempt> {
  let response: string;
  try {
    response = (await sendRaw(access, mail, { ca: smtpCa })).response;
  } catch (err) {
    return certainlyNotSent(err)
      ? { sent: false, error: errorOf(err) }
      : { sent: 'unknown', error: errorOf(err) };
  }
  const sentCopy = sent.folder ? await appendToSent(sent.folder, mail.raw, sent.session) : null;
  return {
    sent: true,
    proof: { channel, messageId: mail.messageId, smtpResponse: response, sentCopy },
  };
}

/** The copy in Sent is a journaled append of its own; its failure does not unsend the mail. */
async function appendToSent(
  folder: string,
  raw: Buffer,
  open: () => MailSession,
): Promise<{ folder: string; uid: number | null } | null> {
  const session = open();
  try {
    const entry = await session.run({ kind: 'append', to: folder, raw, flags: ['\\Seen'] });
    if (entry.state !== 'done') return null;
    return { folder, uid: (entry.outcome as AppendOutcome | null)?.uid ?? null };
  } finally {
    await session.close();
  }
}

export async function signalSpamAttempt(
  body: Buffer,
  account: SignalSpamAccount,
  url: string | undefined,
): Promise<Attempt> {
  try {
    const { status } = await reportToSignalSpam(body, account, url);
    return { sent: true, proof: { channel: 'signal-spam', status } };
  } catch (err) {
    if (isAppError(err) && (err.code === 'AUTH_FAILED' || err.code === 'REMOTE_REFUSED'))
      return { sent: false, error: errorOf(err) };
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND')
      return { sent: false, error: errorOf(err) };
    return { sent: 'unknown', error: errorOf(err) };
  }
}
