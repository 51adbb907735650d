/**
 * CR CR LF line ends (a CRLF message converted once more, as some relays and
 * archives publish them) hid where a message's headers end: its body read as
 * more headers and detection found no text at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { collapseDoubledCarriageReturns } from '../../electron/mail-format/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'messages');

describe('CR CR LF line ends', () => {
  it('become CRLF, and nothing else changes', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    expect(
      collapseDoubledCarriageReturns(bytes('A: 1\r\r\nB: 2\r\r\r\n\r\r\nbody\r\r\n')).toString(
        'latin1',
      ),
    ).toBe('A: 1\r\nB: 2\r\n\r\nbody\r\n');
    // A lone CR, CRs before anything but an LF, LF and CRLF ends: untouched, the same buffer.
    const other = bytes('A: 1\r\nB: x\ry\r\r z\n\nbody\n');
    expect(collapseDoubledCarriageReturns(other)).toBe(other);
  });

  it('no longer hide a real message’s body (shared corpus 0046, a web-development pitch)', async () => {
    const input = await messageInputOf(readFileSync(path.join(CORPUS, '0046.eml')));
    expect(input.body?.text).toContain('We are an India-based Website development company.');
    // The header block ends where the headers do.
    expect(input.rawHeaders).toContain('Subject: New & Renew');
    expect(input.rawHeaders).not.toContain('India-based');
  });
});
