/**
 * What evidence reads of the store for a case: an advertiser's messages (by
 * detection's registrable domain), and the advertisers to choose a case from
 * (those objected to first: `objections`, which the objections capability writes).
 */
import type { Database } from '../store/db.js';

export interface CaseMessageRow {
  id: number;
  accountId: string;
  /** ISO 8601 (the Date header, else the internal date). */
  date: string | null;
  identity: string | null;
  verdict: string;
  unsolicited: boolean;
}

export interface CaseSummaryRow {
  domain: string;
  name: string | null;
  messages: number;
  firstAt: string | null;
  lastAt: string | null;
  objectedAt: string | null;
}

export interface CasesReader {
  /** The advertiser's classified messages, oldest first. */
  advertiserMessages(domain: string): CaseMessageRow[];
  /** Advertisers with unsolicited mail, those objected to first, then by count. */
  cases(limit: number): CaseSummaryRow[];
}

const MESSAGE_COLUMNS = `m.id, m.account_id AS accountId, COALESCE(m.date, m.internal_date) AS date,
  c.identity, c.verdict, c.unsolicited`;

export function createCasesStore(db: Database): CasesReader {
  const byAdvertiser = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM classifications c JOIN messages m ON m.id = c.message_id
     WHERE c.advertiser_domain = ? ORDER BY COALESCE(m.date, m.internal_date), m.id`,
  );
  const cases = db.prepare(
    `SELECT c.advertiser_domain AS domain, MAX(c.advertiser_name) AS name, COUNT(*) AS messages,
       MIN(COALESCE(m.date, m.internal_date)) AS firstAt, MAX(COALESCE(m.date, m.internal_date)) AS lastAt,
       (SELECT MIN(o.objected_at) FROM objections o WHERE o.advertiser_domain = c.advertiser_domain) AS objectedAt
     FROM classifications c JOIN messages m ON m.id = c.message_id
     WHERE c.advertiser_domain IS NOT NULL AND c.unsolicited = 1
     GROUP BY c.advertiser_domain
     ORDER BY objectedAt IS NULL, messages DESC, domain LIMIT ?`,
  );
  type StoredRow = Omit<CaseMessageRow, 'unsolicited'> & { unsolicited: number };
  const toRow = (r: StoredRow): CaseMessageRow => ({ ...r, unsolicited: r.unsolicited === 1 });
  return {
    advertiserMessages: (domain) => (byAdvertiser.all(domain) as StoredRow[]).map(toRow),
    cases: (limit) => cases.all(limit) as CaseSummaryRow[],
  };
}
