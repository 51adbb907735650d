/**
 * An import's mail is written by the writer thread, and no detection pass
 * classifies it before the import ends: a source's Sent folder may come after
 * its Inbox, and a friend's message read before the user's reply to them would
 * be judged without knowing the user writes to them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountsStore } from '../../electron/accounts/accounts.sql.js';
import { importInto } from '../../electron/importer/index.js';
import { createFoldersStore } from '../../electron/mailbox/folders.sql.js';
import { ScannedBatchBuilder } from '../../electron/mailbox/scanned-batch.js';
import { openDatabase, type Database } from '../../electron/store/db.js';
import { startStoreWriter, type StoreWriter } from '../../electron/writer/index.js';

const ME = 'camille.martin@exemple.fr';
const FRIEND = 'julie.perrin@gmail.com';

const message = (from: string, to: string, subject: string, id: string) =>
  Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: Thu, 5 Nov 2026 12:10:02 +0100\r\nMessage-ID: <${id}@exemple.fr>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`,
  );

function batchOf(headers: Buffer) {
  const builder = new ScannedBatchBuilder();
  builder.push(
    { uid: 1, size: headers.length + 40, flags: ['\\Seen'], internalDate: null },
    headers,
  );
  return builder.take();
}

describe('a local import through the writer thread', () => {
  let dir: string;
  let main: Database;
  let writer: StoreWriter;
  let inbox: number;
  let sent: number;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ig-import-hold-'));
    const file = path.join(dir, 'inbox-guard.sqlite');
    main = openDatabase(file, { role: 'main' });
    createAccountsStore(main).insert(
      {
        id: 'local',
        kind: 'local',
        name: 'Export',
        email: ME,
        provider: 'local',
        imap: null,
        smtp: null,
        pin: null,
        origin: '/exports/camille',
      },
      {},
    );
    const folders = createFoldersStore(main);
    inbox = folders.ensureFolder('local', 'INBOX', 'inbox');
    sent = folders.ensureFolder('local', 'Sent', 'sent');
    writer = startStoreWriter({ dbFile: file, logDir: null, onEvent: () => undefined });
    await writer.ready;
  });

  afterEach(async () => {
    await writer.close();
    main.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const verdictOf = (subject: string) =>
    main
      .prepare(
        `SELECT c.verdict, c.detail FROM messages m LEFT JOIN classifications c ON c.message_id = m.id
         WHERE m.subject = ?`,
      )
      .get(subject) as { verdict: string | null; detail: string | null } | undefined;

  const importBatch = (folderId: number, sentFolder: boolean, headers: Buffer) =>
    writer.importBatch({
      accountId: 'local',
      folderId,
      sentFolder,
      ownAddresses: [ME],
      batch: batchOf(headers),
      origins: [`/exports/camille/${folderId}/1.eml`],
      excerpts: [{ uid: 1, text: 'Tu viens samedi ? On part à 9 h.', html: null }],
      at: new Date().toISOString(),
    });

  it('classifies the Inbox only once the Sent folder that follows it is in', async () => {
    expect(await importBatch(inbox, false, message(FRIEND, ME, 'Samedi ?', 'in1'))).toBe(1);
    // A pass that comes now (another account's sync, the start pass) leaves it alone.
    expect(await writer.classify()).toEqual({ classified: 0, failed: 0 });
    expect(verdictOf('Samedi ?')).toEqual({ verdict: null, detail: null });

    expect(await importBatch(sent, true, message(ME, FRIEND, 'Re: Samedi ?', 'out1'))).toBe(1);
    await writer.importEnded('local');
    expect((await writer.classify()).classified).toBe(2);

    const friend = verdictOf('Samedi ?')!;
    expect(friend.verdict).toBe('personal');
    expect(JSON.parse(friend.detail!).signals).toContainEqual({ code: 'wrote_to_sender' });
  });

  it('lets passes classify the mail of an import that failed half-way', async () => {
    await importBatch(inbox, false, message(FRIEND, ME, 'Samedi ?', 'in1'));
    await writer.importEnded('local');
    expect((await writer.classify()).classified).toBe(1);
    expect(verdictOf('Samedi ?')?.verdict).not.toBeNull();
  });

  it('fails an import whose batch the store refused, with the store’s reason, and ends it', async () => {
    const mbox = path.join(dir, 'export.mbox');
    writeFileSync(
      mbox,
      Array.from(
        { length: 1200 },
        (_, i) =>
          `From x@y Mon Nov  2 10:00:00 2026\n${message(FRIEND, ME, `n${i}`, `m${i}`)}Salut\n`,
      ).join('\n'),
    );
    let batches = 0;
    const ended: string[] = [];
    const run = importInto(
      {
        accounts: createAccountsStore(main),
        folders: createFoldersStore(main),
        writer: {
          async importBatch(req) {
            batches++;
            const added = await writer.importBatch(req);
            // The account goes after its first batch: the next ones can only fail.
            if (batches === 1) await writer.removeAccount(req.accountId);
            return added;
          },
          importEnded: async (accountId) => {
            ended.push(accountId);
            await writer.importEnded(accountId);
          },
        },
      },
      mbox,
      { origin: mbox, name: 'export.mbox', email: ME },
    );
    await expect(run).rejects.toThrow(/FOREIGN KEY/);
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(ended).toHaveLength(1);
  });
});
