/** One test per migration on an in-memory database, and the runner's guarantees. */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, schemaVersion } from '../../electron/store/db.js';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index.js';
import { AppError } from '../../electron/errors.js';

function memoryDbAt(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, MIGRATIONS.slice(0, version));
  return db;
}

/** Account 'a' with its INBOX; returns the folder's id. */
function addAccountWithInbox(db: BetterSqlite3.Database): number | bigint {
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'n', 'e@x.fr', 'custom', 't', 't')`,
  ).run();
  return db
    .prepare(`INSERT INTO folders (account_id, path, name) VALUES ('a', 'INBOX', 'Inbox')`)
    .run().lastInsertRowid;
}

function columns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
    (c) => c.name,
  );
}

describe('migration 0001-accounts', () => {
  it('creates accounts and secrets, and secrets go with their account', () => {
    const db = memoryDbAt(1);
    expect(schemaVersion(db)).toBe(1);
    expect(columns(db, 'accounts')).toEqual(
      expect.arrayContaining(['id', 'kind', 'imap_host', 'tls_pin', 'origin']),
    );
    db.prepare(
      `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'n', 'e@x.fr', 'custom', 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO secrets VALUES ('a', 'imap', x'00')`).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('b', 'pop3', 'n', 'e', 'p', 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(`DELETE FROM accounts WHERE id = 'a'`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM secrets`).get()).toEqual({ n: 0 });
  });
});

describe('migration 0002-mailbox', () => {
  it('creates folders and messages; a message is unique per folder and UID', () => {
    const db = memoryDbAt(2);
    expect(schemaVersion(db)).toBe(2);
    const folderId = addAccountWithInbox(db);
    const insert = db.prepare(
      `INSERT INTO messages (account_id, folder_id, uid, headers) VALUES ('a', ?, ?, x'41')`,
    );
    insert.run(folderId, 7);
    expect(() => insert.run(folderId, 7)).toThrow(/UNIQUE/);
    db.prepare(`DELETE FROM accounts`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM messages`).get()).toEqual({ n: 0 });
  });
});

describe('migration 0003-sync', () => {
  it('adds folder sync state, problems, sources and the relationship index', () => {
    const db = memoryDbAt(3);
    expect(columns(db, 'folders')).toEqual(
      expect.arrayContaining([
        'listed_path',
        'skip_reason',
        'scan_complete',
        'scan_modseq',
        'synced_at',
      ]),
    );
    expect(columns(db, 'messages')).toContain('modseq');
    const folderId = addAccountWithInbox(db);
    expect(db.prepare(`SELECT scan_complete FROM folders`).get()).toEqual({ scan_complete: 0 });
    const messageId = db
      .prepare(
        `INSERT INTO messages (account_id, folder_id, uid, headers) VALUES ('a', ?, 1, x'41')`,
      )
      .run(folderId).lastInsertRowid;
    db.prepare(`INSERT INTO message_sources VALUES (?, x'41', 'h', 't')`).run(messageId);
    db.prepare(
      `INSERT INTO relationships (account_id, kind, value) VALUES ('a', 'domain', 'client.fr')`,
    ).run();
    expect(() =>
      db
        .prepare(`INSERT INTO relationships (account_id, kind, value) VALUES ('a', 'phone', 'x')`)
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(`DELETE FROM messages`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM message_sources`).get()).toEqual({ n: 0 });
  });
});

