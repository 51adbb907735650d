import type { Migration } from './types.js';

/**
 * Header blocks move to their own table, and a scanned message's summary
 * (sender, subject, date...) may be filled in later.
 *
 * Why: the first scan must run close to the server's pace. Parsing every
 * header block during the scan doubled its cost, while detection parses the
 * same blocks right after it anyway; so the scan stores the raw block and
 * detection fills in the summary from its own parse (`summarized` = 0 until
 * then; the list reads pending rows' blocks directly). With the blocks apart,
 * that later update rewrites a small row, not 3-4 KB.
 *
 * The sender index goes: no query uses it (search is a substring match), and
 * its random-order inserts cost a scan more than a third of its time.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'header-store',
  up(db) {
    db.exec(`
      DROP INDEX messages_by_from;
      CREATE TABLE message_headers (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        -- The raw header block, byte for byte.
        raw BLOB NOT NULL
      ) STRICT;
      INSERT INTO message_headers (message_id, raw) SELECT id, headers FROM messages;
      ALTER TABLE messages DROP COLUMN headers;
      -- 0 while the sender, recipients, subject and date columns still wait for a parse.
      ALTER TABLE messages ADD COLUMN summarized INTEGER NOT NULL DEFAULT 1;
    `);
  },
};
