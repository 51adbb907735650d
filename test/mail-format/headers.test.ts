/**
 * The header block parser and the RFC 2047 decoder, against straightforward
 * versions spelled out here on arbitrary input.
 */
import fc from 'fast-check';
import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decodeHeaderValue,
  parseAddressList,
  parseHeaderBlock,
} from '../../electron/mail-format/index.js';

/** Unfolding spelled out: remove CRLF pairs then lone CRs, or every LF when there is no CR. */
function referenceUnfold(raw: string): string {
  return raw.includes('\r')
    ? raw.split('\r\n').join('').split('\r').join('')
    : raw.split('\n').join('');
}

const lineEnd = fc.constantFrom('\r\n', '\n', '\r', '\r\r\n', '\n\r');
const valueText = fc.stringMatching(/^[a-zA-Z0-9 =;:@.<>"-]{0,30}$/);

describe('header block', () => {
  it('unfolds values as splitting on line breaks and joining does, whatever the line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(valueText, lineEnd), { maxLength: 6 }), (parts) => {
        const folded = parts.map(([v, eol], i) => (i ? ' ' : '') + v + eol).join('') + 'end';
        const raw = `X-Test:${folded}\n\n`;
        const value = parseHeaderBlock(raw).get('x-test');
        // The parser cuts the value at the first line that is not a continuation.
        if (value === undefined) return;
        // Only a value spread over several lines is unfolded (a lone CR inside a line stays).
        const rawValue = raw.slice(7, 7 + rawValueLength(raw));
        const expected = (rawValue.includes('\n') ? referenceUnfold(rawValue) : rawValue).trim();
        expect(value).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('recognises names in any case and any order, repeated or not', () => {
    const headers = parseHeaderBlock(
      'RECEIVED: a\nReceived: b\nreceived: c\nX-Flood-1: 1\nDKIM-Signature: d=x.fr\nFrom: a@b.fr\n\n',
    );
    expect(headers.all('received')).toEqual(['a', 'b', 'c']);
    expect(headers.get('dkim-signature')).toBe('d=x.fr');
    expect(headers.has('x-flood-1')).toBe(true);
    expect(headers.get('Received')).toBeUndefined(); // names are looked up lowercased
  });

  it('keeps reading names after a flood of thousands of distinct names', () => {
    const flood = Array.from({ length: 3000 }, (_, i) => `X-Random-${i}-${i * 7919}: v${i}`);
    for (let start = 0; start < flood.length; start += 500)
      parseHeaderBlock(flood.slice(start, start + 500).join('\n') + '\n\n');
    const headers = parseHeaderBlock('X-Brand-New-Name: 1\nX-Random-2999-23748181: again\n\n');
    expect(headers.get('x-brand-new-name')).toBe('1');
    expect(headers.get('x-random-2999-23748181')).toBe('again');
  });

  it('skips lines without a colon, however many', () => {
    const junk = 'no colon here\n'.repeat(15_000); // 210 KB, inside the 256 KB read
    const headers = parseHeaderBlock(`${junk}Subject: still read\n\n`);
    expect(headers.get('subject')).toBe('still read');
  });
});

/** Where the folded value ends: the first line break not followed by a blank. */
function rawValueLength(raw: string): number {
  for (let i = 7; i < raw.length; i++) {
    if (raw[i] !== '\n') continue;
    const next = raw[i + 1];
    if (next !== ' ' && next !== '\t') return (raw[i - 1] === '\r' ? i - 1 : i) - 7;
  }
  return raw.length - 7;
}

/** RFC 2047 words spelled out: a TextDecoder per word, Buffer for the bytes. */
function referenceDecodeWord(charset: string, encoding: string, payload: string): string {
  const decoder = new TextDecoder(charset.toLowerCase());
  if (encoding === 'B' || encoding === 'b') return decoder.decode(Buffer.from(payload, 'base64'));
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c === 95) bytes.push(32);
    else if (
      c === 61 &&
      i + 2 < payload.length &&
      /^[0-9a-fA-F]{2}$/.test(payload.slice(i + 1, i + 3))
    ) {
      bytes.push(parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return decoder.decode(Buffer.from(bytes));
}

describe('encoded words', () => {
  it('decode as a TextDecoder per word does', () => {
    const qChar = fc.oneof(
      fc.constantFrom('_', '=C3=A9', '=E2=80=93', '=c3=a8', '=F0=9F=98=80', '=3F', '=', '=Z'),
      fc.stringMatching(/^[a-zA-Z0-9 !*+/-]$/),
      fc.constantFrom('=C3', '=FF=FE', '=EF=BB=BF'),
    );
    const qPayload = fc.array(qChar, { maxLength: 20 }).map((p) => p.join(''));
    const bPayload = fc
      .uint8Array({ maxLength: 30 })
      .map((bytes) => Buffer.from(bytes).toString('base64'));
    const word = fc.oneof(
      fc.tuple(fc.constantFrom('utf-8', 'UTF-8'), fc.constant('Q'), qPayload),
      fc.tuple(fc.constantFrom('utf-8', 'UTF-8'), fc.constantFrom('B', 'b'), bPayload),
    );
    fc.assert(
      fc.property(word, ([charset, encoding, payload]) => {
        expect(decodeHeaderValue(`=?${charset}?${encoding}?${payload}?=`)).toBe(
          referenceDecodeWord(charset, encoding, payload),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reads an encoded display name as the full tokenizer does', () => {
    const from = '=?UTF-8?Q?Maison_Lumi=C3=A8re?= <News@Maison-Lumiere.FR>';
    expect(parseAddressList(from)).toEqual([
      { name: 'Maison Lumière', address: 'news@maison-lumiere.fr' },
    ]);
    // With a comma the full tokenizer runs: same answer.
    expect(parseAddressList(`${from}, x@y.fr`)[0]).toEqual(parseAddressList(from)[0]);
  });
});
