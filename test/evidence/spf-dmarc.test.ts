/**
 * SPF and DMARC where the headers allow: the hop where the user's server took
 * the message (its Received header's IP and HELO, the Return-Path) checked
 * against SPF and DMARC records a resolver the test controls publishes, with
 * DKIM signed for real; "not checkable" with its reason when the headers do
 * not tell (no IP, an internal hop, no Return-Path), never a guess. The DNS
 * cache keeps every record of a name (a domain often publishes several TXT).
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuthenticationStore } from '../../electron/evidence/authentication.sql.js';
import { verifyDkim } from '../../electron/evidence/dkim.js';
import { createCachedResolver } from '../../electron/evidence/dns-cache.js';
import { checkSpfDmarc } from '../../electron/evidence/spf-dmarc.js';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { createTestSigner, testResolver, type TestSigner } from './dkim-keys.js';

const ALLOWED_IP = '203.0.113.5';
const OTHER_IP = '198.51.100.7';
const brand = createTestSigner('boutique.fr');
/** An emailing platform signing with its own domain: valid DKIM, not aligned with the From. */
const platform = createTestSigner('routeur-mail.com', 'rm1');
const DNS = {
  // The SPF record among others, as domains publish them.
  'news.boutique.fr': ['google-site-verification=abc123', `v=spf1 ip4:${ALLOWED_IP} -all`],
  '_dmarc.boutique.fr': ['v=DMARC1; p=reject; rua=mailto:dmarc@boutique.fr'],
};

function message(o: { ip?: string; received?: string; returnPath?: string | null } = {}): string {
  const received =
    o.received ??
    `from mail.boutique.fr (mail.boutique.fr [${o.ip ?? ALLOWED_IP}])\r\n\tby mx.exemple.fr with ESMTPS id 4Xk; Mon, 2 Nov 2026 10:00:00 +0100`;
  return (
    (o.returnPath === null
      ? ''
      : `Return-Path: ${o.returnPath ?? '<bounce-42@news.boutique.fr>'}\r\n`) +
    `Received: from mx.exemple.fr by imap.exemple.fr with LMTP; Mon, 2 Nov 2026 10:00:01 +0100\r\n` +
    `Received: ${received}\r\n` +
    `From: Boutique <offres@boutique.fr>\r\nTo: alice@exemple.fr\r\nSubject: Soldes\r\n` +
    `Date: Mon, 2 Nov 2026 10:00:00 +0100\r\nMessage-ID: <offre-42@news.boutique.fr>\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nProfitez des soldes.\r\n`
  );
}

async function check(raw: string, signer?: TestSigner) {
  const signed = Buffer.from(signer ? await signer.sign(raw) : raw);
  const dns = testResolver([brand, platform], DNS);
  const dkim = await verifyDkim(signed, dns.resolve);
  return checkSpfDmarc(signed, dkim.signatures, dns.resolve, new Date('2026-12-05T10:00:00Z'));
}

