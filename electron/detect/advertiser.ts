/**
 * Who the message is sent on behalf of: the registrable domain of the From
 * address (subdomains of one brand grouped), checked against DKIM alignment,
 * with the display name and a privacy contact when the message shows one.
 * Mail from a person's webmail address has no advertiser.
 */
import {
  domainOf,
  isFreemail,
  registrableDomain,
  type ParsedAddress,
} from '../mail-format/index.js';
import { findPrivacyContact, type BodyExcerpt } from './body.js';
import type { TrustReport } from './trust.js';
import type { AdvertiserInfo } from './types.js';

/** Platform domains shared by many senders: the publication, not the platform, advertises. */
const SHARED_SENDER_DOMAINS: ReadonlySet<string> = new Set([
  'substack.com',
  'beehiiv.com',
  'mailchimpapp.com',
  'mcsv.net',
  'sendgrid.net',
  'hubspotemail.net',
  'firebaseapp.com',
  'ccsend.com',
  'convertkit-mail.com',
  'amazonses.com',
  // The From a platform writes for senders without a domain of their own (<account>.brevosend.com).
  'brevosend.com',
  'hubspotstarter.net',
  'hubspotfree.net',
]);

export interface AdvertiserInput {
  from: ParsedAddress | null;
  /** Domain of the From address when already read (saves reading it again). */
  fromDomain?: string;
  /** Its registrable domain, when already read. */
  fromRegistrable?: string | null;
  listId: string;
  trust: TrustReport;
  body?: BodyExcerpt;
}

export function resolveAdvertiser(input: AdvertiserInput): AdvertiserInfo | null {
  const address = input.from?.address ?? '';
  const host = input.fromDomain ?? domainOf(address);
  if (!host) return null;
  const registrable =
    input.fromRegistrable !== undefined ? input.fromRegistrable : registrableDomain(host);
  if (!registrable || isFreemail(registrable)) return null;
  const domain = SHARED_SENDER_DOMAINS.has(registrable)
    ? publicationHost(host, registrable, input.listId, address)
    : registrable;
  const name = input.from?.name ? input.from.name.slice(0, 200) : null;
  return {
    domain,
    name: name || null,
    privacyContact: findPrivacyContact(input.body),
    aligned: isAligned(registrable, input.trust),
  };
}

/** writer@substack.com with List-Id <writer.substack.com> -> writer.substack.com. */
function publicationHost(
  host: string,
  registrable: string,
  listId: string,
  address: string,
): string {
  if (listId.endsWith('.' + registrable)) return listId;
  if (host !== registrable && !host.startsWith('mail.')) return host;
  const local = address.slice(0, address.indexOf('@'));
  return local ? `${local}.${registrable}` : registrable;
}

/**
 * Relaxed DMARC-style alignment: a DKIM signature whose d= shares the From's
 * registrable domain. With trusted results it must have verified; without
 * them a present signature is the best we can say.
 */
export function isAligned(fromRegistrable: string, trust: TrustReport): boolean {
  for (const sig of trust.signatures) {
    if (registrableDomain(sig.domain) !== fromRegistrable) continue;
    if (!trust.hasAuthResults || sig.verified) return true;
  }
  for (const domain of trust.dkimPass)
    if (registrableDomain(domain) === fromRegistrable) return true;
  return false;
}
