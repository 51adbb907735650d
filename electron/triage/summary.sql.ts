/**
 * The triage summary (migration 0017) kept exact around a batch of verdicts,
 * once per batch instead of once per verdict (migration 0019 dropped the
 * per-verdict triggers: each re-counted eight groups for one message). The batch's members leave their groups before its
 * verdicts are written (their groups are those of the verdicts being
 * replaced), then join the groups of their new verdicts; a group whose
 * latest message left takes its latest member again. Deleted verdicts and
 * changed locations still go through 0017's triggers.
 */
import type { Database } from '../store/db.js';
import { GROUPINGS, visibleAccount } from '../store/migrations/0017-triage-summary-triggers.js';
import { writeTransaction } from '../store/transaction.js';

export interface TriageSummaryWriter {
  /**
   * Runs `write`, which writes the verdicts of messages `ids` and of no other, in one
   * transaction with the summary brought up to date around it.
   */
  aroundVerdicts<T>(ids: readonly number[], write: () => T): T;
}

/** The key of verdict row `c` in grouping `g.grouping`. */
const KEY = `CASE g.grouping ${GROUPINGS.map(([g, key]) => `WHEN '${g}' THEN COALESCE(c.${key}, '')`).join(' ')} END`;
/** Each grouping, and each member counted twice: in its account and in all accounts (''). */
const GROUPS_OF_MEMBER = `(${GROUPINGS.map(([g]) => `SELECT '${g}' AS grouping`).join(' UNION ALL ')}) g,
  (SELECT 0 AS everyone UNION ALL SELECT 1) e`;
const ACCOUNT = `CASE e.everyone WHEN 1 THEN '' ELSE t.account_id END`;
/** The batch's members' groups, with how many of the batch each counts. */
const MEMBER_GROUPS = `SELECT g.grouping, ${ACCOUNT} AS account_id, ${KEY} AS key,
    COUNT(*) AS n, MAX(t.message_id) AS latest_id
  FROM triage_members t JOIN classifications c ON c.message_id = t.message_id, ${GROUPS_OF_MEMBER}
  WHERE t.message_id IN (SELECT value FROM json_each(@ids))
  GROUP BY 1, 2, 3`;
/** The latest member of group row `triage_groups` (what 0017's trigger reads, per grouping). */
const LATEST_MEMBER = `CASE triage_groups.grouping ${GROUPINGS.map(
  ([g, key]) => `WHEN '${g}' THEN (SELECT c.message_id
    FROM classifications c JOIN triage_members t ON t.message_id = c.message_id
    WHERE c.unsolicited = 1 AND c.${key} IS NULLIF(triage_groups.key, '')
      AND (triage_groups.account_id = '' OR t.account_id = triage_groups.account_id)
    ORDER BY c.message_id DESC LIMIT 1)`,
).join(' ')} END`;

export function createTriageSummaryWriter(db: Database): TriageSummaryWriter {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS triage_leaving (
    grouping TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,
    n INTEGER NOT NULL, latest_left INTEGER NOT NULL,
    PRIMARY KEY (grouping, account_id, key)) WITHOUT ROWID`);
  const steps = {
    forget: db.prepare(`DELETE FROM temp.triage_leaving`),
    leaving: db.prepare(`INSERT INTO temp.triage_leaving (grouping, account_id, key, n, latest_left)
      SELECT l.grouping, l.account_id, l.key, l.n, EXISTS (SELECT 1 FROM triage_groups s
        WHERE (s.grouping, s.account_id, s.key) = (l.grouping, l.account_id, l.key)
          AND s.latest_id IN (SELECT value FROM json_each(@ids)))
      FROM (${MEMBER_GROUPS}) l`),
    uncount: db.prepare(`UPDATE triage_groups SET count = count - l.n FROM temp.triage_leaving l
      WHERE (triage_groups.grouping, triage_groups.account_id, triage_groups.key)
        = (l.grouping, l.account_id, l.key)`),
    leave: db.prepare(
      `DELETE FROM triage_members WHERE message_id IN (SELECT value FROM json_each(@ids))`,
    ),
    // Only messages in the batch: a verdict written by `write` for another would be missed.
    join: db.prepare(`INSERT INTO triage_members (message_id, account_id)
      SELECT message_id, account_id FROM (
        SELECT c.message_id, ${visibleAccount('c.message_id')} AS account_id
        FROM classifications c
        WHERE c.message_id IN (SELECT value FROM json_each(@ids)) AND c.unsolicited = 1)
      WHERE account_id IS NOT NULL`),
    count: db.prepare(`INSERT INTO triage_groups (grouping, account_id, key, count, latest_id)
      SELECT grouping, account_id, key, n, latest_id FROM (${MEMBER_GROUPS}) WHERE true
      ON CONFLICT DO UPDATE SET count = count + excluded.count,
        latest_id = max(latest_id, excluded.latest_id)`),
    dropEmpty: db.prepare(`DELETE FROM triage_groups WHERE count = 0 AND (grouping, account_id, key)
      IN (SELECT grouping, account_id, key FROM temp.triage_leaving)`),
    relatest: db.prepare(`UPDATE triage_groups SET latest_id = ${LATEST_MEMBER}
      WHERE (grouping, account_id, key)
        IN (SELECT grouping, account_id, key FROM temp.triage_leaving WHERE latest_left = 1)`),
  };
  const around = writeTransaction(db, (ids: string, write: () => unknown) => {
    const p = { ids };
    steps.forget.run();
    steps.leaving.run(p);
    steps.uncount.run();
    steps.leave.run(p);
    const result = write();
    steps.join.run(p);
    steps.count.run(p);
    steps.dropEmpty.run();
    steps.relatest.run();
    return result;
  });
  return {
    aroundVerdicts: <T>(ids: readonly number[], write: () => T) =>
      ids.length === 0 ? writeTransaction(db, write)() : (around(JSON.stringify(ids), write) as T),
  };
}
