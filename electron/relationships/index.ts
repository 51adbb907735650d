/**
 * The relationship index: every address and domain the user ever wrote to,
 * and the Message-IDs of the user's own messages. Mail from those, or a
 * reply in a thread the user started, is solicited whatever else it looks
 * like. Webmail and ISP domains count per address (writing to one Gmail user
 * says nothing of the others); other domains count as a whole.
 */
import type { Database } from '../store/db.js';
import type { HeaderSummary } from '../mail-format/index.js';
import { domainOf, isFreemail, registrableDomain } from '../mail-format/index.js';
import { canonicalAddress } from '../detect/identity.js';
import type { RelationshipLookup } from '../detect/types.js';

export type { RelationshipLookup } from '../detect/types.js';

/** Message-IDs are compared without their angle brackets, whichever side wrote them. */
const bareId = (id: string) => id.trim().replace(/^</, '').replace(/>$/, '');

/** Records what the user's outgoing messages show, inside the caller's transaction. */
export function createRelationshipRecorder(
  db: Database,
  accountId: string,
  ownAddresses: Set<string>,
) {
  const upsert = db.prepare(`
    INSERT INTO relationships (account_id, kind, value, first_at, last_at, messages)
    VALUES (@accountId, @kind, @value, @date, @date, 1)
    ON CONFLICT (account_id, kind, value) DO UPDATE SET
      first_at = MIN(COALESCE(first_at, excluded.first_at), COALESCE(excluded.first_at, first_at)),
      last_at = MAX(COALESCE(last_at, excluded.last_at), COALESCE(excluded.last_at, last_at)),
      messages = messages + 1`);
  const ownId = db.prepare(
    `INSERT OR IGNORE INTO own_message_ids (account_id, message_id, date) VALUES (?, ?, ?)`,
  );

  return {
    /** True when the message was written by the user: from a Sent folder, or from one of their addresses. */
    isOwn(summary: HeaderSummary, inSentFolder: boolean): boolean {
      return inSentFolder || (summary.from !== null && ownAddresses.has(summary.from.address));
    },

    record(summary: HeaderSummary): void {
      const date = summary.date;
      if (summary.messageId) ownId.run(accountId, bareId(summary.messageId), date);
      const domains = new Set<string>();
      for (const { address } of summary.to) {
        if (ownAddresses.has(address)) continue;
        upsert.run({
          accountId,
          kind: 'address',
          value: canonicalAddress(address).canonical,
          date,
        });
        const domain = registrableDomain(domainOf(address));
        if (domain && !isFreemail(domainOf(address))) domains.add(domain);
      }
      for (const value of domains) upsert.run({ accountId, kind: 'domain', value, date });
    },
  };
}

/** Loads the index into memory (it is small: people write to thousands, not millions). */
export function loadRelationshipIndex(db: Database): RelationshipLookup {
  const addresses = new Set(
    db.prepare(`SELECT value FROM relationships WHERE kind = 'address'`).pluck().all() as string[],
  );
  const domains = new Set(
    db.prepare(`SELECT value FROM relationships WHERE kind = 'domain'`).pluck().all() as string[],
  );
  const ownIds = new Set(
    db.prepare(`SELECT message_id FROM own_message_ids`).pluck().all() as string[],
  );
  return {
    hasWrittenTo: (address) => addresses.has(canonicalAddress(address).canonical),
    hasWrittenToDomain: (domain) => domains.has(registrableDomain(domain) ?? domain.toLowerCase()),
    isReplyToOwnMessage: (ids) => ids.some((id) => ownIds.has(bareId(id))),
  };
}
