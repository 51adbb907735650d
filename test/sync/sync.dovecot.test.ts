/**
 * Sync against a real Dovecot, with and without CONDSTORE/QRESYNC: the
 * initial scan stores every header block byte for byte, incremental passes
 * catch new mail, flag changes and expunges, a UIDVALIDITY change rescans.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady, addAlice, connectAlice } from '../support/dovecot-account.js';
import { testMessage, testMessages } from '../support/mail.js';

const ready = dovecotReady('sync against Dovecot');

const PLAIN_CAPS =
  'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES NAMESPACE CHILDREN SPECIAL-USE UIDPLUS UNSELECT LIST-EXTENDED LIST-STATUS';

for (const variant of ['full', 'plain'] as const) {
  describe.skipIf(!ready)(
    `sync (${variant === 'full' ? 'CONDSTORE + QRESYNC' : 'plain IMAP4rev1 fallback'})`,
    () => {
      let server: DovecotServer;
      let t: TestCore;
      let accountId: string;
      let imap: ImapFlow;

      beforeAll(async () => {
        server = await startDovecot(variant === 'plain' ? { capabilities: PLAIN_CAPS } : {});
        await server.addMessages('alice', 'INBOX', testMessages(30));
        await server.addMessages(
          'alice',
          'Sent',
          [
            testMessage(100, {
              from: 'Alice <alice@exemple.fr>',
              to: 'Client <client@bureau-client.fr>, ami@gmail.com',
            }),
          ],
          { seen: true },
        );
        t = createTestCore({ syncBackoff: { baseMs: 20, maxMs: 200 } });
        const account = await addAlice(t, server.port);
        accountId = account.id;
        imap = await connectAlice(server.port);
      });
      afterAll(async () => {
        await imap?.logout().catch(() => undefined);
        await t?.close();
        await server?.stop();
      });

      /** The server's INBOX as uid → sha256 of the header block, read by an independent client. */
      async function serverHeaders(folder = 'INBOX'): Promise<Map<number, string>> {
        const lock = await imap.getMailboxLock(folder, { readOnly: true });
        try {
          const out = new Map<number, string>();
          for await (const m of imap.fetch('1:*', { uid: true, headers: true }, { uid: true })) {
            out.set(m.uid, createHash('sha256').update(m.headers!).digest('hex'));
          }
          return out;
        } finally {
          lock.release();
        }
      }

      function storeHeaders(folder = 'INBOX'): Map<number, string> {
        const rows = openStore(t)
          .prepare(
            `SELECT l.uid, h.raw AS headers FROM message_locations l JOIN messages m ON m.id = l.message_id JOIN folders f ON f.id = l.folder_id
             JOIN message_headers h ON h.message_id = m.id WHERE f.account_id = ? AND f.path = ?`,
          )
          .all(accountId, folder) as Array<{ uid: number; headers: Buffer }>;
        return new Map(
          rows.map((r) => [r.uid, createHash('sha256').update(r.headers).digest('hex')]),
        );
      }

      it('scans every folder: the store holds exactly the server’s header blocks', async () => {
        const report = await t.value('sync.run', { accountId });
        expect(report).toMatchObject({ added: 31, removed: 0, problems: 0, cancelled: false });
        expect(storeHeaders()).toEqual(await serverHeaders());
        const folders = await t.value('folders.list', { accountId });
        expect(folders.find((f) => f.specialUse === 'inbox')).toMatchObject({
          messages: 30,
          unseen: 30,
        });
        const list = await t.value('messages.list', { accountId, limit: 5 });
        expect(list.total).toBe(31);
        expect(list.items[0]!.from?.address).toMatch(/@exemple\.fr$/);
        // The scan stores raw blocks; detection, right after it, fills in every summary.
        await t.value('detect.run', {});
        const store = openStore(t);
        expect(
          store.prepare(`SELECT COUNT(*) FROM messages WHERE summarized = 0`).pluck().get(),
        ).toBe(0);
        expect(
          store
            .prepare(`SELECT COUNT(*) FROM messages WHERE from_address LIKE '%@exemple.fr'`)
            .pluck()
            .get(),
        ).toBe(31);
      });

      it('records who the user wrote to, from the Sent folder', () => {
        const rows = openStore(t)
          .prepare(`SELECT kind, value FROM relationships ORDER BY kind, value`)
          .all();
        expect(rows).toEqual([
          { kind: 'address', value: 'ami@gmail.com' },
          { kind: 'address', value: 'client@bureau-client.fr' },
          { kind: 'domain', value: 'bureau-client.fr' },
        ]);
        expect(
          openStore(t).prepare(`SELECT message_id FROM own_message_ids`).pluck().all(),
        ).toEqual(['msg-100@exemple.fr']);
      });

      /** Each folder's counts as the store shows them, by path. */
      async function storeCounts() {
        const folders = await t.value('folders.list', { accountId });
        return Object.fromEntries(
          folders.map((f) => [f.path, { messages: f.messages, unseen: f.unseen }]),
        );
      }

      /** The same, as the server answers STATUS to an independent client. */
      async function serverCounts() {
        const out: Record<string, { messages: number; unseen: number }> = {};
        for (const f of await imap.list()) {
          const s = await imap.status(f.path, { messages: true, unseen: true });
          out[f.path] = { messages: s.messages ?? -1, unseen: s.unseen ?? -1 };
        }
        return out;
      }

      it('an incremental sync with no change changes nothing', async () => {
        const counts = await storeCounts();
        const report = await t.value('sync.run', { accountId });
        expect(report).toMatchObject({ added: 0, removed: 0, flagsChanged: 0 });
        expect(await storeCounts()).toEqual(counts);
      });

      it('catches new messages, flag changes and expunges', async () => {
        await server.addMessages('alice', 'INBOX', [testMessage(31), testMessage(32)]);
        const lock = await imap.getMailboxLock('INBOX');
        try {
          await imap.messageFlagsAdd('1:3', ['\\Seen'], { uid: true });
          await imap.messageDelete('4:5', { uid: true });
        } finally {
          lock.release();
        }
        const report = await t.value('sync.run', { accountId });
        expect(report).toMatchObject({ added: 2, removed: 2, flagsChanged: 3 });
        expect(storeHeaders()).toEqual(await serverHeaders());
        // The sync counted the folders itself (it asks no STATUS): the server's numbers.
        expect(await storeCounts()).toEqual(await serverCounts());
        expect((await storeCounts())['INBOX']).toEqual({ messages: 30, unseen: 27 });
        const seen = openStore(t)
          .prepare(
            `SELECT uid FROM message_locations l JOIN messages m ON m.id = l.message_id JOIN folders f ON f.id = l.folder_id WHERE f.path = 'INBOX' AND l.flags LIKE '%\\Seen%' ORDER BY uid`,
          )
          .pluck()
          .all();
        expect(seen).toEqual([1, 2, 3]);
      });

      it('rescans a folder whose UIDVALIDITY changed, dropping stale rows', async () => {
        await imap.mailboxCreate('Projets');
        await server.addMessages('alice', 'Projets', [testMessage(200), testMessage(201)]);
        await t.value('sync.run', { accountId });
        expect(storeHeaders('Projets').size).toBe(2);
        await imap.mailboxDelete('Projets');
        await imap.mailboxCreate('Projets');
        await server.addMessages('alice', 'Projets', [testMessage(300)]);
        await t.value('sync.run', { accountId });
        expect(storeHeaders('Projets')).toEqual(await serverHeaders('Projets'));
        // The subject column is filled in by detection, which follows the sync.
        await t.value('detect.run', {});
        expect(
          openStore(t)
            .prepare(
              `SELECT subject FROM message_locations l JOIN messages m ON m.id = l.message_id JOIN folders f ON f.id = l.folder_id WHERE f.path = 'Projets'`,
            )
            .pluck()
            .all(),
        ).toEqual(['Message 300']);
      });

      it('fetches a complete source on demand, byte for byte, with its SHA-256', async () => {
        const [m] = (await t.value('messages.list', { accountId, search: 'Message 31' })).items;
        const info = await t.value('messages.source', { id: m!.id });
        const raw = Buffer.from(testMessage(31));
        expect(info).toMatchObject({
          size: raw.length,
          sha256: createHash('sha256').update(raw).digest('hex'),
        });
        expect(await t.value('messages.source', { id: m!.id })).toEqual(info);
      });
    },
  );
}

const stores = new WeakMap<TestCore, Database>();
/** A second, read-only handle on the core's database, to look at what the store holds. */
function openStore(t: TestCore): Database {
  let db = stores.get(t);
  if (!db) {
    db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    stores.set(t, db);
  }
  return db;
}
