/** Relationship first, own organisation, legal flags, leaks and bilingual signals. */
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext, SIGNAL_CODES } from '../../electron/detect/index.js';
import { signal } from '../../electron/detect/signals.js';

const PITCH = [
  'Delivered-To: c.martin@acme-industrie.fr',
  'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by in3.mail.ovh.net (Postfix) with ESMTPS id q; Mon, 2 Mar 2026',
  'Authentication-Results: in3.mail.ovh.net; dkim=pass header.d=leadboost.fr; spf=pass smtp.mailfrom=julie@leadboost.fr; dmarc=pass header.from=leadboost.fr',
  'DKIM-Signature: v=1; a=rsa-sha256; d=leadboost.fr; s=google; h=From; bh=x; b=y',
  'From: Julie Bernard <julie@leadboost.fr>',
  'To: c.martin@acme-industrie.fr',
  'Subject: Petite question',
  'Message-ID: <CA+abc@mail.gmail.com>',
].join('\n');
const PITCH_BODY = {
  text: 'Bonjour Camille,\n\nJe me permets de vous contacter : nous aidons les entreprises comme la vôtre à générer des leads. Seriez-vous disponible pour un échange de 15 minutes ?\n\nJulie',
};
const identities = [
  {
    address: 'c.martin@acme-industrie.fr',
    kind: 'professional' as const,
    visibility: 'public' as const,
  },
];

