/**
 * A fast, bounded parser for the raw header block as stored (a latin1 string:
 * one char per byte). The hot path of classification: no regexes, one pass,
 * hard caps on size so a hostile message costs at most a few milliseconds.
 */
import libmime from 'libmime';
import { TextDecoder } from 'node:util';

/** Past this many characters the rest of the block is ignored. */
export const MAX_HEADER_BLOCK = 256 * 1024;
/** Past this many fields the rest are ignored (header floods). */
export const MAX_FIELDS = 600;
/** A single unfolded value is cut at this length. */
export const MAX_VALUE = 16 * 1024;

/**
 * One header field. The value is cut out of the block (and unfolded) only when
 * read: most fields of a message (ARC seals, X-Received, ...) are never read.
 */
export class HeaderField {
  private cached: string | undefined;

  constructor(
    /** Lowercased field name. */
    readonly name: string,
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly folded: boolean,
  ) {}

  /**
   * The value as written, line breaks of folding included: for parsers that
   * treat CR/LF as whitespace anyway (Received, DKIM-Signature,
   * Authentication-Results), this saves unfolding long values.
   */
  get rawValue(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Unfolded raw value, trimmed (still RFC 2047-encoded, latin1 bytes). */
  get value(): string {
    if (this.cached === undefined) {
      const raw = this.text.slice(this.start, this.end);
      this.cached = (this.folded ? unfold(raw) : raw).trim();
    }
    return this.cached;
  }
}

/** Unfolding removes the line breaks and keeps the whitespace (RFC 5322 2.2.3). */
function unfold(raw: string): string {
  return raw.includes('\r')
    ? raw.split('\r\n').join('').split('\r').join('')
    : raw.split('\n').join('');
}

export class ParsedHeaders {
  // A single field is stored as itself, repeated fields as an array: most fields are unique.
  private readonly byName = new Map<string, HeaderField | HeaderField[]>();

  constructor(readonly fields: readonly HeaderField[]) {
    for (const field of fields) {
      const known = this.byName.get(field.name);
      if (known === undefined) this.byName.set(field.name, field);
      else if (Array.isArray(known)) known.push(field);
      else this.byName.set(field.name, [known, field]);
    }
  }

  /** The first (topmost) value of a field, or undefined. */
  get(name: string): string | undefined {
    const known = this.byName.get(name);
    if (known === undefined) return undefined;
    return Array.isArray(known) ? known[0]!.value : known.value;
  }

  /** Every value of a field, topmost first. */
  all(name: string): readonly string[] {
    const known = this.byName.get(name);
    if (known === undefined) return EMPTY;
    return Array.isArray(known) ? known.map((field) => field.value) : [known.value];
  }

  /** Every value of a field as written (folding kept), topmost first. */
  allRaw(name: string): readonly string[] {
    const known = this.byName.get(name);
    if (known === undefined) return EMPTY;
    return Array.isArray(known) ? known.map((field) => field.rawValue) : [known.rawValue];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }
}

const EMPTY: readonly string[] = [];

/**
 * Splits a header block into fields. Stops at the first empty line (so a whole
 * message may be passed), notes where each value lies (continuation lines
 * included, up to a cap), lowercases names and skips lines that are not fields
 * (mbox "From " lines, garbage).
 */
export function parseHeaderBlock(raw: string): ParsedHeaders {
  const text = raw.length > MAX_HEADER_BLOCK ? raw.slice(0, MAX_HEADER_BLOCK) : raw;
  const fields: HeaderField[] = [];
  let name = '';
  let valueStart = 0;
  let valueEnd = 0;
  let folded = false;
  let pos = 0;
  const end = text.length;
  while (pos < end && fields.length < MAX_FIELDS) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = end;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd -= 1;
    if (lineEnd === pos) break; // blank line: end of the header block
    const first = text.charCodeAt(pos);
    if (first === 32 || first === 9) {
      if (name && lineEnd - valueStart <= MAX_VALUE) {
        valueEnd = lineEnd;
        folded = true;
      }
    } else {
      if (name) fields.push(new HeaderField(name, text, valueStart, valueEnd, folded));
      name = '';
      name = fieldName(text, pos, lineEnd);
      if (name) {
        valueStart = pos + name.length + 1;
        valueEnd = Math.min(lineEnd, valueStart + MAX_VALUE);
        folded = false;
      }
    }
    pos = eol + 1;
  }
  if (name && fields.length < MAX_FIELDS)
    fields.push(new HeaderField(name, text, valueStart, valueEnd, folded));
  return new ParsedHeaders(fields);
}

/**
 * Field names recur in every message (Received, DKIM-Signature, ...): each
 * distinct name is lowercased once and shared, which spares a copy per field
 * and gives later map lookups a string whose hash is already known. The table
 * is open-addressed, bounded, and stops taking new names when half full (a
 * flood of random names then costs only the plain slice).
 */
