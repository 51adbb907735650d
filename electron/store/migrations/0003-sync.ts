import type { Migration } from './types.js';

/**
 * Sync state per folder, skipped messages with their reason, raw sources
 * fetched on demand, and the relationship index (who the user wrote to).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      -- The folder name as the server lists it (modified UTF-7), for commands.
      ALTER TABLE folders ADD COLUMN listed_path TEXT;
      -- Virtual folders that repeat others (\\All, \\Flagged) are not scanned.
      ALTER TABLE folders ADD COLUMN skip_reason TEXT;
      -- 1 once every message present when the scan began is stored.
      ALTER TABLE folders ADD COLUMN scan_complete INTEGER NOT NULL DEFAULT 0;
      -- HIGHESTMODSEQ when the first scan began: changes after it are caught incrementally.
      ALTER TABLE folders ADD COLUMN scan_modseq TEXT;
      ALTER TABLE folders ADD COLUMN synced_at TEXT;
      ALTER TABLE messages ADD COLUMN modseq TEXT;

      CREATE TABLE message_problems (
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (folder_id, uid)
      ) STRICT;

      -- The complete RFC 5322 source, byte for byte, when it became needed.
      CREATE TABLE message_sources (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        raw BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) STRICT;

      -- Addresses and domains the user wrote to (from Sent and the user's own messages).
      CREATE TABLE relationships (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('address', 'domain')),
        value TEXT NOT NULL,
        first_at TEXT,
        last_at TEXT,
        messages INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, kind, value)
      ) STRICT;
      CREATE INDEX relationships_by_value ON relationships (value);

      -- Message-IDs of the user's own messages: a later reply to one is solicited.
      CREATE TABLE own_message_ids (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        date TEXT,
        PRIMARY KEY (account_id, message_id)
      ) STRICT;
    `);
  },
};
