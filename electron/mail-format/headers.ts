/**
 * A bounded parser for the raw header block as stored (a latin1 string: one
 * char per byte). The hot path of classification: one pass, no backtracking,
 * hard caps on size so hostile input cannot make it slow.
 */
import libmime from 'libmime';
import { TextDecoder } from 'node:util';
import { detached, memoTable } from './memo.js';

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
    this.cached ??= (this.folded ? unfold(this.rawValue) : this.rawValue).trim();
    return this.cached;
  }
}

/**
 * Unfolding removes the line breaks and keeps the whitespace (RFC 5322 2.2.3):
 * every CR (with the LF after it) goes, and every LF when the value has no CR;
 * in a value with CRs a lone LF (mixed line ends) stays.
 */
function unfold(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '') : raw.replace(/\n/g, '');
}

/** The fields of a message, looked up by lowercased name. */
export class ParsedHeaders {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** The first (topmost) field called `name`, or undefined. */
  field(name: string): HeaderField | undefined {
    return this.fields.find((field) => field.name === name);
  }

  /** Every field called `name`, topmost first. */
  fieldsNamed(name: string): readonly HeaderField[] {
    return this.fields.filter((field) => field.name === name);
  }

  /** The first (topmost) value of a field, or undefined. */
  get(name: string): string | undefined {
    return this.field(name)?.value;
  }

  /** Every value of a field, topmost first. */
  all(name: string): readonly string[] {
    return this.fieldsNamed(name).map((field) => field.value);
  }

  has(name: string): boolean {
    return this.field(name) !== undefined;
  }

  names(): IterableIterator<string> {
    return new Set(this.fields.map((field) => field.name)).values();
  }
}

/** RFC 5322 ftext (printable ASCII except colon and space), at most 76 characters. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,76}$/;

/**
 * Field names as written -> lowercased ('' when not a field name): a mailbox
 * writes a few hundred spellings, each checked and lowercased once.
 */
const fieldNames = memoTable<string, string>();
const MAX_SPELLINGS = 2000;

function fieldName(spelling: string): string {
  let name = fieldNames.get(spelling);
  if (name === undefined) {
    name = FIELD_NAME.test(spelling) ? detached(spelling.toLowerCase()) : '';
    if (fieldNames.size < MAX_SPELLINGS) fieldNames.set(detached(spelling), name);
  }
  return name;
}

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
  // The first colon at or after `pos` (end when none): kept across lines, so lines
  // without a colon never make the search run over the same text again.
  let colon = -1;
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
      if (colon < pos) {
        colon = text.indexOf(':', pos);
        if (colon === -1) colon = end;
      }
      if (colon < lineEnd) name = fieldName(text.slice(pos, colon));
      if (name) {
        valueStart = colon + 1;
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
/** Decoders by charset as written ("UTF-8", "utf-8*fr"), null for an unknown charset. */
const decoders = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  let decoder = decoders.get(charset);
  if (decoder === undefined) {
    try {
      // RFC 2231 may add a language after "*".
      decoder = new TextDecoder(charset.toLowerCase().split('*')[0]);
    } catch {
      decoder = null;
    }
    // Charset names come from the mail itself: keep the table small whatever it holds.
    if (decoders.size >= 256) decoders.clear();
    decoders.set(detached(charset), decoder);
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

const HIGH_BYTE = /[\x80-\uffff]/;

function hasHighBytes(value: string): boolean {
  return HIGH_BYTE.test(value);
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
function quotedPrintableWord(payload: string): Uint8Array {
  const bytes = Buffer.allocUnsafe(payload.length);
  let n = 0;
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c === 95) bytes[n++] = 32;
    else if (
      c === 61 &&
      i + 2 < payload.length &&
      isHex(payload.charCodeAt(i + 1)) &&
      isHex(payload.charCodeAt(i + 2))
    ) {
      bytes[n++] = (hexValue(payload.charCodeAt(i + 1)) << 4) | hexValue(payload.charCodeAt(i + 2));
      i += 2;
    } else bytes[n++] = c & 0xff;
  }
  return bytes.subarray(0, n);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
