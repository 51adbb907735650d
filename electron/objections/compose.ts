/**
 * The mail an objection sends, built to its final bytes before anything is
 * sent: those bytes are journaled, sent, appended to Sent and kept as proof,
 * all identical. mailto unsubscribe (RFC 2369 with its subject/body
 * parameters), the GDPR letter with the offending message attached as
 * message/rfc822, and the RFC 5965 abuse report.
 */
import { randomBytes } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { AppError } from '../errors.js';
import { domainOf, SENT_BY_APP_HEADER } from '../mail-format/index.js';
import type { LetterLanguage, LetterText } from './letters.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  /** With its angle brackets, as in the header. */
  messageId: string;
  raw: Buffer;
}

/** A Message-ID on the sender's own domain. */
export function newMessageId(from: string): string {
  return `<ig.${randomBytes(12).toString('hex')}@${domainOf(from) || 'localhost'}>`;
}

/** A reference replies can be matched on: short, unambiguous, quoted in subjects. */
export function newReferenceToken(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return `IG-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const builder = nodemailer.createTransport({
  streamTransport: true,
  buffer: true,
  newline: 'windows',
});

async function build(mail: SendMailOptions): Promise<Buffer> {
  const info = await builder.sendMail(mail);
  return info.message as Buffer;
}

export interface MailtoTarget {
  address: string;
  subject: string;
  body: string;
}

/** The address and the subject/body parameters of a mailto: URI (RFC 6068). */
export function parseMailto(uri: string): MailtoTarget {
  const match = /^mailto:([^?]*)(?:\?(.*))?$/i.exec(uri.trim());
  const address = match ? decodeURIComponent(match[1]!).trim() : '';
  if (!match || !/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/.test(address))
    throw new AppError('INVALID_INPUT', `“${uri}” is not a mailto address Inbox Guard can use.`);
  const params = new URLSearchParams((match[2] ?? '').replace(/\+/g, '%2B'));
  return {
    address,
    subject: params.get('subject') ?? 'unsubscribe',
    body: params.get('body') ?? 'unsubscribe',
  };
}

export async function composeMailtoUnsubscribe(from: string, uri: string): Promise<OutgoingMail> {
  const target = parseMailto(uri);
  const messageId = newMessageId(from);
  const raw = await build({
    from,
    to: target.address,
    subject: target.subject,
    text: target.body,
    messageId,
    headers: { [SENT_BY_APP_HEADER]: 'unsubscribe' },
  });
  return { from, to: target.address, subject: target.subject, messageId, raw };
}

export async function composeLetter(o: {
  from: string;
  to: string;
  letter: LetterText;
  language: LetterLanguage;
  referenceToken: string;
  original: Buffer;
}): Promise<OutgoingMail> {
  const messageId = newMessageId(o.from);
  const raw = await build({
    from: o.from,
    to: o.to,
    subject: o.letter.subject,
    text: o.letter.text,
    messageId,
    headers: {
      'Content-Language': o.language,
      'X-Inbox-Guard-Reference': o.referenceToken,
      [SENT_BY_APP_HEADER]: 'letter',
    },
    attachments: [
      {
        filename: 'message.eml',
        content: o.original,
        contentType: 'message/rfc822',
        contentDisposition: 'attachment',
      },
    ],
  });
  return { from: o.from, to: o.to, subject: o.letter.subject, messageId, raw };
}

export interface AbuseFacts {
  from: string;
  to: string;
  /** The user's address that received the message. */
  identity: string;
  advertiser: string;
  routerName: string | null;
  /** The advertiser's account id at the router, when detection found it. */
  routerAccountId: string | null;
  arrivalDate: string | null;
  original: Buffer;
}

/** RFC 5965: multipart/report; report-type=feedback-report, human part, report, original. */
export function composeAbuseReport(f: AbuseFacts): OutgoingMail {
  const messageId = newMessageId(f.from);
  const boundary = `ig-arf-${randomBytes(12).toString('hex')}`;
  const subject = `Abuse report: unsolicited marketing from ${f.advertiser}`;
  const account = f.routerAccountId
    ? ` The sender's account at ${f.routerName ?? 'your platform'} appears to be ${f.routerAccountId}.`
    : '';
  const human = [
    `This is an abuse report about an unsolicited marketing message sent through your service on behalf of ${f.advertiser} to ${f.identity}, who did not consent to it.${account}`,
    'The original message is attached, unaltered.',
  ].join('\r\n');
  const report = [
    'Feedback-Type: abuse',
    'User-Agent: InboxGuard/0.1',
    'Version: 1',
    `Original-Rcpt-To: ${f.identity}`,
    ...(f.arrivalDate ? [`Arrival-Date: ${new Date(f.arrivalDate).toUTCString()}`] : []),
  ].join('\r\n');
  const head = [
    `From: ${f.from}`,
    `To: ${f.to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    `${SENT_BY_APP_HEADER}: abuse-report`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
  ].join('\r\n');
  const raw = Buffer.concat([
    Buffer.from(
      [
        head,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        human,
        `--${boundary}`,
        'Content-Type: message/feedback-report',
        '',
        report,
        '',
        `--${boundary}`,
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        '',
      ].join('\r\n'),
      'utf8',
    ),
    f.original,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'ascii'),
  ]);
  return { from: f.from, to: f.to, subject, messageId, raw };
}
