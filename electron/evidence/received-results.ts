/**
 * SPF and DMARC as the receiving server judged them: its Authentication-Results
 * fields (RFC 8601), kept as received. They cannot be repeated later from the
 * message alone (SPF needs the connecting IP and the DNS of that day), so the
 * bundle cites the server's words beside our own DKIM verification.
 */
import { headerBlockOf, parseHeaderBlock } from '../mail-format/index.js';

/** The message's Authentication-Results values, topmost (the last server's) first. */
export function receivedAuthResults(raw: Buffer): string[] {
  const block = headerBlockOf(raw.subarray(0, 256 * 1024).toString('latin1'));
  return parseHeaderBlock(block)
    .all('authentication-results')
    .map((v) => v.replace(/\s+/g, ' ').trim());
}
