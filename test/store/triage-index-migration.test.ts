/**
 * Migration 0017 (triage's partial indexes), applied over the current schema.
 * Migrations are numbered by position: until 0011-0016 of the other branches
 * are merged, this test puts empty stand-ins in their places.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index.js';
import { migration0017 } from '../../electron/store/migrations/0017-triage-index.js';

function withTriageIndex(): Migration[] {
  const list = [...MIGRATIONS];
  while (list.length < 16)
    list.push({ version: list.length + 1, name: 'stand-in', up: () => undefined });
  if (!list.includes(migration0017)) list.push(migration0017);
  return list;
}

describe('migration 0017: triage indexes', () => {
  it('counts unsolicited mail per grouping from an index alone', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, withTriageIndex());
    expect(db.pragma('user_version', { simple: true })).toBe(17);
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
