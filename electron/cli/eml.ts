/**
 * Turns a raw message (bytes, whole or its first megabyte as the source readers
 * keep it) into what detection takes: the header block as stored (latin1, byte
 * for byte) and a body excerpt decoded by mailparser.
 */
import { simpleParser, type Attachment } from 'mailparser';
import {
  collapseDoubledCarriageReturns,
  headerBlockOf,
  mediaTypeOf,
  unpartedBody,
} from '../mail-format/index.js';
import type { MessageInput } from '../detect/types.js';

const EXCERPT = 64 * 1024;

export async function messageInputOf(source: Buffer): Promise<MessageInput> {
  const raw = collapseDoubledCarriageReturns(source);
  const rawHeaders = headerBlockOf(raw.toString('latin1'));
  let parsed;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return { rawHeaders };
  }
  let text = parsed.text || inlinePart(parsed.attachments, 'text/plain');
  let html =
    (typeof parsed.html === 'string' && parsed.html) || inlinePart(parsed.attachments, 'text/html');
  // mailparser's own reading of the Content-Type: no second parse of the header block.
  const type = parsed.headers.get('content-type') as { value?: string } | undefined;
  if (!text && !html && parsed.attachments.length === 0 && type?.value?.startsWith('multipart/'))
    ({ text, html } = unpartedBody(
      raw.toString('latin1', rawHeaders.length, rawHeaders.length + EXCERPT),
    ));
  return {
    rawHeaders,
    body: {
      text: text ? text.slice(0, EXCERPT) : undefined,
      html: html ? html.slice(0, EXCERPT) : undefined,
    },
  };
}

/**
 * A text part whose Content-Type lost its ";" ("TEXT/PLAIN charset=US-ASCII")
 * is an attachment to mailparser, but shown inline by mail clients: its text.
 */
function inlinePart(attachments: readonly Attachment[], type: string): string {
  for (const a of attachments) {
    if (a.contentDisposition === 'attachment' || a.filename) continue;
    if (mediaTypeOf(a.contentType) === type) return a.content.toString('latin1');
  }
  return '';
}
