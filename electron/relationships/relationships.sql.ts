/**
 * The relationship index's tables: the addresses and domains the user wrote
 * to (`relationships`) and the Message-IDs of the user's own messages
 * (`own_message_ids`); and, read from detection's verdicts, the advertisers
 * whose transactional mail the user received.
 */
import type { Database } from '../store/db.js';

export interface RelationshipsReader {
  /** Every address written to (canonical form), all accounts together. */
  addresses(): string[];
  /** Every registrable domain written to as a whole. */
  domains(): string[];
  /** The Message-IDs of the user's own messages, without angle brackets. */
  ownMessageIds(): string[];
  /**
   * The advertisers whose transactional mail (orders, receipts, account mail)
   * the user received, as detection named them: the user is their customer.
   */
  customerDomains(): string[];
}

export interface RelationshipsWriter {
  /** One more message to this address or domain, its date widening the first/last range. */
  addCorrespondent(
    accountId: string,
    kind: 'address' | 'domain',
    value: string,
    date: string | null,
  ): void;
  addOwnMessageId(accountId: string, messageId: string, date: string | null): void;
}

export type RelationshipsStore = RelationshipsReader & RelationshipsWriter;

/** Read at each build of detection's context: an index answers it alone (migration 0020). */
export const CUSTOMER_DOMAINS = `SELECT DISTINCT advertiser_domain FROM classifications
  WHERE verdict = 'transactional' AND advertiser_domain IS NOT NULL`;

export function createRelationshipsStore(db: Database): RelationshipsStore {
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
  const values = db.prepare(`SELECT value FROM relationships WHERE kind = ?`).pluck();
  const ownIds = db.prepare(`SELECT message_id FROM own_message_ids`).pluck();
  const customers = db.prepare(CUSTOMER_DOMAINS).pluck();
  return {
    addCorrespondent(accountId, kind, value, date) {
      upsert.run({ accountId, kind, value, date });
    },
    addOwnMessageId(accountId, messageId, date) {
      ownId.run(accountId, messageId, date);
    },
    addresses: () => values.all('address') as string[],
    domains: () => values.all('domain') as string[],
    ownMessageIds: () => ownIds.all() as string[],
    customerDomains: () => customers.all() as string[],
  };
}
