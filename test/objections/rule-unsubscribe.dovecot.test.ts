/**
 * The rule action "unsubscribe" through the core, on mail synced from
 * Dovecot: a rule that carries it (turned on knowingly) sends one one-click
 * unsubscribe per advertiser and identity — two messages of the same
 * advertiser and two runs make one POST — and mail without a proven platform
 * gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RuleDraft } from '../../shared/api/rules.js';
import { writeSelfSignedCertificate } from '../servers/certificate.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testDkim } from './dkim-keys.js';
import { provenMarketing } from './fixtures.js';

const ready = dovecotReady('rule unsubscribe');

/** Marketing with an https one-click link but no proven platform behind it. */
function unprovenMarketing(url: string): string {
  return [
    'Delivered-To: alice@exemple.fr',
    'From: Deals <deals@cheap-offers.biz>',
    'To: alice@exemple.fr',
    'Subject: Offre exceptionnelle',
    'Date: Mon, 02 Nov 2026 10:00:00 +0000',
    'Message-ID: <deal-1@cheap-offers.biz>',
    `List-Unsubscribe: <${url}>, <mailto:stop@cheap-offers.biz>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Gagnez un iPhone, cliquez ici.',
    '',
  ].join('\r\n');
}

const draft = (allowUnsubscribe: boolean): RuleDraft => ({
  name: 'Me désabonner',
  enabled: true,
  accountId: null,
  match: 'all',
  conditions: [{ field: 'folder', paths: ['INBOX'] }],
  actions: [{ type: 'unsubscribe' }],
  stop: false,
  allowPurge: false,
  allowUnsubscribe,
});

describe.skipIf(!ready)('rule action unsubscribe', () => {
  let dovecot: DovecotServer;
  let t: TestCore;
  let dir: string;
  let endpoint: HttpsServer;
  const posts: Array<{ url: string; body: string }> = [];
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ig-rule-unsub-'));
    const cert = await writeSelfSignedCertificate(dir);
    endpoint = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push({ url: req.url ?? '', body });
        res.writeHead(200).end('ok');
      });
    });
    const port = await new Promise<number>((resolve) =>
      endpoint.listen(0, '127.0.0.1', () => resolve((endpoint.address() as AddressInfo).port)),
    );
    base = `https://localhost:${port}`;
    const dkim = testDkim('brand.fr');
    const signed = (messageId: string, subject: string) =>
      dkim.sign(
        Buffer.from(
          provenMarketing({ url: `${base}/u/42`, unsigned: true, messageId, subject }),
          'utf8',
        ),
        [
          'from',
          'to',
          'subject',
          'date',
          'message-id',
          'list-unsubscribe',
          'list-unsubscribe-post',
        ],
      );
    dovecot = await startDovecot();
    await dovecot.addMessages('alice', 'INBOX', [
      await signed('<promo-1@brand.fr>', 'Nos offres de novembre'),
      await signed('<promo-2@brand.fr>', 'Dernier jour'),
      Buffer.from(unprovenMarketing(`${base}/spam/1`), 'utf8'),
    ]);
    t = createTestCore({
      objections: {
        dkimResolver: dkim.resolver,
        oneClick: {
          allowLoopback: true,
          ca: cert.certPem,
          resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        },
      },
    });
    const account = await addAlice(t, dovecot.port);
    await t.syncAndDetect(account.id);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await new Promise((r) => endpoint?.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused on a rule saved without its switch, and nothing is sent', async () => {
    expect(await t.call('rules.save', { rule: draft(false) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /send unsubscribes for me/ },
    });
    expect(posts).toEqual([]);
  });

  it('sends one unsubscribe per advertiser and identity over two runs, none without a proven platform', async () => {
    await t.value('rules.save', { rule: draft(true) });
    await t.value('rules.run', {});
    await t.value('rules.run', {});
    expect(posts).toEqual([{ url: '/u/42', body: 'List-Unsubscribe=One-Click' }]);
    const cases = await t.value('objections.cases', {});
    expect(cases.map((c) => [c.advertiserDomain, c.identity])).toEqual([
      ['brand.fr', 'alice@exemple.fr'],
    ]);
    expect(cases[0]!.requests).toMatchObject([{ channel: 'one-click', state: 'done' }]);
    const entries = await t.value('journal.list', {});
    expect(entries.filter((e) => e.kind.startsWith('objection.')).map((e) => e.kind)).toEqual([
      'objection.one-click',
    ]);
  });
});
