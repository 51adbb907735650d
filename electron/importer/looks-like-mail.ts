/**
 * The one "does this look like an email message?" check, shared by the
 * importer and the CLI: a header block whose first line is a field, holding at
 * least one of From, Date, Message-ID or Received, with no NUL byte, and ended
 * by a blank line (the body separator). A config file's `key: value` lines, a
 * binary file or an empty one fail it, each with its reason.
 */

/** A message as the source readers give it: its first bytes and its whole length. */
export interface MessageStart {
  head: Buffer;
  size: number;
  /** True for a message cut out of an mbox (the reason then says "message", not "file"). */
  fromMbox: boolean;
}

const KEY_FIELDS = new Set(['from', 'date', 'message-id', 'received']);
const FIELD_NAME = /^([!-9;-~]+):/;
const LF = 0x0a;
const CR = 0x0d;

/** Null when the message looks like mail; otherwise why it is not imported. */
export function whyNotMail(message: MessageStart): string | null {
  const { head, size } = message;
  if (size === 0) return message.fromMbox ? 'empty message' : 'empty file';
  let hasKeyField = false;
  for (let pos = 0, line = 0; pos < head.length; line++) {
    const lf = head.indexOf(LF, pos);
    const end = lf === -1 ? head.length : lf;
    // CR LF, and the CR CR LF some relays write, end a line as LF does.
    let contentEnd = end;
    while (contentEnd > pos && head[contentEnd - 1] === CR) contentEnd--;
    if (contentEnd === pos && lf !== -1) {
      if (line === 0) return 'no header block: not an email message';
      if (head.subarray(0, pos).includes(0))
        return 'binary data in the header block: not an email message';
      return hasKeyField
        ? null
        : 'no From, Date, Message-ID or Received field: not an email message';
    }
    const first = head[pos];
    if (line === 0 || (first !== 0x20 && first !== 0x09)) {
      // A field name is short: 1,000 bytes are plenty to read one.
      const name = FIELD_NAME.exec(head.toString('latin1', pos, Math.min(contentEnd, pos + 1000)));
      if (!name && line === 0) return 'no header block: not an email message';
      if (name && KEY_FIELDS.has(name[1]!.toLowerCase())) hasKeyField = true;
    }
    if (lf === -1) break;
    pos = lf + 1;
  }
  return head.length < size
    ? `no blank line ending the header block in the first ${Math.round(head.length / 1024)} KB: not an email message`
    : 'no blank line after the header block: not an email message';
}

export function looksLikeMail(message: MessageStart): boolean {
  return whyNotMail(message) === null;
}
