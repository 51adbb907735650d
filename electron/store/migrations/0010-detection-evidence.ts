import type { Migration } from './types.js';

/**
 * What objections and evidence need from detection, and its failures:
 * - `message_header_evidence`: per message, the List-Unsubscribe URIs in
 *   order (RFC 2369), List-Unsubscribe-Post (RFC 8058) and the tags of each
 *   DKIM-Signature, written by detection on the writer thread (a row, empty
 *   lists included, once a message's block was read: messages classified
 *   before this migration get theirs on the writer's first pass);
 * - `objections`: the objections the user sent, by advertiser domain, which
 *   the "after objection" legal flag reads (the objections capability fills
 *   it and will add its columns);
 * - `detection_errors`: a message detection failed on, with the error: it
 *   has no verdict, the UI says so, and only an explicit run retries it.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'detection-evidence',
  up(db) {
    db.exec(`
      CREATE TABLE message_header_evidence (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        -- JSON array of URIs, in the sender's order.
        list_unsubscribe TEXT NOT NULL DEFAULT '[]',
        list_unsubscribe_post TEXT,
        -- JSON array of {domain, selector, signedHeaders, algorithm, bodyHash, hasSignature,
        -- identity, signedAt}, topmost signature first.
        dkim_signatures TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

      CREATE TABLE objections (
        id INTEGER PRIMARY KEY,
        -- Registrable domain, lowercase, as detection names advertisers.
        advertiser_domain TEXT NOT NULL,
        -- ISO 8601.
        objected_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX objections_by_advertiser ON objections (advertiser_domain, objected_at);

      CREATE TABLE detection_errors (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        error TEXT NOT NULL,
        failed_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
