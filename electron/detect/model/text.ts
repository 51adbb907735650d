/**
 * The bounded text the learned model reads, and its words. The same bound in
 * training and in the app: the first 4 KB of the text part, or of the HTML
 * turned into text (styles and scripts skipped) when there is no text part.
 * Words are lowercased runs of letters and digits, accents folded
 * (é -> e, œ -> oe), digits written 0, hashed as they are read: no substring
 * is cut from the text unless a word is shown to the user.
 */
import type { BodyExcerpt } from '../body.js';

/** Characters of body text the model reads. */
export const MODEL_TEXT_CHARS = 4096;
/** Characters of HTML walked to find that text (an excerpt keeps up to 64 KB). */
const MODEL_HTML_CHARS = 64 * 1024;
const MIN_WORD = 2;
const MAX_WORD = 24;

/** The text the model reads: lowercased, at most MODEL_TEXT_CHARS characters. */
export function modelText(body: BodyExcerpt | undefined): string {
  if (!body) return '';
  const text = body.text;
  if (text && text.trim() !== '') return text.slice(0, MODEL_TEXT_CHARS).toLowerCase();
  const html = body.html;
  if (!html) return '';
  return htmlToText(html.length > MODEL_HTML_CHARS ? html.slice(0, MODEL_HTML_CHARS) : html);
}

const SKIPPED_ELEMENTS = ['style', 'script', 'head', 'title'];

/** Text of an HTML fragment, tags as spaces, stopping at MODEL_TEXT_CHARS characters. */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  while (pos < lower.length && out.length < MODEL_TEXT_CHARS) {
    const open = lower.indexOf('<', pos);
    out += decodeEntities(lower.slice(pos, open === -1 ? lower.length : open));
    if (open === -1) break;
    const close = lower.indexOf('>', open + 1);
    if (close === -1) break;
    out += ' ';
    pos = close + 1;
    const skipped = skippedElement(lower, open + 1);
    if (skipped !== null) {
      const end = lower.indexOf(`</${skipped}`, pos);
      pos = end === -1 ? lower.length : end;
    }
  }
  return out.length > MODEL_TEXT_CHARS ? out.slice(0, MODEL_TEXT_CHARS) : out;
}

function skippedElement(lower: string, at: number): string | null {
  for (const name of SKIPPED_ELEMENTS) {
    if (!lower.startsWith(name, at)) continue;
    const next = lower.charCodeAt(at + name.length);
    if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13) return name;
  }
  return null;
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  icirc: 'î',
  euro: '€',
  rsquo: '’',
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/g, (whole, name: string) => {
    if (name.charCodeAt(0) !== 35) return NAMED_ENTITIES[name] ?? ' ';
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code).toLowerCase() : whole;
  });
}

/** Latin letters with accents (lowercase) -> their plain form. */
const FOLDED: ReadonlyMap<number, string> = new Map(
  Object.entries({
    a: 'àáâãäåā',
    c: 'çćč',
    e: 'èéêëēėę',
    i: 'ìíîïī',
    n: 'ñń',
    o: 'òóôõöøō',
    u: 'ùúûüū',
    y: 'ýÿ',
    s: 'šś',
    z: 'žźż',
  }).flatMap(([plain, accented]) => [...accented].map((ch) => [ch.charCodeAt(0), plain] as const)),
);
const LIGATURES: ReadonlyMap<number, string> = new Map([
  [0x153, 'oe'],
  [0xe6, 'ae'],
  [0xdf, 'ss'],
]);

/** Called for each word: its hash and where it sits in the text ([start, end)). */
export type WordSink = (hash: number, start: number, end: number) => void;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/**
 * Calls `sink` with the FNV-1a hash of each word of `text` (lowercase
 * expected), accents folded and digits as 0, without cutting substrings.
 * Words shorter than 2 or longer than 24 characters are skipped, and so are
 * addresses and links (a run without spaces holding "@" or "://"): their
 * hosts are read as links, and their names say who, not what.
 */
export function forEachWord(text: string, sink: WordSink): void {
  const marks = new NextMark(text);
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    let end = pos;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    if (end > pos && !marks.within(pos, end)) wordsOfRun(text, pos, end, sink);
    pos = end;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 160;
}

/** Finds "@" and "://" ahead of the reading position, each searched for once per hit. */
class NextMark {
  private at: number;
  private link: number;

  constructor(private readonly text: string) {
    this.at = text.indexOf('@');
    this.link = text.indexOf('://');
  }

  within(start: number, end: number): boolean {
    if (this.at !== -1 && this.at < start) this.at = this.text.indexOf('@', start);
    if (this.link !== -1 && this.link < start) this.link = this.text.indexOf('://', start);
    return (this.at !== -1 && this.at < end) || (this.link !== -1 && this.link < end);
  }
}

function wordsOfRun(text: string, from: number, to: number, sink: WordSink): void {
  let hash = FNV_OFFSET;
  let length = 0;
  let start = -1;
  for (let i = from; i <= to; i++) {
    const folded = i < to ? foldedAt(text.charCodeAt(i)) : -1;
    if (folded === -1) {
      if (length >= MIN_WORD && length <= MAX_WORD) sink(hash >>> 0, start, i);
      hash = FNV_OFFSET;
      length = 0;
      start = -1;
      continue;
    }
    if (start === -1) start = i;
    hash = mix(hash, folded & 0xffff);
    length++;
    if (folded > 0xffff) {
      hash = mix(hash, folded >>> 16);
      length++;
    }
  }
}

/** A word character's folded code (two letters packed for a ligature), or -1. */
function foldedAt(code: number): number {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return code | 32;
  if (code >= 48 && code <= 57) return 48;
  if (code < 0xc0) return -1;
  const plain = FOLDED.get(code) ?? FOLDED.get(code + 32);
  if (plain !== undefined) return plain.charCodeAt(0);
  const pair = LIGATURES.get(code);
  return pair === undefined ? -1 : pair.charCodeAt(0) | (pair.charCodeAt(1) << 16);
}

/** The hash forEachWord gives a word (for fixed word lists). */
export function wordHash(word: string): number {
  let found = 0;
  forEachWord(word.toLowerCase(), (hash) => {
    found = hash;
  });
  return found;
}

/** A hash of a string as a whole (namespaced keys: router ids, mailer families, TLDs). */
export function keyHash(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = mix(hash, key.charCodeAt(i));
  return hash >>> 0;
}

/** keyHash of a key built a character at a time: start from keyHashOf(prefix), mix, then `>>> 0`. */
export function keyHashMix(hash: number, code: number): number {
  return mix(hash, code);
}

/** The running hash of a prefix, before its `>>> 0` (continue with keyHashMix). */
export function keyHashOf(prefix: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) hash = mix(hash, prefix.charCodeAt(i));
  return hash;
}

/** Two hashes mixed into one, in order (a word's and its namespace's). */
export function pairHash(first: number, second: number): number {
  return Math.imul(first ^ Math.imul(second, 0x9e3779b1), FNV_PRIME) >>> 0;
}

/** A word found at [start, end), as written, for the user to read (letters and digits only). */
export function shownWord(text: string, start: number, end: number): string {
  return text.slice(start, end);
}
