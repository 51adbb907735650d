/**
 * The triage reads: unsolicited mail still on a server (a message with at
 * least one location outside Trash and Junk), grouped by one classification column, and a group's
 * messages. The groups come from the summary migration 0017 keeps exact (a GROUP BY over a
 * million verdicts took seconds); a group's messages are read where they are. The grouping column
 * comes from a fixed map, never from input.
 */
import type { Signal, Verdict } from '../../shared/types.js';
import type {
  TriageGroup,
  TriageGroupPage,
  TriageGrouping,
  TriageMessage,
  WeekCount,
} from '../../shared/api/triage.js';
import type { Database } from '../store/db.js';

export interface TriageReader {
  groups(by: TriageGrouping, accountId: string | null): TriageGroup[];
  /** `limit` groups from `offset`, largest first, and the totals. */
  groupPage(
    by: TriageGrouping,
    accountId: string | null,
    offset: number,
    limit: number,
  ): TriageGroupPage;
  messages(
    by: TriageGrouping,
    key: string | null,
    accountId: string | null,
    offset: number,
    limit: number,
  ): { total: number; items: TriageMessage[] };
  /** Unsolicited mail per week (Monday) since `since` (ISO date), oldest first. */
  perWeek(accountId: string | null, since: string): WeekCount[];
}

export const COLUMNS: Record<TriageGrouping, { key: string }> = {
  advertiser: { key: 'c.advertiser_domain' },
  router: { key: 'c.router_id' },
  identity: { key: 'c.identity' },
  verdict: { key: 'c.verdict' },
};

/** Held on a server (a location) outside Trash and Junk, in the account asked for (through
 * its folders: the location index then answers alone). Mail the user (or a rule) threw away
 * is dealt with: counting it kept a blocked advertiser's group as if nothing had happened. */
export const ON_SERVER = `c.unsolicited = 1
  AND EXISTS (SELECT 1 FROM message_locations l WHERE l.message_id = c.message_id
    AND l.folder_id NOT IN (SELECT id FROM folders WHERE special_use IN ('trash', 'junk'))
    AND (:accountId IS NULL OR l.folder_id IN (SELECT id FROM folders WHERE account_id = :accountId)))`;

interface GroupRow {
  key: string | null;
  label: string | null;
  count: number;
  lastDate: string | null;
  router: string | null;
  advertiser: string | null;
  identity: string | null;
  leaked: number;
  customer: number;
  legalFlags: string | null;
  latestId: number;
}

function toGroup(row: GroupRow): TriageGroup {
  return {
    key: row.key,
    label: row.label,
    count: row.count,
    lastDate: row.lastDate,
    router: row.router,
    advertiser: row.advertiser,
    identity: row.identity,
    identityLeaked: row.leaked === 1,
    customer: row.customer === 1,
    legalFlags: row.legalFlags ? (JSON.parse(row.legalFlags) as Signal[]) : [],
    latestMessageId: row.latestId,
  };
}

export function createTriageReader(db: Database): TriageReader {
  // Migration 0017's summary: one row a group, with what it shows; account '' is every account.
  // Read in the order of its count index: a page costs its own rows, not the whole grouping's;
  // what a group shows is read from its latest message.
  const groupQuery = db.prepare<
    { by: string; accountId: string; offset: number; limit: number },
    GroupRow
  >(`
    SELECT NULLIF(g.key, '') AS key, CASE g.grouping WHEN 'advertiser' THEN c.advertiser_name
        WHEN 'router' THEN c.router_name WHEN 'identity' THEN c.identity ELSE c.verdict END AS label,
      g.count AS count, COALESCE(m.date, m.internal_date) AS lastDate, c.router_name AS router,
      c.advertiser_domain AS advertiser, c.identity AS identity, c.identity_leaked AS leaked,
      instr(c.detail, '"code":"customer_relationship"') > 0 AS customer,
      json_extract(c.detail, '$.legalFlags') AS legalFlags, g.latest_id AS latestId
    FROM triage_groups g JOIN classifications c ON c.message_id = g.latest_id
      JOIN messages m ON m.id = g.latest_id
    WHERE g.grouping = :by AND g.account_id = :accountId
    ORDER BY g.count DESC, g.key LIMIT :limit OFFSET :offset`);
  const totals = db.prepare<
    { by: string; accountId: string },
    { groups: number; messages: number }
  >(`SELECT COUNT(*) AS groups, COALESCE(SUM(count), 0) AS messages FROM triage_groups
    WHERE grouping = :by AND account_id = :accountId`);
  const page = (by: TriageGrouping, accountId: string | null, offset: number, limit: number) =>
    groupQuery.all({ by, accountId: accountId ?? '', offset, limit }).map(toGroup);
  const messageQueries = new Map(
    Object.entries(COLUMNS).map(([by, c]) => {
      const where = `${ON_SERVER} AND ${c.key} IS :key`;
      return [
        by,
        {
          count: db.prepare<{ accountId: string | null; key: string | null }, { n: number }>(
            `SELECT COUNT(*) AS n FROM classifications c JOIN messages m ON m.id = c.message_id WHERE ${where}`,
          ),
          page: db.prepare<
            { accountId: string | null; key: string | null; offset: number; limit: number },
            TriageMessage
          >(`
            SELECT m.id AS id, m.account_id AS accountId, COALESCE(m.date, m.internal_date) AS date,
              m.from_name AS fromName, m.from_address AS fromAddress, m.subject AS subject,
              c.verdict AS verdict
            FROM classifications c JOIN messages m ON m.id = c.message_id
            WHERE ${where}
            ORDER BY COALESCE(m.date, m.internal_date) DESC, m.id DESC
            LIMIT :limit OFFSET :offset`),
        },
      ];
    }),
  );

  // The Monday of the message's week: back six days, then on to the next Monday (or the same day).
  const perWeek = db.prepare<{ accountId: string | null; since: string }, WeekCount>(`
    SELECT date(COALESCE(m.date, m.internal_date), '-6 days', 'weekday 1') AS week, COUNT(*) AS count
    FROM classifications c JOIN messages m ON m.id = c.message_id
    WHERE c.unsolicited = 1 AND (:accountId IS NULL OR m.account_id = :accountId)
      AND COALESCE(m.date, m.internal_date) >= :since
    GROUP BY week ORDER BY week`);

  return {
    perWeek: (accountId, since) => perWeek.all({ accountId, since }),
    groups: (by, accountId) => page(by, accountId, 0, -1),
    groupPage: (by, accountId, offset, limit) => ({
      ...totals.get({ by, accountId: accountId ?? '' })!,
      items: page(by, accountId, offset, limit),
    }),
    messages(by, key, accountId, offset, limit) {
      const q = messageQueries.get(by)!;
      return {
        total: q.count.get({ accountId, key })!.n,
        items: q.page.all({ accountId, key, offset, limit }).map((m) => ({
          ...m,
          verdict: m.verdict as Verdict,
        })),
      };
    },
  };
}
