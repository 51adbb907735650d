/**
 * What in a header block can be believed. Anyone can write any header before
 * sending, so only two things are trusted: the Received hops added by the
 * user's own receiving side (from the top of the chain down to the hop that
 * accepted the message from the outside), and the Authentication-Results that
 * same side wrote (an authserv-id of the receiving domain, placed above that
 * boundary hop). DKIM d= and the envelope sender count as verified only when
 * those trusted results say they passed.
 */
import { registrableDomain } from '../mail-format/index.js';
import { readAuthResults, type AuthResults } from '../mail-format/index.js';
import type { ParsedHeaders } from '../mail-format/index.js';
import { MAILBOX_PROVIDER_DOMAINS } from './routers/index.js';
import { firstToken, parseReceived, type ReceivedHop } from '../mail-format/index.js';
import { addOnce } from '../mail-format/index.js';

export interface DkimSignature {
  domain: string;
  selector: string;
  /** The h= tag as written (colon-separated header names); see signedHeaderNames. */
  signedHeaders: string;
  /** True when a trusted Authentication-Results says dkim=pass for this domain. */
  verified: boolean;
}

/** dkimPass, dkimFail, spf and dmarc: what the trusted Authentication-Results say. */
export interface TrustReport extends AuthResults {
  /** Parsed hops, from the top down to the boundary. */
  hops: ReceivedHop[];
  receivedCount: number;
  /** Index in `hops` of the hop that took the message from the outside, or -1. */
  boundary: number;
  /** Registrable domains of the receiving side (a few: kept as a list, not a set). */
  receiverDomains: string[];
  /** Host names of the client that handed the message to the receiving side. */
  trustedClientHosts: string[];
  /** Registrable domain of that client when it is a mailbox provider (Gmail, Outlook, ...). */
  mailboxProvider: string | null;
  clientHelo: string;
  trustedClientIp: string;
  /** True when trusted Authentication-Results were found. */
  hasAuthResults: boolean;
  signatures: DkimSignature[];
}

const MAX_HOPS = 40;

export function analyseTrust(
  headers: ParsedHeaders,
  extraReceivers: readonly string[] = [],
): TrustReport {
  const received = rawValues(headers, 'received', MAX_HOPS);
  const signatures = rawValues(headers, 'dkim-signature', 10);
  const receiverDomains: string[] = [];
  for (const domain of extraReceivers) addOnce(receiverDomains, domain.toLowerCase());
  // Hops are parsed from the top down to the boundary only: below it, the sender wrote them.
  const hops: ReceivedHop[] = [];
  const boundary = findBoundary(received, hops, receiverDomains);
  const client = boundary >= 0 ? hops[boundary] : undefined;
  // The rDNS name was looked up by the receiver; the HELO name is the client's own claim.
  const trustedClientHosts = client && client.rdns !== '' ? [client.rdns] : [];
  const clientDomain = client?.rdnsDomain ?? null;
  const report: TrustReport = {
    hops,
    receivedCount: Math.min(received.length, MAX_HOPS),
    boundary,
    receiverDomains,
    trustedClientHosts,
    mailboxProvider:
      clientDomain !== null && MAILBOX_PROVIDER_DOMAINS.has(clientDomain) ? clientDomain : null,
    clientHelo: client?.helo ?? '',
    trustedClientIp: client?.ip ?? '',
    hasAuthResults: false,
    dkimPass: [],
    dkimFail: [],
    spf: null,
    dmarc: null,
    signatures: [],
  };
  if (report.receivedCount > 0) readTrustedAuthResults(headers, report);
  for (const signature of signatures)
    report.signatures.push(parseDkimSignature(signature, report.dkimPass));
  return report;
}

/** The first `max` values of a field as written (parsers here read folded lines as blanks). */
function rawValues(headers: ParsedHeaders, name: string, max: number): string[] {
  const values: string[] = [];
  for (const field of headers.fields) {
    if (values.length === max) break;
    if (field.name === name) values.push(field.rawValue);
  }
  return values;
}

/**
 * Walks down from the topmost hop while the client is still part of the
 * receiving side (its domain seen as a "by" host above, or a private address).
 */
function findBoundary(
  received: readonly string[],
  hops: ReceivedHop[],
  receivers: string[],
): number {
  for (let i = 0; i < received.length && i < MAX_HOPS; i++) {
    const hop = parseReceived(received[i]!);
    hops.push(hop);
    const byDomain = registrableDomain(hop.by);
    if (byDomain) addOnce(receivers, byDomain);
    const clientDomain = hop.rdnsDomain ?? registrableDomain(hop.helo);
    const internal =
      (clientDomain !== null && receivers.includes(clientDomain)) ||
      (clientDomain !== null && sameReceiverFamily(clientDomain, receivers)) ||
      (clientDomain === null &&
        isInternalIp(hop.ip) &&
        (hop.ip !== '' || isInternalHost(hop.helo)));
    if (!internal && (hop.helo || hop.rdns || hop.ip)) return i;
  }
  return -1;
}

/** Receivers that hand messages between their own servers under several domains. */
const RECEIVER_FAMILIES: readonly (readonly string[])[] = [
  ['outlook.com', 'office365.com', 'exchangelabs.com'],
];

