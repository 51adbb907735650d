import type { Migration } from './types.js';

/** Folders and message headers, as the server (or a local import) shows them. */
export const migration0002: Migration = {
  version: 2,
  name: 'mailbox',
  up(db) {
    db.exec(`
      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        delimiter TEXT,
        special_use TEXT,
        messages INTEGER NOT NULL DEFAULT 0,
        unseen INTEGER NOT NULL DEFAULT 0,
        uidvalidity INTEGER,
        uidnext INTEGER,
        highestmodseq TEXT,
        UNIQUE (account_id, path)
      ) STRICT;
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        message_id TEXT,
        date TEXT,
        internal_date TEXT,
        from_name TEXT,
        from_address TEXT,
        to_json TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        flags TEXT NOT NULL DEFAULT '',
        has_list_unsubscribe INTEGER NOT NULL DEFAULT 0,
        -- The raw header block, byte for byte.
        headers BLOB NOT NULL,
        -- Where a locally imported message came from (file or mbox#index).
        origin TEXT,
        UNIQUE (folder_id, uid)
      ) STRICT;
      CREATE INDEX messages_by_account_date ON messages (account_id, date DESC);
      CREATE INDEX messages_by_folder_date ON messages (folder_id, date DESC);
      CREATE INDEX messages_by_from ON messages (from_address);
    `);
  },
};
