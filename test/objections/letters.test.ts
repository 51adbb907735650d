/**
 * The letters' texts: every article legal.md lists, the references, the
 * deadline as a date, French typography (no-break spaces) in French, and the
 * reminder that follows an unanswered letter.
 */
import { describe, expect, it } from 'vitest';
import { gdprLetter, reminderLetter } from '../../electron/objections/letters.js';

const facts = {
  identity: 'alice@exemple.fr',
  advertiser: 'Brand',
  message: { date: '2026-11-02T09:00:00Z', subject: 'Nos offres' },
  referenceToken: 'IG-ABCDEFGH',
  writtenAt: '2026-12-05T10:00:00Z',
  deadline: '2027-01-05T22:59:59.999Z',
};

describe('letters', () => {
  it('writes the French letter with its articles, deadline and French spacing', () => {
    const { subject, text } = gdprLetter({ ...facts, language: 'fr' });
    expect(subject).toBe(
      'Opposition, effacement et accès (RGPD art. 21, 17 et 15) — réf. IG-ABCDEFGH',
    );
    for (const part of [
      'art. 21(2)',
      'art. 17(1)(c)',
      'art. 15(1)(g)',
      'art. 14',
      'art. 15(1)(c)',
      'art. 7(1)',
      'art. 12(3)',
      'art. 19',
      'art. 17(2)',
      'art. 77',
    ])
      expect(text).toContain(part);
    expect(text).toContain('je retire en outre tout consentement');
    expect(text).toContain('au plus tard le 5 janvier 2027');
    expect(text).toContain('Le 2 novembre 2026, mon adresse alice@exemple.fr');
    expect(text).toContain('«\u00A0Nos offres\u00A0»');
    expect(text).not.toMatch(/ [:;?!]/);
    expect(text).toContain('ceci n’est pas un conseil juridique');
  });

  it('writes the English letter with the same articles', () => {
    const { subject, text } = gdprLetter({ ...facts, language: 'en' });
    expect(subject).toBe(
      'Objection, erasure and access (GDPR Art. 21, 17 and 15) — ref. IG-ABCDEFGH',
    );
    for (const part of [
      'Art. 21(2)',
      'Art. 17(1)(c)',
      'Art. 15(1)(g)',
      'Art. 14',
      'Art. 7(1)',
      'Art. 12(3)',
    ])
      expect(text).toContain(part);
    expect(text).toContain('by 5 January 2027 at the latest');
    expect(text).toContain('this is not legal advice');
  });

  it('reminds of the first letter, its reference, and gives two weeks before the complaint', () => {
    const reminder = {
      identity: 'alice@exemple.fr',
      advertiser: 'Brand',
      firstSentAt: '2026-12-05T10:00:00Z',
      firstToken: 'IG-ABCDEFGH',
      referenceToken: 'IG-JKLMNPQR',
      deadline: '2027-01-20T10:00:00Z',
    };
    const fr = reminderLetter({ ...reminder, language: 'fr' });
    expect(fr.subject).toBe(
      'Relance\u00A0: demande RGPD du 5 décembre 2026 restée sans réponse — réf. IG-JKLMNPQR',
    );
    expect(fr.text).toContain('référence IG-ABCDEFGH');
    expect(fr.text).toContain('art. 12(3)');
    expect(fr.text).toContain('au plus tard le 20 janvier 2027');
    expect(fr.text).toContain('CNIL');
    const en = reminderLetter({ ...reminder, language: 'en' });
    expect(en.subject).toBe(
      'Reminder: GDPR request of 5 December 2026 unanswered — ref. IG-JKLMNPQR',
    );
    expect(en.text).toContain('by 20 January 2027 at the latest');
  });

  it('dates the letter in the user’s time zone, where its deadline ends', () => {
    // The end of 5 January in New York is 6 January in UTC: the letter says the 5th.
    const newYork = {
      ...facts,
      message: { date: '2026-11-03T02:00:00Z', subject: 'Nos offres' },
      deadline: '2027-01-06T04:59:59.999Z',
      timeZone: 'America/New_York',
    };
    const { text } = gdprLetter({ ...newYork, language: 'en' });
    expect(text).toContain('by 5 January 2027 at the latest');
    expect(text).toContain('On 2 November 2026, my address');
    const reminder = reminderLetter({
      ...newYork,
      language: 'fr',
      firstSentAt: '2026-12-06T03:00:00Z',
      firstToken: 'IG-ABCDEFGH',
      referenceToken: 'IG-HGFEDCBA',
    });
    expect(reminder.text).toContain('Le 5 décembre 2026, je vous ai adressé');
    expect(reminder.text).toContain('au plus tard le 5 janvier 2027');
  });
});
