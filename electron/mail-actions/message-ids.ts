/** A message's Message-ID (with its angle brackets, as the store keeps it), read from raw bytes. */
import { rawField } from '../mail-format/index.js';

const MESSAGE_ID = /<[^<>\s]{1,900}>/;

/** From a raw header block. */
export function messageIdIn(headers: Buffer | null): string | null {
  const field = headers ? rawField(headers, 'message-id') : null;
  return field ? (MESSAGE_ID.exec(field.toString('latin1'))?.[0] ?? null) : null;
}

/** From a whole message: only its header block is searched. */
export function messageIdOfRaw(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n');
  return messageIdIn(end === -1 ? raw : raw.subarray(0, end + 2));
}
