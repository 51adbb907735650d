/**
 * The people's documents on their own: the CNIL text of a case where the
 * advertiser did answer (the Dovecot case covers the one where it did not).
 */
import { describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../shared/types.js';
import type { BundledMessage, CaseDocument } from '../../electron/evidence/bundle.js';
import type { CaseFacts } from '../../electron/evidence/case-facts.js';
import { cnilText } from '../../electron/evidence/cnil-text.js';
import { reportText } from '../../electron/evidence/report-text.js';
import { timelineOf } from '../../electron/evidence/timeline.js';

function message(
  id: number,
  date: string,
  subject: string,
  role: BundledMessage['role'],
): BundledMessage {
  const folder = role === 'reply' ? 'replies' : 'messages';
  return {
    id,
    role,
    detail: {
      id,
      date,
      subject,
      from: { name: 'Boutique', address: 'dpo@boutique.fr' },
    } as MessageDetail,
    file: `${folder}/${date.slice(0, 10)}-Boutique.eml`,
    authentication: null,
  };
}

describe('the CNIL text of a case the advertiser answered', () => {
  const facts: CaseFacts = {
    advertiser: {
      domain: 'boutique.fr',
      name: 'Boutique',
      router: null,
      privacyContact: 'dpo@boutique.fr',
    },
    complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
    identities: ['alice@exemple.fr'],
    messages: [1],
    objections: [
      {
        channel: 'letter',
        sentAt: '2026-10-01T09:00:00.000Z',
        to: 'dpo@boutique.fr',
        raw: Buffer.from('x'),
        proof: null,
      },
    ],
    deadline: '2026-11-01T09:00:00.000Z',
    replies: [2],
    violations: [],
    scope: { advertiser: 'boutique.fr' },
  };
  const messages = [
    message(1, '2026-09-15T08:00:00.000Z', 'Soldes', 'marketing'),
    message(2, '2026-10-08T08:00:00.000Z', 'Re: Opposition', 'reply'),
  ];
  const objections = [
    { ...facts.objections[0]!, file: 'objections/2026-10-01-1-letter.eml', proofFile: null },
  ];
  const doc: CaseDocument = {
    facts,
    lang: 'fr',
    createdAt: '2026-12-05T10:00:00.000Z',
    messages,
    objections,
    timeline: timelineOf(facts, messages, objections),
  };

  it('names the answer with its date and file, and the complainant by name', () => {
    const text = cnilText(doc).replace(/[\u00A0\u202F]/g, ' ');
    expect(text).toContain(
      '- 8 octobre 2026 : réponse de l’organisme reçue (pièce : replies/2026-10-08-Boutique.eml).',
    );
    expect(text).toContain(
      '== Réponses de l’organisme ==\n1 réponse(s) reçue(s) : 8 octobre 2026 (replies/2026-10-08-Boutique.eml).',
    );
    expect(text).not.toContain('Aucune réponse');
    expect(text).toContain('Nom : Alice Martin');
    expect(text).toContain('Contact vie privée : dpo@boutique.fr');
  });

  it('puts French no-break spaces before colons and semicolons, never ordinary ones', () => {
    const text = cnilText(doc);
    expect(text).not.toMatch(/ [:;]/);
    expect(text).toContain('Nom\u00A0: Alice Martin');
  });
});

describe('the report’s dates inside sentences', () => {
  it('writes the date of a legal flag in words, never as ISO 8601', () => {
    const late = message(3, '2026-11-10T08:00:00.000Z', 'Nouveautés', 'violation');
    late.detail = {
      ...late.detail,
      classification: {
        legalFlags: [
          {
            code: 'after_objection',
            fr: 'reçu 40 jours après votre opposition du 2026-10-01 (RGPD art. 21(3))',
            en: 'received 40 days after your objection of 2026-10-01 (GDPR Art. 21(3))',
          },
        ],
      },
    } as MessageDetail;
    const facts: CaseFacts = {
      advertiser: { domain: 'boutique.fr', name: 'Boutique', router: null, privacyContact: null },
      complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
      identities: ['alice@exemple.fr'],
      messages: [3],
      objections: [],
      deadline: null,
      replies: [],
      violations: [3],
      scope: { advertiser: 'boutique.fr' },
    };
    const doc = (lang: 'fr' | 'en'): CaseDocument => ({
      facts,
      lang,
      createdAt: '2026-12-05T10:00:00.000Z',
      messages: [late],
      objections: [],
      timeline: timelineOf(facts, [late], []),
    });
    const breaches = (lang: 'fr' | 'en') =>
      reportText(doc(lang))
        .sections.flatMap((s) => s.paragraphs)
        .join('\n');
    expect(breaches('fr')).toContain('opposition du 1\u1D49\u02B3 octobre 2026 (RGPD');
    expect(breaches('en')).toContain('objection of 1 October 2026 (GDPR');
    expect(breaches('fr') + breaches('en')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
