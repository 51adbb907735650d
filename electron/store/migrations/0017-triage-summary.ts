import type { Migration } from './types.js';
import { TRIAGE_SUMMARY_TRIGGERS } from './0017-triage-summary-triggers.js';

/**
 * The triage's groups, kept up to date instead of counted at each read (a
 * GROUP BY over a million verdicts took seconds). `triage_members`: the messages
 * the triage counts (unsolicited, held outside Trash and Junk) and their
 * account. `triage_groups`: per grouping, account ('' for all accounts
 * together) and key (advertiser domain, router id, identity, verdict; '' when
 * unknown), its count and its latest message (largest id), whose verdict says
 * what the group's row shows. Triggers keep both exact
 * (0017-triage-summary-triggers.ts); a count index gives the triage's order.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'triage-summary',
  up(db) {
    db.exec(`
      CREATE TABLE triage_members (
        message_id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        -- 1 only inside the trigger that is counting it in its groups.
        joining INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE triage_groups (
        grouping TEXT NOT NULL,
        account_id TEXT NOT NULL,
        key TEXT NOT NULL,
        count INTEGER NOT NULL,
        latest_id INTEGER NOT NULL,
        PRIMARY KEY (grouping, account_id, key)
      ) STRICT, WITHOUT ROWID;
      -- The triage's order: a page of the largest groups, and the totals, from the index alone.
      CREATE INDEX triage_groups_by_count ON triage_groups (grouping, account_id, count DESC, key);
      INSERT INTO triage_members (message_id, account_id)
        SELECT message_id, account_id FROM (
          SELECT c.message_id, (SELECT MIN(l.account_id) FROM message_locations l
            JOIN folders f ON f.id = l.folder_id
            WHERE l.message_id = c.message_id
              AND COALESCE(f.special_use, '') NOT IN ('trash', 'junk')) AS account_id
          FROM classifications c WHERE c.unsolicited = 1)
        WHERE account_id IS NOT NULL;
    `);
    for (const [grouping, column] of GROUPINGS)
      for (const account of ['t.account_id', "''"])
        db.exec(`
          INSERT INTO triage_groups (grouping, account_id, key, count, latest_id)
          SELECT '${grouping}', ${account}, COALESCE(c.${column}, ''), COUNT(*), MAX(c.message_id)
          FROM triage_members t JOIN classifications c ON c.message_id = t.message_id
          GROUP BY 2, 3`);
    db.exec(TRIAGE_SUMMARY_TRIGGERS);
  },
};

const GROUPINGS = [
  ['advertiser', 'advertiser_domain'],
  ['router', 'router_id'],
  ['identity', 'identity'],
  ['verdict', 'verdict'],
] as const;
