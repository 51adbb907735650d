/**
 * Write transactions. The main thread and the writer thread share one database file, so every
 * transaction that writes takes the write lock at BEGIN (IMMEDIATE). A deferred one that reads
 * first cannot upgrade once another connection has committed since its read began: SQLite then
 * answers SQLITE_BUSY at once, whatever the busy timeout. An IMMEDIATE BEGIN waits its turn.
 * Called inside another transaction, it becomes a savepoint, as `db.transaction` does.
 */
import type { Database } from './db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound better-sqlite3 uses
type Fn = (...args: any[]) => unknown;

/** `fn` wrapped in an IMMEDIATE transaction: all of it commits, or none. */
export function writeTransaction<F extends Fn>(db: Database, fn: F): F {
  return db.transaction(fn).immediate as F;
}
