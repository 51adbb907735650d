/**
 * Detection over stored mail as a scan leaves it (raw header blocks, no
 * summary yet): one pass fills in every summary, finds the user's addresses
 * in the delivery headers, and classifies.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/db.js';
import { createMessagesStore } from '../../electron/mailbox/messages.sql.js';
import { createVerdictService, createVerdictStores } from '../../electron/verdicts/index.js';
import { createLogger } from '../../electron/log.js';

const block = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

describe('detection after a scan', () => {
  it('summarizes pending rows, discovers delivery addresses, and classifies every message', async () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'n', 'alice@exemple.fr', 'custom', 't', 't')`,
    ).run();
    const folderId = Number(
      db
        .prepare(`INSERT INTO folders (account_id, path, name) VALUES ('a', 'INBOX', 'Inbox')`)
        .run().lastInsertRowid,
    );
    const repo = createMessagesStore(db);
    const scanned = (uid: number, lines: string[]) => ({
      uid,
      headers: block(lines),
      size: 1000,
      flags: [],
      internalDate: '2026-03-02T09:00:05.000Z',
      origin: null,
      summary: null,
    });
    repo.insertMessages('a', folderId, [
      scanned(1, [
        'Delivered-To: alice+shop@perso.example',
        'X-Original-To: <contact@mon-site.fr>',
        'From: =?UTF-8?Q?Boutique_=C3=89t=C3=A9?= <news@boutique.example>',
        'To: contact@mon-site.fr',
        'Subject: =?UTF-8?Q?Soldes_d=E2=80=99=C3=A9t=C3=A9?=',
        'Date: Mon, 2 Mar 2026 10:00:00 +0100',
        'Message-ID: <m1@boutique.example>',
        'List-Unsubscribe: <https://boutique.example/u>',
      ]),
    ]);
    // What the list shows before detection ran: read from the block, dated by the server.
    const before = repo.listMessages({ accountId: 'a', offset: 0, limit: 10 }).items[0]!;
    expect(before.subject).toBe('Soldes d’été');
    expect(before.verdict).toBeNull();
    // Search finds it too, in its raw block, until its columns are filled in.
    expect(
      repo.listMessages({ accountId: 'a', search: 'news@boutique', offset: 0, limit: 10 }).total,
    ).toBe(1);
    expect(
      repo.listMessages({ accountId: 'a', search: 'absent-term', offset: 0, limit: 10 }).total,
    ).toBe(0);

    const verdicts = createVerdictService({
      stores: createVerdictStores(db),
      log: createLogger(null),
      emit: () => {},
    });
    expect(await verdicts.classifyPending()).toEqual({ classified: 1, failed: 0 });

    const row = db
      .prepare(
        `SELECT summarized, subject, from_name, from_address, date, has_list_unsubscribe FROM messages`,
      )
      .get();
    expect(row).toEqual({
      summarized: 1,
      subject: 'Soldes d’été',
      from_name: 'Boutique Été',
      from_address: 'news@boutique.example',
      date: '2026-03-02T09:00:00.000Z',
      has_list_unsubscribe: 1,
    });
    const identities = db.prepare(`SELECT address FROM identities ORDER BY address`).pluck().all();
    expect(identities).toEqual(['alice@perso.example', 'contact@mon-site.fr']);
    const after = repo.listMessages({ accountId: 'a', offset: 0, limit: 10 }).items[0]!;
    expect(after.verdict).toBe('newsletter');
    // The store keeps each reason as code and params; the detail shown has its sentences.
    const stored = JSON.parse(
      db.prepare(`SELECT detail FROM classifications`).pluck().get() as string,
    ) as { signals: Array<Record<string, unknown>> };
    expect(stored.signals.length).toBeGreaterThan(0);
    expect(stored.signals.every((s) => !('en' in s) && !('fr' in s))).toBe(true);
    const shown = repo.getMessage(after.id)!.classification!;
    expect(shown.signals.map((s) => s.code)).toEqual(stored.signals.map((s) => s.code));
    for (const s of shown.signals) {
      expect(s.en.length).toBeGreaterThan(0);
      expect(s.fr.length).toBeGreaterThan(0);
    }
    // A verdict written by an earlier version, with its sentences, still reads as it was.
    db.prepare(`UPDATE classifications SET detail = ?`).run(
      JSON.stringify({
        signals: [{ code: 'old_code', en: 'an old sentence', fr: 'une ancienne phrase' }],
        legalFlags: [],
        router: null,
        advertiser: null,
      }),
    );
    expect(repo.getMessage(after.id)!.classification!.signals).toEqual([
      { code: 'old_code', en: 'an old sentence', fr: 'une ancienne phrase' },
    ]);
    db.close();
  });
});
