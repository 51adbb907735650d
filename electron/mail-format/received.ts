/**
 * One Received header read: the client's HELO name, the reverse-DNS name and
 * address the receiving server recorded for it, and the server that wrote the
 * hop. Only the start of the value matters (the "from" and "by" clauses).
 */
import { registrableDomain } from './address.js';

export interface ReceivedHop {
  /** HELO name or the first word after "from". */
  helo: string;
  /** Reverse-DNS name the receiving server recorded for the client. */
  rdns: string;
  /** Registrable domain of `rdns` (null when there is no rDNS name). */
  rdnsDomain: string | null;
  ip: string;
  /** Host that wrote this hop. */
  by: string;
}

export function parseReceived(value: string): ReceivedHop {
  // The from/by clauses sit at the start: the tail (id, for, date) is not needed.
  const lower = value.slice(0, 600).toLowerCase();
  const byAt = findWord(lower, 'by');
  const fromAt = findWord(lower, 'from');
  const hop: ReceivedHop = { helo: '', rdns: '', rdnsDomain: null, ip: '', by: '' };
  if (byAt !== -1) hop.by = firstToken(lower, byAt + 3);
  if (fromAt === -1) return hop;
  const clause = lower.slice(fromAt + 5, byAt > fromAt ? byAt : undefined);
  hop.helo = firstToken(clause);
  const open = clause.indexOf('(');
  if (open !== -1) {
    const close = clause.indexOf(')', open + 1);
    readClientComment(clause.slice(open + 1, close === -1 ? undefined : close), hop);
  }
  if (!hop.ip) hop.ip = bracketIp(clause);
  if (hop.helo.startsWith('[')) hop.helo = ''; // an address literal, not a name
  return hop;
}

/** "rdns.host [1.2.3.4]", "helo=x", "[1.2.3.4]", "unknown [1.2.3.4]": the "from" clause's comment. */
function readClientComment(comment: string, hop: ReceivedHop): void {
  if (!comment) return;
  hop.ip = bracketIp(comment);
  const heloAt = comment.indexOf('helo=');
  if (heloAt !== -1) {
    const name = firstToken(comment, heloAt + 5);
    if (!hop.helo || hop.helo.startsWith('[')) hop.helo = name;
    return;
  }
  const token = firstToken(comment);
  const domain = hostDomain(token);
  if (domain !== null && token !== 'unknown') {
    hop.rdns = token;
    hop.rdnsDomain = domain;
  }
}

/** The address between the first "[" and the "]" after it. */
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

const MAX_TOKEN = 255;

/**
 * The token at `start` (blanks skipped): up to 255 characters, up to a blank,
 * a parenthesis or a semicolon, without one trailing dot ("host.example." is a host).
 */
export function firstToken(text: string, start = 0): string {
  let from = start;
  while (from < text.length && isBlank(text.charCodeAt(from))) from++;
  let end = from;
  while (end < text.length && end - from < MAX_TOKEN && !endsToken(text.charCodeAt(end))) end++;
  if (end > from && text.charCodeAt(end - 1) === 46) end--;
  return text.slice(from, end);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A blank, "(", ")" or ";". */
function endsToken(c: number): boolean {
  return isBlank(c) || c === 40 || c === 41 || c === 59;
}

/** The registrable domain of a host name, null for anything else (an address literal, a bare label). */
function hostDomain(value: string): string | null {
  return value.includes('.') && !value.startsWith('[') ? registrableDomain(value) : null;
}
