/**
 * Corrections on a 20,000-message store, through the core: detection runs on
 * the writer thread, and a correction scores again only the messages of the
 * sender it names, while other calls keep answering (checked as the order in
 * which calls resolve, not as time). Later mail from that sender follows the
 * correction; other senders' verdicts stay as they were.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/data-dir.js';
import { createMessagesStore, type MessageInput } from '../../electron/mailbox/messages.sql.js';
import { splitHeaderBlock, summarizeHeaders } from '../../electron/mail-format/index.js';
import { openDatabase } from '../../electron/store/db.js';
import { generateMessages } from '../fixtures/generate-mailbox.js';
import { createTestCore, type TestCore } from '../support/core.js';

const MESSAGES = 20_000;
const OWNER = 'alice@exemple.fr';

/**
 * Fills a data folder's store with generated mail as a scan leaves it (header
 * blocks, no summary, no verdict); returns the last raw message of each sender.
 */
function fillStore(dataDir: string): Map<string, Buffer> {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'Alice', ?, 'custom', 't', 't')`,
  ).run(OWNER);
  const folderId = Number(
    db
      .prepare(
        `INSERT INTO folders (account_id, path, name, special_use) VALUES ('a', 'INBOX', 'Inbox', 'inbox')`,
      )
      .run().lastInsertRowid,
  );
  const repo = createMessagesStore(db);
  const lastBySender = new Map<string, Buffer>();
  let batch: MessageInput[] = [];
  let uid = 0;
  for (const raw of generateMessages(MESSAGES, { seed: 11, identities: [OWNER] })) {
    const headers = splitHeaderBlock(raw);
    const from = summarizeHeaders(headers).from?.address.toLowerCase();
    if (from) lastBySender.set(from, raw);
    batch.push({
      uid: ++uid,
      headers,
      size: raw.length,
      flags: [],
      internalDate: null,
      origin: null,
      summary: null,
    });
    if (batch.length === 1000) {
      repo.insertMessages('a', folderId, batch);
      batch = [];
    }
  }
  db.close();
  return lastBySender;
}

interface Verdict {
  id: number;
  sender: string;
  verdict: string;
  score: number;
  unsolicited: number;
  detail: string;
  classified_at: string;
}

describe('corrections on a 20,000-message store', () => {
  let t: TestCore;
  let db: BetterSqlite3.Database;
  let lastBySender: Map<string, Buffer>;
  let mailDir: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ig-corrections-'));
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'ig-later-mail-'));
    lastBySender = fillStore(dataDir);
    t = createTestCore({ dataDir });
    // The start's pass classifies the whole store on the writer thread; this waits for it.
    await t.value('detect.run', {});
    db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    db.pragma('busy_timeout = 10000');
    expect(db.prepare(`SELECT COUNT(*) FROM classifications`).pluck().get()).toBe(MESSAGES);
  }, 300_000);

  afterAll(async () => {
    db?.close();
    await t?.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  const verdicts = () =>
    db
      .prepare(
        `SELECT m.id, lower(m.from_address) AS sender, c.verdict, c.score, c.unsolicited, c.detail, c.classified_at
         FROM messages m JOIN classifications c ON c.message_id = m.id ORDER BY m.id`,
      )
      .all() as Verdict[];

  it('scores again only the sender’s messages, while other calls keep answering', async () => {
    const { sender, n } = db
      .prepare(
        `SELECT lower(from_address) AS sender, COUNT(*) AS n FROM messages
         GROUP BY 1 ORDER BY n DESC, sender LIMIT 1`,
      )
      .get() as { sender: string; n: number };
    expect(n).toBeGreaterThan(20);
    const ids = db
      .prepare(`SELECT id FROM messages WHERE lower(from_address) = ? ORDER BY id`)
      .pluck()
      .all(sender) as number[];
    db.prepare(`UPDATE classifications SET classified_at = 'before'`).run();

    const order: string[] = [];
    const settle = <T>(name: string, p: Promise<T>) => p.then((r) => (order.push(name), r));
    const correction = settle(
      'messages.correct',
      t.call('messages.correct', { id: ids[0]!, decision: 'unwanted', scope: 'address' }),
    );
    const others = await Promise.all([
      settle('app.info', t.call('app.info', {})),
      settle('messages.list', t.call('messages.list', { accountId: 'a', limit: 100 })),
      settle('identities.list', t.call('identities.list', {})),
    ]);
    expect(others.every((r) => r.ok)).toBe(true);
    const result = await correction;
    expect(order.at(-1)).toBe('messages.correct');
    expect(result).toEqual({ ok: true, value: { reclassified: n, detectionErrors: 0 } });

    const changed = db
      .prepare(`SELECT message_id FROM classifications WHERE classified_at != 'before' ORDER BY 1`)
      .pluck()
      .all();
    expect(changed).toEqual(ids);
    const unwanted = db
      .prepare(
        `SELECT COUNT(*) FROM classifications WHERE message_id IN (SELECT value FROM json_each(?)) AND unsolicited = 1`,
      )
      .pluck()
      .get(JSON.stringify(ids));
    expect(unwanted).toBe(n);
  });

  it('after five corrections of a sender, its later mail follows them and no other verdict moves', async () => {
    const before = verdicts();
    const counts = new Map<string, number>();
    for (const v of before)
      if (v.verdict === 'newsletter' && v.unsolicited)
        counts.set(v.sender, (counts.get(v.sender) ?? 0) + 1);
    const sender = [...counts].filter(([, n]) => n >= 6).sort((a, b) => b[1] - a[1])[0]![0];
    const own = before.filter((v) => v.sender === sender);

    for (const v of own.slice(0, 5))
      await t.value('messages.correct', { id: v.id, decision: 'wanted', scope: 'address' });

    const after = verdicts();
    const ofSender = after.filter((v) => v.sender === sender);
    expect(ofSender.map((v) => v.unsolicited)).toEqual(own.map(() => 0));
    for (const v of ofSender) expect(v.detail).toContain('"wanted_sender"');
    expect(after.filter((v) => v.sender !== sender)).toEqual(
      before.filter((v) => v.sender !== sender),
    );

    // A new message from that sender, arriving after the corrections.
    const later = lastBySender
      .get(sender)!
      .toString('latin1')
      .replace(/^Message-ID:.*$/im, 'Message-ID: <later-after-corrections@test.example>')
      .replace(/^Date:.*$/im, 'Date: Mon, 1 Jun 2026 09:00:00 +0200');
    writeFileSync(path.join(mailDir, 'later.eml'), Buffer.from(later, 'latin1'));
    const { accountId } = await t.value('import.local', { path: mailDir });
    const [arrived] = (await t.value('messages.list', { accountId, limit: 10 })).items;
    expect(arrived).toMatchObject({ unsolicited: false, detectionError: null });
    expect(arrived!.from?.address.toLowerCase()).toBe(sender);
    const detail = await t.value('messages.get', { id: arrived!.id });
    expect(detail.classification?.signals.map((s) => s.code)).toContain('wanted_sender');
    // Nobody else's verdict moved with it.
    expect(verdicts().filter((v) => v.sender !== sender && v.id !== arrived!.id)).toEqual(
      before.filter((v) => v.sender !== sender),
    );
  });
});
