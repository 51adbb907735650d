/**
 * Mail to an account holder about the account (a purchase confirmation, an
 * address to verify, a bill, new terms): the rules name its wording, so it is
 * never filed or objected to as a promotion. Words every promotion's footer
 * carries ("terms and conditions", "privacy policy") count in a subject only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messageInputOf } from '../../electron/cli/eml.js';
import { extractFeatures } from '../../electron/detect/features.js';
import type { MessageInput } from '../../electron/detect/types.js';
import { parseHeaderBlock } from '../../electron/mail-format/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'messages');

function wordingOf(input: MessageInput) {
  const f = extractFeatures(parseHeaderBlock(input.rawHeaders), input.body);
  return { subject: f.transactionalSubject, body: f.transactionalBody };
}

function message(subject: string, text: string): MessageInput {
  return {
    rawHeaders: [
      'From: Boutique Durand <contact@boutique-durand.fr>',
      'To: claire@exemple.fr',
      `Subject: ${subject}`,
      'Date: Tue, 13 Oct 2026 09:12:31 +0200',
      'Message-ID: <20261013071231.1f2e@boutique-durand.fr>',
      '',
      '',
    ].join('\r\n'),
    body: { text },
  };
}

describe('an account holder’s notice', () => {
  it('is named by its wording in real mail: a purchase confirmation, an address to verify, a bill', async () => {
    // Shared corpus: Orbitz (0134), Yahoo! (0119) and GEICO (0140), as received.
    const cases: Array<[string, string]> = [
      ['0134', 'purchase confirmation'],
      ['0119', 'email verification'],
      ['0140', 'bill is ready'],
    ];
    for (const [file, phrase] of cases) {
      const input = await messageInputOf(readFileSync(path.join(CORPUS, `${file}.eml`)));
      expect(wordingOf(input).subject, file).toBe(phrase);
    }
  });

  it('names new terms or a privacy policy from the subject, in French and English', () => {
    expect(
      wordingOf(message('Mise à jour de nos conditions générales', 'Bonjour Claire,')).subject,
    ).toBe('conditions générales');
    expect(wordingOf(message('Our Privacy Policy has changed', 'Hello')).subject).toBe(
      'privacy policy',
    );
  });

  it('does not take a promotion’s footer for an account notice', () => {
    const promotion = message(
      'Les soldes continuent : -30 % sur les manteaux',
      'Profitez de -30 % sur toute la collection. Voir nos conditions générales de vente et notre politique de confidentialité.',
    );
    expect(wordingOf(promotion)).toEqual({ subject: null, body: null });
    const offer = message(
      'Black Friday : -10 % sur votre achat',
      'Profitez de -10 % sur votre achat, et aucun paiement avant mars. 10% off your purchase, no payment due for 12 months.',
    );
    expect(wordingOf(offer)).toEqual({ subject: null, body: null });
  });
});
