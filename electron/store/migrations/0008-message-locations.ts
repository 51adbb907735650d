import { createHash } from 'node:crypto';
import type { Migration } from './types.js';

/**
 * What a message is, apart from where it is now. `messages` keeps the
 * message itself (its header block's SHA-256, summary, verdict, source,
 * excerpt hang off its id); `message_locations` says in which folder and
 * under which UID the server holds it, with its flags. A move changes a
 * location, never the message, so its history survives; a message whose
 * last location went away is kept (`gone_at`) while it is evidence or until
 * the retention setting drops it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'message-locations',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE message_locations (
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- The folder's UIDVALIDITY when the UID was read: a UID means nothing under another.
        uidvalidity INTEGER,
        flags TEXT NOT NULL DEFAULT '',
        modseq TEXT,
        PRIMARY KEY (folder_id, uid)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO message_locations (folder_id, uid, message_id, account_id, uidvalidity, flags, modseq)
        SELECT m.folder_id, m.uid, m.id, m.account_id, f.uidvalidity, m.flags, m.modseq
        FROM messages m JOIN folders f ON f.id = m.folder_id;
      CREATE INDEX message_locations_by_message ON message_locations (message_id);

      CREATE TABLE messages_new (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- SHA-256 of the raw header block: the same message in another folder has the same one.
        header_sha256 BLOB,
        message_id TEXT,
        date TEXT,
        internal_date TEXT,
        from_name TEXT,
        from_address TEXT,
        to_json TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        has_list_unsubscribe INTEGER NOT NULL DEFAULT 0,
        summarized INTEGER NOT NULL DEFAULT 1,
        origin TEXT,
        -- When its last location went away; null while the server holds it somewhere.
        gone_at TEXT,
        -- Why it must be kept after it leaves the server (an objection, a violation, a case).
        evidence TEXT
      ) STRICT;
      INSERT INTO messages_new (id, account_id, message_id, date, internal_date, from_name,
          from_address, to_json, subject, size, has_list_unsubscribe, summarized, origin)
        SELECT id, account_id, message_id, date, internal_date, from_name, from_address, to_json,
          subject, size, has_list_unsubscribe, summarized, origin
        FROM messages;
      DROP TABLE messages;
      ALTER TABLE messages_new RENAME TO messages;
      CREATE INDEX messages_by_account_date ON messages (account_id, date DESC);
      -- Only messages no longer on the server: where a moved message is looked for.
      CREATE INDEX messages_gone_by_hash ON messages (account_id, header_sha256)
        WHERE gone_at IS NOT NULL;

      -- The last location of a message going away (expunged, moved elsewhere, folder dropped).
      CREATE TRIGGER message_left_server AFTER DELETE ON message_locations
      WHEN NOT EXISTS (SELECT 1 FROM message_locations WHERE message_id = OLD.message_id)
      BEGIN
        UPDATE messages SET gone_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = OLD.message_id;
      END;
      CREATE TRIGGER message_back_on_server AFTER INSERT ON message_locations
      BEGIN
        UPDATE messages SET gone_at = NULL WHERE id = NEW.message_id AND gone_at IS NOT NULL;
      END;
    `);
    // Header hashes of the stored messages, so that a move seen after this migration is recognised.
    db.function('header_sha256', { deterministic: true }, (raw: unknown) =>
      Buffer.isBuffer(raw) ? createHash('sha256').update(raw).digest() : null,
    );
    db.exec(`UPDATE messages SET header_sha256 = header_sha256(
      (SELECT raw FROM message_headers h WHERE h.message_id = messages.id))`);
  },
};