describe('migration 0004-excerpts', () => {
  it('keeps body excerpts with their message', () => {
    const db = memoryDbAt(4);
    const folderId = addAccountWithInbox(db);
    const messageId = db
      .prepare(
        `INSERT INTO messages (account_id, folder_id, uid, headers) VALUES ('a', ?, 1, x'41')`,
      )
      .run(folderId).lastInsertRowid;
    db.prepare(
      `INSERT INTO message_excerpts (message_id, text, fetched_at) VALUES (?, 'Bonjour', 't')`,
    ).run(messageId);
    db.prepare(`DELETE FROM accounts`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM message_excerpts`).get()).toEqual({ n: 0 });
  });
});

describe('migration 0007-header-store', () => {
  it('moves header blocks to their own table byte for byte; stored messages stay summarized', () => {
    const db = memoryDbAt(6);
    const folderId = addAccountWithInbox(db);
    const block = Buffer.from('Subject: caf\xe9\r\nFrom: a@b.fr\r\n\r\n', 'latin1');
    const id = db
      .prepare(
        `INSERT INTO messages (account_id, folder_id, uid, subject, from_address, headers) VALUES ('a', ?, 1, 'café', 'a@b.fr', ?)`,
      )
      .run(folderId, block).lastInsertRowid;
    db.prepare(
      `INSERT INTO classifications (message_id, verdict, score, unsolicited, detail, classified_at) VALUES (?, 'personal', 0.9, 0, '{}', 't')`,
    ).run(id);

    runMigrations(db, MIGRATIONS.slice(0, 7));
    expect(columns(db, 'messages')).not.toContain('headers');
    const row = db
      .prepare(
        `SELECT m.subject, m.summarized, h.raw FROM messages m JOIN message_headers h ON h.message_id = m.id`,
      )
      .get() as { subject: string; summarized: number; raw: Buffer };
    expect(row.raw.equals(block)).toBe(true);
    expect(row).toMatchObject({ subject: 'café', summarized: 1 });
    // Nothing hanging off the message was lost on the way.
    expect(db.prepare(`SELECT COUNT(*) FROM classifications`).pluck().get()).toBe(1);
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE name = 'messages_by_from'`).get(),
    ).toBeUndefined();
    // A header block goes with its message.
    db.prepare(`DELETE FROM messages`).run();
    expect(db.prepare(`SELECT COUNT(*) FROM message_headers`).pluck().get()).toBe(0);
  });
});

describe('migration 0010-detection-evidence', () => {
  it('keeps header evidence and detection failures per message, and objections by advertiser', () => {
    const db = memoryDbAt(9);
    addAccountWithInbox(db);
    const id = db
      .prepare(`INSERT INTO messages (account_id, subject) VALUES ('a', 's')`)
      .run().lastInsertRowid;

    runMigrations(db, MIGRATIONS.slice(0, 10));
    expect(columns(db, 'message_header_evidence')).toEqual([
      'message_id',
      'list_unsubscribe',
      'list_unsubscribe_post',
      'dkim_signatures',
    ]);
    expect(columns(db, 'objections')).toEqual(['id', 'advertiser_domain', 'objected_at']);
    db.prepare(`INSERT INTO message_header_evidence (message_id) VALUES (?)`).run(id);
    db.prepare(`INSERT INTO detection_errors VALUES (?, 'boom', 't')`).run(id);
    db.prepare(
      `INSERT INTO objections (advertiser_domain, objected_at) VALUES ('brand.fr', 't')`,
    ).run();
    // What hangs off a message goes with it; an objection stays.
    db.prepare(`DELETE FROM messages`).run();
    expect(db.prepare(`SELECT COUNT(*) FROM message_header_evidence`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM detection_errors`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM objections`).pluck().get()).toBe(1);
  });
});

describe('migration 0014-sender-index', () => {
  it('lets a correction find a sender’s mail, in any case, without reading every message', () => {
    const db = memoryDbAt(10);
    addAccountWithInbox(db);
    const insert = db.prepare(`INSERT INTO messages (account_id, from_address) VALUES ('a', ?)`);
    const shop = insert.run('Shop@Brand.fr').lastInsertRowid;
    insert.run('other@brand.fr');

    runMigrations(db, MIGRATIONS.slice(0, 14));
    const bySender = `SELECT id FROM messages WHERE from_address = ? COLLATE NOCASE`;
    expect(db.prepare(bySender).pluck().all('shop@brand.fr')).toEqual([shop]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${bySender}`).all('x') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join()).toContain('INDEX messages_by_from_address');
  });
});

describe('migration runner', () => {
  it('numbers migrations by their position', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('applies pending migrations all together or not at all', () => {
    const db = memoryDbAt(1);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: () => {
        throw new Error('boom');
      },
    };
    expect(() => runMigrations(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE name = 'folders'`).get(),
    ).toBeUndefined();
  });

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ig-mig-')), 'future.sqlite');
    const future = new BetterSqlite3(file);
    future.exec('CREATE TABLE t (x)');
    future.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    future.close();
    const before = readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FROM_FUTURE');
    expect((error as AppError).message).toMatch(/newer version/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('opens a fresh file in WAL mode at the latest version', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ig-mig-')), 'fresh.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
    // Opening again runs nothing new.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });
});
