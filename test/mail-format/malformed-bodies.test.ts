/**
 * Real spam with a broken MIME structure (SpamAssassin public corpus, 2002):
 * a Content-Type that lost its ";", and a multipart whose boundary never
 * appears as declared. Mail clients show their text; both of our readers
 * (the CLI's and the import's) now give it to detection too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { readExcerpt } from '../../electron/importer/excerpt.js';
import { unpartedBody } from '../../electron/mail-format/index.js';
import { spamAssassinData } from '../../train/corpus.js';

const message = (id: string) => readFileSync(path.join(spamAssassinData(), `${id}.txt`));
// "Content-Type: TEXT/PLAIN charset=US-ASCII"
const NO_SEMICOLON = 'spam-2/00204.4cf15f97b8ea08bfafab7d5091b8fbe7';
// boundary="=Multipart Boundary 0925021429", parts start "--= Multipart Boundary 0925021429"
const BOUNDARY_MISMATCH = 'spam-1/00467.5b733c506b7165424a0d4a298e67970f';

describe('a text part whose Content-Type lost its ";"', () => {
  it('is read as text', async () => {
    const input = await messageInputOf(message(NO_SEMICOLON));
    expect(input.body?.text).toContain('Romanian Software Production & Export');
    expect(readExcerpt(message(NO_SEMICOLON)).text).toContain('Romanian Software Production');
  });
});

describe('a multipart whose boundary never appears as declared', () => {
  it('is read from its own lines, part headers and boundaries left out', async () => {
    const input = await messageInputOf(message(BOUNDARY_MISMATCH));
    expect(input.body?.html).toContain('You\nare receiving this email because you opted-in');
    expect(input.body?.html).not.toMatch(/Content-Type:|Multipart Boundary/);
    const imported = readExcerpt(message(BOUNDARY_MISMATCH)).html;
    expect(imported).toContain('OptinDeals');
    expect(imported).not.toMatch(/Content-Type:|Multipart Boundary/);
  });

  it('is not read when a part is base64: its letters are not words', () => {
    const body = [
      '--=B',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
      '',
      'SGVsbG8gd29ybGQ=',
    ].join('\r\n');
    expect(unpartedBody(body)).toEqual({ text: '', html: '' });
    expect(unpartedBody(body.replace('base64', '7bit')).text).toBe('SGVsbG8gd29ybGQ=');
  });
});
