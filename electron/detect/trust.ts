/**
 * What in a header block can be believed. Anyone can write any header before
 * sending, so only two things are trusted: the Received hops added by the
 * user's own receiving side (from the top of the chain down to the hop that
 * accepted the message from the outside), and the Authentication-Results that
 * same side wrote (an authserv-id of the receiving domain, placed above that
 * boundary hop). DKIM d= and the envelope sender count as verified only when
 * those trusted results say they passed.
 */
import { domainOf, registrableDomain } from './address.js';
import { registerName, type ParsedHeaders } from './headers.js';
import { MAILBOX_PROVIDER_DOMAINS } from './routers/index.js';
import { firstToken, parseReceived, type ReceivedHop } from './received.js';
import { hasPrefix } from './text.js';

export { parseReceived, type ReceivedHop } from './received.js';

export interface DkimSignature {
  domain: string;
  selector: string;
  /** The h= tag as written (colon-separated header names); see signedHeaderNames. */
  signedHeaders: string;
  /** True when a trusted Authentication-Results says dkim=pass for this domain. */
  verified: boolean;
}

export interface TrustReport {
  /** Parsed hops, from the top down to the boundary. */
  hops: ReceivedHop[];
  receivedCount: number;
  /** Index in `hops` of the hop that took the message from the outside, or -1. */
  boundary: number;
  /** Registrable domains of the receiving side. */
  receiverDomains: Set<string>;
  /** Host names of the client that handed the message to the receiving side. */
  trustedClientHosts: string[];
  /** Registrable domain of that client when it is a mailbox provider (Gmail, Outlook, ...). */
  mailboxProvider: string | null;
  clientHelo: string;
  trustedClientIp: string;
  /** True when trusted Authentication-Results were found. */
  hasAuthResults: boolean;
  dkimPass: Set<string>;
  dkimFail: Set<string>;
  /** The first SPF result; `domain` (the envelope sender's) is read only when it passed. */
  spf: { result: string; domain: string } | null;
  /** The first DMARC result; `domain` (header.from) is read only when it did not pass. */
  dmarc: { result: string; domain: string } | null;
  signatures: DkimSignature[];
}

const MAX_HOPS = 40;
const RECEIVED = registerName('received');
const AUTHENTICATION_RESULTS = registerName('authentication-results');
const DKIM_SIGNATURE = registerName('dkim-signature');

export function analyseTrust(
  headers: ParsedHeaders,
  extraReceivers: readonly string[] = [],
): TrustReport {
  // One pass for the two lists the analysis reads: hops (as written) and signatures.
  const received: string[] = [];
  const signatures: string[] = [];
  for (const field of headers.fields) {
    if (field.is(RECEIVED, 'received')) {
      if (received.length < MAX_HOPS) received.push(field.rawValue);
    } else if (field.is(DKIM_SIGNATURE, 'dkim-signature') && signatures.length < 10)
      signatures.push(field.rawValue);
  }
  const receiverDomains = new Set<string>();
  for (const domain of extraReceivers) receiverDomains.add(domain.toLowerCase());
  // Hops are parsed from the top down to the boundary only: below it, the sender wrote them.
  const hops: ReceivedHop[] = [];
  const domains: HopDomains = { by: [], client: [] };
  const boundary = findBoundary(received, hops, receiverDomains, domains);
  const client = boundary >= 0 ? hops[boundary] : undefined;
  // The rDNS name was looked up by the receiver; the HELO name is the client's own claim.
  // (A hop only has an rDNS name that passed isHostName.)
  const trustedClientHosts = client && client.rdns !== '' ? [client.rdns] : [];
  const clientDomain = trustedClientHosts.length > 0 ? domains.client[boundary]! : null;
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
    dkimPass: new Set(),
    dkimFail: new Set(),
    spf: null,
    dmarc: null,
    signatures: [],
  };
  if (report.receivedCount > 0) readTrustedAuthResults(headers, report, domains.by);
  for (const signature of signatures)
    report.signatures.push(parseDkimSignature(signature, report.dkimPass));
  return report;
}

/** Registrable domains found while walking the hops, kept for what comes after. */
interface HopDomains {
  by: Array<string | null>;
  client: Array<string | null>;
}

/**
 * Walks down from the topmost hop while the client is still part of the
 * receiving side (its domain seen as a "by" host above, or a private address).
 */
