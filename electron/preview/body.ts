/**
 * A message's body, read from its kept source with mailparser: the HTML part
 * (inline `cid:` images turned into data URIs), the text part, and the list
 * of attachments. Nothing here renders or cleans HTML: the UI does, in a
 * sandboxed frame.
 */
import type { MessageBody } from '../../shared/api/preview.js';
import { collapseDoubledCarriageReturns } from '../mail-format/index.js';

/** The most characters of HTML or text the preview takes (a message is not a book). */
export const PREVIEW_MAX_CHARS = 2 * 1024 * 1024;

export async function readMessageBody(messageId: number, raw: Buffer): Promise<MessageBody> {
  // mailparser and its encodings take about 15 MB: loaded when a message is first opened.
  const { simpleParser } = await import('mailparser');
  // CR CR LF line ends would hide the body (mail-format/line-ends.ts).
  const parsed = await simpleParser(collapseDoubledCarriageReturns(raw), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  const text = parsed.text ?? null;
  return {
    messageId,
    html: html === null ? null : html.slice(0, PREVIEW_MAX_CHARS),
    text: text === null ? null : text.slice(0, PREVIEW_MAX_CHARS),
    truncated: (html?.length ?? 0) > PREVIEW_MAX_CHARS || (text?.length ?? 0) > PREVIEW_MAX_CHARS,
    attachments: parsed.attachments
      .filter((a) => !(a.related && a.contentId))
      .map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
      })),
  };
}