function sameReceiverFamily(domain: string, receivers: readonly string[]): boolean {
  const family = RECEIVER_FAMILIES.find((names) => names.includes(domain));
  return family !== undefined && family.some((name) => receivers.includes(name));
}

function isInternalHost(value: string): boolean {
  return value === '' || value === 'localhost' || !value.includes('.') || value.includes(':');
}

function isInternalIp(ip: string): boolean {
  if (!ip) return true;
  // Loopback, RFC 1918 and IPv6 local ranges.
  return (
    ip.startsWith('127.') ||
    ip.startsWith('10.') ||
    ip.startsWith('192.168.') ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ||
    ip === '::1' ||
    ip.startsWith('fd') ||
    ip.startsWith('fe80')
  );
}

/**
 * Reads the Authentication-Results written by the receiving side: those that
 * sit above the boundary hop in header order and whose authserv-id belongs to
 * a receiving domain. Anything lower in the chain could have been forged.
 */
function readTrustedAuthResults(headers: ParsedHeaders, report: TrustReport): void {
  let receivedSeen = 0;
  // The receiver writes its results next to its own hop (Gmail: just below it), never
  // below a hop the sender's side added.
  const limit = report.boundary === -1 ? report.receivedCount : report.boundary + 1;
  let servIdTaken = '';
  for (const field of headers.fields) {
    const results = field.name === 'authentication-results';
    // Only the topmost contiguous block of results counts: later ones may be forged.
    if (servIdTaken && !results) return;
    if (field.name === 'received') {
      receivedSeen++;
      if (receivedSeen > limit) return;
      continue;
    }
    if (!results) continue;
    const raw = exchangeResults(field.rawValue, report);
    const servId = firstToken(raw).toLowerCase();
    if (servIdTaken && servId !== servIdTaken) continue;
    // The receiver names itself the same way in its hop and in its results.
    const servDomain = registrableDomain(servId);
    if (!servDomain || !report.receiverDomains.includes(servDomain)) continue;
    servIdTaken = servId;
    report.hasAuthResults = true;
    readAuthResults(raw, report);
  }
}

const EXCHANGE_ONLINE = 'protection.outlook.com';

/**
 * Exchange Online writes its results with no authserv-id ("spf=pass (sender IP
 * is ...) smtp.mailfrom=...; dkim=pass ..."): when the boundary hop is its own,
 * the results are read as if it had named itself.
 */
function exchangeResults(raw: string, report: TrustReport): string {
  const by = report.boundary >= 0 ? report.hops[report.boundary]!.by : '';
  if (!by.endsWith(`.${EXCHANGE_ONLINE}`)) return raw;
  const first = firstToken(raw);
  return first.includes('=') ? `${EXCHANGE_ONLINE}; ${raw}` : raw;
}

const MAX_SIGNATURE = 4000;
const TAG_D = 100;
const TAG_S = 115;
const TAG_H = 104;

/**
 * The d=, s= and h= tags of a signature, the last occurrence of each winning.
 * A tag read here is one letter alone (any case), blanks around it, before a
 * part's "=": the parts between semicolons are walked in place, and only these
 * three tags' values are cut out (the b= and bh= data are long).
 */
function parseDkimSignature(value: string, passed: readonly string[]): DkimSignature {
  const text = value.slice(0, MAX_SIGNATURE);
  let domain = '';
  let selector = '';
  let signed = '';
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf(';', start);
    if (end === -1) end = text.length;
    const tag = skipBlanks(text, start, end);
    const equals = skipBlanks(text, tag + 1, end);
    if (tag < end && equals < end && text.charCodeAt(equals) === 61) {
      const letter = text.charCodeAt(tag) | 32;
      if (letter === TAG_D)
        domain = text
          .slice(equals + 1, end)
          .trim()
          .toLowerCase();
      else if (letter === TAG_S)
        selector = text
          .slice(equals + 1, end)
          .trim()
          .toLowerCase();
      else if (letter === TAG_H) signed = text.slice(equals + 1, end);
    }
    start = end + 1;
  }
  return {
    domain,
    selector,
    signedHeaders: signed,
    verified: domain !== '' && passed.includes(domain),
  };
}

/** The first position at or after `from` (before `end`) that is not a blank, else `end`. */
function skipBlanks(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  return at;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The header names a signature covers, lowercased (RFC 8058 needs List-Unsubscribe there). */
export function signedHeaderNames(sig: DkimSignature): string[] {
  return sig.signedHeaders
    .replace(/\s+/g, '')
    .toLowerCase()
    .split(':')
    .filter((name) => name);
}

/** True when trusted results show the message failed every authentication. */
export function authenticationFailed(trust: TrustReport): boolean {
  if (!trust.hasAuthResults) return false;
  const spfPass = trust.spf?.result === 'pass';
  return trust.dkimPass.length === 0 && !spfPass;
}

/** Domains vouched for by trusted results: verified DKIM d= and SPF-pass envelope. */
export function verifiedDomains(trust: TrustReport): string[] {
  const domains = [...trust.dkimPass];
  if (trust.spf?.result === 'pass' && trust.spf.domain) domains.push(trust.spf.domain);
  return domains;
}
