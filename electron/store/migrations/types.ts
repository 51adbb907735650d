import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Equals its position: 0001 → 1. Recorded in PRAGMA user_version. */
  version: number;
  name: string;
  /**
   * Rebuilds a table others reference (create, copy, drop, rename): the runner
   * turns foreign keys off around the transaction, as SQLite's documented
   * procedure requires (a DROP would otherwise cascade to the children), and
   * checks every reference before committing.
   */
  rebuildsTables?: boolean;
  /** Runs inside the runner's transaction: synchronous, no await. */
  up(db: Database): void;
}
