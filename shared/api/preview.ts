/** A message's body for the preview: fetched on demand through the kept source, never rendered here. */
import { call } from './define.js';
import { messageRef } from './schemas.js';

/** An attachment as the preview lists it (its content stays in the kept source). */
export interface BodyAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

/**
 * What the preview shows. `html` is the message's own HTML, unsanitized: the UI sanitizes it
 * and shows it in a sandboxed frame; `cid:` images are already inlined as data URIs.
 */
export interface MessageBody {
  messageId: number;
  html: string | null;
  text: string | null;
  /** The HTML or the text was cut at the preview's limit. */
  truncated: boolean;
  attachments: BodyAttachment[];
}

export const previewCalls = {
  /** The body of a message, from its kept source (fetched once from the server or the file). */
  'messages.body': call<MessageBody>()(messageRef),
} as const;
