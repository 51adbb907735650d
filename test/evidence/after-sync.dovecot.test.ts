/**
 * DKIM at receipt, in the background: with the pass on (as the app and serve
 * mode run), a sync that brings signed marketing is followed by a job that
 * fetches those messages' sources and keeps their verification, before anyone
 * asks; asking later costs no DNS question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHENTICATION_JOB } from '../../electron/evidence/authentication.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { addAlice, dovecotReady } from '../support/dovecot-account.js';
import { testMessage } from '../support/mail.js';
import { createTestSigner, keysAsked, testResolver } from './dkim-keys.js';

const ready = dovecotReady('evidence DKIM after sync');
const signer = createTestSigner('boutique-lune.fr', 'lune1');

const offer = (n: number) =>
  testMessage(n, {
    from: 'Boutique Lune <offres@boutique-lune.fr>',
    subject: `Promo ${n} : -40 % sur toute la boutique`,
    extra:
      'List-Unsubscribe: <https://boutique-lune.fr/stop>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nPrecedence: bulk\r\n',
  }).replace(
    `Bonjour ${n}`,
    'Profitez de nos offres exclusives, livraison offerte. Se désinscrire ici.',
  );

describe.skipIf(!ready)('DKIM kept after detection (Dovecot)', () => {
  let server: DovecotServer;
  let t: TestCore;
  // testMessage's Return-Path is at exemple.fr, its Received header names 192.0.2.<n>.
  const dns = testResolver([signer], {
    'exemple.fr': ['v=spf1 ip4:192.0.2.0/24 -all'],
    '_dmarc.boutique-lune.fr': ['v=DMARC1; p=quarantine'],
  });

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages(
      'alice',
      'INBOX',
      await Promise.all([1, 2].map((n) => signer.sign(offer(n)))),
    );
    t = createTestCore({ dkimResolver: dns.resolve, authenticateAfterSync: true });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('verifies new unsolicited mail as a job after the sync, once per selector', async () => {
    const accountId = (await addAlice(t, server.port)).id;
    const finished = new Promise<void>((resolve) => {
      t.core.onEvent((e) => {
        if (e.type === 'job.progress' && e.kind === AUTHENTICATION_JOB && e.state === 'done')
          resolve();
      });
    });
    await t.syncAndDetect(accountId);
    await finished;
    const listed = await t.value('messages.list', { accountId, limit: 10 });
    expect(listed.items.every((m) => m.unsolicited)).toBe(true);
    expect(keysAsked(dns)).toEqual(['lune1._domainkey.boutique-lune.fr']);
    const kept = await t.value('evidence.authenticate', { ids: listed.items.map((m) => m.id) });
    expect(kept.map((k) => [k.dkimResult, k.dkimDomain, k.dkimKeyRecord])).toEqual([
      ['pass', 'boutique-lune.fr', signer.record],
      ['pass', 'boutique-lune.fr', signer.record],
    ]);
    // SPF and DMARC checked with it, from the hop testMessage's Received header names.
    const spfDmarc = kept.map((k) => k.spfDmarc!).sort((a, b) => a.spfIp!.localeCompare(b.spfIp!));
    expect(spfDmarc.map((c) => [c.spfIp, c.spfDomain, c.spf, c.dmarc, c.dmarcPolicy])).toEqual([
      ['192.0.2.1', 'exemple.fr', 'pass', 'pass', 'quarantine'],
      ['192.0.2.2', 'exemple.fr', 'pass', 'pass', 'quarantine'],
    ]);
    // Kept at receipt: asking again neither fetches nor asks DNS.
    const questions = dns.asked.length;
    await t.value('evidence.authenticate', { ids: listed.items.map((m) => m.id) });
    expect(dns.asked).toHaveLength(questions);
  });
});
