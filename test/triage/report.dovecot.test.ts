/**
 * "Signaler" for a triage selection, through the core: nothing leaves without a Signal Spam
 * account or with a count the user did not agree to; with both, each message of the group goes
 * to the (loopback) Signal Spam endpoint as the base64 of its very source, journaled in its
 * case's ledger before the network is touched; reported again, nothing is sent twice.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { provenMarketing } from '../objections/fixtures.js';

const ready = dovecotReady('the triage report');
const GOOD = `Basic ${Buffer.from('camille:bon-mot-de-passe').toString('base64')}`;

describe.skipIf(!ready)('triage report to Signal Spam (Dovecot, loopback endpoint)', () => {
  let dovecot: DovecotServer;
  let signalSpam: Server;
  let t: TestCore;
  let accountId: string;
  const received: string[] = [];
  /** For each request, whether its ledger entry was pending and nothing had reached the endpoint. */
  const beforeNetwork: Array<{ pending: boolean; postsSoFar: number }> = [];
  /** Cancels the account's jobs once the first report of a batch is on its way. */
  let cancelOnFirst = false;
  const maison = (n: number) =>
    provenMarketing({ messageId: `<promo-${n}@maison.fr>`, subject: `Offre ${n}` })
      .replaceAll('brand.fr', 'maison.fr')
      .replace('From: Brand <', 'From: Maison <');
  const sources = [
    provenMarketing({ messageId: '<promo-1@brand.fr>', subject: 'Soldes' }),
    provenMarketing({ messageId: '<promo-2@brand.fr>', subject: 'Dernière chance' }),
    maison(1),
    maison(2),
  ];

  beforeAll(async () => {
    signalSpam = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.headers.authorization === GOOD) received.push(body);
        res.writeHead(req.headers.authorization === GOOD ? 202 : 401).end();
      });
    });
    await new Promise<void>((resolve) => signalSpam.listen(0, '127.0.0.1', resolve));
    const port = (signalSpam.address() as AddressInfo).port;
    dovecot = await startDovecot();
    await dovecot.addMessages('alice', 'INBOX', sources);
    t = createTestCore({
      objections: {
        signalSpamUrl: `http://127.0.0.1:${port}/api/signaler`,
        async beforeNetwork(entry) {
          beforeNetwork.push({ pending: entry.state === 'pending', postsSoFar: received.length });
          if (cancelOnFirst) await t.value('jobs.cancel', { accountId });
          cancelOnFirst = false;
        },
      },
    });
    accountId = (await addAlice(t, dovecot.port)).id;
    await t.syncAndDetect(accountId);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await new Promise((r) => signalSpam?.close(r));
  });

  it('asks for the account and the agreed count, then reports each message once', async () => {
    const group = (await t.value('triage.groups', { accountId, by: 'advertiser' })).find(
      (g) => g.key === 'brand.fr',
    )!;
    expect(group.count).toBe(2);
    const selection = { accountId, by: 'advertiser' as const, keys: ['brand.fr'] };
    const report = (messages: number) =>
      t.call('triage.report', { selection, confirmation: { to: 'signal-spam', messages } });

    const noAccount = await report(2);
    expect(noAccount.ok || noAccount.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Signal Spam account/) as unknown,
    });
    await t.value('objections.setSignalSpamAccount', {
      user: 'camille',
      password: 'bon-mot-de-passe',
    });
    const wrongCount = await report(1);
    expect(wrongCount.ok || wrongCount.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(received).toEqual([]);

    const done = await report(2);
    expect(done.ok && done.value).toEqual({
      reported: 2,
      alreadyReported: 0,
      failed: 0,
      error: null,
    });
    // Each message as its very source, base64 in the `message` field.
    const sent = received.map((b) =>
      Buffer.from(new URLSearchParams(b).get('message')!, 'base64').toString('utf8'),
    );
    expect(sent.map((s) => /^Message-ID: (.*)$/im.exec(s)![1]!.trim()).sort()).toEqual([
      '<promo-1@brand.fr>',
      '<promo-2@brand.fr>',
    ]);
    expect(beforeNetwork).toEqual([
      { pending: true, postsSoFar: 0 },
      { pending: true, postsSoFar: 1 },
    ]);
    const cases = await t.value('objections.cases', {});
    const requests = cases.flatMap((c) => c.requests).filter((r) => r.channel === 'signal-spam');
    expect(requests.map((r) => r.state)).toEqual(['done', 'done']);

    // Reported again: the same bytes are not sent twice.
    const again = await report(2);
    expect(again.ok && again.value).toMatchObject({ reported: 0, alreadyReported: 2 });
    expect(received).toHaveLength(2);
  }, 60_000);

  it('stops when cancelled: what was sent is counted, the rest is not sent', async () => {
    const before = received.length;
    cancelOnFirst = true;
    const result = await t.value('triage.report', {
      selection: { accountId, by: 'advertiser', keys: ['maison.fr'] },
      confirmation: { to: 'signal-spam', messages: 2 },
    });
    expect(result).toMatchObject({ reported: 1, error: { code: 'CANCELLED' } });
    expect(received).toHaveLength(before + 1);
  });
});
