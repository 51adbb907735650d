/**
 * The message list pages through an account, a folder, a verdict or a
 * search newest first: every place exactly once across the pages, in date
 * order (undated last), the same whichever way the store finds the rows
 * (a long list walks the account's date index, a short one sorts its places).
 */
import { describe, expect, it } from 'vitest';
import { createMessagesStore, type MessageListQuery } from '../../electron/mailbox/messages.sql.js';
import { openDatabase } from '../../electron/store/db.js';

const VERDICTS = ['newsletter', 'spam', 'personal', 'cold_prospecting'] as const;

function filledStore() {
  const db = openDatabase(':memory:');
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES
     ('a', 'imap', 'A', 'alice@exemple.fr', 'custom', 't', 't'),
     ('b', 'imap', 'B', 'bob@exemple.fr', 'custom', 't', 't')`,
  ).run();
  const folder = (account: string, path: string) =>
    Number(
      db
        .prepare(`INSERT INTO folders (account_id, path, name) VALUES (?, ?, ?)`)
        .run(account, path, path).lastInsertRowid,
    );
  const inbox = folder('a', 'INBOX');
  const archive = folder('a', 'Archive');
  const otherInbox = folder('b', 'INBOX');
  const store = createMessagesStore(db);
  let state = 7;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const message = (uid: number) => {
    // Few distinct dates, so many messages share one; some have none.
    const day = Math.floor(random() * 40);
    const date = random() < 0.05 ? null : `Mon, ${1 + (day % 28)} Sep 2026 10:00:00 +0000`;
    const subject = random() < 0.3 ? `Soldes ${uid}` : `Nouvelles ${uid}`;
    const lines = [`From: Sender ${uid % 50} <s${uid % 50}@shop.example>`, `Subject: ${subject}`];
    if (date) lines.push(`Date: ${date}`);
    return {
      uid,
      headers: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
      size: 100,
      flags: [],
      internalDate: null,
      origin: null,
    };
  };
  const fill = (account: string, folderId: number, count: number) => {
    const batch = Array.from({ length: count }, (_, i) => message(i + 1));
    store.insertMessages(account, folderId, batch);
  };
  fill('a', inbox, 3000);
  fill('a', archive, 300);
  fill('b', otherInbox, 500);
  // Copies: the same message in both of account a's folders, listed once per place.
  db.prepare(
    `INSERT INTO message_locations (folder_id, uid, message_id, account_id)
     SELECT ?, 10000 + l.uid, l.message_id, 'a' FROM message_locations l
     WHERE l.folder_id = ? AND l.uid % 97 = 0`,
  ).run(archive, inbox);
  const verdict = db.prepare(
    `INSERT INTO classifications (message_id, verdict, score, unsolicited, detail, classified_at)
     VALUES (?, ?, 0.9, ?, '{}', 't')`,
  );
  for (const id of db.prepare(`SELECT id FROM messages`).pluck().all() as number[]) {
    const v = VERDICTS[id % VERDICTS.length]!;
    verdict.run(id, v, v === 'personal' ? 0 : 1);
  }
  return { db, store, inbox, archive };
}

/** Every place the query lists, in the list's order, from a plain sort of all places. */
function expected(db: ReturnType<typeof openDatabase>, where: string): Array<[number, number]> {
  const rows = db
    .prepare(
      `SELECT m.id, l.folder_id AS folder, m.date FROM message_locations l
       JOIN messages m ON m.id = l.message_id LEFT JOIN classifications c ON c.message_id = m.id
       WHERE ${where}`,
    )
    .all() as Array<{ id: number; folder: number; date: string | null }>;
  rows.sort(
    (x, y) => (y.date ?? '').localeCompare(x.date ?? '') || y.id - x.id || x.folder - y.folder,
  );
  return rows.map((r) => [r.id, r.folder]);
}

function allPages(
  store: ReturnType<typeof createMessagesStore>,
  q: Omit<MessageListQuery, 'offset' | 'limit'>,
) {
  const pages: Array<[number, number]> = [];
  let total = -1;
  for (let offset = 0; total === -1 || offset < total; offset += 97) {
    const page = store.listMessages({ ...q, offset, limit: 97 });
    total = page.total;
    pages.push(...page.items.map((m): [number, number] => [m.id, m.folderId ?? -1]));
  }
  return { total, pages };
}

describe('the message list', () => {
  const { db, store, inbox, archive } = filledStore();

  it.each([
    ['an account', {}, `l.account_id = 'a'`],
    ['a large folder', { folderId: inbox }, `l.account_id = 'a' AND l.folder_id = ${inbox}`],
    [
      'a small folder of a large account',
      { folderId: archive },
      `l.account_id = 'a' AND l.folder_id = ${archive}`,
    ],
    ['a verdict', { verdict: 'spam' as const }, `l.account_id = 'a' AND c.verdict = 'spam'`],
    ['unsolicited mail', { unsolicited: true }, `l.account_id = 'a' AND c.unsolicited = 1`],
    ['a search', { search: 'soldes' }, `l.account_id = 'a' AND m.subject LIKE '%soldes%'`],
  ])('pages through %s: each place once, newest first', (_, filter, where) => {
    const want = expected(db, where);
    const got = allPages(store, { accountId: 'a', ...filter });
    expect(want.length).toBeGreaterThan(30);
    expect(got.total).toBe(want.length);
    expect(got.pages).toEqual(want);
  });

  it('lists a message copied into two folders once in each', () => {
    const copied = db
      .prepare(`SELECT message_id FROM message_locations WHERE folder_id = ? AND uid > 10000`)
      .pluck()
      .get(archive) as number;
    const { pages } = allPages(store, { accountId: 'a' });
    expect(pages.filter(([id]) => id === copied).map(([, f]) => f)).toEqual([inbox, archive]);
  });

  it("never lists another account's mail", () => {
    const { pages } = allPages(store, { accountId: 'a' });
    const accounts = db
      .prepare(
        `SELECT DISTINCT account_id FROM messages WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(pages.map(([id]) => id)));
    expect(accounts).toEqual(['a']);
  });
});
