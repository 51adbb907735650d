/**
 * What the message list needs from a raw header block: sender, recipients,
 * subject, date, Message-ID. One bounded pass with detection's header parser
 * (the same fields are parsed once for both), decoding RFC 2047 words and
 * raw 8-bit UTF-8 only for the fields shown to a person. Never throws.
 */
import type { Address } from '../../shared/types.js';
import { parseAddressList } from './address.js';
import { decodeHeaderValue, parseHeaderBlock, type ParsedHeaders } from './headers.js';
import { rawField } from './raw-fields.js';
import { parseMessageDate } from './dates.js';

export interface HeaderSummary {
  messageId: string | null;
  date: string | null;
  from: Address | null;
  to: Address[];
  subject: string;
  hasListUnsubscribe: boolean;
  /** Written by this app (an unsubscribe, a letter, an abuse report): not the user writing to someone. */
  sentByApp: boolean;
}

/** The header every request this app sends carries (its value: the channel). */
export const SENT_BY_APP_HEADER = 'X-Inbox-Guard-Request';

/** The header block of a raw message: everything up to and including the first empty line. */
export function splitHeaderBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((n) => n > 0);
  return ends.length ? raw.subarray(0, Math.min(...ends)) : raw;
}

export function summarizeHeaders(headerBlock: Buffer): HeaderSummary {
  return summarizeParsed(parseHeaderBlock(headerBlock.toString('latin1')));
}

export function summarizeParsed(headers: ParsedHeaders): HeaderSummary {
  const from = parseAddressList(headers.get('from'))[0];
  const to = [...parseAddressList(headers.get('to')), ...parseAddressList(headers.get('cc'))]
    .filter((a) => a.address)
    .slice(0, 200);
  return {
    messageId: /<[^<>\s]{1,900}>/.exec(headers.get('message-id') ?? '')?.[0] ?? null,
    date: parseMessageDate(headers.get('date')),
    from: from?.address ? from : null,
    to,
    subject: decodeHeaderValue(headers.get('subject') ?? '').slice(0, 2000),
    hasListUnsubscribe: headers.has('list-unsubscribe'),
    sentByApp: headers.has(SENT_BY_APP_HEADER.toLowerCase()),
  };
}

/** Only the sender and whether the message offers List-Unsubscribe: what picking excerpts needs. */
export function senderAndUnsubscribe(headerBlock: Buffer): {
  from: string | null;
  hasListUnsubscribe: boolean;
} {
  // Two fields found in the bytes: no parse of the whole block.
  const from = rawField(headerBlock, 'from');
  const value = from?.toString('latin1', 5).replace(/\r?\n(?=[ \t])/g, '');
  return {
    from: parseAddressList(value)[0]?.address || null,
    hasListUnsubscribe: rawField(headerBlock, 'list-unsubscribe') !== null,
  };
}

/** The decoded header fields in order, for display. */
export function listHeaderFields(headerBlock: Buffer): Array<{ name: string; value: string }> {
  const text = headerBlock.toString('latin1');
  const out: Array<{ name: string; value: string }> = [];
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    out.push({ name: line.slice(0, colon).trim(), value: decodeHeaderValue(value) });
  }
  return out;
}
