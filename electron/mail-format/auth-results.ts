/**
 * One Authentication-Results value read (RFC 8601): the dkim, spf and dmarc
 * results after the authserv-id, and the few properties detection needs
 * (header.d / header.i, smtp.mailfrom / smtp.helo, header.from). Which of a
 * message's results may be believed is trust.ts's business, not this one's.
 */
import { addOnce } from './text.js';

export interface AuthResults {
  /** Domains whose DKIM result passed, then the others (no repeats). */
  dkimPass: string[];
  dkimFail: string[];
  /** The first SPF result; `domain` (the envelope sender's) is read only when it passed. */
  spf: { result: string; domain: string } | null;
  /** The first DMARC result; `domain` (header.from) is read only when it did not pass. */
  dmarc: { result: string; domain: string } | null;
}

const MAX_LENGTH = 4000;
/** Results read after the authserv-id. */
const MAX_RESULTS = 29;
const RESULT = /^\s*(dkim|spf|dmarc)\s*=\s*([a-z]+)/;
/** A property's value: up to 255 characters up to a blank, a parenthesis or ";". */
const PROPERTY_VALUE = /^[ \t\r\n]*([^ \t\r\n();]{0,255})/;

/** Adds what `value` says to `out` (results already there stay: the first SPF and DMARC win). */
export function readAuthResults(value: string, out: AuthResults): void {
  const parts = value.slice(0, MAX_LENGTH).toLowerCase().split(';');
  // The first part is the authserv-id.
  for (let i = 1; i < parts.length && i <= MAX_RESULTS; i++) {
    const part = parts[i]!;
    const m = RESULT.exec(part);
    if (!m) continue;
    const method = m[1]!;
    const result = m[2]!;
    if (method === 'dkim') {
      const domain = property(part, 'header.d=') || afterLastAt(property(part, 'header.i='));
      if (domain) addOnce(result === 'pass' ? out.dkimPass : out.dkimFail, domain);
    } else if (method === 'spf') {
      // Only a pass vouches for the envelope domain: other results need no domain.
      out.spf ??= { result, domain: result === 'pass' ? spfDomain(part) : '' };
    } else {
      // The domain only names a failure in its signal.
      out.dmarc ??= { result, domain: result === 'pass' ? '' : property(part, 'header.from=') };
    }
  }
}

/** The envelope sender's domain, else the whole smtp.mailfrom, else smtp.helo. */
function spfDomain(part: string): string {
  const mailFrom = property(part, 'smtp.mailfrom=');
  const at = mailFrom.lastIndexOf('@');
  return (at === -1 ? '' : mailFrom.slice(at + 1)) || mailFrom || property(part, 'smtp.helo=');
}

/** What follows the last "@", or all of it when there is none. */
function afterLastAt(value: string): string {
  return value.slice(value.lastIndexOf('@') + 1);
}

/** The value of property `key` ("header.d=") in one result, without quotes, a leading "@" or a trailing dot. */
function property(part: string, key: string): string {
  const at = part.indexOf(key);
  if (at === -1) return '';
  let value = PROPERTY_VALUE.exec(part.slice(at + key.length))![1]!;
  if (value.endsWith('.')) value = value.slice(0, -1);
  if (value.startsWith('@')) value = value.slice(1);
  return value.replace(/"/g, '');
}
