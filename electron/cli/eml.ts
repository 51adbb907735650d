/**
 * Turns a raw message (bytes, whole or its first megabyte as the source readers
 * keep it) into what detection takes: the header block as stored (latin1, byte
 * for byte) and a body excerpt decoded by mailparser.
 */
import { simpleParser } from 'mailparser';
import { collapseDoubledCarriageReturns, headerBlockOf } from '../mail-format/index.js';
import type { MessageInput } from '../detect/types.js';

const EXCERPT = 64 * 1024;

export async function messageInputOf(source: Buffer): Promise<MessageInput> {
  const raw = collapseDoubledCarriageReturns(source);
  const text = raw.toString('latin1');
  const rawHeaders = headerBlockOf(text);
  try {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    return {
      rawHeaders,
      body: {
        text: parsed.text ? parsed.text.slice(0, EXCERPT) : undefined,
        html: typeof parsed.html === 'string' ? parsed.html.slice(0, EXCERPT) : undefined,
      },
    };
  } catch {
    return { rawHeaders };
  }
}
