/**
 * The WAL is copied into the database on a thread of its own (store/wal.ts), so the writer
 * thread answers while pages are copied. What the writer relies on: a request resolves once the
 * WAL written before it is in the database, requests made meanwhile share a copy and all
 * resolve, a failed copy is reported and never leaves anyone waiting, and closing waits for the
 * copy under way.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../electron/store/db.js';
import { startCheckpointThread } from '../../electron/store/wal.js';

const dirs: string[] = [];
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-checkpoint-'));
  dirs.push(dir);
  return path.join(dir, name);
}

/** A store whose writes stay in the WAL until someone copies them (as the app's connections). */
function storeWithWrites(rows: number): { file: string; db: Database } {
  const file = tempFile('store.sqlite');
  const db = openDatabase(file, { migrations: [] });
  open.push(db);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(8_000, i % 251));
  return { file, db };
}

function walStatus(db: Database): { log: number; checkpointed: number } {
  const [status] = db.pragma('wal_checkpoint(NOOP)') as Array<{
    log: number;
    checkpointed: number;
  }>;
  return status!;
}

describe('the checkpoint thread', () => {
  it('copies what the WAL holds into the database file, then says so', async () => {
    const { file, db } = storeWithWrites(500);
    const before = statSync(file).size;
    expect(walStatus(db).checkpointed).toBeLessThan(walStatus(db).log);
    const errors: string[] = [];
    const copier = startCheckpointThread(file, (m) => errors.push(m));
    await copier.request();
    const status = walStatus(db);
    expect(status.log).toBeGreaterThan(100);
    expect(status.checkpointed).toBe(status.log);
    expect(statSync(file).size).toBeGreaterThan(before + 500 * 8_000);
    await copier.close();
    expect(errors).toEqual([]);
    // The data read back whole from the database file through a fresh connection.
    expect(db.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(500);
  });

  it('lets requests made during a copy share the next one, and resolves every one of them', async () => {
    const { file, db } = storeWithWrites(50);
    const copier = startCheckpointThread(file, () => {});
    const first = copier.request();
    // Written while the first copy may already run: the later requests must cover it.
    db.prepare('INSERT INTO blobs (body) VALUES (?)').run(Buffer.alloc(8_000, 7));
    const later = [copier.request(), copier.request(), copier.request()];
    await Promise.all([first, ...later]);
    const status = walStatus(db);
    expect(status.checkpointed).toBe(status.log);
    await copier.close();
  });

  it('reports a copy that fails and leaves nobody waiting', async () => {
    const file = tempFile('not-a-store.sqlite');
    writeFileSync(
      file,
      'this is not an SQLite database, but a text file of some length '.repeat(80),
    );
    const errors: string[] = [];
    const copier = startCheckpointThread(file, (m) => errors.push(m));
    await copier.request();
    expect(errors.join(' ')).toMatch(/not a database/);
    await copier.close();
  });

  it('finishes the copy under way before it closes', async () => {
    const { file, db } = storeWithWrites(300);
    const copier = startCheckpointThread(file, () => {});
    const copied = copier.request();
    await copier.close();
    await copied;
    const status = walStatus(db);
    expect(status.checkpointed).toBe(status.log);
  });
});
