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
  ip: string;
  /** Host that wrote this hop. */
  by: string;
}

export function parseReceived(value: string): ReceivedHop {
  // The from/by clauses sit at the start: the tail (id, for, date) is not needed.
  const lower = value.length > 600 ? value.slice(0, 600).toLowerCase() : value.toLowerCase();
  const byAt = findWord(lower, 'by');
  const fromAt = findWord(lower, 'from');
  const hop: ReceivedHop = { helo: '', rdns: '', ip: '', by: '' };
  if (byAt !== -1) hop.by = firstToken(lower, byAt + 3);
  if (fromAt !== -1) {
    // The clause is read in place, between "from" and "by" (or the end).
    const clauseStart = fromAt + 5;
    const clauseEnd = byAt > fromAt ? byAt : lower.length;
    hop.helo = firstToken(lower, clauseStart, clauseEnd);
    const open = indexIn(lower, '(', clauseStart, clauseEnd);
    if (open !== -1) {
      const close = indexIn(lower, ')', open + 1, clauseEnd);
      readClientComment(lower, open + 1, close === -1 ? clauseEnd : close, hop);
    }
    if (!hop.ip) hop.ip = bracketIp(lower, clauseStart, clauseEnd);
    if (hop.helo.charCodeAt(0) === 91) hop.helo = ''; // an address literal, not a name
  }
  return hop;
}

/** The first `char` in text[from, end), or -1 (a native search, even if it looks further). */
function indexIn(text: string, char: string, from: number, end: number): number {
  const at = text.indexOf(char, from);
  return at !== -1 && at < end ? at : -1;
}

/** "(rdns.host [1.2.3.4])", "(helo=x)", "([1.2.3.4])", "(unknown [1.2.3.4])" in text[start, end). */
function readClientComment(text: string, start: number, end: number, hop: ReceivedHop): void {
  if (start >= end) return;
  hop.ip = bracketIp(text, start, end);
  const heloAt = text.indexOf('helo=', start);
  if (heloAt !== -1 && heloAt + 5 <= end) {
    const name = firstToken(text, heloAt + 5, end);
    if (!hop.helo || hop.helo.charCodeAt(0) === 91) hop.helo = name;
    return;
  }
  const token = firstToken(text, start, end);
  if (isHostName(token) && token !== 'unknown') hop.rdns = token;
}

/** The address between the first "[" and the "]" after it in text[start, end). */
function bracketIp(text: string, start: number, end: number): string {
  const open = indexIn(text, '[', start, end);
  if (open === -1) return '';
  const close = indexIn(text, ']', open + 1, end);
  if (close === -1 || close - open > 60) return '';
  const from = text.startsWith('ipv6:', open + 1) && open + 6 <= close ? open + 6 : open + 1;
  return text.slice(from, close);
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

/**
 * The token at `start` after blanks, up to `end` (default: the end of the
 * text): up to 255 characters up to a blank, a parenthesis or a semicolon,
 * without one trailing dot ("host.example." is a host). A plain loop: a
 * sticky pattern scans as fast but allocates a match array per call.
 */
export function firstToken(text: string, start: number, end = text.length): string {
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  const stop = Math.min(end, i + 255);
  let j = i;
  while (j < stop && !isTokenEnd(text.charCodeAt(j))) j++;
  if (j > i && text.charCodeAt(j - 1) === 46) j--;
  return j === i ? '' : text.slice(i, j);
}

function isTokenEnd(c: number): boolean {
  return isBlank(c) || c === 40 || c === 41 || c === 59;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isHostName(value: string): boolean {
  return value.includes('.') && value.charCodeAt(0) !== 91 && registrableDomain(value) !== null;
}
