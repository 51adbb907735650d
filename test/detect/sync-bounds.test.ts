/**
 * `npm run train -- --cv --sync-bounds` reads held-out mail as the app does:
 * the body within what sync keeps of it (4 KB of text, 16 KB of HTML), not
 * the 64 KB the CLI reads.
 */
import { describe, expect, it } from 'vitest';
import { syncBoundedInput } from '../../train/sync-bounds.js';

const rawHeaders = 'From: a@example.com\r\nSubject: hi\r\n\r\n';

describe('the body read within sync’s bounds', () => {
  it('keeps the start of the text (4 KB) and of the HTML (16 KB), the headers untouched', () => {
    const text = 'word '.repeat(4000);
    const html = `<p>${'promo '.repeat(10_000)}</p>`;
    const bounded = syncBoundedInput({ rawHeaders, body: { text, html } });
    expect(bounded.rawHeaders).toBe(rawHeaders);
    expect(bounded.body?.text).toBe(text.slice(0, 4096));
    expect(bounded.body?.html).toBe(html.slice(0, 16_384));
  });

  it('adds no part the message lacks, and leaves mail read from its headers alone as it is', () => {
    expect(syncBoundedInput({ rawHeaders, body: { html: '<p>hi</p>' } }).body).toEqual({
      html: '<p>hi</p>',
    });
    const headersOnly = { rawHeaders };
    expect(syncBoundedInput(headersOnly)).toBe(headersOnly);
  });
});
