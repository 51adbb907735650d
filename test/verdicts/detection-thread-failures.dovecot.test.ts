/**
 * What can go wrong around the writer's detection thread, on a real Dovecot:
 * - the thread crashes: the writer says so (an `error` event) and classifies
 *   the mail itself; no message is left without its verdict;
 * - the user corrects a sender while the thread holds that sender's new mail:
 *   what the thread found before the correction is not saved over it, the
 *   mail is classified again and follows the correction;
 * - the user quits while the thread is stuck on a slice: quitting does not
 *   wait for it, and the next start classifies what it held.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage, testMessages } from '../support/mail.js';
import { retailNewsletterText } from '../support/retail-newsletter.js';

const ready = dovecotReady('the detection thread’s failures');

/** A shop's newsletter, numbered. */
// A shop's newsletter as shops write them (a three-line promotion is a coin toss for the model).
const promotion = (n: number) =>
  testMessage(100 + n, {
    from: 'Boutique Exemple <promo@boutique-exemple.fr>',
    subject: `Soldes d’hiver : -${n}0 % sur tout le site`,
    extra:
      'List-Unsubscribe: <https://boutique-exemple.fr/unsubscribe?u=42>\r\n' +
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nPrecedence: bulk\r\n',
  }).replace(
    /Bonjour \d+\r\n$/,
    retailNewsletterText('boutique-exemple.fr', 'Boutique Exemple', n),
  );

describe.skipIf(!ready)('the detection thread’s failures', () => {
  let server: DovecotServer;
  const cores: TestCore[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    for (const t of cores) await t.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function core(entry: string): TestCore {
    const t = createTestCore({ writerEntry: new URL(entry, import.meta.url) });
    cores.push(t);
    return t;
  }

  it('a crash of the thread: the writer says so and classifies every message itself', async () => {
    await server.addMessages('alice', 'INBOX', testMessages(30));
    const t = core('./crashing-detection.writer.ts');
    const events: CoreEvent[] = [];
    t.core.onEvent((e) => events.push(e));
    const account = await addAlice(t, server.port);
    await t.syncAndDetect(account.id);
    await t.value('detect.run', {});
    const list = await t.value('messages.list', { accountId: account.id, limit: 100 });
    expect(list.total).toBe(30);
    expect(list.items.filter((m) => m.verdict === null || m.detectionError !== null)).toEqual([]);
    const errors = events.filter((e) => e.type === 'error');
    expect(errors.map((e) => e.type === 'error' && e.message)).toEqual([
      expect.stringContaining('injected crash of the detection thread'),
    ]);
  });

  it('a correction while the thread holds that sender’s mail: the mail follows it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-held-'));
    dirs.push(dir);
    process.env.IG_TEST_DETECTION_DIR = dir;
    const t = core('./held-answers.writer.ts');
    const account = await addAlice(t, server.port);
    // Alice's INBOX holds the 30 messages of the test above, and five of the shop's newsletters.
    await server.addMessages('alice', 'INBOX', [1, 2, 3, 4, 5].map(promotion));
    await t.syncAndDetect(account.id);
    const shop = async () =>
      (await t.value('messages.list', { accountId: account.id, limit: 100 })).items.filter(
        (m) => m.from?.address === 'promo@boutique-exemple.fr',
      );
    const before = await shop();
    expect(before.map((m) => [m.verdict, m.unsolicited])).toEqual(
      Array(5).fill(['newsletter', true]),
    );

    // Five more arrive; the thread stops on them, before the user marks the shop wanted.
    writeFileSync(path.join(dir, 'hold'), '');
    await server.addMessages('alice', 'INBOX', [6, 7, 8, 9, 10].map(promotion));
    const sync = t.value('sync.run', { accountId: account.id });
    await vi.waitFor(() => expect(existsSync(path.join(dir, 'held'))).toBe(true), {
      timeout: 20_000,
    });
    const corrected = await t.value('messages.correct', {
      id: before[0]!.id,
      decision: 'wanted',
      scope: 'address',
    });
    expect(corrected.reclassified).toBeGreaterThanOrEqual(5);
    writeFileSync(path.join(dir, 'release'), '');
    await sync;
    await t.syncAndDetect(account.id);
    await t.value('detect.run', {});

    const after = await shop();
    expect(after).toHaveLength(10);
    // All ten, the five the thread held included, follow the correction.
    expect(after.map((m) => m.unsolicited)).toEqual(Array(10).fill(false));
  });

  it('quitting while the thread is stuck on a slice: the app closes, the next start classifies it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-stuck-'));
    dirs.push(dir);
    process.env.IG_TEST_DETECTION_DIR = dir;
    writeFileSync(path.join(dir, 'hold'), '');
    const first = createTestCore({
      writerEntry: new URL('./held-answers.writer.ts', import.meta.url),
    });
    const account = await addAlice(first, server.port);
    await first.value('sync.run', { accountId: account.id });
    await vi.waitFor(() => expect(existsSync(path.join(dir, 'held'))).toBe(true), {
      timeout: 20_000,
    });
    // Never released: the thread would hold this slice for ever. Closing does not wait for it.
    await first.core.close();

    const next = createTestCore({ dataDir: first.dataDir });
    cores.push(next);
    await vi.waitFor(
      async () => {
        const list = await next.value('messages.list', { accountId: account.id, limit: 100 });
        expect(list.total).toBe(40);
        expect(list.items.filter((m) => m.verdict === null)).toEqual([]);
      },
      { timeout: 20_000, interval: 100 },
    );
  });
});
