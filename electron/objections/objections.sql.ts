/**
 * The objections the user sent, as detection's legal flags read them. The
 * objections capability writes the table (migration 0009 made it minimal;
 * that capability adds what it needs and its writer half); nothing writes it yet.
 */
import type { Database } from '../store/db.js';

export interface ObjectionsReader {
  /** Advertiser domain (lowercase) → ISO date of the user's first objection to it. */
  firstObjectionDates(): Map<string, string>;
}

export function createObjectionsStore(db: Database): ObjectionsReader {
  const firstDates = db
    .prepare(
      `SELECT advertiser_domain, MIN(objected_at) AS first FROM objections GROUP BY advertiser_domain`,
    )
    .raw();
  return {
    firstObjectionDates() {
      const rows = firstDates.all() as Array<[string, string]>;
      return new Map(rows.map(([domain, first]) => [domain.toLowerCase(), first]));
    },
  };
}
