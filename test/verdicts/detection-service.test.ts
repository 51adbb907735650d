/**
 * Detection over a store, as the writer thread runs it: what it keeps for
 * objections (unsubscribe URIs, one-click, DKIM tags), the legal context it
 * loads (objections), what a correction learns from and which messages a
 * correction scores again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../electron/store/db.js';
import { createMessagesStore } from '../../electron/mailbox/messages.sql.js';
import { createHeaderEvidenceStore } from '../../electron/mailbox/header-evidence.sql.js';
import {
  createVerdictService,
  createVerdictStores,
  type VerdictService,
} from '../../electron/verdicts/index.js';
import { createLogger } from '../../electron/log.js';
import type { TokenModelData } from '../../electron/detect/index.js';

const block = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

/** A newsletter as a marketing platform sends it: two signatures, both unsubscribe ways. */
const NEWSLETTER = [
  'Received: from mta-12.mailer.brand-news.fr (mta-12.mailer.brand-news.fr [198.51.100.12])',
  '\tby mx.perso.example with ESMTPS id 4Xz; Tue, 3 Mar 2026 08:00:02 +0100',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=brand-news.fr;',
  '\ts=mkt2026; t=1772521200;',
  '\tbh=OqTTpTo1GFs+GGNbg8PnOJYuNXmrdm17DfbMVQz4gpM=;',
  '\th=Subject:Date:From:To:List-Unsubscribe:List-Unsubscribe-Post:',
  '\t Message-ID;',
  '\tb=tYXX6IIZEYLgvKWj5KN8oomHxR1x145XNtAbECqqV9Vir7rd9W1OLjdszvo372wvc',
  '\t q9IqcVPsNAljm3hPgaq5KHGU4mMMVTmdrr+Y5P69HLVap0khnAKvlff7fbxrzbr4iS',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=mailer-esp.net; s=esp1;',
  '\ti=@mailer-esp.net; h=From:To:Subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;',
  '\tb=Zm9vYmFy',
  'From: Brand News <news@brand-news.fr>',
  'To: alice@perso.example',
  'Subject: =?UTF-8?Q?Soldes_d=E2=80=99hiver_:_-50_%?=',
  'Date: Tue, 3 Mar 2026 08:00:00 +0100',
  'Message-ID: <20260303080000.abc@mailer.brand-news.fr>',
  'List-Unsubscribe: <https://brand-news.fr/unsubscribe?u=8f3a&l=hiver>,',
  ' <mailto:unsubscribe-8f3a@mailer.brand-news.fr?subject=unsubscribe>',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
];

let db: Database;
let verdicts: VerdictService;
let folderId: number;
let uid = 0;

