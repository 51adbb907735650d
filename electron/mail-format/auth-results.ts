/**
 * One Authentication-Results value read (RFC 8601): the dkim, spf and dmarc
 * results after the authserv-id, and the few properties detection needs
 * (header.d / header.i, smtp.mailfrom / smtp.helo, header.from). Which of a
 * message's results may be believed is trust.ts's business, not this one's.
 *
 * Read as lowercasing the first 4,000 characters, splitting on ";" and
 * matching /^\s*(dkim|spf|dmarc)\s*=\s*([a-z]+)/ per part would read it
 * (test/detect/fast-paths.test.ts keeps that version as the reference), but
 * walked in place: each property name is searched for once per header, and
 * each value is cut out once.
 */
import { addOnce } from './text.js';

export interface AuthResults {
  /** Domains whose DKIM result passed, then the others (no repeats). */
  dkimPass: string[];
  dkimFail: string[];
  /** The first SPF result; `domain` (the envelope sender's) is read only when it passed. */
  spf: { result: string; domain: string } | null;
  /** The first DMARC result; `domain` (header.from) is read only when it did not pass. */
  dmarc: { result: string; domain: string } | null;
}

const MAX_LENGTH = 4000;
const MAX_PARTS = 29;

/** Adds what `value` says to `out` (results already there stay: the first SPF and DMARC win). */
export function readAuthResults(value: string, out: AuthResults): void {
  const text = (value.length > MAX_LENGTH ? value.slice(0, MAX_LENGTH) : value).toLowerCase();
  keyAt.fill(NOT_SEARCHED);
  let semi = text.indexOf(';');
  for (let n = 0; semi !== -1 && n < MAX_PARTS; n++) {
    const start = semi + 1;
    semi = text.indexOf(';', start);
    readResult(text, start, semi === -1 ? text.length : semi, out);
  }
}

const DKIM = 1;
const SPF = 2;
const DMARC = 3;

/** One result in text[start, end): method, "=", outcome, then its properties. */
function readResult(text: string, start: number, end: number, out: AuthResults): void {
  let i = skipSpace(text, start, end);
  const kind = methodAt(text, i);
  if (kind === 0) return;
  i = skipSpace(text, i + (kind === SPF ? 3 : kind === DKIM ? 4 : 5), end);
  if (i >= end || text.charCodeAt(i) !== 61) return;
  i = skipSpace(text, i + 1, end);
  let j = i;
  while (j < end && isLowerLetter(text.charCodeAt(j))) j++;
  if (j === i) return;
  const pass = j - i === 4 && text.startsWith('pass', i);
  if (kind === DKIM) {
    const domain =
      propValue(text, HEADER_D, start, end, WHOLE) ||
      propValue(text, HEADER_I, start, end, AFTER_AT);
    if (domain) addOnce(pass ? out.dkimPass : out.dkimFail, domain);
  } else if (kind === SPF) {
    if (out.spf) return;
    // Only a pass vouches for the envelope domain: other results need no domain.
    out.spf = pass
      ? { result: 'pass', domain: spfDomain(text, start, end) }
      : { result: text.slice(i, j), domain: '' };
  } else if (!out.dmarc) {
    // The domain only names a failure in its signal.
    out.dmarc = pass
      ? { result: 'pass', domain: '' }
      : { result: text.slice(i, j), domain: propValue(text, HEADER_FROM, start, end, WHOLE) };
  }
}

/** DKIM, SPF or DMARC when text at `i` starts with that method's name, else 0. */
function methodAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 115) return text.startsWith('spf', i) ? SPF : 0;
  if (c !== 100) return 0;
  return text.startsWith('dkim', i) ? DKIM : text.startsWith('dmarc', i) ? DMARC : 0;
}

/** The envelope sender's domain, else the whole smtp.mailfrom, else smtp.helo. */
function spfDomain(text: string, start: number, end: number): string {
  return (
    propValue(text, MAILFROM, start, end, DOMAIN) ||
    propValue(text, MAILFROM, start, end, WHOLE) ||
    propValue(text, HELO, start, end, WHOLE)
  );
}

const KEYS = ['header.d=', 'header.i=', 'smtp.mailfrom=', 'smtp.helo=', 'header.from='];
const HEADER_D = 0;
const HEADER_I = 1;
const MAILFROM = 2;
const HELO = 3;
const HEADER_FROM = 4;

/**
 * Where each property name next occurs in the header being read (-1: nowhere
 * further). A name missing from one result is then not searched for again
 * through the rest of the header by every later result.
 */
const keyAt = new Int32Array(KEYS.length);
const NOT_SEARCHED = -2;

/** The value as written (without a leading "@"). */
const WHOLE = 0;
/** What follows the value's last "@" ('' when it has none). */
const DOMAIN = 1;
/** What follows the value's last "@", or all of it when it has none. */
const AFTER_AT = 2;

/**
 * The value of property KEYS[key] in the result text[start, end): the token
 * after the name (blanks skipped; up to 255 characters, up to a blank, a
 * parenthesis or ";"; one trailing dot dropped), without quotes, cut as `mode` says.
 */
function propValue(text: string, key: number, start: number, end: number, mode: number): string {
  let at = keyAt[key]!;
  if (at < start && at !== -1) {
    at = text.indexOf(KEYS[key]!, start);
    keyAt[key] = at;
  }
  if (at === -1 || at >= end) return '';
  let i = at + KEYS[key]!.length;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  const stop = Math.min(end, i + 255);
  let j = i;
  let quoted = false;
  let lastAt = -1;
  for (; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (isBlank(c) || c === 40 || c === 41 || c === 59) break;
    if (c === 34) quoted = true;
    else if (c === 64) lastAt = j;
  }
  if (j > i && text.charCodeAt(j - 1) === 46) j--;
  if (mode !== WHOLE && lastAt !== -1) i = lastAt + 1;
  else if (mode === DOMAIN) return '';
  else if (j > i && text.charCodeAt(i) === 64) i++;
  if (j <= i) return '';
  return quoted ? text.slice(i, j).replace(/"/g, '') : text.slice(i, j);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
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
