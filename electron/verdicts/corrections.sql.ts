/**
 * What a correction reads of the stored mail: the message it is made on, and
 * the messages its decision (or an identity's change) can change.
 */
import type { Database } from '../store/db.js';

/** The message a correction is made on, as classification reads it. */
export interface CorrectionTarget {
  sender: string | null;
  headers: Buffer;
  advertiser: string | null;
  text: string | null;
  html: string | null;
}

export interface CorrectionsReader {
  target(messageId: number): CorrectionTarget | null;
  /** Messages from this address (ASCII case ignored), by id. */
  fromAddress(address: string): number[];
  /** Messages whose advertiser is `domain`, or sent from it or a subdomain, by id. */
  fromDomain(domain: string): number[];
  /**
   * Marketing whose customer standing disagrees with whether the user is now a customer of
   * `domain` (as advertiser, or sent from it or a subdomain): scored before it was named one, or
   * while it briefly was. By id.
   */
  customerStandingToSettle(domain: string, customer: boolean): number[];
  /** Every identity detection found mail delivered to. */
  seenIdentities(): string[];
  /** Messages delivered to any of these identities, by id. */
  toIdentities(identities: readonly string[]): number[];
}

/** LIKE's wildcards written literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export function createCorrectionsReader(db: Database): CorrectionsReader {
  const target = db.prepare(`
    SELECT m.from_address AS sender, h.raw AS headers, c.advertiser_domain AS advertiser, e.text, e.html
    FROM messages m JOIN message_headers h ON h.message_id = m.id
    LEFT JOIN classifications c ON c.message_id = m.id
    LEFT JOIN message_excerpts e ON e.message_id = m.id WHERE m.id = ?`);
  const fromAddress = db
    .prepare(`SELECT id FROM messages WHERE from_address = ? COLLATE NOCASE ORDER BY id`)
    .pluck();
  // LIKE ignores ASCII case: "@Brand.fr" and "@news.brand.fr" both belong to brand.fr. Two
  // halves, each read through its index (the addresses' index, not the table, for the LIKEs).
  const fromDomain = db
    .prepare(
      `SELECT message_id FROM classifications WHERE advertiser_domain = @domain
       UNION
       SELECT id FROM messages WHERE from_address LIKE '%@' || @like ESCAPE '\\'
         OR from_address LIKE '%.' || @like ESCAPE '\\'
       ORDER BY 1`,
    )
    .pluck();
  // The same two halves as fromDomain, each through its index, kept to marketing whose stored
  // signals say otherwise.
  const standing = db
    .prepare(
      `SELECT c.message_id FROM classifications c
       WHERE c.message_id IN (
         SELECT message_id FROM classifications WHERE advertiser_domain = @domain
         UNION
         SELECT id FROM messages WHERE from_address LIKE '%@' || @like ESCAPE '\\'
           OR from_address LIKE '%.' || @like ESCAPE '\\')
         AND c.verdict IN ('newsletter', 'cold_prospecting')
         AND (instr(c.detail, '"code":"customer_relationship"') > 0) <> @customer
       ORDER BY 1`,
    )
    .pluck();
  const identities = db
    .prepare(`SELECT DISTINCT identity FROM classifications WHERE identity IS NOT NULL`)
    .pluck();
  const toIdentities = db
    .prepare(
      `SELECT message_id FROM classifications WHERE identity IN (SELECT value FROM json_each(?)) ORDER BY message_id`,
    )
    .pluck();
  return {
    target: (messageId) => (target.get(messageId) as CorrectionTarget | undefined) ?? null,
    fromAddress: (address) => fromAddress.all(address) as number[],
    fromDomain: (domain) => fromDomain.all({ domain, like: likeLiteral(domain) }) as number[],
    customerStandingToSettle: (domain, customer) =>
      standing.all({ domain, like: likeLiteral(domain), customer: customer ? 1 : 0 }) as number[],
    seenIdentities: () => identities.all() as string[],
    toIdentities: (list) => toIdentities.all(JSON.stringify(list)) as number[],
  };
}
