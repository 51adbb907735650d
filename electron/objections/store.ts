/**
 * The objections the user sent, as detection's legal flags read them. The
 * objections capability writes the table (migration 0009 made it minimal;
 * that capability adds what it needs); nothing writes it yet.
 */
import type { Database } from '../store/db.js';

/** Advertiser domain (lowercase) → ISO date of the user's first objection to it. */
export function loadObjectionDates(db: Database): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT advertiser_domain, MIN(objected_at) AS first FROM objections GROUP BY advertiser_domain`,
    )
    .raw()
    .all() as Array<[string, string]>;
  return new Map(rows.map(([domain, first]) => [domain.toLowerCase(), first]));
}
