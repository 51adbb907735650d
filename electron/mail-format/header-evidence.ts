/**
 * What an objection or a complaint needs from a header block beyond the
 * summary: how the sender offers to unsubscribe (RFC 2369 URIs, RFC 8058
 * one-click) and who signed the message (the DKIM-Signature tags).
 */
import { parseDkimSignature, type DkimSignatureTags } from './dkim-signature.js';
import type { ParsedHeaders } from './headers.js';
import { parseListUnsubscribe } from './list-unsubscribe.js';

export interface HeaderEvidence {
  /** List-Unsubscribe URIs in the sender's order (https, mailto, ...). */
  listUnsubscribe: string[];
  /** List-Unsubscribe-Post as written ("List-Unsubscribe=One-Click"), or null. */
  listUnsubscribePost: string | null;
  /** Every DKIM-Signature field, topmost first (at most MAX_SIGNATURES). */
  dkimSignatures: DkimSignatureTags[];
}

const MAX_SIGNATURES = 10;
const MAX_POST = 200;

export function headerEvidenceOf(headers: ParsedHeaders): HeaderEvidence {
  const post = headers.get('list-unsubscribe-post');
  return {
    listUnsubscribe: parseListUnsubscribe(headers.get('list-unsubscribe')),
    listUnsubscribePost: post ? post.slice(0, MAX_POST) : null,
    dkimSignatures: headers
      .all('dkim-signature')
      .slice(0, MAX_SIGNATURES)
      .map((value) => parseDkimSignature(value)),
  };
}
