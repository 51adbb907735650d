/**
 * Reads an IMAP BODYSTRUCTURE (RFC 9051 §7.5.2) just far enough to find the
 * text/plain and text/html parts a reader sees: their part numbers, charset
 * and transfer encoding. Attachments and nested messages are left out.
 */
import iconv from 'iconv-lite';
import libqp from 'libqp';
import type { ImapValue } from './response-parser.js';

export interface TextPart {
  part: string;
  subtype: 'plain' | 'html';
  charset: string;
  encoding: string;
  size: number;
}

export function findTextParts(structure: ImapValue, prefix = ''): TextPart[] {
  if (!Array.isArray(structure)) return [];
  if (Array.isArray(structure[0])) {
    // multipart: (part1)(part2)... "SUBTYPE" ...
    const out: TextPart[] = [];
    structure.forEach((child, i) => {
      if (Array.isArray(child))
        out.push(...findTextParts(child, prefix ? `${prefix}.${i + 1}` : `${i + 1}`));
    });
    return out;
  }
  const [type, subtype, params, , , encoding, size] = structure;
  if (str(type) !== 'text') return [];
  const sub = str(subtype);
  if (sub !== 'plain' && sub !== 'html') return [];
  // Extension data: md5, then disposition ("attachment" (...)).
  const disposition = structure[9];
  if (Array.isArray(disposition) && str(disposition[0]) === 'attachment') return [];
  return [
    {
      part: prefix || '1',
      subtype: sub,
      charset: param(params, 'charset') ?? 'us-ascii',
      encoding: str(encoding) || '7bit',
      size: typeof size === 'number' ? size : 0,
    },
  ];
}

/**
 * The parts an excerpt is read from: the first text/plain part and the first HTML one (a
 * newsletter's links and images are in its HTML, its words in both; detection reads both).
 */
export function excerptParts(structure: ImapValue): TextPart[] {
  const parts = findTextParts(structure);
  const plain = parts.find((p) => p.subtype === 'plain');
  const html = parts.find((p) => p.subtype === 'html');
  return [plain, html].filter((p): p is TextPart => p !== undefined);
}

function str(v: ImapValue | undefined): string {
  return typeof v === 'string' ? v.toLowerCase() : '';
}

function param(list: ImapValue | undefined, name: string): string | null {
  if (!Array.isArray(list)) return null;
  for (let i = 0; i + 1 < list.length; i += 2)
    if (str(list[i]) === name)
      return typeof list[i + 1] === 'string' ? (list[i + 1] as string) : null;
  return null;
}

/** Decodes a (possibly truncated) part body: transfer encoding, then charset. */
export function decodeTextPart(body: Buffer, encoding: string, charset: string): string {
  let bytes = body;
  if (encoding === 'base64') {
    const clean = body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, '');
    bytes = Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64');
  } else if (encoding === 'quoted-printable') {
    bytes = libqp.decode(body.toString('latin1'));
  }
  return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
}
