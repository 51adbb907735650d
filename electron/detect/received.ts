/**
 * One Received header read: the client's HELO name, the reverse-DNS name and
 * address the receiving server recorded for it, and the server that wrote the
 * hop. Only the start of the value matters (the "from" and "by" clauses).
 */
import { registrableDomain } from './address.js';
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

function withoutDot(token: string): string {
  return token.charCodeAt(token.length - 1) === 46 ? token.slice(0, -1) : token;
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
export function firstToken(text: string, start: number): string {
  // A sticky pattern scans in compiled code: cheaper than a loop over characters here.
  TOKEN.lastIndex = start;
  return withoutDot(TOKEN.exec(text)?.[1] ?? '');
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isHostName(value: string): boolean {
  return value.includes('.') && value.charCodeAt(0) !== 91 && registrableDomain(value) !== null;
}
