/**
 * The pitches a business receives most, written one to one from the
 * sender's own domain (SEO, web design, contact lists, developers for hire):
 * read as prospecting from their wording, in English and in French, with the
 * phrase named in "Why"; the same words from someone the user wrote to are not.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';

const USER = 'camille.martin@atelier-durand.fr';

function oneToOne(from: string, subject: string) {
  const domain = from.split('@')[1]!;
  return [
    `Authentication-Results: mx.atelier-durand.fr; dkim=pass header.d=${domain}; spf=pass smtp.mailfrom=${domain}; dmarc=pass header.from=${domain}`,
    `Received: from mail.${domain} (mail.${domain} [203.0.113.45])`,
    '\tby mx.atelier-durand.fr with ESMTPS id 7c1d2; Wed, 14 Oct 2026 10:02:11 +0200',
    `From: Alex Martin <${from}>`,
    `To: ${USER}`,
    `Subject: ${subject}`,
    'Date: Wed, 14 Oct 2026 10:02:05 +0200',
    `Message-ID: <a81c2e.7f@mail.${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '',
  ].join('\r\n');
}

const PITCHES = [
  {
    kind: 'SEO, in English',
    from: 'alex@rankboost.io',
    subject: 'atelier-durand.fr on Google',
    text: 'Hello,\n\nWe offer SEO services that put architecture firms on the first page of Google.\nShall I send you our findings?\n\nAlex',
    phrase: 'seo services',
  },
  {
    kind: 'a contact list, in English',
    from: 'alex@expodata.biz',
    subject: 'Batimat 2026',
    text: 'Hi,\n\nWould you be interested in acquiring the Batimat 2026 Attendees List?\nEach record holds a name, title and email.\n\nRegards,\nAlex',
    phrase: 'attendees list',
  },
  {
    kind: 'web design, in French',
    from: 'alex@webcreatif.fr',
    subject: 'Votre site atelier-durand.fr',
    text: 'Bonjour,\n\nNotre agence propose la refonte de votre site, avec un devis gratuit sous 48 h.\nÀ votre disposition,\n\nAlex',
    phrase: 'refonte de votre site',
  },
  {
    kind: 'developers for hire, in French',
    from: 'alex@devnearshore.com',
    subject: 'Vos projets web',
    text: 'Bonjour,\n\nNous mettons à votre disposition des développeurs dédiés pour vos prestations informatiques, à des tarifs compétitifs.\n\nAlex',
    phrase: 'développeurs dédiés',
  },
];

const context = () =>
  createMemoryContext({
    identities: [{ address: USER, kind: 'professional', visibility: 'private' }],
  });

describe('the pitches a business receives most', () => {
  for (const pitch of PITCHES)
    it(`reads ${pitch.kind} as prospecting, naming the phrase`, () => {
      const input = { rawHeaders: oneToOne(pitch.from, pitch.subject), body: { text: pitch.text } };
      for (const models of [undefined, null] as const) {
        const result = classifyMessage(input, context(), models);
        expect(result.verdict).toBe('cold_prospecting');
        expect(result.signals).toContainEqual({
          code: 'sales_language',
          params: { phrase: pitch.phrase },
        });
      }
    });

  it('does not read the same words from a supplier the user wrote to as a pitch', () => {
    const pitch = PITCHES[2]!;
    const known = createMemoryContext({
      identities: [{ address: USER, kind: 'professional', visibility: 'private' }],
      writtenTo: ['contact@webcreatif.fr'],
    });
    const input = { rawHeaders: oneToOne(pitch.from, pitch.subject), body: { text: pitch.text } };
    expect(classifyMessage(input, known).verdict).not.toBe('cold_prospecting');
  });
});
