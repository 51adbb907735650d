/**
 * Which scanned messages the user wrote (outside Sent): those are summarized
 * on insert, for the relationship index, while the rest wait for detection.
 * Looked at in bytes first: most header blocks never need a string made.
 */
import { summarizeHeaders, type HeaderSummary } from '../mail-format/index.js';
import { rawField } from '../mail-format/index.js';

/**
 * The summary of a message one of the (lowercase) addresses sent; null for
 * any other. Only blocks whose From field mentions one (found in the bytes,
 * no string made) are parsed: the user's address is usually in To.
 */
export function ownMessageSummary(
  headers: Buffer,
  addresses: readonly string[],
): HeaderSummary | null {
  const field = rawField(headers, 'from');
  if (!field || !addresses.some((address) => mentions(field, address))) return null;
  const summary = summarizeHeaders(headers);
  const from = summary.from?.address.toLowerCase();
  return from !== undefined && addresses.includes(from) ? summary : null;
}

/** Whether the bytes hold `address` (lowercase), ASCII case ignored: compared around each "@". */
export function mentions(headers: Buffer, address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0) return false;
  for (let i = headers.indexOf(64); i !== -1; i = headers.indexOf(64, i + 1)) {
    const start = i - at;
    if (start < 0 || start + address.length > headers.length) continue;
    let k = 0;
    while (k < address.length) {
      const c = headers[start + k]!;
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== address.charCodeAt(k)) break;
      k++;
    }
    if (k === address.length) return true;
  }
  return false;
}
