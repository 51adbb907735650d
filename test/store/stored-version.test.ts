/**
 * The schema version of a data folder's database, read from its bytes before
 * anything is written: it agrees with SQLite's own reading (the oracle, run
 * on a scratch copy) for a cleanly closed file, and for a write-ahead log a
 * running or crashed app left: committed, torn, corrupted, or restarted.
 */
import BetterSqlite3 from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storedSchemaVersion } from '../../electron/store/stored-version.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ig-stored-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const SUFFIXES = ['', '-wal', '-shm'];

function freshFile(): string {
  const dir = path.join(root, String(++n));
  mkdirSync(dir);
  return path.join(dir, 'store.sqlite');
}

/** A copy of the database and its companions as they are now, while `db` stays open. */
function snapshot(file: string): string {
  const copy = freshFile();
  for (const s of SUFFIXES) if (existsSync(file + s)) copyFileSync(file + s, copy + s);
  return copy;
}

/** What SQLite reads (after its own recovery), on a scratch copy so the original stays as it is. */
function sqliteReads(file: string): number {
  const scratch = snapshot(file);
  const db = new BetterSqlite3(scratch);
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** A WAL database, open, checkpoints off: at version 3 in the file, then 9 only in the log. */
function liveDatabase(): { file: string; db: BetterSqlite3.Database } {
  const file = freshFile();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (v TEXT)');
  db.pragma('user_version = 3');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(5000));
  db.pragma('user_version = 9');
  return { file, db };
}

describe('storedSchemaVersion', () => {
  it('is 0 for no file, an empty file, or a file that is not a database', () => {
    const file = freshFile();
    expect(storedSchemaVersion(file)).toBe(0);
    writeFileSync(file, '');
    expect(storedSchemaVersion(file)).toBe(0);
    writeFileSync(file, 'key: value\n'.repeat(20));
    expect(storedSchemaVersion(file)).toBe(0);
  });

  it('reads a cleanly closed database, and writes nothing beside it', () => {
    const file = freshFile();
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v)');
    db.pragma('user_version = 5');
    db.close();
    const bytes = readFileSync(file);
    expect(storedSchemaVersion(file)).toBe(5);
    expect(SUFFIXES.filter((s) => existsSync(file + s))).toEqual(['']);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('finds a version only the write-ahead log holds', () => {
    const { file, db } = liveDatabase();
    const copy = snapshot(file);
    db.close();
    expect(sqliteReads(copy)).toBe(9);
    expect(storedSchemaVersion(copy)).toBe(9);
  });

  it('ignores a transaction torn by a crash, as SQLite does', () => {
    const { file, db } = liveDatabase();
    const copy = snapshot(file);
    db.close();
    truncateSync(`${copy}-wal`, statSync(`${copy}-wal`).size - 100);
    expect(sqliteReads(copy)).toBe(3);
    expect(storedSchemaVersion(copy)).toBe(3);
  });

  it('ignores a frame whose checksum is wrong, as SQLite does', () => {
    const { file, db } = liveDatabase();
    const copy = snapshot(file);
    db.close();
    const wal = readFileSync(`${copy}-wal`);
    wal.writeUInt8(wal.readUInt8(wal.length - 1) ^ 0xff, wal.length - 1);
    writeFileSync(`${copy}-wal`, wal);
    expect(sqliteReads(copy)).toBe(3);
    expect(storedSchemaVersion(copy)).toBe(3);
  });

  it('stops at the frames of a log that was restarted', () => {
    const file = freshFile();
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 20; i++) insert.run('y'.repeat(3000));
    db.pragma('user_version = 4');
    // Everything copied into the file: the next write starts the log over, new salts, old frames after.
    db.pragma('wal_checkpoint(PASSIVE)');
    db.pragma('user_version = 12');
    const copy = snapshot(file);
    db.close();
    expect(sqliteReads(copy)).toBe(12);
    expect(storedSchemaVersion(copy)).toBe(12);
  });
});
