/**
 * Which of the user's addresses a message was sent to. Looks at the headers
 * the receiving server writes (Delivered-To, X-Original-To) before the ones
 * the sender writes (To, Cc), strips plus-address tags (the tag tells which
 * site leaked the address) and folds Gmail's dots.
 */
import { domainOf, FREEMAIL_DOMAINS, localPartOf, parseAddressList } from '../mail-format/index.js';
import type { ParsedHeaders } from '../mail-format/index.js';
import { ROLE_LOCAL_PARTS } from './lexicon.js';
import type { Identity, IdentityKind } from './types.js';

export interface IdentityHit {
  identity: Identity | null;
  /** The address as it appeared, lowercased. */
  address: string;
  plusTag: string | null;
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export interface CanonicalAddress {
  canonical: string;
  tag: string | null;
}

/** Canonical form for comparing addresses: no +tag, Gmail dots folded. */
export function canonicalAddress(address: string): CanonicalAddress {
  const lower = address.trim().toLowerCase();
  const domain = domainOf(lower);
  let local = localPartOf(lower);
  let tag: string | null = null;
  const plus = local.indexOf('+');
  if (plus > 0) {
    tag = local.slice(plus + 1) || null;
    local = local.slice(0, plus);
  }
  if (GMAIL.has(domain)) local = local.replace(/\./g, '');
  const canonicalDomain = domain === 'googlemail.com' ? 'gmail.com' : domain;
  return { canonical: `${local}@${canonicalDomain}`, tag };
}

export class IdentityIndex {
  private readonly byCanonical = new Map<string, Identity>();

  constructor(readonly identities: readonly Identity[]) {
    for (const identity of identities) {
      for (const address of [identity.address, ...(identity.aliases ?? [])]) {
        this.byCanonical.set(canonicalAddress(address).canonical, identity);
      }
    }
  }

  lookup(address: string): Identity | null {
    return this.byCanonical.get(canonicalAddress(address).canonical) ?? null;
  }

  get size(): number {
    return this.byCanonical.size;
  }

  /** The first of the user's identities among the (first 50) addresses of one header value. */
  hitIn(value: string): IdentityHit | null {
    for (const entry of parseAddressList(value).slice(0, 50)) {
      const identity = entry.address ? this.lookup(entry.address) : null;
      if (identity)
        return { identity, address: entry.address, plusTag: canonicalAddress(entry.address).tag };
    }
    return null;
  }
}

/** Where the user's address shows, most reliable first (the receiving side writes the first ones). */
const RECIPIENT_FIELDS = ['delivered-to', 'x-original-to', 'envelope-to', 'to', 'cc'];

export function findIdentityHit(headers: ParsedHeaders, index: IdentityIndex): IdentityHit | null {
  if (index.size > 0) {
    // The first hit wins: Delivered-To usually answers before To and Cc need parsing.
    for (const name of RECIPIENT_FIELDS) {
      for (const field of headers.fieldsNamed(name).slice(0, 5)) {
        const hit = index.hitIn(field.value);
        if (hit) return hit;
      }
    }
    return null;
  }
  // Without configured identities, the address the receiving server delivered to is the user's.
  const delivered = parseAddressList(
    headers.get('delivered-to') ?? headers.get('x-original-to'),
  )[0];
  if (!delivered?.address) return null;
  return {
    identity: null,
    address: delivered.address,
    plusTag: canonicalAddress(delivered.address).tag,
  };
}

/** Default kind of an address: webmail and ISP domains are personal. */
export function defaultIdentityKind(address: string): IdentityKind {
  return FREEMAIL_DOMAINS.has(domainOf(address)) ? 'personal' : 'professional';
}

/**
 * A nominative address names a person (firstname.lastname@, f.lastname@,
 * firstname@ at a company) rather than a role (info@, contact@, sales@).
 */
export function isNominativeAddress(address: string): boolean {
  const local = canonicalAddress(address).canonical.split('@')[0]!;
  if (!local || ROLE_LOCAL_PARTS.has(local)) return false;
  if (/\d{3,}/.test(local)) return false;
  return /^[a-z\u00e0-\u00ff]+(?:[.\-_][a-z\u00e0-\u00ff]+){0,3}$/.test(local);
}
