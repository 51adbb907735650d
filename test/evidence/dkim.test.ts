/**
 * DKIM kept at receipt: a message signed with keys generated here verifies
 * through a resolver the test controls; a changed body does not; the record
 * kept lets the verification be repeated with no resolver at all; and one
 * selector costs one DNS question however many messages it signed.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuthenticationStore } from '../../electron/evidence/authentication.sql.js';
import { verifyDkim, verifyDkimOffline } from '../../electron/evidence/dkim.js';
import { createCachedResolver } from '../../electron/evidence/dns-cache.js';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { testMessage } from '../support/mail.js';
import { createTestSigner, testResolver } from './dkim-keys.js';

const signer = createTestSigner('boutique.fr');
const message = (n: number) =>
  testMessage(n, { from: 'Boutique <promo@boutique.fr>', subject: `Soldes d’hiver ${n}` });

function memoryStore() {
  const db = new BetterSqlite3(':memory:');
  runMigrations(db, MIGRATIONS);
  return createAuthenticationStore(db);
}

describe('DKIM at receipt', () => {
  it('verifies a signed message and keeps the key record it used', async () => {
    const raw = Buffer.from(await signer.sign(message(1)));
    const dns = testResolver([signer]);
    const v = await verifyDkim(raw, dns.resolve);
    expect(v.result).toBe('pass');
    expect(v.best).toMatchObject({
      domain: 'boutique.fr',
      selector: 'ig2026',
      aligned: 'boutique.fr',
      keyName: 'ig2026._domainkey.boutique.fr',
      keyRecord: signer.record,
    });
    expect(dns.asked).toEqual(['ig2026._domainkey.boutique.fr']);
  });

  it('fails a message whose body was changed after signing', async () => {
    const signed = await signer.sign(message(2));
    const tampered = Buffer.from(signed.replace('Bonjour 2', 'Bonjour 3'));
    const v = await verifyDkim(tampered, testResolver([signer]).resolve);
    expect(v.result).not.toBe('pass');
    expect(v.best?.comment).toBe('body hash did not verify');
  });

  it('repeats the verification offline from the kept record, as of its time', async () => {
    const raw = Buffer.from(await signer.sign(message(3)));
    const first = await verifyDkim(raw, testResolver([signer]).resolve);
    const records = new Map([[first.best!.keyName!, first.best!.keyRecord!]]);
    const again = await verifyDkimOffline(raw, records, new Date(first.verifiedAt));
    expect(again.result).toBe('pass');
    // Without the record (a key since rotated away), nothing can vouch for the message.
    const without = await verifyDkimOffline(raw, new Map(), new Date(first.verifiedAt));
    expect(without.result).not.toBe('pass');
  });

  it('reports an unsigned message as none', async () => {
    const v = await verifyDkim(Buffer.from(message(4)), testResolver([]).resolve);
    expect(v).toMatchObject({ result: 'none', best: null, signatures: [] });
  });

  it('asks DNS once per selector, remembering a missing record too', async () => {
    const store = memoryStore();
    const dns = testResolver([signer]);
    const cached = createCachedResolver(store, dns.resolve);
    for (const n of [5, 6, 7]) {
      const v = await verifyDkim(Buffer.from(await signer.sign(message(n))), cached);
      expect(v.result).toBe('pass');
    }
    const stranger = createTestSigner('inconnu.fr');
    for (const n of [8, 9]) {
      const v = await verifyDkim(Buffer.from(await stranger.sign(message(n))), cached);
      expect(v.result).toBe('neutral');
    }
    expect(dns.asked).toEqual(['ig2026._domainkey.boutique.fr', 'ig2026._domainkey.inconnu.fr']);
    expect(store.key('ig2026._domainkey.boutique.fr')?.record).toBe(signer.record);
    expect(store.key('ig2026._domainkey.inconnu.fr')).toMatchObject({
      record: null,
      error: 'ENOTFOUND',
    });
  });
});
