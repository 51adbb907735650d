import type { Migration } from './types.js';

/**
 * The first 64 KB of the text and HTML parts of cold-prospecting candidates
 * (no List-Unsubscribe, unknown sender): tracking pixels and sales wording
 * live in the body. Never attachments.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'excerpts',
  up(db) {
    db.exec(`
      CREATE TABLE message_excerpts (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        text TEXT,
        html TEXT,
        -- Why nothing was fetched, when nothing was ('no text part', an error).
        note TEXT,
        fetched_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