describe('verdicts', () => {
  it('calls a first-contact pitch cold prospecting, with reasons', () => {
    const result = classifyMessage(
      { rawHeaders: PITCH, body: PITCH_BODY },
      createMemoryContext({ identities }),
    );
    expect(result.verdict).toBe('cold_prospecting');
    expect(result.unsolicited).toBe(true);
    const codes = result.signals.map((s) => s.code);
    expect(codes).toContain('sales_language');
    expect(codes).toContain('never_wrote_domain');
    expect(result.legalFlags.map((f) => f.code)).toEqual(
      expect.arrayContaining(['no_opt_out', 'professional_nominative']),
    );
  });

  it('never calls mail from someone the user wrote to unsolicited', () => {
    const result = classifyMessage(
      { rawHeaders: PITCH, body: PITCH_BODY },
      createMemoryContext({ identities, writtenTo: ['julie@leadboost.fr'] }),
    );
    expect(result.verdict).toBe('personal');
    expect(result.unsolicited).toBe(false);
    expect(result.signals.map((s) => s.code)).toContain('wrote_to_sender');
  });

  it('treats a reply in a thread the user started as correspondence', () => {
    const raw = PITCH.replace(
      'Subject: Petite question',
      'Subject: Re: Devis\nIn-Reply-To: <sent-1@acme-industrie.fr>',
    );
    const result = classifyMessage(
      { rawHeaders: raw, body: PITCH_BODY },
      createMemoryContext({ identities, sentMessageIds: ['<sent-1@acme-industrie.fr>'] }),
    );
    expect(result.unsolicited).toBe(false);
    expect(result.verdict).not.toBe('cold_prospecting');
  });

  it('respects a sender marked wanted', () => {
    const result = classifyMessage(
      { rawHeaders: PITCH, body: PITCH_BODY },
      createMemoryContext({ identities, decisions: { 'leadboost.fr': 'wanted' } }),
    );
    expect(result.unsolicited).toBe(false);
  });

  it('never calls the user’s own organisation a prospector', () => {
    const result = classifyMessage(
      { rawHeaders: PITCH, body: PITCH_BODY },
      createMemoryContext({ identities, ownDomains: ['leadboost.fr'] }),
    );
    expect(result.verdict).not.toBe('cold_prospecting');
    expect(result.unsolicited).toBe(false);
    // A colleague is not an advertiser.
    expect(result.advertiser).toBeNull();
  });

  it('names the account a platform wrote into From, not the platform, as the advertiser', () => {
    // Brevo and HubSpot write <account>.brevosend.com / .hubspotstarter.net for senders
    // without a domain of their own: two such senders are two advertisers.
    const advertiserOf = (from: string) =>
      classifyMessage(
        { rawHeaders: PITCH.replace('From: Julie Bernard <julie@leadboost.fr>', `From: ${from}`) },
        createMemoryContext({ identities }),
      ).advertiser?.domain;
    expect(advertiserOf('Atelier Lune <hello@11564950.brevosend.com>')).toBe(
      '11564950.brevosend.com',
    );
    expect(advertiserOf('Cave du Coin <hello@20451.hubspotstarter.net>')).toBe(
      '20451.hubspotstarter.net',
    );
  });

  it('marks a sender the user marked unwanted as unsolicited', () => {
    const raw = PITCH.replace('Subject: Petite question', 'Subject: Bonjour');
    const result = classifyMessage(
      { rawHeaders: raw, body: { text: 'Bonjour' } },
      createMemoryContext({ identities, decisions: { 'julie@leadboost.fr': 'unwanted' } }),
    );
    expect(result.unsolicited).toBe(true);
    expect(result.signals.map((s) => s.code)).toContain('unwanted_sender');
  });

  it('flags a private identity that receives marketing as leaked, and names the +tag', () => {
    const raw = [
      'Delivered-To: camille.martin+velo@gmail.com',
      'From: Vélo Shop <news@velo-shop.fr>',
      'To: camille.martin+velo@gmail.com',
      'Subject: Soldes : -30 % sur les casques',
      'List-Unsubscribe: <https://velo-shop.fr/unsub>',
      'X-MC-User: 0123456789abcdef',
    ].join('\n');
    const result = classifyMessage(
      { rawHeaders: raw },
      createMemoryContext({ identities: ['camille.martin@gmail.com'] }),
    );
    expect(result.verdict).toBe('newsletter');
    expect(result.identity).toBe('camille.martin+velo@gmail.com');
    expect(result.plusTag).toBe('velo');
    expect(result.identityLeaked).toBe(true);
    expect(result.signals.map((s) => s.code)).toEqual(
      expect.arrayContaining(['leaked_identity', 'plus_tag']),
    );
  });

  it('flags mail received after an objection', () => {
    const raw = [
      'From: Vélo Shop <news@velo-shop.fr>',
      'To: camille.martin@gmail.com',
      'Date: Mon, 02 Mar 2026 10:00:00 +0000',
      'Subject: Nouveautés',
      'List-Unsubscribe: <https://velo-shop.fr/unsub>',
      'X-MC-User: 0123456789abcdef',
    ].join('\n');
    const result = classifyMessage(
      { rawHeaders: raw },
      createMemoryContext({
        identities: ['camille.martin@gmail.com'],
        objections: { 'velo-shop.fr': '2026-01-15' },
      }),
    );
    const flag = result.legalFlags.find((f) => f.code === 'after_objection');
    expect(flag?.fr).toContain('46 jours');
  });
});

describe('signals', () => {
  it('has an English and a French sentence for every code', () => {
    for (const code of SIGNAL_CODES) {
      const s = signal(code, {
        name: 'SendGrid',
        evidence: 'X-SG-EID',
        phrase: 'démo',
        host: 'calendly.com',
        domain: 'x.fr',
        address: 'a@b.fr',
        tag: 't',
        value: 'bulk',
        list: 'l',
        provider: 'Google',
      });
      expect(s.en.length, code).toBeGreaterThan(5);
      expect(s.fr.length, code).toBeGreaterThan(5);
      expect(s.fr, code).not.toBe(s.en);
    }
    expect(signal('list_unsubscribe')).toEqual({
      code: 'list_unsubscribe',
      en: 'List-Unsubscribe header present',
      fr: 'En-tête List-Unsubscribe présent',
    });
  });
});
