import type { Migration } from './types.js';

/**
 * What detection concluded for each message, the user's identities (with
 * leak tracking), the user's wanted/unwanted decisions, and the token model
 * trained on those decisions.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'detection',
  up(db) {
    db.exec(`
      CREATE TABLE classifications (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        verdict TEXT NOT NULL,
        score REAL NOT NULL,
        unsolicited INTEGER NOT NULL,
        router_id TEXT,
        router_name TEXT,
        router_account TEXT,
        advertiser_domain TEXT,
        advertiser_name TEXT,
        identity TEXT,
        plus_tag TEXT,
        identity_leaked INTEGER NOT NULL DEFAULT 0,
        -- The full result (signals, legal flags, router and advertiser details) as JSON.
        detail TEXT NOT NULL,
        classified_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX classifications_by_verdict ON classifications (verdict);
      CREATE INDEX classifications_by_advertiser ON classifications (advertiser_domain);
      CREATE INDEX classifications_by_router ON classifications (router_id);

      CREATE TABLE identities (
        address TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('personal', 'professional')),
        visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
        -- 'account' (an account's address), 'seen' (found in To/Delivered-To...), 'user'.
        origin TEXT NOT NULL,
        first_seen TEXT,
        -- The first unsolicited marketing that reached a private identity.
        leaked_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        leaked_at TEXT,
        leaked_advertiser TEXT,
        leaked_router TEXT
      ) STRICT;

      CREATE TABLE sender_decisions (
        sender TEXT PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('address', 'domain')),
        decision TEXT NOT NULL CHECK (decision IN ('wanted', 'unwanted')),
        decided_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE models (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
