/**
 * The hot path reads headers with cheaper means than the first version did
 * (indexOf walks, shared caches, a UTF-8 shortcut, one pattern for DKIM tags,
 * result parsing without splitting). Each must give the answers of the
 * straightforward version, kept here as the reference, on arbitrary input.
 */
import fc from 'fast-check';
import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decodeHeaderValue,
  parseAddressList,
  parseHeaderBlock,
  parseReceived,
} from '../../electron/mail-format/index.js';
import { analyseTrust } from '../../electron/detect/trust.js';
import { getDomain } from 'tldts';
import { signal } from '../../electron/detect/signals.js';

/** The first unfolding: remove CRLF pairs then lone CRs, or every LF when there is no CR. */
function referenceUnfold(raw: string): string {
  return raw.includes('\r')
    ? raw.split('\r\n').join('').split('\r').join('')
    : raw.split('\n').join('');
}

const lineEnd = fc.constantFrom('\r\n', '\n', '\r', '\r\r\n', '\n\r');
const valueText = fc.stringMatching(/^[a-zA-Z0-9 =;:@.<>"-]{0,30}$/);

describe('header block', () => {
  it('unfolds values as the split/join version did', () => {
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

  it('keeps working when a flood of distinct names fills the name table', () => {
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

/** The first decoder of RFC 2047 words: a TextDecoder per charset, Buffer for the bytes. */
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
  it('decode as a TextDecoder per word did', () => {
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

/** The first DKIM tag reader: split on ";", the tag is what precedes the first "=". */
function referenceDkim(value: string): { domain: string; selector: string; signed: string } {
  const text = value.length > 4000 ? value.slice(0, 4000) : value;
  let domain = '';
  let selector = '';
  let signed = '';
  let pos = 0;
  while (pos < text.length) {
    const semi = text.indexOf(';', pos);
    const end = semi === -1 ? text.length : semi;
    const eq = text.indexOf('=', pos);
    if (eq !== -1 && eq < end) {
      const tag = text.slice(pos, eq).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
      const v = text.slice(eq + 1, end);
      if (tag.length === 1) {
        const t = tag.toLowerCase();
        if (t === 'd') domain = v.trim().toLowerCase();
        else if (t === 's') selector = v.trim().toLowerCase();
        else if (t === 'h') signed = v;
      }
    }
    pos = end + 1;
  }
  return { domain, selector, signed };
}

describe('DKIM-Signature tags', () => {
  it('read as the split-on-semicolon version did, the last occurrence winning', () => {
    const tag = fc.oneof(
      fc.constantFrom(
        'd',
        'D',
        's',
        'S',
        'h',
        'H',
        'b',
        'bh',
        'v',
        'a',
        ' d',
        'd ',
        '\r\n\td',
        'x d',
      ),
      fc.stringMatching(/^[a-z ]{0,3}$/),
    );
    const tagValue = fc.stringMatching(/^[a-zA-Z0-9 .:=+/-]{0,20}$/);
    const part = fc
      .tuple(tag, fc.boolean(), tagValue)
      .map(([t, eq, v]) => (eq ? `${t}=${v}` : t + v));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const value = parts.join(';');
        const trust = analyseTrust(parseHeaderBlock(`DKIM-Signature: ${value}\n\n`));
        const sig = trust.signatures[0]!;
        const expected = referenceDkim(` ${value}`);
        expect({ domain: sig.domain, selector: sig.selector, signed: sig.signedHeaders }).toEqual(
          expected,
        );
      }),
      { numRuns: 3000 },
    );
  });
});

/** The first results reader: lowercase, split on ";", a regex per result. */
function referenceResults(value: string): {
  pass: string[];
  fail: string[];
  spf: { result: string; domain: string } | null;
  dmarc: { result: string; domain: string } | null;
} {
  const pass = new Set<string>();
  const fail = new Set<string>();
  let spf: { result: string; domain: string } | null = null;
  let dmarc: { result: string; domain: string } | null = null;
  const prop = (part: string, key: string): string => {
    const at = part.indexOf(key);
    if (at === -1) return '';
    let v = /^[ \t\r\n]*([^ \t\r\n();]{0,255})/.exec(part.slice(at + key.length))![1]!;
    if (v.endsWith('.')) v = v.slice(0, -1);
    if (v.startsWith('@')) v = v.slice(1);
    return v.replace(/"/g, '');
  };
  for (const part of value.slice(0, 4000).toLowerCase().split(';').slice(1, 30)) {
    const m = /^\s*(dkim|spf|dmarc)\s*=\s*([a-z]+)/.exec(part);
    if (!m) continue;
    const [, kind, result] = m as unknown as [string, string, string];
    if (kind === 'dkim') {
      const identity = prop(part, 'header.i=');
      const domain = prop(part, 'header.d=') || identity.slice(identity.lastIndexOf('@') + 1);
      if (domain) (result === 'pass' ? pass : fail).add(domain);
    } else if (kind === 'spf') {
      const mailFrom = prop(part, 'smtp.mailfrom=');
      const at = mailFrom.lastIndexOf('@');
      const domain =
        (at === -1 ? '' : mailFrom.slice(at + 1)) || mailFrom || prop(part, 'smtp.helo=');
      // Only a pass keeps its domain now: nothing reads it otherwise.
      spf ??= { result, domain: result === 'pass' ? domain : '' };
    } else {
      dmarc ??= { result, domain: result === 'pass' ? '' : prop(part, 'header.from=') };
    }
  }
  return { pass: [...pass], fail: [...fail], spf, dmarc };
}

describe('Authentication-Results', () => {
  it('read as the split-and-regex version did', () => {
    const method = fc.constantFrom(
      'dkim',
      'DKIM',
      'spf',
      'dmarc',
      'arc',
      ' dkim',
      '\r\n\tspf',
      'dmarc ',
    );
    const result = fc.constantFrom('pass', 'fail', 'PASS', 'none', 'softfail', '', ' pass');
    const prop = fc.constantFrom(
      ' header.i=@brand.fr',
      ' header.d=Mail.Brand.FR',
      ' header.i=news@x.fr.',
      ' smtp.mailfrom=bounce@b.example',
      ' smtp.mailfrom=b.example',
      ' smtp.helo=relay.example',
      ' header.from="brand.fr"',
      ' header.i="news"@brand.fr',
      ' HEADER.D=\tBrand.fr.',
      ' smtp.mailfrom=@b.example',
      ' smtp.mailfrom=x@',
      ' smtp.mailfrom="a@b"@c.example.',
      ' header.i=@.',
      ' header.i=brand.fr',
      ' header.b=AbC',
      ' (comment; with semicolon)',
      '',
    );
    const part = fc
      .tuple(method, fc.constantFrom('=', ' = ', '=='), result, fc.array(prop, { maxLength: 3 }))
      .map(([m, eq, r, props]) => m + eq + r + props.join(''));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const value = ['mx.example.org', ...parts].join(';');
        const raw = [
          'Received: from relay.sender.example (relay.sender.example [203.0.113.5]) by mx.example.org with ESMTPS id 1',
          `Authentication-Results: ${value}`,
          '',
          '',
        ].join('\n');
        const trust = analyseTrust(parseHeaderBlock(raw));
        const expected = referenceResults(` ${value}`);
        expect({
          pass: [...trust.dkimPass],
          fail: [...trust.dkimFail],
          spf: trust.spf,
          dmarc: trust.dmarc,
        }).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('shared results', () => {
  it('builds each signal once and shares it, frozen', () => {
    const a = signal('sales_language', { phrase: 'quick question' });
    const b = signal('sales_language', { phrase: 'quick question' });
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.en).toBe('sales wording: “quick question”');
    expect(signal('sales_language', { phrase: 'démo' })).not.toBe(a);
  });
});

/** The first Received reader: lowercase the first 600 characters, then find the words. */
function referenceHop(value: string): { helo: string; rdns: string; ip: string; by: string } {
  const lower = value.length > 600 ? value.slice(0, 600).toLowerCase() : value.toLowerCase();
  const blank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  const word = (w: string): number => {
    for (let pos = 0; pos < lower.length;) {
      const at = lower.indexOf(w, pos);
      if (at === -1) return -1;
      const before = at === 0 ? 32 : lower.charCodeAt(at - 1);
      const after = at + w.length < lower.length ? lower.charCodeAt(at + w.length) : 32;
      if ((blank(before) || before === 41) && blank(after)) return at;
      pos = at + w.length;
    }
    return -1;
  };
  const token = (text: string, start: number): string => {
    let i = start;
    while (i < text.length && blank(text.charCodeAt(i))) i++;
    let j = i;
    while (j < text.length && j - i < 255 && !/[ \t\n\r();]/.test(text[j]!)) j++;
    return text.charCodeAt(j - 1) === 46 ? text.slice(i, j - 1) : text.slice(i, j);
  };
  const ipIn = (text: string): string => {
    const open = text.indexOf('[');
    if (open === -1) return '';
    const close = text.indexOf(']', open + 1);
    if (close === -1 || close - open > 60) return '';
    return text.slice(open + 1, close).replace(/^ipv6:/, '');
  };
  const hop = { helo: '', rdns: '', ip: '', by: '' };
  const byAt = word('by');
  const fromAt = word('from');
  if (byAt !== -1) hop.by = token(lower, byAt + 3);
  if (fromAt !== -1) {
    const clause = lower.slice(fromAt + 5, byAt > fromAt ? byAt : lower.length);
    hop.helo = token(clause, 0);
    const open = clause.indexOf('(');
    const close = clause.indexOf(')', open + 1);
    const comment = open !== -1 ? clause.slice(open + 1, close === -1 ? undefined : close) : '';
    if (comment) {
      hop.ip = ipIn(comment);
      const heloAt = comment.indexOf('helo=');
      if (heloAt !== -1) {
        const name = token(comment, heloAt + 5);
        if (!hop.helo || hop.helo.startsWith('[')) hop.helo = name;
      } else {
        const t = token(comment, 0);
        const host =
          t.includes('.') && !t.startsWith('[') && getDomain(t.replace(/\.$/, '')) !== null;
        if (host && t !== 'unknown') hop.rdns = t;
      }
    }
    if (!hop.ip) hop.ip = ipIn(clause);
    if (hop.helo.startsWith('[')) hop.helo = '';
  }
  return hop;
}

describe('Received hops', () => {
  it('read as the lowercase-everything version did', () => {
    const bit = fc.constantFrom(
      'from ',
      'From ',
      'FROM ',
      ' by ',
      ' By ',
      '\r\n\tby ',
      'by',
      'from',
      'mail.example.com',
      'MX.Example.NET',
      'mx.google.com.',
      'localhost',
      'nearby.fr',
      ' (',
      ')',
      ' [203.0.113.5]',
      '[IPv6:2001:db8::1]',
      'helo=relay.example',
      'HELO=X',
      'unknown',
      ' with ESMTPS id 4QWD5',
      ' (Postfix)',
      ';',
      ' ',
      'é',
      'Σ',
      'İ',
      'x'.repeat(300),
    );
    fc.assert(
      fc.property(fc.array(bit, { maxLength: 14 }), (parts) => {
        const value = ' ' + parts.join('');
        expect(parseReceived(value)).toEqual(referenceHop(value));
      }),
      { numRuns: 5000 },
    );
  });
});
