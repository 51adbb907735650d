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
import type { ParsedHeaders } from './headers.js';
import { hasPrefix } from './text.js';

export interface ReceivedHop {
  /** HELO name or the first word after "from". */
  helo: string;
  /** Reverse-DNS name the receiving server recorded for the client. */
  rdns: string;
  ip: string;
  /** Host that wrote this hop. */
  by: string;
}

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
  clientHelo: string;
  trustedClientIp: string;
  /** True when trusted Authentication-Results were found. */
  hasAuthResults: boolean;
  dkimPass: Set<string>;
  dkimFail: Set<string>;
  spf: { result: string; domain: string } | null;
  dmarc: { result: string; domain: string } | null;
  signatures: DkimSignature[];
}

const MAX_HOPS = 40;

export function analyseTrust(
  headers: ParsedHeaders,
  extraReceivers: readonly string[] = [],
): TrustReport {
  const received = headers.allRaw('received');
  const receiverDomains = new Set<string>();
  for (const domain of extraReceivers) receiverDomains.add(domain.toLowerCase());
  // Hops are parsed from the top down to the boundary only: below it, the sender wrote them.
  const hops: ReceivedHop[] = [];
  const boundary = findBoundary(received, hops, receiverDomains);
  const client = boundary >= 0 ? hops[boundary] : undefined;
  const report: TrustReport = {
    hops,
    receivedCount: Math.min(received.length, MAX_HOPS),
    boundary,
    receiverDomains,
    // The rDNS name was looked up by the receiver; the HELO name is the client's own claim.
    trustedClientHosts: client && isHostName(client.rdns) ? [client.rdns] : [],
    clientHelo: client?.helo ?? '',
    trustedClientIp: client?.ip ?? '',
    hasAuthResults: false,
    dkimPass: new Set(),
    dkimFail: new Set(),
    spf: null,
    dmarc: null,
    signatures: [],
  };
  if (report.receivedCount > 0) readTrustedAuthResults(headers, report);
  report.signatures = headers
    .allRaw('dkim-signature')
    .slice(0, 10)
    .map((value) => parseDkimSignature(value, report.dkimPass));
  return report;
}

/**
 * Walks down from the topmost hop while the client is still part of the
 * receiving side (its domain seen as a "by" host above, or a private address).
 */
function findBoundary(
  received: readonly string[],
  hops: ReceivedHop[],
  receivers: Set<string>,
): number {
  for (let i = 0; i < received.length && i < MAX_HOPS; i++) {
    const hop = parseReceived(received[i]!);
    hops.push(hop);
    const byDomain = registrableDomain(hop.by);
    if (byDomain) receivers.add(byDomain);
    const clientDomain = registrableDomain(hop.rdns) ?? registrableDomain(hop.helo);
    const internal =
      (clientDomain !== null && receivers.has(clientDomain)) ||
      (clientDomain === null &&
        isInternalIp(hop.ip) &&
        (hop.ip !== '' || isInternalHost(hop.helo)));
    if (!internal && (hop.helo || hop.rdns || hop.ip)) return i;
  }
  return -1;
}

export function parseReceived(value: string): ReceivedHop {
  // The from/by clauses sit at the start: the tail (id, for, date) is not needed.
  const lower = value.length > 600 ? value.slice(0, 600).toLowerCase() : value.toLowerCase();
  const hop: ReceivedHop = { helo: '', rdns: '', ip: '', by: '' };
  const byAt = findWord(lower, 'by');
  const fromAt = findWord(lower, 'from');
  if (byAt !== -1) hop.by = firstToken(lower, byAt + 3);
  if (fromAt !== -1) {
    const fromEnd = byAt > fromAt ? byAt : lower.length;
    const clause = lower.slice(fromAt + 5, fromEnd);
    hop.helo = firstToken(clause, 0);
    const open = clause.indexOf('(');
    const close = clause.indexOf(')', open + 1);
    const comment = open !== -1 ? clause.slice(open + 1, close === -1 ? undefined : close) : '';
    readClientComment(comment, hop);
    if (!hop.ip) hop.ip = bracketIp(clause);
    if (hop.helo.charCodeAt(0) === 91) hop.helo = ''; // an address literal, not a name
  }
  return hop;
}

/** "(rdns.host [1.2.3.4])", "(helo=x)", "([1.2.3.4])", "(unknown [1.2.3.4])". */
function readClientComment(comment: string, hop: ReceivedHop): void {
  if (!comment) return;
  hop.ip = bracketIp(comment);
  const heloAt = comment.indexOf('helo=');
  if (heloAt !== -1) {
    const name = firstToken(comment, heloAt + 5);
    if (!hop.helo || hop.helo.charCodeAt(0) === 91) hop.helo = name;
    return;
  }
  const token = firstToken(comment, 0);
  if (isHostName(token) && token !== 'unknown') hop.rdns = token;
}

function bracketIp(text: string): string {
  const open = text.indexOf('[');
  if (open === -1) return '';
  const close = text.indexOf(']', open + 1);
  if (close === -1 || close - open > 60) return '';
  const ip = text.slice(open + 1, close);
  return hasPrefix(ip, 'ipv6:') ? ip.slice(5) : ip;
}

