/**
 * The app's own data has a retention: a fetched source is dropped once older
 * than `sourceRetentionDays` when the server can give it again, at the next
 * sync; the source of evidence, and of mail that left the server, stay. A
 * dropped source fetched again is the same bytes.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, connectAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';

const ready = dovecotReady('source retention');

describe.skipIf(!ready)('source retention (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  let other: ImapFlow;
  let accountId: string;
  /** Subject number → message id in the store. */
  const ids = new Map<number, number>();

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      [1, 2, 3, 4].map((n) => testMessage(n, { subject: `Offre ${n}` })),
    );
    t = createTestCore();
    accountId = (await addAlice(t, server.port)).id;
    await t.value('sync.run', { accountId });
    for (const m of (await t.value('messages.list', { accountId, limit: 10 })).items)
      ids.set(Number(/(\d+)$/.exec(m.subject)![1]), m.id);
    other = await connectAlice(server.port);
  });
  afterAll(async () => {
    await other?.logout().catch(() => undefined);
    await t?.close();
    await server?.stop();
  });

  /** Writes straight to the store what only time or a complaint would do. */
  const store = (sql: string, ...params: unknown[]) => {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };
  const kept = () => {
    const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
    try {
      const rows = db.prepare(`SELECT message_id FROM message_sources`).pluck().all() as number[];
      return [...ids]
        .filter(([, id]) => rows.includes(id))
        .map(([n]) => n)
        .sort();
    } finally {
      db.close();
    }
  };

  it('drops old sources the server still has, keeps evidence and mail gone from the server', async () => {
    const first = new Map<number, string>();
    for (const [n, id] of ids) first.set(n, (await t.value('messages.source', { id })).sha256);
    expect(kept()).toEqual([1, 2, 3, 4]);

    // 1, 2 and 3 were fetched 10 days ago; 2 is evidence; 3 left the server since.
    store(
      `UPDATE message_sources SET fetched_at = ? WHERE message_id IN (?, ?, ?)`,
      new Date(Date.now() - 10 * 86_400_000).toISOString(),
      ids.get(1),
      ids.get(2),
      ids.get(3),
    );
    store(`UPDATE messages SET evidence = 'test' WHERE id = ?`, ids.get(2));
    await other.mailboxOpen('INBOX');
    const three = await other.search({ subject: 'Offre 3' }, { uid: true });
    await other.messageDelete(three as number[], { uid: true });

    expect(await t.value('settings.set', { sourceRetentionDays: 7 })).toMatchObject({
      sourceRetentionDays: 7,
    });
    await t.syncAndDetect(accountId);
    expect(kept()).toEqual([2, 3, 4]);

    // Fetched again when needed: the same bytes.
    expect((await t.value('messages.source', { id: ids.get(1)! })).sha256).toBe(first.get(1));
    expect(kept()).toEqual([1, 2, 3, 4]);
  });

  it('refuses a retention under a day', async () => {
    expect(await t.call('settings.set', { sourceRetentionDays: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
