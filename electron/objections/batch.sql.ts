/**
 * A batch objection's messages: for each advertiser of the selected triage
 * groups (or of one sender), the most recent message to each identity it hit
 * — the one the objection for that advertiser and identity goes with. Mail
 * with no advertiser is counted per sender address.
 */
import type { TriageGrouping } from '../../shared/api/triage.js';
import type { Database } from '../store/db.js';
import { TRIAGE_COLUMNS, UNSOLICITED_ON_SERVER } from '../triage/index.js';

export interface BatchRepresentative {
  messageId: number;
  /** The advertiser's domain, or the sender's address when detection named no advertiser. */
  advertiser: string;
  identity: string;
}

export interface BatchReader {
  /** Representatives of these triage groups, by advertiser then identity, at most `limit`. */
  ofGroups(
    by: TriageGrouping,
    keys: ReadonlyArray<string | null>,
    accountId: string | null,
    limit: number,
  ): BatchRepresentative[];
  /** Representatives of the sender of this message (its advertiser, else its address). */
  ofSender(messageId: number, limit: number): BatchRepresentative[];
}

const ADVERTISER = `COALESCE(c.advertiser_domain, lower(m.from_address))`;

/** The latest message per advertiser and identity among the messages `where` selects. */
const representatives = (where: string) => `
  WITH ranked AS (
    SELECT c.message_id AS messageId, ${ADVERTISER} AS advertiser,
      COALESCE(c.identity, '') AS identity,
      ROW_NUMBER() OVER (PARTITION BY ${ADVERTISER}, COALESCE(c.identity, '')
        ORDER BY COALESCE(m.date, m.internal_date) DESC, m.id DESC) AS rank
    FROM classifications c JOIN messages m ON m.id = c.message_id
    WHERE ${where})
  SELECT messageId, advertiser, identity FROM ranked
  WHERE rank = 1 AND advertiser IS NOT NULL
  ORDER BY advertiser, identity LIMIT :limit`;

export function createBatchReader(db: Database): BatchReader {
  type GroupParams = { accountId: string | null; key: string | null; limit: number };
  const byGroup = new Map(
    Object.entries(TRIAGE_COLUMNS).map(([by, c]) => [
      by,
      db.prepare<GroupParams, BatchRepresentative>(
        representatives(`${UNSOLICITED_ON_SERVER} AND ${c.key} IS :key`),
      ),
    ]),
  );
  const bySender = db.prepare<
    { accountId: null; messageId: number; limit: number },
    BatchRepresentative
  >(
    representatives(`${UNSOLICITED_ON_SERVER} AND ${ADVERTISER} = (
      SELECT COALESCE(c2.advertiser_domain, lower(m2.from_address))
      FROM messages m2 LEFT JOIN classifications c2 ON c2.message_id = m2.id
      WHERE m2.id = :messageId)`),
  );
  return {
    ofGroups(by, keys, accountId, limit) {
      // By router, identity or verdict an advertiser may stand in two groups: it is objected to once.
      const seen = new Map<string, BatchRepresentative>();
      for (const key of keys)
        for (const r of byGroup.get(by)!.all({ accountId, key, limit }))
          if (seen.size < limit && !seen.has(`${r.advertiser} ${r.identity}`))
            seen.set(`${r.advertiser} ${r.identity}`, r);
      return [...seen.values()];
    },
    ofSender: (messageId, limit) => bySender.all({ accountId: null, messageId, limit }),
  };
}
