/**
 * A message is not where it is: moved to another folder it keeps its
 * identity, verdict and stored source; gone from the server it is kept while
 * it is evidence, and dropped after the retention otherwise. Against a real
 * Dovecot, with imapflow playing the user's other mail client.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocationsStore } from '../../electron/mailbox/locations.sql.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady, connectAlice } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { openWritePath } from '../support/write-path.js';

const ready = dovecotReady('messages that survive moves');

describe.skipIf(!ready)('messages apart from their locations (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  let accountId: string;
  let other: ImapFlow;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      Array.from({ length: 6 }, (_, i) =>
        testMessage(i + 1, {
          from: `Boutique ${i + 1} <promo@boutique${i + 1}.fr>`,
          subject: `Soldes ${i + 1}`,
          extra: `List-Unsubscribe: <https://boutique${i + 1}.fr/u>\r\n`,
        }),
      ),
    );
    t = createTestCore({ syncBackoff: { baseMs: 20, maxMs: 200 } });
    accountId = (await addAlice(t, server.port)).id;
    other = await connectAlice(server.port);
    await t.syncAndDetect(accountId);
    await t.value('detect.run', {});
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await server?.stop();
  });

  const store = () => new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
  async function inFolder(folderPath: string) {
    const folders = await t.value('folders.list', { accountId, refresh: true });
    const folder = folders.find((f) => f.path === folderPath)!;
    return (await t.value('messages.list', { accountId, folderId: folder.id, limit: 100 })).items;
  }
  async function syncAndDetect() {
    await t.syncAndDetect(accountId);
    await t.value('detect.run', {});
  }

  it('a message moved by another client keeps its id, verdict and stored source', async () => {
    const before = (await inFolder('INBOX')).find((m) => m.subject === 'Soldes 1')!;
    expect(before.verdict).not.toBeNull();
    const source = await t.value('messages.source', { id: before.id });

    await other.mailboxOpen('INBOX');
    await other.messageMove(String(before.uid), 'Archive', { uid: true });
    await syncAndDetect();

    expect((await inFolder('INBOX')).map((m) => m.subject)).not.toContain('Soldes 1');
    const after = (await inFolder('Archive')).find((m) => m.subject === 'Soldes 1')!;
    expect(after.id).toBe(before.id);
    expect(after.uid).not.toBeNull();
    expect(after.verdict).toBe(before.verdict);
    expect(await t.value('messages.source', { id: after.id })).toEqual(source);
    const db = store();
    expect(
      db.prepare(`SELECT COUNT(*) FROM messages WHERE subject = 'Soldes 1'`).pluck().get(),
    ).toBe(1);
    db.close();
  });

  it('a rule-like move through the journaled write path keeps its id, verdict and source, and undo too', async () => {
    const before = (await inFolder('INBOX')).find((m) => m.subject === 'Soldes 5')!;
    const source = await t.value('messages.source', { id: before.id });
    const w = openWritePath(t.dataDir);
    try {
      const session = w.actions.session(accountId);
      const entry = await session.run({
        kind: 'move',
        from: 'INBOX',
        to: 'Archive',
        uids: [before.uid!],
      });
      await session.close();
      expect(entry.state).toBe('done');
      // The store follows at once, before any sync: same message, new place.
      const moved = (await inFolder('Archive')).find((m) => m.subject === 'Soldes 5')!;
      expect(moved).toMatchObject({ id: before.id, verdict: before.verdict });
      expect(moved.uid).not.toBe(null);
      await syncAndDetect();
      const synced = (await inFolder('Archive')).find((m) => m.subject === 'Soldes 5')!;
      expect(synced).toMatchObject({ id: before.id, uid: moved.uid, verdict: before.verdict });
      expect(await t.value('messages.source', { id: before.id })).toEqual(source);

      // Undo through the API: the core's writer thread records the move back, before any sync.
      await t.value('journal.undo', { id: entry.id });
      const back = (await inFolder('INBOX')).find((m) => m.subject === 'Soldes 5')!;
      expect(back).toMatchObject({ id: before.id, verdict: before.verdict });
      expect((await inFolder('Archive')).map((m) => m.subject)).not.toContain('Soldes 5');
      await syncAndDetect();
      expect((await inFolder('INBOX')).find((m) => m.subject === 'Soldes 5')).toMatchObject({
        id: before.id,
        uid: back.uid,
        verdict: before.verdict,
      });
      const db = store();
      expect(
        db.prepare(`SELECT COUNT(*) FROM messages WHERE subject = 'Soldes 5'`).pluck().get(),
      ).toBe(1);
      db.close();
    } finally {
      w.close();
    }
  });

  it('an expunged message is kept with its hash while it is evidence; others go after the retention', async () => {
    const inbox = await inFolder('INBOX');
    const evidence = inbox.find((m) => m.subject === 'Soldes 3')!;
    const ordinary = inbox.find((m) => m.subject === 'Soldes 4')!;
    const source = await t.value('messages.source', { id: evidence.id });
    const db = store();
    createLocationsStore(db).markEvidence(evidence.id, 'objection');
    db.close();
    await t.value('settings.set', { goneRetentionDays: 0 });

    await other.mailboxOpen('INBOX');
    await other.messageDelete(`${evidence.uid},${ordinary.uid}`, { uid: true });
    await syncAndDetect();

    const subjects = (await inFolder('INBOX')).map((m) => m.subject);
    expect(subjects).not.toContain('Soldes 3');
    expect(subjects).not.toContain('Soldes 4');
    const kept = await t.value('messages.get', { id: evidence.id });
    expect(kept).toMatchObject({ id: evidence.id, folderId: null, uid: null, subject: 'Soldes 3' });
    expect(kept.classification).not.toBeNull();
    expect(await t.value('messages.source', { id: evidence.id })).toEqual(source);
    expect(await t.call('messages.get', { id: ordinary.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
