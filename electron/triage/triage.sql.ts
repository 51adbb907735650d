/**
 * The triage reads: unsolicited mail still on a server (a message with at
 * least one location outside Trash and Junk), grouped by one classification column, and a group's
 * messages. The grouping column comes from a fixed map, never from input.
 */
import type { Signal, Verdict } from '../../shared/types.js';
import type {
  TriageGroup,
  TriageGrouping,
  TriageMessage,
  WeekCount,
} from '../../shared/api/triage.js';
import type { Database } from '../store/db.js';

export interface TriageReader {
  groups(by: TriageGrouping, accountId: string | null): TriageGroup[];
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

export const COLUMNS: Record<TriageGrouping, { key: string; label: string }> = {
  advertiser: { key: 'c.advertiser_domain', label: 'c.advertiser_name' },
  router: { key: 'c.router_id', label: 'c.router_name' },
  identity: { key: 'c.identity', label: 'c.identity' },
  verdict: { key: 'c.verdict', label: 'c.verdict' },
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
  legalFlags: string | null;
  latestId: number;
}

export function createTriageReader(db: Database): TriageReader {
  const groupQueries = new Map(
    Object.entries(COLUMNS).map(([by, c]) => [
      by,
      // Counted over the grouping's index alone (migration 0015); what a group shows is read
      // from its latest stored message only.
      db.prepare<{ accountId: string | null }, GroupRow>(`
        WITH g AS (
          SELECT ${c.key} AS key, COUNT(*) AS count, MAX(c.message_id) AS latestId
          FROM classifications c
          WHERE ${ON_SERVER}
          GROUP BY ${c.key})
        SELECT g.key AS key, ${c.label} AS label, g.count AS count,
          COALESCE(m.date, m.internal_date) AS lastDate,
          c.router_name AS router, c.advertiser_domain AS advertiser, c.identity AS identity,
          c.identity_leaked AS leaked, g.latestId AS latestId,
          json_extract(c.detail, '$.legalFlags') AS legalFlags
        FROM g JOIN classifications c ON c.message_id = g.latestId
          JOIN messages m ON m.id = g.latestId
        ORDER BY g.count DESC, g.key`),
    ]),
  );
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
    groups(by, accountId) {
      return groupQueries
        .get(by)!
        .all({ accountId })
        .map((row) => ({
          key: row.key,
          label: row.label,
          count: row.count,
          lastDate: row.lastDate,
          router: row.router,
          advertiser: row.advertiser,
          identity: row.identity,
          identityLeaked: row.leaked === 1,
          legalFlags: row.legalFlags ? (JSON.parse(row.legalFlags) as Signal[]) : [],
          latestMessageId: row.latestId,
        }));
    },
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
