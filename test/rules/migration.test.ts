/** Migration 0011: rules and their run history on an in-memory database. */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';

describe('migration 0011-rules', () => {
  it('keeps rules per account, and a run history that outlives its rule and account', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, MIGRATIONS.slice(0, 10));
    db.prepare(
      `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'n', 'e@x.fr', 'custom', 't', 't')`,
    ).run();
    runMigrations(db, MIGRATIONS.slice(0, 11));
    db.prepare(
      `INSERT INTO rules (position, name, account_id, spec, created_at, updated_at) VALUES (1, 'r', 'a', '{}', 't', 't')`,
    ).run();
    db.prepare(
      `INSERT INTO journal (account_id, kind, intent, created_at) VALUES ('a', 'move', '{}', 't')`,
    ).run();
    db.prepare(`INSERT INTO rule_runs (account_id, started_at) VALUES ('a', 't')`).run();
    db.prepare(`INSERT INTO rule_run_actions VALUES (1, 1, 1, 'INBOX', 3)`).run();
    expect(() =>
      db
        .prepare(`INSERT INTO rule_runs (account_id, started_at, state) VALUES ('a', 't', 'odd')`)
        .run(),
    ).toThrow();
    db.prepare(`DELETE FROM accounts`).run();
    expect(db.prepare(`SELECT COUNT(*) FROM rules`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM rule_run_actions`).pluck().get()).toBe(1);
    db.prepare(`DELETE FROM rule_runs`).run();
    expect(db.prepare(`SELECT COUNT(*) FROM rule_run_actions`).pluck().get()).toBe(0);
  });
});