function openStore(file = ':memory:'): void {
  db = openDatabase(file);
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at) VALUES ('a', 'imap', 'n', 'alice@perso.example', 'custom', 't', 't')`,
  ).run();
  folderId = Number(
    db.prepare(`INSERT INTO folders (account_id, path, name) VALUES ('a', 'INBOX', 'Inbox')`).run()
      .lastInsertRowid,
  );
  verdicts = createVerdictService({
    stores: createVerdictStores(db),
    log: createLogger(null),
    emit: () => {},
  });
}

/** Stores a message as a scan does (no summary yet); returns its id. */
function store(lines: string[], excerpt?: string): number {
  uid++;
  createMessagesStore(db).insertMessages('a', folderId, [
    {
      uid,
      headers: block(lines),
      size: 1000,
      flags: [],
      internalDate: '2026-03-03T07:00:05.000Z',
      origin: null,
      summary: null,
    },
  ]);
  const id = db.prepare(`SELECT MAX(id) FROM messages`).pluck().get() as number;
  if (excerpt)
    db.prepare(
      `INSERT INTO message_excerpts (message_id, text, fetched_at) VALUES (?, ?, 't')`,
    ).run(id, excerpt);
  return id;
}

function legalFlagCodes(id: number): string[] {
  const detail = db
    .prepare(`SELECT detail FROM classifications WHERE message_id = ?`)
    .pluck()
    .get(id) as string;
  return (JSON.parse(detail) as { legalFlags: Array<{ code: string }> }).legalFlags.map(
    (f) => f.code,
  );
}

const simple = (from: string, n: number) => [
  `From: ${from}`,
  'To: alice@perso.example',
  `Subject: Message ${n}`,
  `Date: Tue, 3 Mar 2026 09:${String(n).padStart(2, '0')}:00 +0100`,
  `Message-ID: <m${n}@test.example>`,
];

/** Folders of file stores, removed after their test. */
const dirs: string[] = [];

afterEach(async () => {
  await verdicts.close();
  db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('detection over the store', () => {
  it('keeps the unsubscribe URIs, the one-click field and every DKIM signature of a message', async () => {
    openStore();
    const id = store(NEWSLETTER);
    const personal = store(simple('Julie <julie@exemple.fr>', 1));
    expect(await verdicts.classifyPending()).toEqual({ classified: 2, failed: 0 });

    const evidence = createHeaderEvidenceStore(db);
    expect(evidence.read(id)).toEqual({
      listUnsubscribe: [
        'https://brand-news.fr/unsubscribe?u=8f3a&l=hiver',
        'mailto:unsubscribe-8f3a@mailer.brand-news.fr?subject=unsubscribe',
      ],
      listUnsubscribePost: 'List-Unsubscribe=One-Click',
      dkimSignatures: [
        {
          domain: 'brand-news.fr',
          selector: 'mkt2026',
          signedHeaders: [
            'subject',
            'date',
            'from',
            'to',
            'list-unsubscribe',
            'list-unsubscribe-post',
            'message-id',
          ],
          algorithm: 'rsa-sha256',
          bodyHash: 'OqTTpTo1GFs+GGNbg8PnOJYuNXmrdm17DfbMVQz4gpM=',
          hasSignature: true,
          identity: null,
          signedAt: 1772521200,
        },
        {
          domain: 'mailer-esp.net',
          selector: 'esp1',
          signedHeaders: ['from', 'to', 'subject'],
          algorithm: 'rsa-sha256',
          bodyHash: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
          hasSignature: true,
          identity: '@mailer-esp.net',
          signedAt: null,
        },
      ],
    });
    // A message without them was read too: its row says there is nothing.
    expect(evidence.read(personal)).toEqual({
      listUnsubscribe: [],
      listUnsubscribePost: null,
      dkimSignatures: [],
    });
  });

  it('reads the evidence of messages classified before it was kept', async () => {
    openStore();
    const id = store(NEWSLETTER);
    await verdicts.classifyPending();
    // As a store classified before migration 0010 is: a verdict, no evidence row.
    db.prepare(`DELETE FROM message_header_evidence`).run();
    await verdicts.close();
    verdicts = createVerdictService({
      stores: createVerdictStores(db),
      log: createLogger(null),
      emit: () => {},
    });
    expect(await verdicts.classifyPending()).toEqual({ classified: 0, failed: 0 });
    expect(createHeaderEvidenceStore(db).read(id)?.listUnsubscribe).toHaveLength(2);
  });

  it('keeps a message’s evidence when a correction scores it again', async () => {
    openStore();
    const id = store(NEWSLETTER);
    await verdicts.classifyPending();
    const evidence = createHeaderEvidenceStore(db);
    const before = evidence.read(id);
    expect(before?.dkimSignatures).toHaveLength(2);

    const report = await verdicts.correct({
      messageId: id,
      decision: 'unwanted',
      scope: 'address',
    });
    expect(report).toEqual({ classified: 1, failed: 0 });
    expect(evidence.read(id)).toEqual(before);
  });

  it('raises the after-objection flag once an objection to the advertiser is stored', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-objection-flag-'));
    dirs.push(dir);
    openStore(path.join(dir, 'store.sqlite'));
    const id = store(NEWSLETTER);
    await verdicts.classifyPending();
    expect(legalFlagCodes(id)).not.toContain('after_objection');

    // The objection is stored by another connection (the main thread's), as in the app.
    const main = openDatabase(path.join(dir, 'store.sqlite'));
    main
      .prepare(
        `INSERT INTO objections (advertiser_domain, objected_at) VALUES ('brand-news.fr', '2026-01-15T10:00:00.000Z')`,
      )
      .run();
    main.close();
    db.prepare(`DELETE FROM classifications`).run();
    await verdicts.classifyPending();
    expect(legalFlagCodes(id)).toContain('after_objection');
    const detail = JSON.parse(
      db.prepare(`SELECT detail FROM classifications`).pluck().get() as string,
    ) as { legalFlags: Array<{ code: string; en: string }> };
    expect(detail.legalFlags.find((f) => f.code === 'after_objection')?.en).toMatch(
      /received 46 days after your objection of 2026-01-15/,
    );
  });

  it('trains the model on what it scores: the body excerpt as well as the headers', async () => {
    openStore();
    const id = store(simple('Immo <contact@immo-invest.fr>', 1), 'Défiscalisation Pinel garantie');
    await verdicts.classifyPending();
    await verdicts.correct({ messageId: id, decision: 'unwanted', scope: 'address' });
    const model = JSON.parse(
      db.prepare(`SELECT data FROM models`).pluck().get() as string,
    ) as TokenModelData;
    expect(Object.keys(model.unwanted.tokens)).toEqual(
      expect.arrayContaining(['from:immo-invest.fr', 's:message', 'pinel', 'défiscalisation']),
    );
  });

  it('scores again only the corrected domain’s messages, subdomains included', async () => {
    openStore();
    const ids = {
      brand: store(simple('Brand <hello@brand.example>', 1)),
      news: store(simple('Brand News <news@news.brand.example>', 2)),
      upper: store(simple('Brand Shop <SHOP@Shop.Brand.Example>', 3)),
      other: store(simple('Not Brand <hello@notbrand.example>', 4)),
      person: store(simple('Julie <julie@exemple.fr>', 5)),
    };
    await verdicts.classifyPending();
    db.prepare(`UPDATE classifications SET classified_at = 'before'`).run();
    const report = await verdicts.correct({
      messageId: ids.news,
      decision: 'unwanted',
      scope: 'domain',
    });
    expect(report).toEqual({ classified: 3, failed: 0 });
    const changed = db
      .prepare(`SELECT message_id FROM classifications WHERE classified_at != 'before' ORDER BY 1`)
      .pluck()
      .all();
    expect(changed).toEqual([ids.brand, ids.news, ids.upper]);
    expect(db.prepare(`SELECT sender, scope FROM sender_decisions`).all()).toEqual([
      { sender: 'brand.example', scope: 'domain' },
    ]);
  });

  it('scores again, after an identity changes, only the mail it received and its domain’s', async () => {
    openStore();
    const to = (address: string, from: string, n: number) => [
      ...simple(from, n).filter((l) => !l.startsWith('To:')),
      `To: ${address}`,
    ];
    const ids = {
      work: store(to('contact@mon-site.fr', 'Shop <news@shop.example>', 1)),
      tagged: store(to('contact+salon@mon-site.fr', 'Salon <hello@salon.example>', 2)),
      colleague: store(to('alice@perso.example', 'Bob <bob@mon-site.fr>', 3)),
      personal: store(to('alice@perso.example', 'Shop <news@shop.example>', 4)),
    };
    db.prepare(
      `INSERT INTO identities (address, kind, visibility, origin) VALUES ('contact@mon-site.fr', 'professional', 'private', 'user')`,
    ).run();
    await verdicts.classifyPending();
    db.prepare(`UPDATE classifications SET classified_at = 'before'`).run();
    db.prepare(
      `UPDATE identities SET visibility = 'public' WHERE address = 'contact@mon-site.fr'`,
    ).run();
    expect(await verdicts.rescoreIdentity('contact@mon-site.fr')).toEqual({
      classified: 3,
      failed: 0,
    });
    const changed = db
      .prepare(`SELECT message_id FROM classifications WHERE classified_at != 'before' ORDER BY 1`)
      .pluck()
      .all();
    expect(changed).toEqual([ids.work, ids.tagged, ids.colleague]);
  });
});
