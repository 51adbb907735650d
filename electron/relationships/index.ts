/**
 * The relationship index: every address and domain the user ever wrote to,
 * and the Message-IDs of the user's own messages. Mail from those, or a
 * reply in a thread the user started, is solicited whatever else it looks
 * like. Webmail and ISP domains count per address (writing to one Gmail user
 * says nothing of the others); other domains count as a whole. The domains
 * whose orders, receipts or account mail reached the user make them a
 * customer (CPCE L.34-5's existing-customer exception).
 */
import type { HeaderSummary } from '../mail-format/index.js';
import { domainOf, isFreemail, registrableDomain } from '../mail-format/index.js';
import { canonicalAddress } from '../detect/identity.js';
import type { RelationshipLookup } from '../detect/types.js';
import type { RelationshipsReader, RelationshipsWriter } from './relationships.sql.js';

export type { RelationshipLookup } from '../detect/types.js';

/** Message-IDs are compared without their angle brackets, whichever side wrote them. */
const bareId = (id: string) => id.trim().replace(/^</, '').replace(/>$/, '');

export interface RelationshipRecorder {
  /** True when the message was written by the user: from a Sent folder, or from one of their addresses. */
  isOwn(summary: HeaderSummary, inSentFolder: boolean): boolean;
  /** Records whom an own message was written to, inside the caller's transaction. */
  record(summary: HeaderSummary): void;
}

/** Records what the user's outgoing messages show, inside the caller's transaction. */
export function createRelationshipRecorder(
  store: RelationshipsWriter,
  accountId: string,
  ownAddresses: Set<string>,
): RelationshipRecorder {
  return {
    isOwn(summary, inSentFolder) {
      return inSentFolder || (summary.from !== null && ownAddresses.has(summary.from.address));
    },

    record(summary) {
      const date = summary.date;
      if (summary.messageId) store.addOwnMessageId(accountId, bareId(summary.messageId), date);
      // An unsubscribe or an objection letter asks a sender to stop: it makes no correspondent of
      // it (its later mail would pass as wanted). A reply to it still belongs to the thread.
      if (summary.sentByApp) return;
      const domains = new Set<string>();
      for (const { address } of summary.to) {
        if (ownAddresses.has(address)) continue;
        store.addCorrespondent(accountId, 'address', canonicalAddress(address).canonical, date);
        const domain = registrableDomain(domainOf(address));
        if (domain && !isFreemail(domainOf(address))) domains.add(domain);
      }
      for (const value of domains) store.addCorrespondent(accountId, 'domain', value, date);
    },
  };
}

/** Loads the index into memory (it is small: people write to thousands, not millions). */
export function loadRelationshipIndex(store: RelationshipsReader): RelationshipLookup {
  const addresses = new Set(store.addresses());
  const domains = new Set(store.domains());
  const ownIds = new Set(store.ownMessageIds());
  const customerOf = new Set(store.customerDomains());
  const key = (domain: string) => registrableDomain(domain) ?? domain.toLowerCase();
  return {
    hasWrittenTo: (address) => addresses.has(canonicalAddress(address).canonical),
    hasWrittenToDomain: (domain) => domains.has(key(domain)),
    isReplyToOwnMessage: (ids) => ids.some((id) => ownIds.has(bareId(id))),
    isCustomerOf: (domain) => customerOf.has(key(domain)),
  };
}

export {
  createRelationshipsStore,
  type RelationshipsReader,
  type RelationshipsStore,
  type RelationshipsWriter,
} from './relationships.sql.js';
