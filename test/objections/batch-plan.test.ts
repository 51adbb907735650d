/**
 * What a batch objection proposes and sends for one advertiser: one
 * unsubscribe (one-click when DKIM proved it, else mailto) and the letter
 * where offered; for spam, nothing by itself; the send input confirms
 * exactly the recipients and channels it sends to.
 */
import { describe, expect, it } from 'vitest';
import type { BatchTarget, ChannelOfferInfo } from '../../shared/api/objections.js';
import {
  defaultPlan,
  plannedRequests,
  sendInput,
  spamReason,
} from '../../renderer/src/objections/batch-plan.js';

const offer = (
  channel: ChannelOfferInfo['channel'],
  to: string | null,
  reason: string | null = null,
): ChannelOfferInfo => ({ channel, to, reason, available: reason === null && to !== null });

const target = (offers: ChannelOfferInfo[]): BatchTarget => ({
  messageId: 7,
  advertiser: 'brand.fr',
  advertiserName: 'Brand',
  identity: 'alice@exemple.fr',
  subject: 'Offres',
  offers,
});

const marketing = (oneClickReason: string | null) =>
  target([
    offer('one-click', 'https://unsub.brand.fr/u/42', oneClickReason),
    offer('mailto', 'mailto:unsubscribe@brand.fr'),
    offer('letter', 'dpo@brand.fr'),
    offer('abuse-report', null, 'no-abuse-address'),
    offer('signal-spam', 'signal-spam'),
  ]);

describe('a batch objection’s plan for one advertiser', () => {
  it('proposes one-click when DKIM proved it, else mailto, and the letter', () => {
    expect([...defaultPlan(marketing(null), 'fr').chosen]).toEqual(['one-click', 'letter']);
    expect([...defaultPlan(marketing('dkim-not-verified'), 'fr').chosen]).toEqual([
      'mailto',
      'letter',
    ]);
    expect(spamReason(marketing(null).offers)).toBeNull();
  });

  it('proposes nothing for spam, and says why no unsubscribe is offered', () => {
    const spam = target([
      offer('one-click', 'https://x.top/u', 'plain-spam'),
      offer('mailto', 'mailto:x@x.top', 'plain-spam'),
      offer('letter', null, 'no-advertiser'),
      offer('abuse-report', null, 'no-router'),
      offer('signal-spam', 'signal-spam'),
    ]);
    expect(defaultPlan(spam, 'en').chosen.size).toBe(0);
    expect(spamReason(spam.offers)).toBe('plain-spam');
  });

  it('confirms exactly what it sends, the letter as the user left it', () => {
    const x = marketing('dkim-not-verified');
    const plan = {
      ...defaultPlan(x, 'en'),
      letterTo: 'privacy@brand.fr',
      letter: {
        language: 'en' as const,
        to: 'privacy@brand.fr',
        subject: 'Objection',
        text: 'Edited text',
        referenceToken: 'IG-ABCDEFGH',
        deadline: '2027-01-05T00:00:00.000Z',
        noReply: false,
      },
    };
    expect(plannedRequests(x, plan)).toEqual([
      { channel: 'mailto', to: 'mailto:unsubscribe@brand.fr' },
      { channel: 'letter', to: 'privacy@brand.fr' },
    ]);
    const input = sendInput(x, plan);
    expect(input.confirmation).toEqual(plannedRequests(x, plan));
    expect(input.requests[1]).toMatchObject({
      channel: 'letter',
      to: 'privacy@brand.fr',
      language: 'en',
      letter: { subject: 'Objection', text: 'Edited text', referenceToken: 'IG-ABCDEFGH' },
    });
    expect(input.repeat).toBe(false);
  });
});
