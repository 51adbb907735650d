/**
 * Address and domain helpers: a small hand-written address-list tokenizer
 * (bounded, no backtracking) and registrable-domain lookups through the public
 * suffix list (tldts), memoised because the same hosts recur across a mailbox.
 */
import { getDomain } from 'tldts';
import { decodeHeaderValue } from './headers.js';
import { detached, memoTable } from './memo.js';

export interface ParsedAddress {
  /** Display name, decoded for display ('' when absent). */
  name: string;
  /** Lowercased address (local@domain), '' when the entry had none. */
  address: string;
}

const MAX_LIST = 8192;
const MAX_ENTRIES = 200;

/** Parses "Name <a@b>, c@d, Group: e@f;" into addresses, in order. */
export function parseAddressList(value: string | undefined): ParsedAddress[] {
  if (!value) return [];
  const simple = simpleAddress(value);
  if (simple) return [simple];
  const text = value.length > MAX_LIST ? value.slice(0, MAX_LIST) : value;
  const out: ParsedAddress[] = [];
  const entry: Entry = { name: '', angle: '', bare: '' };
  let inQuote = false;
  let inAngle = false;
  let depth = 0;
  for (let i = 0; i < text.length && out.length < MAX_ENTRIES; i++) {
    const ch = text[i]!;
    if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      continue;
    }
    if (inQuote) {
      if (ch === '\\' && i + 1 < text.length) entry.name += text[++i];
      else if (ch === '"') inQuote = false;
      else entry.name += ch;
      continue;
    }
    if (inAngle) {
      if (ch === '>') inAngle = false;
      else entry.angle += ch;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === '(') depth = 1;
    else if (ch === '<') inAngle = true;
    else if (ch === ',' || ch === ';') pushEntry(entry, out);
    else if (ch === ':' && !entry.angle && !entry.bare.includes('@')) {
      entry.name = entry.bare = ''; // a group name: "Undisclosed recipients:"
    } else {
      entry.name += ch;
      entry.bare += ch;
    }
  }
  pushEntry(entry, out);
  return out;
}

interface Entry {
  name: string;
  angle: string;
  bare: string;
}

function pushEntry(entry: Entry, out: ParsedAddress[]): void {
  const address = cleanAddress(entry.angle || entry.bare);
  const display = entry.angle ? entry.name.trim() : '';
  if (address || display) out.push({ name: decodeHeaderValue(unquote(display)), address });
  entry.name = entry.angle = entry.bare = '';
}

/** " ( , : ; and 8-bit characters need the full tokenizer. */
const NEEDS_TOKENIZER = /["(,:;\x7f-\uffff]/;

/**
 * "Name <a@b>" or "a@b" without quotes, comments or groups: the common case.
 * An RFC 2047 name ("=?UTF-8?Q?...?= <a@b>") is decoded as the full tokenizer
 * would; encoded words never contain the characters that need it.
 */
function simpleAddress(value: string): ParsedAddress | null {
  if (value.length > 300 || NEEDS_TOKENIZER.test(value)) return null;
  const open = value.indexOf('<');
  if (open === -1) {
    const address = cleanAddress(value);
    return address ? { name: '', address } : null;
  }
  const close = value.indexOf('>', open);
  if (close === -1) return null;
  const address = cleanAddress(value.slice(open + 1, close));
  if (!address) return null;
  const name = unquote(value.slice(0, open));
  return { name: name.includes('=?') ? decodeHeaderValue(name) : name, address };
}

/** Collapses whitespace runs to one space and trims. */
function unquote(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function cleanAddress(value: string): string {
  const trimmed = value.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return '';
  if (trimmed.includes(' ')) {
    const token = trimmed.split(/\s+/).find((part) => part.includes('@')) ?? '';
    return token.lastIndexOf('@') > 0 ? token : '';
  }
  return trimmed;
}

/** The first address of a header such as From or Sender. */
export function firstAddress(value: string | undefined): ParsedAddress | null {
  return parseAddressList(value)[0] ?? null;
}

/** Domain part of an address, lowercased ('' when none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1).toLowerCase();
}

export function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

/** Host name as written -> its registrable domain: a mailbox names the same hosts over and over. */
const registrableCache = memoTable<string, string | null>();

/** Registrable domain (news.brand.fr -> brand.fr) via the public suffix list. */
export function registrableDomain(host: string): string | null {
  // A name without a dot (localhost, a bare label, an IPv6 literal) has no registrable domain.
  if (!host.includes('.')) return null;
  const cached = registrableCache.get(host);
  if (cached !== undefined) return cached;
  const name = host.toLowerCase().replace(/\.$/, '');
  const found = name === '' || name.length > 253 ? null : getDomain(name);
  registrableCache.set(detached(host), found === null ? null : detached(found));
  return found;
}

/** Extracts the address out of "<bounce@host>" (Return-Path) or a bare address. */
export function angleAddress(value: string | undefined): string {
  if (!value) return '';
  const open = value.indexOf('<');
  const close = value.indexOf('>', open + 1);
  const inner = open !== -1 && close !== -1 ? value.slice(open + 1, close) : value;
  return cleanAddress(inner);
}

/** Message-ID values "<a@b> <c@d>" as a list of ids without angle brackets. */
export function messageIds(value: string | undefined, limit = 100): string[] {
  if (!value) return [];
  const ids: string[] = [];
  let pos = 0;
  while (ids.length < limit) {
    const open = value.indexOf('<', pos);
    if (open === -1) break;
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    const id = value.slice(open + 1, close).trim();
    if (id) ids.push(id);
    pos = close + 1;
  }
  return ids;
}

/** Host part of a Message-ID ("x@host" -> host). */
export function messageIdHost(value: string | undefined): string {
  const id = messageIds(value, 1)[0];
  return id ? domainOf(id) : '';
}

/** Webmail and ISP domains: addresses there belong to people, not companies. */
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.fr',
  'hotmail.com',
  'hotmail.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'laposte.net',
  'gmx.fr',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'aol.com',
  'bbox.fr',
  'numericable.fr',
  'tutanota.com',
  'yandex.com',
  'mail.com',
]);

export function isFreemail(domain: string): boolean {
  return FREEMAIL_DOMAINS.has(domain.toLowerCase());
}
