/**
 * The user's own post to a mailing list, as kept in the Sent folder, carries
 * none of the list headers (the list server adds them on the way out): only
 * the recipient shows it is a list. List servers live on hosts named for the
 * job (lists.example.org, listes.example.fr) or on list services.
 */
import { domainOf, parseAddressList, registrableDomain } from '../mail-format/index.js';
import type { ParsedHeaders } from '../mail-format/index.js';

/** First label of a list server's host name: Mailman, Sympa, ezmlm, ... */
const LIST_HOST_LABELS: ReadonlySet<string> = new Set([
  'lists',
  'list',
  'listes',
  'liste',
  'ml',
  'mailman',
  'sympa',
  'groups',
]);

/** Services that host mailing lists for everyone. */
const LIST_SERVICES: ReadonlySet<string> = new Set([
  'googlegroups.com',
  'groups.io',
  'freelists.org',
  'framalistes.org',
  'riseup.net',
  'listserv.net',
]);

/** True when the host looks like a mailing-list server. */
export function isMailingListHost(host: string): boolean {
  const dot = host.indexOf('.');
  if (dot > 0 && LIST_HOST_LABELS.has(host.slice(0, dot))) return true;
  const domain = registrableDomain(host);
  return domain !== null && LIST_SERVICES.has(domain);
}

/** The first To/Cc address on a mailing-list host, or null. */
export function listRecipientOf(headers: ParsedHeaders): string | null {
  for (const name of ['to', 'cc']) {
    const entries = parseAddressList(headers.get(name));
    for (let i = 0; i < entries.length && i < 50; i++) {
      const address = entries[i]!.address;
      if (address && isMailingListHost(domainOf(address))) return address;
    }
  }
  return null;
}