describe('SPF and DMARC from the receiving hop', () => {
  it('passes SPF for the IP the Return-Path domain allows, and DMARC through it', async () => {
    const c = await check(message());
    expect(c).toEqual({
      spf: 'pass',
      spfReason: null,
      spfDomain: 'news.boutique.fr',
      spfIp: ALLOWED_IP,
      spfHelo: 'mail.boutique.fr',
      spfRecord: `v=spf1 ip4:${ALLOWED_IP} -all`,
      dmarc: 'pass',
      dmarcReason: null,
      dmarcPolicy: 'reject',
      dmarcRecord: 'v=DMARC1; p=reject; rua=mailto:dmarc@boutique.fr',
      fromDomain: 'boutique.fr',
      checkedAt: '2026-12-05T10:00:00.000Z',
    });
  });

  it('fails SPF for another IP, and DMARC with it when no DKIM signature aligns', async () => {
    const unsigned = await check(message({ ip: OTHER_IP }));
    expect(unsigned).toMatchObject({ spf: 'fail', spfIp: OTHER_IP, dmarc: 'fail' });
    expect(unsigned.dmarcPolicy).toBe('reject');
    // A valid signature of the platform's own domain does not align with the From.
    const byPlatform = await check(message({ ip: OTHER_IP }), platform);
    expect(byPlatform).toMatchObject({ spf: 'fail', dmarc: 'fail', dmarcPolicy: 'reject' });
  });

  it('passes DMARC when the brand’s DKIM signature aligns, whatever SPF says', async () => {
    const c = await check(message({ ip: OTHER_IP }), brand);
    expect(c).toMatchObject({ spf: 'fail', dmarc: 'pass', fromDomain: 'boutique.fr' });
  });

  it('says "not checkable" with its reason when the headers do not tell', async () => {
    const noIp = await check(message({ received: 'from mail.boutique.fr by mx.exemple.fr' }));
    expect(noIp).toMatchObject({ spf: null, spfReason: 'no-received-ip', spfIp: null });
    // Without SPF a DMARC fail would be a guess: only a pass through DKIM is known.
    expect(noIp).toMatchObject({ dmarc: null, dmarcReason: 'spf-not-checkable' });
    const internal = await check(
      message({ received: 'from relay.exemple.fr (relay.exemple.fr [10.1.2.3]) by mx.exemple.fr' }),
    );
    expect(internal).toMatchObject({ spf: null, spfReason: 'internal-hop' });
    // Microsoft 365 notes its hops' IPs without brackets: the bracketed one below is the
    // sender's own header (forgeable), never taken for the user's server's.
    const outlook = await check(
      message({
        received: `from AM6EUR05FT011.eop-eur05.prod.protection.outlook.com (2603:10a6:209:88:cafe::48) by AM6P193CA0104.outlook.office365.com (2603:10a6:209:88::45) with Microsoft SMTP Server\r\nReceived: from mail.boutique.fr (mail.boutique.fr [${ALLOWED_IP}]) by relay.boutique.fr`,
      }),
    );
    expect(outlook).toMatchObject({ spf: null, spfReason: 'unbracketed-hop' });
    const noReturnPath = await check(message({ returnPath: null }));
    expect(noReturnPath).toMatchObject({ spf: null, spfReason: 'no-return-path' });
    const signedNoIp = await check(
      message({ received: 'from mail.boutique.fr by mx.exemple.fr' }),
      brand,
    );
    expect(signedNoIp).toMatchObject({ spf: null, dmarc: 'pass', dmarcReason: null });
  });
});

describe('SPF/DMARC kept with DKIM', () => {
  function memoryStore() {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS);
    return { db, store: createAuthenticationStore(db) };
  }

  it('keeps every TXT record of a name in the cache, so SPF reads the same the next time', async () => {
    const { store } = memoryStore();
    const dns = testResolver([brand], DNS);
    let now = new Date('2026-12-05T10:00:00Z');
    const cached = createCachedResolver(store, dns.resolve, () => now);
    const raw = Buffer.from(message({ ip: OTHER_IP }));
    const first = await checkSpfDmarc(raw, [], cached);
    const again = await checkSpfDmarc(Buffer.from(message()), [], cached);
    expect([first.spf, again.spf]).toEqual(['fail', 'pass']);
    expect(dns.asked.filter((n) => n === 'news.boutique.fr')).toHaveLength(1);
    // An hour later DNS is asked again: a check says what DNS said on its day.
    now = new Date('2026-12-05T11:00:01Z');
    await checkSpfDmarc(Buffer.from(message()), [], cached);
    expect(dns.asked.filter((n) => n === 'news.boutique.fr')).toHaveLength(2);
    expect(JSON.parse(store.answer('news.boutique.fr', 'TXT')!.answer!)).toEqual([
      ['google-site-verification=abc123'],
      [`v=spf1 ip4:${ALLOWED_IP} -all`],
    ]);
  });
});

describe('migration 0016: SPF/DMARC beside DKIM kept before it', () => {
  it('keeps a row verified before the migration, to be checked, and stores the check added', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 15));
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `INSERT INTO message_authentication (message_id, source_sha256, dkim_result, verified_at)
       VALUES (7, 'ab', 'pass', '2026-11-02T10:00:00.000Z')`,
    ).run();
    runMigrations(db, MIGRATIONS);
    const store = createAuthenticationStore(db);
    expect(store.get(7)).toMatchObject({ dkimResult: 'pass', spfDmarc: null });
    const check = {
      spf: null,
      spfReason: 'internal-hop' as const,
      spfDomain: null,
      spfIp: null,
      spfHelo: null,
      spfRecord: null,
      dmarc: 'pass',
      dmarcReason: null,
      dmarcPolicy: 'reject',
      dmarcRecord: 'v=DMARC1; p=reject',
      fromDomain: 'boutique.fr',
      checkedAt: '2026-12-05T10:00:00.000Z',
    };
    store.saveSpfDmarc(7, check);
    expect(store.get(7)).toMatchObject({ dkimResult: 'pass', spfDmarc: check });
    db.close();
  });
});
