/**
 * The first 64 KB of an imported message's text and HTML, as sync stores for
 * cold-prospecting candidates. Read from the message's first bytes only (see
 * MESSAGE_HEAD_BYTES): text parts come before attachments in nearly all mail,
 * and a 200 MB message must not be parsed whole to keep 64 KB of it.
 */
import { findTextParts } from './text-parts.js';

const LIMIT = 64 * 1024;

export interface BodyExcerpt {
  text: string | null;
  html: string | null;
}

export function readExcerpt(head: Buffer): BodyExcerpt {
  const { text, html } = findTextParts(head, LIMIT);
  return { text: text || null, html: html || null };
}

/** Characters an excerpt holds, to bound what waits in memory for its message's row. */
export function excerptLength(e: BodyExcerpt): number {
  return (e.text?.length ?? 0) + (e.html?.length ?? 0);
}
