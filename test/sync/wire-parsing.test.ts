/**
 * The lean IMAP reader: responses are framed correctly however the bytes are
 * split, literals stay byte-exact, and the data items sync relies on parse.
 */
import { describe, expect, it } from 'vitest';
import { decodeTextPart, findTextParts } from '../../electron/sync/bodystructure.js';
import { parseInternalDate } from '../../electron/mail-format/index.js';
import {
  expandSequenceSet,
  fetchItems,
  parseUntagged,
  toSequenceSet,
} from '../../electron/sync/response-parser.js';
import { ResponseReader, type RawResponse } from '../../electron/sync/response-reader.js';

const header = Buffer.from('Subject: caf\xe9\r\nX-Trap: \r\nW3 OK fake\r\n\r\n', 'latin1');
const stream = Buffer.concat([
  Buffer.from(
    `* 1 FETCH (UID 7 FLAGS (\\Seen $Junk) INTERNALDATE "02-Nov-2026 10:00:00 +0100" RFC822.SIZE 1234 MODSEQ (99) BODY[HEADER] {${header.length}}\r\n`,
  ),
  header,
  Buffer.from(
    ')\r\n* ESEARCH (TAG "W2") UID ALL 1:3,7\r\n* VANISHED (EARLIER) 4:5,9\r\nW3 OK done\r\n',
  ),
]);

function frame(chunks: Buffer[]): RawResponse[] {
  const out: RawResponse[] = [];
  const reader = new ResponseReader((r) => out.push(r));
  for (const c of chunks) reader.push(c);
  return out;
}

describe('IMAP response framing and parsing', () => {
  it('frames the same responses whatever the chunking, literals byte for byte', () => {
    const whole = frame([stream]);
    expect(whole).toHaveLength(4);
    for (let cut = 1; cut < stream.length; cut += 7) {
      const split = frame([stream.subarray(0, cut), stream.subarray(cut)]);
      expect(
        split.map((r) => r.parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : p))),
      ).toEqual(
        whole.map((r) => r.parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : p))),
      );
    }
    const items = fetchItems(parseUntagged(whole[0]!)!.values);
    expect(items.get('UID')).toBe(7);
    expect(items.get('FLAGS')).toEqual(['\\Seen', '$Junk']);
    expect(items.get('RFC822.SIZE')).toBe(1234);
    expect((items.get('BODY[HEADER]') as Buffer).equals(header)).toBe(true);
    expect(parseInternalDate(items.get('INTERNALDATE'))).toBe('2026-11-02T09:00:00.000Z');
  });

  it('reads ESEARCH and VANISHED answers', () => {
    const [, esearch, vanished] = frame([stream]);
    expect(parseUntagged(esearch!)).toMatchObject({
      type: 'ESEARCH',
      values: [['TAG', 'W2'], 'UID', 'ALL', '1:3,7'],
    });
    expect(parseUntagged(vanished!)).toMatchObject({
      type: 'VANISHED',
      values: [['EARLIER'], '4:5,9'],
    });
    expect(expandSequenceSet('1:3,7')).toEqual([1, 2, 3, 7]);
    expect(toSequenceSet([1, 2, 3, 7, 9, 10])).toBe('1:3,7,9:10');
  });

  it('converts internal dates with any offset, and refuses garbage', () => {
    expect(parseInternalDate(' 2-Mar-2026 23:30:00 -0500')).toBe('2026-03-03T04:30:00.000Z');
    expect(parseInternalDate('31-DEC-2025 23:59:59 +0530')).toBe('2025-12-31T18:29:59.000Z');
    expect(parseInternalDate('1-Jan-2026 00:00:00 +0000')).toBe('2026-01-01T00:00:00.000Z');
    expect(parseInternalDate('02-Nov-2026 10:00:00 +0100')).toBe('2026-11-02T09:00:00.000Z');
    expect(parseInternalDate('02-Nox-2026 10:00:00 +0100')).toBeNull();
    expect(parseInternalDate('02-Nov-2026 10:00:00 *0100')).toBeNull();
    expect(parseInternalDate('02-Nov-2026 1O:00:00 +0100')).toBeNull();
    expect(parseInternalDate('02/Nov/2026 10:00:00 +0100')).toBeNull();
    expect(parseInternalDate('')).toBeNull();
    expect(parseInternalDate('yesterday')).toBeNull();
    expect(parseInternalDate(12)).toBeNull();
  });

  it('finds text parts in a BODYSTRUCTURE and leaves attachments out', () => {
    const structure = [
      [
        [
          'TEXT',
          'PLAIN',
          ['CHARSET', 'iso-8859-1'],
          null,
          null,
          'QUOTED-PRINTABLE',
          120,
          4,
          null,
          null,
          null,
        ],
        ['TEXT', 'HTML', ['CHARSET', 'utf-8'], null, null, 'BASE64', 400, 6, null, null, null],
        'ALTERNATIVE',
      ],
      [
        'TEXT',
        'PLAIN',
        ['NAME', 'notes.txt'],
        null,
        null,
        '7BIT',
        50,
        2,
        null,
        ['ATTACHMENT', ['FILENAME', 'notes.txt']],
        null,
      ],
      'MIXED',
    ];
    expect(findTextParts(structure)).toEqual([
      {
        part: '1.1',
        subtype: 'plain',
        charset: 'iso-8859-1',
        encoding: 'quoted-printable',
        size: 120,
      },
      { part: '1.2', subtype: 'html', charset: 'utf-8', encoding: 'base64', size: 400 },
    ]);
    expect(
      decodeTextPart(Buffer.from('d=E9mo =\r\nrapide'), 'quoted-printable', 'iso-8859-1'),
    ).toBe('démo rapide');
    // A base64 part cut at 64 KB mid-quad still decodes what it can.
    expect(
      decodeTextPart(
        Buffer.from(Buffer.from('Réunion').toString('base64').slice(0, 10)),
        'base64',
        'utf-8',
      ),
    ).toBe('Réuni');
  });
});
