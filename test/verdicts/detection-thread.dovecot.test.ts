/**
 * The writer classifies a sync's messages on its detection thread while it
 * goes on storing the sync. Those verdicts must be the ones the writer makes
 * itself: the same mail, synced from a real Dovecot by a core with the thread
 * and by a core without it, gets the same verdict, score, router, advertiser,
 * identity and leak for every message, and the same identities.
 *
 * The mail is the labelled real corpus (../shared/corpus): many senders and
 * delivery addresses. Those addresses are the user's identities before the
 * sync, in both stores: an identity found in the middle of a pass changes the
 * verdicts of mail classified after it, so the two would then differ by the
 * order slices happened to run in, whoever classified them. Shops named
 * customers during the pass are settled at its end (their mail scored again),
 * so that order does not count.
 */
import BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';

const ready = dovecotReady('detection on the writer’s detection thread');
const CORPUS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'messages');
const HERE = new URL('./detection-here.writer.ts', import.meta.url);

interface Stored {
  verdicts: Map<string, unknown>;
  identities: unknown[];
  messages: number;
}

/** Each message's detection output by its position in the INBOX (its UID), and the identities. */
function readStore(dataDir: string): Stored {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT l.uid, c.verdict, c.score, c.unsolicited, c.router_id, c.advertiser_domain,
           c.identity, c.plus_tag, c.identity_leaked, c.detail, m.subject, m.from_address
         FROM messages m JOIN message_locations l ON l.message_id = m.id
         LEFT JOIN classifications c ON c.message_id = m.id ORDER BY l.uid`,
      )
      .all() as Array<Record<string, unknown> & { uid: number }>;
    const identities = db
      .prepare(
        `SELECT i.address, i.kind, i.visibility, i.origin, i.first_seen, i.leaked_at,
           i.leaked_advertiser, i.leaked_router, l.uid AS leaked_uid
         FROM identities i LEFT JOIN message_locations l ON l.message_id = i.leaked_message_id
         ORDER BY i.address`,
      )
      .all();
    return {
      verdicts: new Map(rows.map(({ uid, ...rest }) => [String(uid), rest])),
      identities,
      messages: rows.length,
    };
  } finally {
    db.close();
  }
}

/** Every delivery address of the corpus, as detection reads it (plus tags dropped). */
let deliveryAddresses: string[] = [];

function seedIdentities(dataDir: string): void {
  const db = new BetterSqlite3(path.join(dataDir, 'inbox-guard.sqlite'));
  try {
    const add = db.prepare(
      `INSERT OR IGNORE INTO identities (address, kind, visibility, origin) VALUES (?, 'professional', 'private', 'seen')`,
    );
    db.transaction(() => deliveryAddresses.forEach((a) => add.run(a)))();
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('detection on the writer’s detection thread', () => {
  let server: DovecotServer;
  const cores: TestCore[] = [];
  let corpusSize = 0;

  beforeAll(async () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    corpusSize = files.length;
    const delivery = /^(?:delivered-to|x-original-to):[ \t]*<?([^\s<>@]+@[^\s<>]+?)>?[ \t]*$/gim;
    deliveryAddresses = [
      ...new Set(
        files.flatMap((f) =>
          [
            ...readFileSync(path.join(CORPUS, f), 'latin1')
              .split(/\r?\n\r?\n/)[0]!
              .matchAll(delivery),
          ].map((m) => m[1]!.toLowerCase().replace(/\+[^@]*@/, '@')),
        ),
      ),
    ];
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      files.map((f) => readFileSync(path.join(CORPUS, f))),
    );
  }, 60_000);

  afterAll(async () => {
    for (const t of cores) await t.close();
    await server?.stop();
  });

  async function syncWith(options: { writerEntry?: URL }): Promise<Stored> {
    const t = createTestCore(options);
    cores.push(t);
    const account = await addAlice(t, server.port);
    seedIdentities(t.dataDir);
    await t.syncAndDetect(account.id);
    await t.value('detect.run', {});
    return readStore(t.dataDir);
  }

  it('gives every message the verdict the writer gives it itself', async () => {
    const onThread = await syncWith({});
    const onWriter = await syncWith({ writerEntry: HERE });
    expect(corpusSize).toBeGreaterThan(400);
    expect(onThread.messages).toBe(corpusSize);
    expect(onWriter.messages).toBe(corpusSize);
    // Every message has its verdict, and it is the same one, down to the signals.
    const unclassified = [...onThread.verdicts.values()].filter(
      (v) => (v as { verdict: string | null }).verdict === null,
    );
    expect(unclassified).toEqual([]);
    for (const [uid, verdict] of onWriter.verdicts)
      expect({ uid, ...(onThread.verdicts.get(uid) as object) }).toEqual({
        uid,
        ...(verdict as object),
      });
    // The same identities, first seen on the same day, with the same first leaks.
    expect(deliveryAddresses.length).toBeGreaterThan(10);
    expect(onThread.identities.length).toBe(deliveryAddresses.length);
    expect(onThread.identities).toEqual(onWriter.identities);
  }, 120_000);
});