const NAME_SLOTS = 4096;
const internedNames: Array<string | undefined> = new Array<string | undefined>(NAME_SLOTS);
let internedCount = 0;

/**
 * The lowercased name of a field line starting at `start` (up to its colon,
 * at most 76 characters of RFC 5322 ftext), or '' when the line is not a field.
 * Scans the line only: a line without a colon never searches past its end.
 */
function fieldName(text: string, start: number, lineEnd: number): string {
  const limit = Math.min(lineEnd, start + 77);
  let hash = 0;
  let end = -1;
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      end = i;
      break;
    }
    // Printable ASCII except colon and space.
    if (c < 33 || c > 126) return '';
    hash = (Math.imul(hash, 31) + lowerAscii(c)) | 0;
  }
  if (end <= start) return '';
  hash = (hash + end - start) | 0;
  for (let probe = 0, slot = hash & (NAME_SLOTS - 1); probe < 8; probe++) {
    const known = internedNames[slot];
    if (known === undefined) {
      const name = text.slice(start, end).toLowerCase();
      if (internedCount < NAME_SLOTS / 2) {
        internedNames[slot] = name;
        internedCount++;
      }
      return name;
    }
    if (sameName(known, text, start, end)) return known;
    slot = (slot + 1) & (NAME_SLOTS - 1);
  }
  return text.slice(start, end).toLowerCase();
}

function sameName(known: string, text: string, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++)
    if (known.charCodeAt(i) !== lowerAscii(text.charCodeAt(start + i))) return false;
  return true;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const DECODE_LIMIT = 4000;

/**
 * Decodes RFC 2047 encoded-words and raw 8-bit UTF-8 for display. Only called
 * on the few fields shown to a person (From name, Subject), never in bulk.
 */
export function decodeHeaderValue(value: string): string {
  const capped = value.length > DECODE_LIMIT ? value.slice(0, DECODE_LIMIT) : value;
  let text = hasHighBytes(capped) ? latin1ToUtf8(capped) : capped;
  if (text.includes('=?')) {
    const fast = decodeEncodedWords(text);
    if (fast !== null) return fast;
    try {
      text = libmime.decodeWords(text);
    } catch {
      // A malformed encoded-word stays as it was: better raw than nothing.
    }
  }
  return text;
}

const ENCODED_WORD = /=\?([^?\s]{1,40})\?([BbQq])\?([^?]{0,2000})\?=/g;
const decoders = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  const name = charset.toLowerCase().split('*')[0]!;
  let decoder = decoders.get(name);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(name);
    } catch {
      decoder = null;
    }
    decoders.set(name, decoder);
  }
  return decoder;
}

/**
 * RFC 2047 for the common charsets, with TextDecoders kept per charset; null
 * when a charset is unknown here (libmime then takes over).
 */
function decodeEncodedWords(text: string): string | null {
  let out = '';
  let last = 0;
  let previousEnd = -1;
  ENCODED_WORD.lastIndex = 0;
  for (let m = ENCODED_WORD.exec(text); m !== null; m = ENCODED_WORD.exec(text)) {
    const decoder = decoderFor(m[1]!);
    if (!decoder) return null;
    const between = text.slice(last, m.index);
    // Whitespace between two encoded words is folding, not content.
    if (!(previousEnd === m.index - between.length && between.trim() === '' && previousEnd !== -1))
      out += between;
    const payload = m[3]!;
    const bytes =
      m[2] === 'B' || m[2] === 'b' ? Buffer.from(payload, 'base64') : quotedPrintableWord(payload);
    out += decoder.decode(bytes);
    last = m.index + m[0].length;
    previousEnd = last;
  }
  return out + text.slice(last);
}

function hasHighBytes(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return true;
  return false;
}

/** Stored headers keep bytes as latin1 chars; 8-bit headers are usually UTF-8. */
function latin1ToUtf8(value: string): string {
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? value : decoded;
}

/** Returns the header block of a whole raw message (everything before the blank line). */
export function headerBlockOf(raw: string): string {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return raw;
  if (crlf === -1) return raw.slice(0, lf + 1);
  if (lf === -1 || crlf < lf) return raw.slice(0, crlf + 2);
  return raw.slice(0, lf + 1);
}

/** The Q encoding of RFC 2047: "_" is a space, "=XX" a byte. */
function quotedPrintableWord(payload: string): Buffer {
  const bytes = Buffer.allocUnsafe(payload.length);
  let n = 0;
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c === 95) bytes[n++] = 32;
    else if (
      c === 61 &&
      i + 2 < payload.length + 0 &&
      isHex(payload.charCodeAt(i + 1)) &&
      isHex(payload.charCodeAt(i + 2))
    ) {
      bytes[n++] = parseInt(payload.slice(i + 1, i + 3), 16);
      i += 2;
    } else bytes[n++] = c & 0xff;
  }
  return bytes.subarray(0, n);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
