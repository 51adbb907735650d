/**
 * The one place a connection to the app's SQLite database is opened, with the
 * project's pragmas (WAL, foreign keys, synchronous, busy timeout, 16 KB pages
 * for a new file) and what its role adds. The main connection runs the
 * migrations, all pending ones in one transaction; a database written by a
 * newer version of the app is refused before anything touches it.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { storedSchemaVersion } from './stored-version.js';
import { writeTransaction } from './transaction.js';

export type { Database } from 'better-sqlite3';

/**
 * Who holds the connection:
 * - `main`: the app's main thread (reads, small writes). Checkpoints are left to the writer.
 * - `writer`: the writer thread, the only connection that writes the bulk tables. It opens a
 *   store the main connection has migrated, checkpoints the WAL itself, and keeps a bounded cache.
 * - `reader`: the writer's detection thread, which reads what detection's context is built from
 *   (identities, relationships, decisions) and writes nothing: opened read-only.
 * - `plain`: tests and tools, with SQLite's own checkpoints.
 */
export type ConnectionRole = 'main' | 'writer' | 'reader' | 'plain';

export interface OpenOptions {
  role?: ConnectionRole;
  /** The migrations to run (tests pass a prefix); not for the writer, which never migrates. */
  migrations?: readonly Migration[];
}

/** 64 MB: what the WAL file shrinks back to after a checkpoint on the writer's connection. */
const WRITER_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
/**
 * Page cache per connection (negative: in KB), 4 MB each rather than better-sqlite3's 16 MB
 * build default: an import streams its messages through the main connection once, detection
 * reads each row once on the writer's, and both filled a 16 MB cache whole. A scan's inserts
 * and detection took the same CPU time with 4 MB as with 16 (50,000 messages).
 */
const MAIN_CACHE_SIZE = -4_096;
const WRITER_CACHE_SIZE = -4_096;
/** The detection thread reads a few small tables, again only when they change. */
const READER_CACHE_SIZE = -1_024;

/** A read-only connection to a store the main connection has opened (WAL) and migrated. */
function openReader(file: string): Database {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = ${READER_CACHE_SIZE}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const role = options.role ?? 'plain';
  const migrations = options.migrations ?? MIGRATIONS;
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (role === 'reader') return openReader(file);
  const db = new BetterSqlite3(file);
  try {
    // Checked before any write (WAL switch included) so a future file is left untouched.
    assertNotFromFuture(db, migrations);
    // A new file gets 16 KB pages: header blocks are a few KB each, and larger pages halve the
    // cost of storing them. It must be set before WAL.
    if (schemaVersion(db) === 0) db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // The writer waits longer: it must not drop a batch because the main thread held the lock.
    db.pragma(`busy_timeout = ${role === 'writer' ? 10_000 : 5_000}`);
    if (role !== 'plain') {
      // Checkpoints belong to the writer thread (store/wal.ts), run once its work pauses: a
      // commit on either connection never finds a scan's worth of WAL to copy.
      db.pragma('wal_autocheckpoint = 0');
    }
    if (role === 'main') db.pragma(`cache_size = ${MAIN_CACHE_SIZE}`);
    if (role === 'writer') {
      db.pragma(`journal_size_limit = ${WRITER_JOURNAL_SIZE_LIMIT}`);
      db.pragma(`cache_size = ${WRITER_CACHE_SIZE}`);
    } else {
      runMigrations(db, migrations);
    }
    if (role === 'main') refuseBulkWrites(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The tables only the writer thread writes: the mail, its places, verdicts, excerpts and the
 * triage's summary of them. Two writers of these would take turns on one lock at a scan's pace.
 */
export const BULK_TABLES = [
  'messages',
  'message_locations',
  'message_headers',
  'message_excerpts',
  'message_header_evidence',
  'classifications',
  'detection_errors',
  'relationships',
  'triage_groups',
  'triage_members',
] as const;

/**
 * Every write of a bulk table through the main connection fails, a cascade included: its own
 * TEMP triggers, which fire for this connection's statements only. What must write them asks
 * the writer thread.
 */
function refuseBulkWrites(db: Database): void {
  const tables = new Set(
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[],
  );
  // A store migrated part of the way (tests) has only some of them.
  for (const table of BULK_TABLES.filter((t) => tables.has(t))) {
    for (const action of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS main_refuses_${action.toLowerCase()}_${table}
         BEFORE ${action} ON main.${table}
         BEGIN SELECT RAISE(ABORT, 'The main connection does not write ${table}: the writer thread does.'); END`,
      );
    }
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Changes when another connection has committed since this one last asked (PRAGMA data_version). */
export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number;
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
    writeTransaction(db, () => {
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
