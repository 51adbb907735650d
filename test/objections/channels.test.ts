/**
 * Never feed a spammer: with no proven router, an unaligned sender, no
 * identifiable advertiser or a spam verdict, no unsubscribe is offered (an
 * unsubscribe would only confirm the address is read); Signal Spam is.
 */
import { describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../shared/types.js';
import { channelOffers, isNoReply } from '../../electron/objections/channels.js';

function message(over: {
  verdict?: MessageDetail['verdict'];
  router?: 'verified' | 'claimed' | null;
  aligned?: boolean | null;
  privacy?: string | null;
}): MessageDetail {
  const router =
    over.router === null
      ? null
      : {
          id: 'hubspot',
          name: 'HubSpot',
          kind: 'crm',
          accountId: '1',
          abuse: 'abuse@hubspot.com',
          confidence: over.router ?? ('verified' as const),
        };
  const advertiser =
    over.aligned === null
      ? null
      : {
          domain: 'brand.fr',
          name: 'Brand',
          privacyContact: over.privacy ?? null,
          aligned: over.aligned ?? true,
        };
  return {
    id: 1,
    accountId: 'a',
    folderId: 1,
    uid: 1,
    messageId: '<m@brand.fr>',
    date: null,
    from: { name: 'Brand', address: 'news@brand.fr' },
    to: [{ name: '', address: 'alice@exemple.fr' }],
    subject: 'Promo',
    size: 1,
    flags: [],
    hasListUnsubscribe: true,
    verdict: over.verdict ?? 'newsletter',
    detectionError: null,
    score: 1,
    unsolicited: true,
    router: router?.name ?? null,
    advertiser: advertiser?.domain ?? null,
    identity: 'alice@exemple.fr',
    headers: [
      { name: 'List-Unsubscribe', value: '<https://u.brand.fr/x>, <mailto:u@brand.fr>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
    rawHeaders: '',
    classification: { signals: [], legalFlags: [], router, advertiser },
  };
}

const unsubscribes = (m: MessageDetail) =>
  channelOffers(m)
    .filter((o) => o.channel === 'one-click' || o.channel === 'mailto')
    .map((o) => [o.available, o.reason]);

describe('channels a message allows', () => {
  it('offers both unsubscribes for marketing from a proven platform and aligned sender', () => {
    expect(unsubscribes(message({}))).toEqual([
      [true, null],
      [true, null],
    ]);
  });

  it.each([
    ['a spam verdict', { verdict: 'spam' as const }, 'plain-spam'],
    ['no identifiable advertiser', { aligned: null }, 'no-advertiser'],
    ['a sender not aligned with its advertiser', { aligned: false }, 'sender-not-aligned'],
    ['a router only claimed', { router: 'claimed' as const }, 'no-proven-router'],
    ['no router at all', { router: null }, 'no-proven-router'],
  ])('offers no unsubscribe for %s, but Signal Spam', (_label, over, reason) => {
    const m = message(over);
    expect(unsubscribes(m)).toEqual([
      [false, reason],
      [false, reason],
    ]);
    expect(channelOffers(m).find((o) => o.channel === 'signal-spam')?.available).toBe(true);
  });

  it('offers the letter only to a privacy contact that reads mail', () => {
    const letter = (privacy: string | null) =>
      channelOffers(message({ privacy })).find((o) => o.channel === 'letter');
    expect(letter('dpo@brand.fr')).toMatchObject({ available: true, to: 'dpo@brand.fr' });
    expect(letter(null)).toMatchObject({ available: false, reason: 'no-privacy-contact' });
    expect(letter('noreply@brand.fr')).toMatchObject({
      available: false,
      reason: 'no-reply-address',
    });
    expect(isNoReply('ne-pas-repondre@brand.fr')).toBe(true);
    expect(isNoReply('privacy@brand.fr')).toBe(false);
  });
});
