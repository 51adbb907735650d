/**
 * An imported message's body excerpt, for every message: the start of its
 * text and of its HTML, within the bounds sync fetches (sync/excerpts.ts).
 * Both parts, as the model was trained on (a newsletter's links and images
 * are in its HTML). Read from the message's first bytes only (see
 * MESSAGE_HEAD_BYTES): text parts come before attachments in nearly all mail,
 * and a 200 MB message must not be parsed whole to keep a few kilobytes of it.
 */
import { EXCERPT_HTML_BYTES, EXCERPT_TEXT_BYTES } from '../sync/excerpts.js';
import { findTextParts } from './text-parts.js';

export interface BodyExcerpt {
  text: string | null;
  html: string | null;
}

export function readExcerpt(head: Buffer): BodyExcerpt {
  const { text, html } = findTextParts(head, EXCERPT_HTML_BYTES);
  return { text: text.slice(0, EXCERPT_TEXT_BYTES) || null, html: html || null };
}

/** Characters an excerpt holds, to bound what waits in memory for its message's row. */
export function excerptLength(e: BodyExcerpt): number {
  return (e.text?.length ?? 0) + (e.html?.length ?? 0);
}
