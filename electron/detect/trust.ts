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
    if (hop.helo.startsWith('[')) hop.helo = '';
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
    if (!hop.helo || hop.helo.startsWith('[')) hop.helo = name;
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
  return text.slice(open + 1, close).replace(/^ipv6:/, '');
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

function firstToken(text: string, start: number): string {
  let i = start;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  let j = i;
  while (j < text.length && j - i < 255 && !isTokenEnd(text.charCodeAt(j))) j++;
  return text.charCodeAt(j - 1) === 46 ? text.slice(i, j - 1) : text.slice(i, j);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Space, tab, newline, parentheses, semicolon end a token. */
function isTokenEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 40 || c === 41 || c === 59;
}

function isHostName(value: string): boolean {
  return value.includes('.') && !value.startsWith('[') && registrableDomain(value) !== null;
}

function isInternalHost(value: string): boolean {
  return value === '' || value === 'localhost' || !value.includes('.') || value.includes(':');
}

function isInternalIp(ip: string): boolean {
  if (!ip) return true;
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
    const servDomain = registrableDomain(servId);
    if (!servDomain || !report.receiverDomains.has(servDomain)) continue;
    servIdTaken = servId;
    report.hasAuthResults = true;
    readResults(raw, report);
  }
}

function readResults(value: string, report: TrustReport): void {
  const parts = value.slice(0, 4000).toLowerCase().split(';').slice(1, 30);
  for (const part of parts) {
    const method = /^\s*(dkim|spf|dmarc)\s*=\s*([a-z]+)/.exec(part);
    if (!method) continue;
    const kind = method[1]!;
    const result = method[2]!;
    if (kind === 'dkim') {
      const identity = propValue(part, 'header.i=');
      const domain = propValue(part, 'header.d=') || identity.slice(identity.lastIndexOf('@') + 1);
      if (!domain) continue;
      (result === 'pass' ? report.dkimPass : report.dkimFail).add(domain);
    } else if (kind === 'spf') {
      const domain =
        domainOf(propValue(part, 'smtp.mailfrom=')) || propValue(part, 'smtp.mailfrom=');
      report.spf ??= { result, domain: domain || propValue(part, 'smtp.helo=') };
    } else {
      report.dmarc ??= { result, domain: propValue(part, 'header.from=') };
    }
  }
}

/** Value of a property ("header.d=") inside one result, without "@" or quotes. */
function propValue(part: string, key: string): string {
  const at = part.indexOf(key);
  if (at === -1) return '';
  let value = firstToken(part, at + key.length);
  if (value.charCodeAt(0) === 64) value = value.slice(1);
  return value.includes('"') ? value.replace(/"/g, '') : value;
}

function parseDkimSignature(value: string, passed: Set<string>): DkimSignature {
  const text = value.length > 4000 ? value.slice(0, 4000) : value;
  let domain = '';
  let selector = '';
  let signed = '';
  let pos = 0;
  while (pos < text.length) {
    const semi = text.indexOf(';', pos);
    const end = semi === -1 ? text.length : semi;
    const eq = text.indexOf('=', pos);
    if (eq !== -1 && eq < end) {
      const tag = dkimTagName(text, pos, eq);
      if (tag === 'd')
        domain = text
          .slice(eq + 1, end)
          .trim()
          .toLowerCase();
      else if (tag === 's')
        selector = text
          .slice(eq + 1, end)
          .trim()
          .toLowerCase();
      else if (tag === 'h') signed = text.slice(eq + 1, end);
    }
    pos = end + 1;
  }
  return {
    domain,
    selector,
    signedHeaders: signed,
    verified: domain !== '' && passed.has(domain),
  };
}

/** The one-letter tag name between pos and eq, ignoring whitespace ('' if longer). */
function dkimTagName(text: string, pos: number, eq: number): string {
  let start = pos;
  while (start < eq && isBlank(text.charCodeAt(start))) start++;
  let end = eq;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end - start === 1 ? text[start]!.toLowerCase() : '';
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
