/**
 * Two connections share the store (the main thread's and the writer thread's). A transaction that
 * reads and then writes must take the write lock at BEGIN: begun deferred, it fails with
 * SQLITE_BUSY as soon as the other connection commits between its read and its write, whatever
 * the busy timeout. That failure stopped the writer thread and failed a local import in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../electron/store/db.js';
import { writeTransaction } from '../../electron/store/transaction.js';

const open: Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function twoConnections(): { mine: Database; other: Database } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-write-tx-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.sqlite');
  const mine = openDatabase(file, { migrations: [] });
  mine.exec('CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)');
  // The other side gives up quickly: the test needs its answer, not its patience.
  const other = new BetterSqlite3(file, { timeout: 50 });
  open.push(mine, other);
  return { mine, other };
}

/** Reads the counter, lets the other connection try to add 10 meanwhile, then adds 1. */
function readThenWrite(mine: Database, other: Database) {
  const read = () => mine.prepare('SELECT n FROM counter').pluck().get() as number;
  const attempts: string[] = [];
  const body = () => {
    const n = read();
    try {
      other.prepare('UPDATE counter SET n = n + 10').run();
      attempts.push('other committed');
    } catch (err) {
      attempts.push(`other waited: ${(err as { code?: string }).code}`);
    }
    mine.prepare('UPDATE counter SET n = ?').run(n + 1);
  };
  return { body, attempts, read };
}

describe('write transactions', () => {
  it('hold the write lock from their first read, so a commit elsewhere cannot slip in', () => {
    const { mine, other } = twoConnections();
    const { body, attempts, read } = readThenWrite(mine, other);
    writeTransaction(mine, body)();
    expect(attempts).toEqual(['other waited: SQLITE_BUSY']);
    expect(read()).toBe(1);
    // Once it committed, the other connection writes as usual.
    other.prepare('UPDATE counter SET n = n + 10').run();
    expect(read()).toBe(11);
  });

  it('(why) a deferred one fails at its first write when another connection committed after its read', () => {
    const { mine, other } = twoConnections();
    const { body, attempts, read } = readThenWrite(mine, other);
    expect(() => mine.transaction(body)()).toThrow(
      expect.objectContaining({ code: 'SQLITE_BUSY_SNAPSHOT' }),
    );
    expect(attempts).toEqual(['other committed']);
    expect(read()).toBe(10);
  });

  it('nest as savepoints: an inner failure caught inside keeps the outer work', () => {
    const { mine } = twoConnections();
    const add = writeTransaction(mine, (k: number) => {
      mine.prepare('UPDATE counter SET n = n + ?').run(k);
      if (k > 100) throw new Error('too much');
    });
    writeTransaction(mine, () => {
      add(1);
      expect(() => add(1000)).toThrow('too much');
    })();
    expect(mine.prepare('SELECT n FROM counter').pluck().get()).toBe(1);
  });
});
