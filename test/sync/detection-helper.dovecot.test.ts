/**
 * During a scan, messages are scored on the detection helper thread while
 * the writer stores the next batch (electron/verdicts/helper-queue.ts): each
 * stored verdict must be the one the classifier gives the stored message
 * (its header block and excerpt) in the store's context, as if the writer
 * had scored it itself.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage } from '../../electron/detect/index.js';
import { openDatabase } from '../../electron/store/db.js';
import { buildDetectContext } from '../../electron/verdicts/context.js';
import { createVerdictStores } from '../../electron/verdicts/index.js';
import { generateMessages } from '../fixtures/generate-mailbox.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';

const ready = dovecotReady('detection beside the writer');
/** One batch of a scan, large enough to be scored on the helper thread. */
const COUNT = 300;

interface Stored {
  raw: Buffer;
  text: string | null;
  html: string | null;
  verdict: string | null;
  score: number | null;
  router: string | null;
  advertiser: string | null;
  identity: string | null;
}

describe.skipIf(!ready)('verdicts scored beside the writer during a scan', () => {
  let server: DovecotServer;
  let t: TestCore;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [
      ...generateMessages(COUNT, { seed: 12, identities: ['alice@exemple.fr'] }),
    ]);
    t = createTestCore();
    const account = await addAlice(t, server.port);
    await t.value('sync.run', { accountId: account.id });
    await t.value('detect.run', {});
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('gives every message the verdict the classifier gives it in the store’s context', () => {
    const db = openDatabase(path.join(t.dataDir, 'inbox-guard.sqlite'), { role: 'main' });
    try {
      const context = buildDetectContext(createVerdictStores(db).context);
      const rows = db
        .prepare(
          `SELECT h.raw, e.text, e.html, c.verdict, c.score, c.router_id AS router,
             c.advertiser_domain AS advertiser, c.identity
           FROM messages m JOIN message_headers h ON h.message_id = m.id
           LEFT JOIN message_excerpts e ON e.message_id = m.id
           LEFT JOIN classifications c ON c.message_id = m.id`,
        )
        .all() as Stored[];
      expect(rows).toHaveLength(COUNT);
      const verdicts = new Set<string | null>();
      for (const row of rows) {
        const body =
          row.text || row.html
            ? { text: row.text ?? undefined, html: row.html ?? undefined }
            : undefined;
        const c = classifyMessage({ rawHeaders: row.raw.toString('latin1'), body }, context);
        expect({
          verdict: row.verdict,
          score: row.score,
          router: row.router,
          advertiser: row.advertiser,
          identity: row.identity,
        }).toEqual({
          verdict: c.verdict,
          score: c.score,
          router: c.router?.id ?? null,
          advertiser: c.advertiser?.domain ?? null,
          identity: c.identity,
        });
        verdicts.add(row.verdict);
      }
      // A mailbox of several kinds: the comparison is not of one verdict given to all.
      expect(verdicts.size).toBeGreaterThan(2);
    } finally {
      db.close();
    }
  });
});
