/**
 * The body excerpt as sync keeps it (electron/sync/excerpts.ts): the start of
 * the text part and of the HTML part, within EXCERPT_TEXT_BYTES and
 * EXCERPT_HTML_BYTES. The CLI and imports read 64 KB of each; `npm run train --
 * --cv --sync-bounds` measures the shipped kind of model on what the app reads.
 * Sync cuts a part's bytes as sent (quoted-printable or base64 included); here
 * the decoded text is cut at as many characters, which keeps a little more.
 */
import type { MessageInput } from '../electron/detect/index.js';
import { EXCERPT_HTML_BYTES, EXCERPT_TEXT_BYTES } from '../electron/sync/excerpts.js';

export function syncBoundedInput(input: MessageInput): MessageInput {
  const body = input.body;
  if (body === undefined) return input;
  const bounded: NonNullable<MessageInput['body']> = {};
  if (body.text !== undefined) bounded.text = body.text.slice(0, EXCERPT_TEXT_BYTES);
  if (body.html !== undefined) bounded.html = body.html.slice(0, EXCERPT_HTML_BYTES);
  return { ...input, body: bounded };
}
