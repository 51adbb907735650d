/**
 * A data folder written by a newer version of the app is refused before
 * anything is written into it: no key file, no logs folder, no mode repair,
 * not a byte changed, from the serve process as from createCore.
 */
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { listDataDir } from './data-dir-listing.js';
import { runServeToExit } from './serve-process.js';

const FUTURE = MIGRATIONS.length + 1;
const DB_FILE = 'inbox-guard.sqlite';

const parent = mkdtempSync(path.join(os.tmpdir(), 'ig-future-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));
let folders = 0;

/** Modes as a copy under a 022 umask leaves them, so a repair before the check would show. */
function loosen(dataDir: string): void {
  chmodSync(dataDir, 0o755);
  for (const entry of listDataDir(dataDir))
    if (entry.type === 'file') chmodSync(path.join(dataDir, entry.path), 0o644);
}

/** A folder the newer app closed cleanly: its schema version is in the database file. */
function closedFutureFolder(): string {
  const dataDir = path.join(parent, `closed-${++folders}`);
  mkdirSync(dataDir);
  const db = new BetterSqlite3(path.join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE things_of_the_future (id INTEGER PRIMARY KEY)');
  db.pragma(`user_version = ${FUTURE}`);
  db.close();
  loosen(dataDir);
  return dataDir;
}

/**
 * A folder the newer app left while running (or crashed): its new schema
 * version is only in the write-ahead log, not yet in the database file.
 */
function runningFutureFolder(): string {
  const source = path.join(parent, `source-${++folders}`);
  mkdirSync(source);
  const db = new BetterSqlite3(path.join(source, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE things_of_the_future (id INTEGER PRIMARY KEY)');
  db.pragma(`user_version = ${FUTURE}`);
  const dataDir = path.join(parent, `running-${folders}`);
  mkdirSync(dataDir);
  for (const suffix of ['', '-wal', '-shm'])
    copyFileSync(path.join(source, DB_FILE + suffix), path.join(dataDir, DB_FILE + suffix));
  db.close();
  loosen(dataDir);
  return dataDir;
}

const folderKinds: Record<string, () => string> = {
  'closed cleanly': closedFutureFolder,
  'left with its write-ahead log': runningFutureFolder,
};

describe('a data folder from a newer version', () => {
  for (const [kind, make] of Object.entries(folderKinds)) {
    it(`is refused by serve mode, untouched (${kind})`, async () => {
      const dataDir = make();
      const before = listDataDir(dataDir);
      const exit = await runServeToExit(dataDir);
      expect(exit.code).toBe(1);
      expect(exit.stderr).toMatch(/written by a newer version of Inbox Guard/);
      expect(exit.stdout).toBe('');
      expect(listDataDir(dataDir)).toEqual(before);
    });

    it(`is refused by createCore, untouched (${kind})`, () => {
      const dataDir = make();
      const before = listDataDir(dataDir);
      expect(() => createCore({ dataDir })).toThrow(
        expect.objectContaining({
          code: 'DB_FROM_FUTURE',
          message: expect.stringMatching(/newer version of Inbox Guard/),
        }),
      );
      expect(listDataDir(dataDir)).toEqual(before);
    });
  }
});
