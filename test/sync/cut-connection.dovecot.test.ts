/**
 * The connection is cut at random points during the initial scan (inside
 * literals, between responses, during login): the sync resumes on its own
 * and ends with exactly the server's messages, no gap and no duplicate.
 * Run against Dovecot with and without CONDSTORE/QRESYNC.
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady, addAlice, connectAlice } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const ready = dovecotReady('cut connections against Dovecot');

const PLAIN_CAPS =
  'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE NAMESPACE CHILDREN SPECIAL-USE UIDPLUS UNSELECT LIST-EXTENDED LIST-STATUS';
const COUNT = 4000;

for (const variant of ['full', 'plain'] as const) {
  describe.skipIf(!ready)(`scan through a connection cut 20+ times (${variant})`, () => {
    let server: DovecotServer;
    let proxy: TcpProxy;
    let t: TestCore;
    /** The error of each wait the sync announced before trying again. */
    const retries = new Map<string, string>();

    beforeAll(async () => {
      server = await startDovecot(variant === 'plain' ? { capabilities: PLAIN_CAPS } : {});
      const padding = 'X-Padding: ' + 'p'.repeat(600) + '\r\n';
      await server.addMessages(
        'alice',
        'INBOX',
        Array.from({ length: COUNT }, (_, i) => testMessage(i + 1, { extra: padding })),
      );
      await server.addMessages(
        'alice',
        'Sent',
        Array.from({ length: 50 }, (_, i) =>
          testMessage(COUNT + i + 1, { from: 'alice@exemple.fr' }),
        ),
        { seen: true },
      );
      proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: server.port });
      t = createTestCore({ syncBackoff: { baseMs: 5, maxMs: 50 } });
      t.core.onEvent((e) => {
        if (e.type === 'sync.state' && e.status.retry)
          retries.set(e.status.retry.at, e.status.retry.error.code);
      });
    });
    afterAll(async () => {
      await t?.close();
      await proxy?.close();
      await server?.stop();
    });

    it('resumes on its own and stores exactly the server’s messages', async () => {
      const account = await addAlice(t, proxy.port);
      proxy.cutRandomly({
        minBytes: 30_000,
        maxBytes: 150_000,
        seed: variant === 'full' ? 7 : 11,
        maxCuts: 30,
      });
      const report = await t.value('sync.run', { accountId: account.id });
      proxy.stopCutting();
      expect(proxy.cuts).toBeGreaterThanOrEqual(20);
      expect(report.cancelled).toBe(false);
      // Each cut was announced as a wait before the next attempt, and none is left showing.
      expect(retries.size).toBeGreaterThanOrEqual(20);
      expect(new Set(retries.values())).toEqual(new Set(['CONNECTION_LOST']));
      const [status] = await t.value('sync.status', {});
      expect(status?.retry).toBeNull();

      const expected = await serverView(server);
      const stored = storeView(t);
      expect(stored.duplicates).toEqual([]);
      expect(stored.byFolder.get('INBOX')?.size).toBe(COUNT);
      for (const folder of ['INBOX', 'Sent'])
        expect(stored.byFolder.get(folder), folder).toEqual(expected.get(folder));
    });
  });
}

/** folder → uid → sha256(header block), read by an independent client straight from Dovecot. */
async function serverView(server: DovecotServer): Promise<Map<string, Map<number, string>>> {
  const client = await connectAlice(server.port);
  const out = new Map<string, Map<number, string>>();
  try {
    for (const folder of ['INBOX', 'Sent']) {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        const map = new Map<number, string>();
        for await (const m of client.fetch('1:*', { uid: true, headers: true }, { uid: true }))
          map.set(m.uid, sha256(m.headers!));
        out.set(folder, map);
      } finally {
        lock.release();
      }
    }
  } finally {
    await client.logout();
  }
  return out;
}

function storeView(t: TestCore) {
  const db = new BetterSqlite3(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT f.path, l.uid, h.raw AS headers FROM message_locations l JOIN messages m ON m.id = l.message_id JOIN folders f ON f.id = l.folder_id
         JOIN message_headers h ON h.message_id = m.id`,
      )
      .all() as Array<{ path: string; uid: number; headers: Buffer }>;
    const byFolder = new Map<string, Map<number, string>>();
    const duplicates: string[] = [];
    for (const r of rows) {
      const map = byFolder.get(r.path) ?? new Map<number, string>();
      if (map.has(r.uid)) duplicates.push(`${r.path}#${r.uid}`);
      map.set(r.uid, sha256(r.headers));
      byFolder.set(r.path, map);
    }
    // The same message under two UIDs (every test message has its own header block).
    for (const [folder, map] of byFolder) {
      const seen = new Set<string>();
      for (const [uid, hash] of map) {
        if (seen.has(hash)) duplicates.push(`${folder}: block of #${uid} stored twice`);
        seen.add(hash);
      }
    }
    return { byFolder, duplicates };
  } finally {
    db.close();
  }
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
