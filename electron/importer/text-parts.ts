/**
 * The text and HTML of a message's first bytes, found the way sync finds them
 * through BODYSTRUCTURE: every text/plain and text/html part that is not an
 * attachment, decoded (transfer encoding, then charset). Multipart bodies are
 * split on their boundaries; nothing of an attachment is decoded or kept. A
 * full parser (mailparser) cost many times as much time, and most of an
 * import's memory, for the same two strings.
 */
import iconv from 'iconv-lite';
import libqp from 'libqp';
import { mediaTypeOf, parseHeaderBlock, unpartedBody } from '../mail-format/index.js';

export interface TextParts {
  text: string;
  html: string;
}

/** Nested multiparts deeper than this are not followed (real mail nests three or four). */
const MAX_DEPTH = 8;

export function findTextParts(message: Buffer, limit: number): TextParts {
  const found: TextParts = { text: '', html: '' };
  walk(message, 0, limit, found);
  return found;
}

function walk(entity: Buffer, depth: number, limit: number, found: TextParts): void {
  const split = headerEnd(entity);
  const headers = parseHeaderBlock(entity.toString('latin1', 0, split));
  const type = parseContentType(headers.get('content-type'));
  const body = entity.subarray(split);
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (!boundary || depth >= MAX_DEPTH) return;
    let parts = 0;
    for (const part of multipartParts(body, boundary)) {
      parts++;
      walk(part, depth + 1, limit, found);
    }
    // A boundary that never appears as declared: the body's own lines (mail-format/unparted-body.ts).
    if (parts === 0 && depth === 0) {
      const unparted = unpartedBody(body.toString('latin1', 0, limit));
      found.text = unparted.text.replace(/\r\n/g, '\n');
      found.html = unparted.html.replace(/\r\n/g, '\n');
    }
    return;
  }
  const subtype = type.value === 'text/plain' ? 'text' : type.value === 'text/html' ? 'html' : null;
  if (!subtype || found[subtype].length >= limit) return;
  if (/^\s*attachment/i.test(headers.get('content-disposition') ?? '')) return;
  const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const charset = type.params.get('charset') ?? 'utf-8';
  // Line ends as a parser gives them (LF), whatever the file used.
  const decoded = decodeBody(body, encoding, charset).replace(/\r\n/g, '\n');
  found[subtype] = (found[subtype] + decoded).slice(0, limit);
}

/** Where the body starts: after the first blank line (the whole entity is headers when none). */
function headerEnd(entity: Buffer): number {
  if (entity[0] === 0x0a) return 1;
  if (entity[0] === 0x0d && entity[1] === 0x0a) return 2;
  const lf = entity.indexOf('\n\n');
  const crlf = entity.indexOf('\r\n\r\n');
  if (lf === -1 && crlf === -1) return entity.length;
  if (crlf === -1 || (lf !== -1 && lf < crlf)) return lf + 2;
  return crlf + 4;
}

/** The parts between `--boundary` lines, up to the closing one or the end of what was read. */
function* multipartParts(body: Buffer, boundary: string): Generator<Buffer> {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let start = -1;
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + 1)) {
    if (at > 0 && body[at - 1] !== 0x0a) continue; // only at a line start
    if (start !== -1) yield body.subarray(start, lineBreakBefore(body, at));
    const after = at + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return; // the closing "--boundary--"
    const lineEnd = body.indexOf(0x0a, after);
    if (lineEnd === -1) return;
    start = lineEnd + 1;
  }
  if (start !== -1) yield body.subarray(start); // cut off by the read limit
}

/** The CRLF or LF before a delimiter belongs to the delimiter. */
function lineBreakBefore(body: Buffer, at: number): number {
  let end = at - 1;
  if (end > 0 && body[end - 1] === 0x0d) end -= 1;
  return Math.max(end, 0);
}

function decodeBody(body: Buffer, encoding: string, charset: string): string {
  let bytes = body;
  if (encoding === 'base64') {
    // Node decodes unpadded base64 too: the last group of a part without "=" is kept.
    bytes = Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  } else if (encoding === 'quoted-printable') {
    bytes = libqp.decode(body.toString('latin1'));
  }
  return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
}

/** `type/subtype; name=value; name="quoted value"` (lowercased type and names). */
function parseContentType(value: string | undefined): {
  value: string;
  params: Map<string, string>;
} {
  const [type = '', ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S*))/.exec(param);
    if (m) params.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  // "TEXT/PLAIN charset=US-ASCII" (a ";" lost) is still text/plain, as mail clients show it.
  return { value: mediaTypeOf(type) || 'text/plain', params };
}
