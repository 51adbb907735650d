/**
 * One function opens every connection (store/db.ts): the writer thread's
 * connection gets the project's pragmas like the main one, never migrates,
 * and refuses a store from a newer version without touching it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountsStore } from '../../electron/accounts/accounts.sql.js';
import { createFoldersStore } from '../../electron/mailbox/folders.sql.js';
import { createMessagesStore } from '../../electron/mailbox/messages.sql.js';
import { openDatabase, schemaVersion, type Database } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-connection-'));
  dirs.push(dir);
  return path.join(dir, 'inbox-guard.sqlite');
}

const block = (subject: string) =>
  Buffer.from(`From: a@shop.example\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@x>\r\n\r\n`);

/** Local account 'a' and its INBOX (small tables: the main connection writes them). */
function localAccountInbox(main: Database): number {
  createAccountsStore(main).insert(
    {
      id: 'a',
      kind: 'local',
      name: 'Demo',
      email: 'me@perso.example',
      provider: 'local',
      imap: null,
      smtp: null,
      pin: null,
      origin: 'demo',
    },
    {},
  );
  return createFoldersStore(main).ensureFolder('a', 'INBOX', 'inbox');
}

const input = (uid: number) => ({
  uid,
  headers: block(`s${uid}`),
  size: 100,
  flags: [],
  internalDate: null,
  origin: null,
});

describe('the connections of the store', () => {
  it("removing an account on the writer's connection takes its messages with it (foreign keys on)", () => {
    const file = storeFile();
    const main = openDatabase(file, { role: 'main' });
    const inbox = localAccountInbox(main);
    const writer = openDatabase(file, { role: 'writer' });
    try {
      expect(createMessagesStore(writer).insertMessages('a', inbox, [input(1), input(2)])).toBe(2);
      expect(createAccountsStore(writer).remove('a')).toBe(true);
      const list = createMessagesStore(main).listMessages({ accountId: 'a', offset: 0, limit: 9 });
      expect(list.total).toBe(0);
      expect(createMessagesStore(main).getMessage(1)).toBeNull();
    } finally {
      writer.close();
      main.close();
    }
  });

  it('the main connection cannot write the mail: its messages, nor by removing their account', () => {
    const file = storeFile();
    const main = openDatabase(file, { role: 'main' });
    const writer = openDatabase(file, { role: 'writer' });
    try {
      const inbox = localAccountInbox(main);
      expect(() => createMessagesStore(main).insertMessages('a', inbox, [input(1)])).toThrow(
        /main connection does not write messages/,
      );
      expect(createMessagesStore(writer).insertMessages('a', inbox, [input(1)])).toBe(1);
      // The cascade would delete the message's rows: refused, and the account stays.
      expect(() => createAccountsStore(main).remove('a')).toThrow(/main connection does not write/);
      expect(
        createMessagesStore(main).listMessages({ accountId: 'a', offset: 0, limit: 9 }).total,
      ).toBe(1);
      // Another connection's writes are not this connection's triggers' business.
      expect(createAccountsStore(writer).remove('a')).toBe(true);
    } finally {
      writer.close();
      main.close();
    }
  });

  it("the writer's connection never migrates: the main connection does", () => {
    const file = storeFile();
    openDatabase(file, { role: 'main', migrations: MIGRATIONS.slice(0, 3) }).close();
    const writer = openDatabase(file, { role: 'writer' });
    expect(schemaVersion(writer)).toBe(3);
    writer.close();
  });

  it("the writer's connection refuses a store from a newer version and leaves it untouched", () => {
    const file = storeFile();
    const main = openDatabase(file, { role: 'main' });
    main.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    main.pragma('wal_checkpoint(TRUNCATE)');
    main.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file, { role: 'writer' })).toThrow(/newer version of Inbox Guard/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