function findWord(text: string, word: string): number {
  let pos = 0;
  while (pos < text.length) {
    const at = text.indexOf(word, pos);
    if (at === -1) return -1;
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    const after = at + word.length < text.length ? text.charCodeAt(at + word.length) : 32;
    // Folding may put a line break on either side of the word.
    if ((isBlank(before) || before === 41) && isBlank(after)) return at;
    pos = at + word.length;
  }
  return -1;
}

/** Blanks, then up to 255 characters up to a blank, a parenthesis or a semicolon. */
const TOKEN = /[ \t\n\r]*([^ \t\n\r();]{0,255})/y;

/** The token at `start` after blanks, without one trailing dot ("host.example." is a host). */
function firstToken(text: string, start: number): string {
  // A sticky pattern scans in compiled code: cheaper than a loop over characters here.
  TOKEN.lastIndex = start;
  const token = TOKEN.exec(text)?.[1] ?? '';
  return token.charCodeAt(token.length - 1) === 46 ? token.slice(0, -1) : token;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isHostName(value: string): boolean {
  return value.includes('.') && value.charCodeAt(0) !== 91 && registrableDomain(value) !== null;
}

function isInternalHost(value: string): boolean {
  return value === '' || value === 'localhost' || !value.includes('.') || value.includes(':');
}

function isInternalIp(ip: string): boolean {
  if (!ip) return true;
  return (
    hasPrefix(ip, '127.') ||
    hasPrefix(ip, '10.') ||
    hasPrefix(ip, '192.168.') ||
    (hasPrefix(ip, '172.') && /^172\.(1[6-9]|2\d|3[01])\./.test(ip)) ||
    ip === '::1' ||
    hasPrefix(ip, 'fd') ||
    hasPrefix(ip, 'fe80')
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
    // Only the topmost contiguous block of results counts: later ones may be forged.
    if (servIdTaken && field.name !== 'authentication-results') return;
    if (field.name === 'received') {
      receivedSeen++;
      if (receivedSeen > limit) return;
      continue;
    }
    if (field.name !== 'authentication-results') continue;
    const raw = field.rawValue;
    const servId = firstToken(raw, 0).toLowerCase();
    if (servIdTaken && servId !== servIdTaken) continue;
    const servDomain = registrableDomain(knownHost(report.hops, servId));
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
 * The receiver names itself the same way in its hop and its results: reusing
 * the hop's string spares hashing the same host name twice in lookups.
 */
function knownHost(hops: readonly ReceivedHop[], host: string): string {
  for (const hop of hops) if (hop.by === host) return hop.by;
  return host;
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
  readProperties(text, start, end, kind, result, report);
}

function readProperties(
  text: string,
  start: number,
  end: number,
  kind: 'dkim' | 'spf' | 'dmarc',
  result: string,
  report: TrustReport,
): void {
  if (kind === 'dkim') {
    const identity = propValue(text, start, end, 'header.i=');
    const domain =
      propValue(text, start, end, 'header.d=') || identity.slice(identity.lastIndexOf('@') + 1);
    if (!domain) return;
    (result === 'pass' ? report.dkimPass : report.dkimFail).add(domain);
  } else if (kind === 'spf') {
    const mailFrom = propValue(text, start, end, 'smtp.mailfrom=');
    report.spf ??= {
      result,
      domain: domainOf(mailFrom) || mailFrom || propValue(text, start, end, 'smtp.helo='),
    };
  } else {
    report.dmarc ??= { result, domain: propValue(text, start, end, 'header.from=') };
  }
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
function propValue(text: string, start: number, end: number, key: string): string {
  const at = text.indexOf(key, start);
  if (at === -1 || at >= end) return '';
  let value = firstToken(text, at + key.length);
  if (value.charCodeAt(0) === 64) value = value.slice(1);
  return value.includes('"') ? value.replace(/"/g, '') : value;
}

/**
 * A tag this parser reads (d=, s=, h=): a one-letter name alone between the
 * start of a ";"-separated part and its first "=", blanks around it allowed.
 */
const DKIM_TAG = /(?:^|;)[ \t\r\n]*([dsh])[ \t\r\n]*=([^;]*)/gi;

function parseDkimSignature(value: string, passed: Set<string>): DkimSignature {
  const text = value.length > 4000 ? value.slice(0, 4000) : value;
  let domain = '';
  let selector = '';
  let signed = '';
  // The last occurrence of a tag wins. The pattern consumes the ";" before a tag,
  // so each match starts the search for the next one at the end of its value.
  DKIM_TAG.lastIndex = 0;
  for (let m = DKIM_TAG.exec(text); m !== null; m = DKIM_TAG.exec(text)) {
    const tag = m[1]!;
    if (tag === 'd' || tag === 'D') domain = m[2]!.trim().toLowerCase();
    else if (tag === 's' || tag === 'S') selector = m[2]!.trim().toLowerCase();
    else signed = m[2]!;
  }
  return {
    domain,
    selector,
    signedHeaders: signed,
    verified: domain !== '' && passed.has(domain),
  };
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