function findBoundary(
  received: readonly string[],
  hops: ReceivedHop[],
  receivers: Set<string>,
  domains: HopDomains,
): number {
  for (let i = 0; i < received.length && i < MAX_HOPS; i++) {
    const hop = parseReceived(received[i]!);
    hops.push(hop);
    const byDomain = registrableDomain(hop.by);
    if (byDomain) receivers.add(byDomain);
    const clientDomain = registrableDomain(hop.rdns) ?? registrableDomain(hop.helo);
    domains.by.push(byDomain);
    domains.client.push(clientDomain);
    const internal =
      (clientDomain !== null && receivers.has(clientDomain)) ||
      (clientDomain === null &&
        isInternalIp(hop.ip) &&
        (hop.ip !== '' || isInternalHost(hop.helo)));
    if (!internal && (hop.helo || hop.rdns || hop.ip)) return i;
  }
  return -1;
}

function isInternalHost(value: string): boolean {
  return value === '' || value === 'localhost' || !value.includes('.') || value.includes(':');
}

function isInternalIp(ip: string): boolean {
  if (!ip) return true;
  // Loopback, RFC 1918 and IPv6 local ranges; the first character rules out most addresses.
  switch (ip.charCodeAt(0)) {
    case 49: // "1"
      return (
        hasPrefix(ip, '127.') ||
        hasPrefix(ip, '10.') ||
        hasPrefix(ip, '192.168.') ||
        (hasPrefix(ip, '172.') && /^172\.(1[6-9]|2\d|3[01])\./.test(ip))
      );
    case 58: // ":"
      return ip === '::1';
    case 102: // "f"
      return hasPrefix(ip, 'fd') || hasPrefix(ip, 'fe80');
    default:
      return false;
  }
}

/**
 * Reads the Authentication-Results written by the receiving side: those that
 * sit above the boundary hop in header order and whose authserv-id belongs to
 * a receiving domain. Anything lower in the chain could have been forged.
 */
function readTrustedAuthResults(
  headers: ParsedHeaders,
  report: TrustReport,
  byDomains: ReadonlyArray<string | null>,
): void {
  let receivedSeen = 0;
  // The receiver writes its results next to its own hop (Gmail: just below it), never
  // below a hop the sender's side added.
  const limit = report.boundary === -1 ? report.receivedCount : report.boundary + 1;
  let servIdTaken = '';
  for (const field of headers.fields) {
    const results = field.is(AUTHENTICATION_RESULTS, 'authentication-results');
    // Only the topmost contiguous block of results counts: later ones may be forged.
    if (servIdTaken && !results) return;
    if (field.is(RECEIVED, 'received')) {
      receivedSeen++;
      if (receivedSeen > limit) return;
      continue;
    }
    if (!results) continue;
    const raw = field.rawValue;
    const servId = firstToken(raw, 0).toLowerCase();
    if (servIdTaken && servId !== servIdTaken) continue;
    const servDomain = servDomainOf(report.hops, byDomains, servId);
    if (!servDomain || !report.receiverDomains.has(servDomain)) continue;
    servIdTaken = servId;
    report.hasAuthResults = true;
    readResults(raw, report);
  }
}

/**
 * Reads the results after the authserv-id: up to 29 ";"-separated parts of
 * the first 4,000 characters, walked in place (no split, no copies of parts).
 */
/**
 * The receiver names itself the same way in its hop and its results: the
 * registrable domain found for that hop is reused rather than looked up again.
 */
function servDomainOf(
  hops: readonly ReceivedHop[],
  byDomains: ReadonlyArray<string | null>,
  servId: string,
): string | null {
  for (let i = 0; i < hops.length; i++) if (hops[i]!.by === servId) return byDomains[i] ?? null;
  return registrableDomain(servId);
}

function readResults(value: string, report: TrustReport): void {
  const text = value.slice(0, 4000).toLowerCase();
  let semi = text.indexOf(';');
  for (let n = 0; semi !== -1 && n < 29; n++) {
    const start = semi + 1;
    semi = text.indexOf(';', start);
    readResult(text, start, semi === -1 ? text.length : semi, report);
  }
}

/**
 * One result in text[start, end) (lowercased): "dkim", "spf" or "dmarc", "="
 * and the outcome, whitespace allowed around them, as
 * /^\s*(dkim|spf|dmarc)\s*=\s*([a-z]+)/ would read it, without running a regex.
 */
function readResult(text: string, start: number, end: number, report: TrustReport): void {
  let i = skipSpace(text, start, end);
  const kind = hasPrefix(text, 'dkim', i)
    ? 'dkim'
    : hasPrefix(text, 'spf', i)
      ? 'spf'
      : hasPrefix(text, 'dmarc', i)
        ? 'dmarc'
        : null;
  if (kind === null) return;
  i = skipSpace(text, i + kind.length, end);
  if (i >= end || text.charCodeAt(i) !== 61) return;
  i = skipSpace(text, i + 1, end);
  let j = i;
  while (j < end && isLowerLetter(text.charCodeAt(j))) j++;
  if (j === i) return;
  const result = text.slice(i, j);
  // The properties are read in the part alone: a missing one costs a search of the part only.
  readProperties(text.slice(start, end), kind, result, report);
}

