import type { Migration } from './types.js';

/**
 * The user's rules and the history of their runs. A rule's conditions and
 * actions are one JSON document (the zod schema in shared/api/rules.ts reads
 * it back); its order, switch and scope are columns. A run keeps, per
 * journal entry it made, the rule, folder and count: the history's figures
 * and the way back (undo goes through the journal).
 *
 * No foreign key from the history to rules or accounts: a removed rule's or
 * account's runs stay readable until the retention setting drops them.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'rules',
  up(db) {
    db.exec(`
      CREATE TABLE rules (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 0,
        -- null: every account.
        account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
        -- JSON: { match, conditions, actions, stop, allowPurge }.
        spec TEXT NOT NULL,
        -- The built-in suggestion the rule was made from.
        suggestion TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rules_by_position ON rules (position);

      CREATE TABLE rule_runs (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL DEFAULT 'running'
          CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
        error TEXT
      ) STRICT;
      CREATE INDEX rule_runs_by_account ON rule_runs (account_id, id);

      CREATE TABLE rule_run_actions (
        run_id INTEGER NOT NULL REFERENCES rule_runs(id) ON DELETE CASCADE,
        journal_id INTEGER NOT NULL REFERENCES journal(id),
        rule_id INTEGER NOT NULL,
        folder TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (run_id, journal_id)
      ) STRICT;
    `);
  },
};
