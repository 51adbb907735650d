/**
 * Leaks stay truthful: a private address has "leaked" only when marketing
 * reaches it from an advertiser with no relationship. A shop the user bought
 * from (its order or receipt mail reached them) that sends promotions is a
 * customer relationship (CPCE L.34-5's existing-customer exception), shown
 * as such; so is a domain the user wrote to. Checked on detection alone, and
 * through the app: import, detection, the identities list.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';
import { wordedSignal } from '../../electron/detect/signals.js';
import { createTestCore, type TestCore } from '../support/core.js';

const PRIVATE = 'camille.martin@orange.fr';
const SHOP = 'boutique-jardin.example';
const STRANGER = 'promo-graines.example';

function mail(o: {
  n: number;
  from: string;
  subject: string;
  text: string;
  unsubscribe?: string;
}): string {
  return [
    `Delivered-To: ${PRIVATE}`,
    `Return-Path: <bounce-${o.n}@${o.from.split('@')[1]!.replace('>', '')}>`,
    `Received: from smtp.example.net (smtp.example.net [192.0.2.${o.n}])`,
    `\tby mx.orange.fr with ESMTPS id c${o.n}; Mon, ${o.n} Nov 2026 10:00:00 +0100`,
    `From: ${o.from}`,
    `To: ${PRIVATE}`,
    `Subject: ${o.subject}`,
    `Date: Mon, ${o.n} Nov 2026 10:00:00 +0100`,
    `Message-ID: <c${o.n}@mail.example.net>`,
    ...(o.unsubscribe ? [`List-Unsubscribe: <${o.unsubscribe}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.text,
    '',
  ].join('\r\n');
}

const RECEIPT = mail({
  n: 1,
  from: `Boutique Jardin <commandes@${SHOP}>`,
  subject: 'Confirmation de votre commande n° 48213',
  text: 'Bonjour,\nNous avons bien reçu votre commande n° 48213 (2 sacs de terreau, 24,90 €).\nVotre colis sera expédié sous 48 h.\nLe service client',
});
const PROMOTION = (n: number, domain: string, name: string) =>
  mail({
    n,
    from: `${name} <promo@${domain}>`,
    subject: 'Soldes d’automne : -30 % sur les bulbes !',
    text: `Offre spéciale : -30 % sur tous nos bulbes jusqu’à dimanche.\nCode promo AUTOMNE30, livraison gratuite dès 40 €.\nAchetez maintenant sur https://www.${domain}/soldes\n\nSe désinscrire : https://www.${domain}/desinscription`,
    unsubscribe: `https://www.${domain}/desinscription`,
  });

const input = (raw: string) => {
  const [rawHeaders, text] = raw.split('\r\n\r\n');
  return { rawHeaders: rawHeaders + '\r\n\r\n', body: { text: text! } };
};

describe('a promotion to a private address, judged by detection', () => {
  const identities = [
    { address: PRIVATE, kind: 'personal' as const, visibility: 'private' as const },
  ];

  it('is a leak from an advertiser the user has no relationship with', () => {
    const result = classifyMessage(
      input(PROMOTION(2, STRANGER, 'Promo Graines')),
      createMemoryContext({ identities }),
    );
    expect(result.verdict).toBe('newsletter');
    expect(result.identityLeaked).toBe(true);
    expect(result.signals.map((s) => s.code)).toContain('leaked_identity');
    expect(result.legalFlags.map((f) => f.code)).toContain('personal_no_consent');
  });

  it('is a customer relationship, not a leak, from a shop whose receipts reached the user', () => {
    const context = createMemoryContext({ identities, customerOf: [SHOP] });
    const result = classifyMessage(input(PROMOTION(3, SHOP, 'Boutique Jardin')), context);
    expect(result.verdict).toBe('newsletter');
    expect(result.identityLeaked).toBe(false);
    const codes = result.signals.map((s) => s.code);
    expect(codes).not.toContain('leaked_identity');
    const customer = result.signals.find((s) => s.code === 'customer_relationship');
    expect(customer && wordedSignal(customer).en).toContain(`you are a customer of ${SHOP}`);
    expect(customer && wordedSignal(customer).fr).toContain(`vous êtes client de ${SHOP}`);
    // The existing-customer exception: no "no consent" hint.
    expect(result.legalFlags.map((f) => f.code)).not.toContain('personal_no_consent');
  });

  it('is no leak either from a domain the user wrote to', () => {
    const context = createMemoryContext({ identities, writtenTo: [`sav@${SHOP}`] });
    const result = classifyMessage(input(PROMOTION(4, SHOP, 'Boutique Jardin')), context);
    expect(result.identityLeaked).toBe(false);
  });

  it('a forged sender claiming the shop gets no customer standing', () => {
    const forged = PROMOTION(5, SHOP, 'Boutique Jardin').replace(
      'Delivered-To:',
      'Authentication-Results: mx.orange.fr; spf=fail smtp.mailfrom=boutique-jardin.example; dkim=none; dmarc=fail header.from=boutique-jardin.example\r\nDelivered-To:',
    );
    const context = createMemoryContext({
      identities,
      customerOf: [SHOP],
      receivingDomains: ['orange.fr'],
    });
    const result = classifyMessage(input(forged), context);
    expect(result.signals.map((s) => s.code)).not.toContain('customer_relationship');
  });
});

describe('customer relationships through the app', () => {
  let t: TestCore;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ig-customer-'));
    const first = path.join(root, 'first');
    const later = path.join(root, 'later');
    mkdirSync(first);
    mkdirSync(later);
    writeFileSync(path.join(first, 'receipt.eml'), RECEIPT);
    writeFileSync(path.join(later, 'shop.eml'), PROMOTION(6, SHOP, 'Boutique Jardin'));
    writeFileSync(path.join(later, 'stranger.eml'), PROMOTION(7, STRANGER, 'Promo Graines'));
    t = createTestCore();
    await t.core.ready();
    // The receipt first; the promotions arrive afterwards, as new mail does.
    await t.value('import.local', { path: first });
    await t.value('import.local', { path: later });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('names only the stranger as where the private address leaked', async () => {
    const identity = (await t.value('identities.list', {})).find((i) => i.address === PRIVATE);
    expect(identity?.visibility).toBe('private');
    expect(identity?.leak?.advertiser).toBe(STRANGER);
  });

  it('shows the shop’s promotion as a customer relationship', async () => {
    const accounts = await t.value('accounts.list', {});
    const items = (
      await Promise.all(
        accounts.map((a) => t.value('messages.list', { accountId: a.id, limit: 10 })),
      )
    ).flatMap((page) => page.items);
    const shop = items.find((m) => m.from?.address === `promo@${SHOP}`)!;
    const receipt = items.find((m) => m.from?.address === `commandes@${SHOP}`)!;
    expect(receipt.verdict).toBe('transactional');
    expect(shop.verdict).toBe('newsletter');
    const detail = await t.value('messages.get', { id: shop.id });
    const codes = detail.classification?.signals.map((s) => s.code);
    expect(codes).toContain('customer_relationship');
    expect(codes).not.toContain('leaked_identity');
  });
});

describe('a shop’s promotion stored before its receipt', () => {
  let t: TestCore;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ig-customer-late-'));
    const promotions = path.join(root, 'promotions');
    const receipts = path.join(root, 'receipts');
    mkdirSync(promotions);
    mkdirSync(receipts);
    writeFileSync(path.join(promotions, 'shop.eml'), PROMOTION(2, SHOP, 'Boutique Jardin'));
    writeFileSync(path.join(promotions, 'stranger.eml'), PROMOTION(7, STRANGER, 'Promo Graines'));
    writeFileSync(path.join(receipts, 'receipt.eml'), RECEIPT);
    t = createTestCore();
    await t.core.ready();
    // Mail is not always stored in date order: an older folder, a second account, an import.
    await t.value('import.local', { path: promotions });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const leakOf = async () =>
    (await t.value('identities.list', {})).find((i) => i.address === PRIVATE)?.leak;

  it('is no leak once the receipt is stored, and the address’s first leak is the stranger’s', async () => {
    // Alone, the shop's promotion (2 November) is the first leak, before the stranger's (7th).
    expect((await leakOf())?.advertiser).toBe(SHOP);
    await t.value('import.local', { path: path.join(root, 'receipts') });

    const items = (
      await Promise.all(
        (await t.value('accounts.list', {})).map((a) =>
          t.value('messages.list', { accountId: a.id, limit: 10 }),
        ),
      )
    ).flatMap((page) => page.items);
    const shop = items.find((m) => m.from?.address === `promo@${SHOP}`)!;
    const codes = (await t.value('messages.get', { id: shop.id })).classification?.signals.map(
      (s) => s.code,
    );
    expect(codes).toContain('customer_relationship');
    expect(codes).not.toContain('leaked_identity');
    expect((await leakOf())?.advertiser).toBe(STRANGER);
  });
});