function readProperties(
  part: string,
  kind: 'dkim' | 'spf' | 'dmarc',
  result: string,
  report: TrustReport,
): void {
  if (kind === 'dkim') {
    const identity = propValue(part, 'header.i=');
    const domain = propValue(part, 'header.d=') || identity.slice(identity.lastIndexOf('@') + 1);
    if (!domain) return;
    (result === 'pass' ? report.dkimPass : report.dkimFail).add(domain);
  } else if (kind === 'spf') {
    if (report.spf) return;
    // Only a pass vouches for the envelope domain: other results need no domain.
    report.spf = { result, domain: result === 'pass' ? spfDomain(part) : '' };
  } else if (!report.dmarc) {
    // The domain only names a failure in its signal.
    report.dmarc = { result, domain: result === 'pass' ? '' : propValue(part, 'header.from=') };
  }
}

function spfDomain(part: string): string {
  const mailFrom = propValue(part, 'smtp.mailfrom=');
  return domainOf(mailFrom) || mailFrom || propValue(part, 'smtp.helo=');
}

/** Skips what a regex \s matches (ASCII and Unicode spaces), up to `end`. */
function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isRegexSpace(text.charCodeAt(i))) i++;
  return i;
}

function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isLowerLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Value of a property ("header.d=") inside one result, without "@" or quotes. */
function propValue(part: string, key: string): string {
  const at = part.indexOf(key);
  if (at === -1) return '';
  let value = firstToken(part, at + key.length);
  if (value.charCodeAt(0) === 64) value = value.slice(1);
  return value.includes('"') ? value.replace(/"/g, '') : value;
}

/**
 * A tag this parser reads (d=, s=, h=): a one-letter name alone between the
 * start of a ";"-separated part and its first "=", blanks around it allowed.
 * The first part has no ";" before it: a pattern of its own, tried only when
 * it can match, keeps the other one a plain search for ";" (much cheaper than
 * an alternation with "^").
 */
const DKIM_TAG = /;[ \t\r\n]*([dshDSH])[ \t\r\n]*=([^;]*)/g;
const DKIM_FIRST_TAG = /[ \t\r\n]*([dshDSH])[ \t\r\n]*=([^;]*)/y;

function parseDkimSignature(value: string, passed: Set<string>): DkimSignature {
  const text = value.length > 4000 ? value.slice(0, 4000) : value;
  const tags = { domain: '', selector: '', signed: '' };
  let m: RegExpExecArray | null = null;
  if (startsWithTagLetter(text)) {
    DKIM_FIRST_TAG.lastIndex = 0;
    m = DKIM_FIRST_TAG.exec(text);
  }
  if (m !== null) readDkimTag(m, tags);
  // The last occurrence of a tag wins. A match stops before the next ";", where the
  // search for the following tag starts.
  DKIM_TAG.lastIndex = m !== null ? DKIM_FIRST_TAG.lastIndex : 0;
  for (m = DKIM_TAG.exec(text); m !== null; m = DKIM_TAG.exec(text)) readDkimTag(m, tags);
  return {
    domain: tags.domain,
    selector: tags.selector,
    signedHeaders: tags.signed,
    verified: tags.domain !== '' && passed.has(tags.domain),
  };
}

function readDkimTag(
  m: RegExpExecArray,
  tags: { domain: string; selector: string; signed: string },
): void {
  const tag = m[1]!;
  if (tag === 'd' || tag === 'D') tags.domain = m[2]!.trim().toLowerCase();
  else if (tag === 's' || tag === 'S') tags.selector = m[2]!.trim().toLowerCase();
  else tags.signed = m[2]!;
}

/** Whether the first non-blank character could start a d=, s= or h= tag. */
function startsWithTagLetter(text: string): boolean {
  let i = 0;
  while (i < text.length && isBlankCode(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i) | 32;
  return c === 100 || c === 115 || c === 104;
}

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
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
  return trust.dkimPass.size === 0 && !spfPass;
}

/** Domains vouched for by trusted results: verified DKIM d= and SPF-pass envelope. */
export function verifiedDomains(trust: TrustReport): string[] {
  const domains = [...trust.dkimPass];
  if (trust.spf?.result === 'pass' && trust.spf.domain) domains.push(trust.spf.domain);
  return domains;
}
