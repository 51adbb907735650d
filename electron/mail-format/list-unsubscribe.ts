/**
 * List-Unsubscribe (RFC 2369): the URIs a sender offers to leave its list,
 * each between angle brackets, in the order it prefers them. An objection
 * needs them whole (the mailto address and its subject, the https link with
 * its token), not only their hosts.
 */

/** Past this many URIs the rest are ignored. */
const MAX_URIS = 10;
/** A longer URI is dropped rather than cut: a cut link is a wrong link. */
const MAX_URI = 4096;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The URIs of a List-Unsubscribe value, in order. Whitespace inside the
 * brackets is folding and is removed (RFC 2369 section 2); text outside them
 * (comments) is ignored, and so is a bracket without a scheme.
 */
export function parseListUnsubscribe(value: string | undefined): string[] {
  const uris: string[] = [];
  if (!value) return uris;
  let open = value.indexOf('<');
  while (open !== -1 && uris.length < MAX_URIS) {
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    const uri = value.slice(open + 1, close).replace(/\s+/g, '');
    if (uri.length <= MAX_URI && SCHEME.test(uri)) uris.push(uri);
    open = value.indexOf('<', close + 1);
  }
  return uris;
}
