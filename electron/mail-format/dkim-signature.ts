/**
 * The tags of a DKIM-Signature field (RFC 6376 section 3.5), as written: who
 * signed (d=, i=), with which key (s=) and algorithm (a=), which header
 * fields (h=), the body hash (bh=), whether a signature value is there (b=)
 * and when it was made (t=). Nothing here checks the signature; evidence
 * keeps what the sender claimed, detection decides what to believe.
 */

export interface DkimSignatureTags {
  /** d=, lowercased. */
  domain: string | null;
  /** s=, lowercased. */
  selector: string | null;
  /** h=: the signed field names in order, lowercased. */
  signedHeaders: string[];
  /** a=, e.g. "rsa-sha256". */
  algorithm: string | null;
  /** bh=, base64 with folding removed. */
  bodyHash: string | null;
  /** b= is present and not empty. */
  hasSignature: boolean;
  /** i=, the agent or user identity, as written. */
  identity: string | null;
  /** t=, seconds since 1970. */
  signedAt: number | null;
}

/** Past this length the rest of the field is ignored (b= of a 4096-bit key is about 700). */
const MAX_LENGTH = 8000;
const MAX_SIGNED_HEADERS = 100;
const MAX_VALUE = 1000;

/**
 * The tags of one signature. The value is a ";"-separated tag list; folding
 * whitespace is removed from every value. A tag written twice makes the
 * signature invalid by the RFC; the last one is kept, as trust.ts reads it.
 */
export function parseDkimSignature(value: string): DkimSignatureTags {
  const text = value.length > MAX_LENGTH ? value.slice(0, MAX_LENGTH) : value;
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]*$/.test(name)) continue;
    tags.set(name, part.slice(eq + 1).replace(/\s+/g, ''));
  }
  const tagValue = (name: string, lower = false): string | null => {
    const v = tags.get(name);
    if (!v) return null;
    const cut = v.slice(0, MAX_VALUE);
    return lower ? cut.toLowerCase() : cut;
  };
  const t = tags.get('t');
  return {
    domain: tagValue('d', true),
    selector: tagValue('s', true),
    signedHeaders: (tags.get('h') ?? '')
      .toLowerCase()
      .split(':')
      .filter((name) => name !== '')
      .slice(0, MAX_SIGNED_HEADERS),
    algorithm: tagValue('a', true),
    bodyHash: tagValue('bh'),
    hasSignature: (tags.get('b') ?? '') !== '',
    identity: tagValue('i'),
    signedAt: t && /^\d{1,12}$/.test(t) ? Number(t) : null,
  };
}
