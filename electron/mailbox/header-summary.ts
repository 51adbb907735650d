/**
 * What the message list needs from a raw header block: sender, recipients,
 * subject, date, Message-ID. Decodes RFC 2047 words and charsets with the
 * Postal Systems tools; never throws on malformed input.
 */
import { Headers } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from '../../shared/types.js';

export interface HeaderSummary {
  messageId: string | null;
  date: string | null;
  from: Address | null;
  to: Address[];
  subject: string;
  hasListUnsubscribe: boolean;
}

/** The header block of a raw message: everything before the first empty line. */
export function splitHeaderBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((n) => n > 0);
  return ends.length ? raw.subarray(0, Math.min(...ends)) : raw;
}

export function summarizeHeaders(headerBlock: Buffer): HeaderSummary {
  const headers = new Headers(headerBlock);
  const value = (key: string): string => decode(unfold(headers.getFirst(key)));
  const from = parseAddresses(value('from'))[0] ?? null;
  const to = [...parseAddresses(value('to')), ...parseAddresses(value('cc'))].slice(0, 200);
  const messageId = unfold(headers.getFirst('message-id')).match(/<[^<>\s]{1,900}>/)?.[0] ?? null;
  return {
    messageId,
    date: parseDate(unfold(headers.getFirst('date'))),
    from,
    to,
    subject: value('subject').slice(0, 2000),
    hasListUnsubscribe: headers.hasHeader('list-unsubscribe'),
  };
}

/** The decoded header fields in order, for display. */
export function listHeaderFields(headerBlock: Buffer): Array<{ name: string; value: string }> {
  return new Headers(headerBlock).getList().map(({ line }) => {
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    return {
      name: name.trim(),
      value: decode(unfold(colon === -1 ? '' : line.slice(colon + 1)).trim()),
    };
  });
}

function unfold(value: string | undefined): string {
  return (value ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();
}

function decode(value: string): string {
  try {
    return libmime.decodeWords(repairEightBit(value));
  } catch {
    return value;
  }
}

function parseAddresses(value: string): Address[] {
  if (!value) return [];
  try {
    return flatten(addressparser(value.slice(0, 20_000)));
  } catch {
    return [];
  }
}

type Parsed = { name?: string; address?: string; group?: Parsed[] };

function flatten(list: Parsed[]): Address[] {
  const out: Address[] = [];
  for (const item of list) {
    if (item.group) out.push(...flatten(item.group));
    else if (item.address)
      out.push({ name: decode(item.name ?? ''), address: item.address.toLowerCase() });
  }
  return out;
}

function parseDate(value: string): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Raw 8-bit header bytes (no charset declared) arrive as latin1: read them as UTF-8 when valid. */
function repairEightBit(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}
