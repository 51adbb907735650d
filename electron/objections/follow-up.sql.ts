/**
 * What the follow-up of cases reads of the mailbox: the messages an account
 * received since a case opened, with their header block, what detection
 * concluded (advertiser, router account, identity) and where they are now.
 */
import type { Database } from '../store/db.js';

export interface FollowUpCandidate {
  id: number;
  receivedAt: string;
  fromAddress: string | null;
  headers: Buffer;
  advertiserDomain: string | null;
  routerId: string | null;
  routerAccount: string | null;
  identity: string | null;
  /** One place the server holds it (null once it left the server). */
  folderPath: string | null;
  uid: number | null;
}

export interface FollowUpReader {
  /** Messages of the account received at or after `since` (ISO 8601), oldest first. */
  receivedSince(accountId: string, since: string): FollowUpCandidate[];
}

export function createFollowUpReader(db: Database): FollowUpReader {
  const since = db.prepare(
    `SELECT m.id, COALESCE(m.internal_date, m.date) AS receivedAt, m.from_address AS fromAddress,
       h.raw AS headers, c.advertiser_domain AS advertiserDomain, c.router_id AS routerId,
       c.router_account AS routerAccount, c.identity,
       (SELECT f.path FROM message_locations l JOIN folders f ON f.id = l.folder_id
         WHERE l.message_id = m.id ORDER BY l.folder_id LIMIT 1) AS folderPath,
       (SELECT l.uid FROM message_locations l WHERE l.message_id = m.id
         ORDER BY l.folder_id LIMIT 1) AS uid
     FROM messages m
     JOIN message_headers h ON h.message_id = m.id
     LEFT JOIN classifications c ON c.message_id = m.id
     WHERE m.account_id = ? AND COALESCE(m.internal_date, m.date) >= ?
     ORDER BY receivedAt, m.id`,
  );
  return {
    receivedSince: (accountId, from) => since.all(accountId, from) as FollowUpCandidate[],
  };
}
