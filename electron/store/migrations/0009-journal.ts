import type { Migration } from './types.js';

/**
 * The journal: one row per action on a server or the network (a move, a flag
 * change, a message sent). Its intent is committed before the action starts,
 * its outcome after; a row still `pending` when the app starts again was cut
 * short and becomes `unknown`, never retried by itself.
 *
 * No foreign key to accounts: the journal is a record of what was done, kept
 * when an account is removed (proof for an objection, a run's history).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'journal',
  up(db) {
    db.exec(`
      CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        -- JSON: what will be done, with the messages' identities and locations.
        intent TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'done', 'failed', 'unknown', 'undone')),
        -- JSON: what the server answered (a UID map, an appended message's UID).
        outcome TEXT,
        -- JSON: { code, message } when the action failed or its outcome is unknown.
        error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        -- The entry this one reverses.
        undo_of INTEGER REFERENCES journal(id)
      ) STRICT;
      CREATE INDEX journal_by_account ON journal (account_id, id);
      CREATE INDEX journal_pending ON journal (state) WHERE state = 'pending';
      CREATE INDEX journal_by_undo_of ON journal (undo_of) WHERE undo_of IS NOT NULL;
    `);
  },
};
