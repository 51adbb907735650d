import type { Migration } from './types.js';

/**
 * DKIM kept at receipt, for evidence (issue 15):
 * - `dkim_keys`: the DNS answer for each selector (`<s>._domainkey.<d>`), as the resolver gave
 *   it, cached: a key rotated later does not undo what was verified, and a bundle carries the
 *   record so the verification can be repeated offline;
 * - `message_authentication`: per message, the DKIM result of each signature over the source
 *   kept in `message_sources` (its SHA-256 names which bytes were verified), the record used,
 *   and when.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'message-authentication',
  up(db) {
    db.exec(`
      CREATE TABLE dkim_keys (
        -- <selector>._domainkey.<domain>, lowercase A-labels.
        name TEXT PRIMARY KEY,
        -- The TXT record's strings joined; null when the name has no record.
        record TEXT,
        -- Why there is no record (the resolver's code: ENOTFOUND, ENODATA).
        error TEXT,
        fetched_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE message_authentication (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        source_sha256 TEXT NOT NULL,
        -- The best result among the signatures: pass, fail, neutral, policy, temperror, none.
        dkim_result TEXT NOT NULL,
        -- The signature that gave it (d=, s=) and the key record it was checked with.
        dkim_domain TEXT,
        dkim_selector TEXT,
        dkim_key_record TEXT,
        -- JSON array: every signature with its result, comment, alignment and key record.
        signatures TEXT NOT NULL DEFAULT '[]',
        -- The receiving server's own Authentication-Results (SPF, DMARC), JSON; null without one.
        received_results TEXT,
        verified_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
