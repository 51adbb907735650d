/** Migration 0015 (triage's partial indexes), applied over the schema before it. */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';

describe('migration 0015: triage indexes', () => {
  it('counts unsolicited mail per grouping from an index alone', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    for (const column of ['advertiser_domain', 'router_id', 'identity', 'verdict']) {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT ${column}, COUNT(*), MAX(message_id) FROM classifications
           WHERE unsolicited = 1 GROUP BY ${column}`,
        )
        .all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n'), column).toMatch(
        /USING COVERING INDEX classifications_unsolicited_by_/,
      );
    }
    db.close();
  });
});
