/**
 * The triage's groups counted from scratch, as the triage read them before
 * migration 0017 kept a summary (a GROUP BY over the unsolicited verdicts of
 * messages held outside Trash and Junk, each group described by its latest
 * message). Tests compare the summary's answer with it.
 */
import type { Database } from 'better-sqlite3';
import {
  TRIAGE_GROUPINGS,
  type TriageGroup,
  type TriageGrouping,
} from '../../shared/api/triage.js';
import { createTriageReader } from '../../electron/triage/index.js';

const COLUMNS: Record<TriageGrouping, { key: string; label: string }> = {
  advertiser: { key: 'c.advertiser_domain', label: 'c.advertiser_name' },
  router: { key: 'c.router_id', label: 'c.router_name' },
  identity: { key: 'c.identity', label: 'c.identity' },
  verdict: { key: 'c.verdict', label: 'c.verdict' },
};

const ON_SERVER = `c.unsolicited = 1
  AND EXISTS (SELECT 1 FROM message_locations l WHERE l.message_id = c.message_id
    AND l.folder_id NOT IN (SELECT id FROM folders WHERE special_use IN ('trash', 'junk'))
    AND (:accountId IS NULL OR l.folder_id IN (SELECT id FROM folders WHERE account_id = :accountId)))`;

const byKey = (a: TriageGroup, b: TriageGroup) => String(a.key).localeCompare(String(b.key));

export function groupsFromScratch(
  db: Database,
  by: TriageGrouping,
  accountId: string | null,
): TriageGroup[] {
  const c = COLUMNS[by];
  const rows = db
    .prepare(
      `WITH g AS (
        SELECT ${c.key} AS key, COUNT(*) AS count, MAX(c.message_id) AS latestId
        FROM classifications c WHERE ${ON_SERVER} GROUP BY ${c.key})
      SELECT g.key AS key, ${c.label} AS label, g.count AS count,
        COALESCE(m.date, m.internal_date) AS lastDate,
        c.router_name AS router, c.advertiser_domain AS advertiser, c.identity AS identity,
        c.identity_leaked AS leaked, g.latestId AS latestId,
        instr(c.detail, '"code":"customer_relationship"') > 0 AS customer,
        json_extract(c.detail, '$.legalFlags') AS legalFlags
      FROM g JOIN classifications c ON c.message_id = g.latestId
        JOIN messages m ON m.id = g.latestId`,
    )
    .all({ accountId }) as Array<Record<string, unknown>>;
  return rows
    .map((r) => ({
      key: r.key as string | null,
      label: r.label as string | null,
      count: r.count as number,
      lastDate: r.lastDate as string | null,
      router: r.router as string | null,
      advertiser: r.advertiser as string | null,
      identity: r.identity as string | null,
      identityLeaked: r.leaked === 1,
      customer: r.customer === 1,
      legalFlags: r.legalFlags
        ? (JSON.parse(r.legalFlags as string) as TriageGroup['legalFlags'])
        : [],
      latestMessageId: r.latestId as number,
    }))
    .sort(byKey);
}

/** Every grouping, for every account and all together: the summary's answer and the count's. */
export function summaryAndScratch(db: Database, accountIds: readonly string[]) {
  const reader = createTriageReader(db);
  const summary: Record<string, TriageGroup[]> = {};
  const scratch: Record<string, TriageGroup[]> = {};
  for (const by of TRIAGE_GROUPINGS)
    for (const account of [null, ...accountIds]) {
      const name = `${by}/${account ?? 'all'}`;
      summary[name] = reader.groups(by, account).sort(byKey);
      scratch[name] = groupsFromScratch(db, by, account);
    }
  return { summary, scratch };
}
