/**
 * The preview reads a message's kept source as it was received: CR CR LF
 * line ends (mail-format/line-ends.ts) must not leave it blank.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMessageBody } from '../../electron/preview/body.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'messages');

describe('the preview of a message with CR CR LF line ends', () => {
  it('shows its body', async () => {
    const body = await readMessageBody(1, readFileSync(path.join(CORPUS, '0046.eml')));
    expect(body.text).toContain('We are an India-based Website development company.');
  });
});
