import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Equals its position: 0001 → 1. Recorded in PRAGMA user_version. */
  version: number;
  name: string;
  /** Runs inside the runner's transaction: synchronous, no await. */
  up(db: Database): void;
}
